package cn.onecity.notification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.identity.Accounts;
import cn.onecity.notification.internal.SmsGateway.Kind;
import cn.onecity.notification.internal.SmsGateway.Outcome;
import cn.onecity.notification.internal.SmsOutbox.Status;

/**
 * Sends the SMS of the {@link SmsOutbox} through the {@link SmsGateway}, every few seconds
 * ({@code onecity.notification.sms.poll-interval}).
 * <p>
 * Each SMS is claimed by a conditional UPDATE in a transaction of its own, so that with several instances exactly
 * one sends it; a claim older than {@link #STALE_CLAIM} (an instance that stopped while sending) is taken over. The
 * phone number is read from the account at that moment (an audited read of personal data) and is not stored. A
 * failed attempt is tried again after 30 s, 1 min, 2 min … (at most an hour), up to
 * {@code onecity.notification.sms.max-attempts}; a refusal (an invalid number) is final.
 */
@Component
class SmsDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SmsDispatcher.class);

    static final Duration STALE_CLAIM = Duration.ofMinutes(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    private static final int BATCH = 50;
    /** Waiting and due, or claimed by an instance that stopped while sending. */
    private static final String DUE = "((status = 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND claimed_at < :stale))";

    private final JdbcClient jdbc;
    private final SmsSettings settings;
    private final SmsGateway gateway;
    private final Accounts accounts;
    private final TransactionTemplate tx;
    private final Clock clock;

    SmsDispatcher(JdbcClient jdbc, SmsSettings settings, SmsGateway gateway, Accounts accounts,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.gateway = gateway;
        this.accounts = accounts;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${onecity.notification.sms.poll-interval:PT5S}")
    void scheduled() {
        if (settings.enabled()) {
            int sent = run();
            if (sent > 0) {
                log.info("SMS: {} sent", sent);
            }
        }
    }

    /** Sends what is due now; returns how many this call sent. */
    public int run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Long> due = jdbc.sql("SELECT id FROM ntf_sms WHERE " + DUE + " ORDER BY id LIMIT :batch")
                .param("now", now).param("stale", now.minus(STALE_CLAIM)).param("batch", BATCH)
                .query(Long.class).list();
        int sent = 0;
        for (long id : due) {
            try {
                if (send(id)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                log.error("SMS {} could not be handled; it is tried again once its claim is stale", id, e);
            }
        }
        return sent;
    }

    private record Claimed(String text, int attempts, Optional<String> phone) {
    }

    private boolean send(long id) {
        Claimed claimed = tx.execute(status -> claim(id));
        if (claimed == null) {
            return false; // another instance took it, or it is no longer due
        }
        if (claimed.phone().isEmpty()) {
            finish(id, Status.NO_PHONE, claimed.attempts(), "账户没有手机号或已停用", null);
            return false;
        }
        Outcome outcome = attempt(id, claimed);
        int attempts = claimed.attempts() + 1;
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (outcome.kind() == Kind.SENT) {
            finish(id, Status.SENT, attempts, null, now);
            return true;
        }
        if (outcome.kind() == Kind.REFUSED || attempts >= settings.maxAttempts()) {
            finish(id, Status.FAILED, attempts, outcome.detail(), null);
            log.warn("SMS {} failed after {} attempt(s): {}", id, attempts, outcome.detail());
            return false;
        }
        tx.executeWithoutResult(status -> jdbc.sql("""
                UPDATE ntf_sms SET status = 'PENDING', attempts = :n, last_error = :e, next_attempt_at = :next, claimed_at = NULL
                WHERE id = :id""")
                .param("n", attempts).param("e", cut(outcome.detail())).param("next", now.plus(backoff(attempts)))
                .param("id", id).update());
        return false;
    }

    /** One attempt; a gateway adapter's bug counts as a failed attempt rather than leaving the SMS claimed. */
    private Outcome attempt(long id, Claimed claimed) {
        try {
            return gateway.send("ntf-sms-" + id, claimed.phone().get(), claimed.text());
        } catch (RuntimeException e) {
            log.error("SMS gateway failed on SMS {}", id, e);
            return new Outcome(Kind.RETRY, "发送出错：" + e.getClass().getSimpleName());
        }
    }

    private Claimed claim(long id) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("UPDATE ntf_sms SET status = 'SENDING', claimed_at = :now WHERE id = :id AND " + DUE)
                .param("now", now).param("stale", now.minus(STALE_CLAIM)).param("id", id).update();
        if (updated == 0) {
            return null;
        }
        return jdbc.sql("SELECT account_id, category, text, attempts FROM ntf_sms WHERE id = :id").param("id", id)
                .query((rs, i) -> new Claimed(rs.getString("text"), rs.getInt("attempts"),
                        accounts.phoneForMessage(rs.getLong("account_id"), rs.getString("category") + "短信通知")))
                .single();
    }

    private void finish(long id, Status status, int attempts, String error, OffsetDateTime sentAt) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                UPDATE ntf_sms SET status = :s, attempts = :n, last_error = :e, sent_at = :at, claimed_at = NULL
                WHERE id = :id""")
                .param("s", status.name()).param("n", attempts).param("e", cut(error)).param("at", sentAt).param("id", id)
                .update());
    }

    /** 30 s after the first failed attempt, doubling, at most an hour. */
    static Duration backoff(int attempts) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : d;
    }

    /** last_error holds 300 characters. */
    private static String cut(String s) {
        return SmsOutbox.abbreviate(s, 300);
    }
}
