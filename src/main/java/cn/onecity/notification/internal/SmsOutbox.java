package cn.onecity.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.PageResult;
import cn.onecity.shared.ReplayableClock;

/**
 * The SMS waiting to be sent, and those sent: an outbox written in the transaction of the in-app message it
 * repeats, so that an SMS exists exactly when its message does. {@link SmsDispatcher} sends them.
 */
@Component
public class SmsOutbox {

    /** The longest text sent (a few concatenated SMS); longer messages are cut with an ellipsis. */
    static final int MAX_TEXT = 300;

    public enum Status {
        PENDING("待发送"), SENDING("发送中"), SENT("已发送"), FAILED("发送失败"), NO_PHONE("未发送（无手机号）"),
        LIMITED("未发送（超出每小时上限）");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One SMS as the administrator sees it: to whom (masked), what, and what became of it. */
    public record Sms(long id, String username, String phoneMasked, String category, String text, Status status,
            int attempts, String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt) {
    }

    private final JdbcClient jdbc;
    private final SmsSettings settings;
    private final Accounts accounts;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    SmsOutbox(JdbcClient jdbc, SmsSettings settings, Accounts accounts, AuditLog audit,
            PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.accounts = accounts;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Adds the SMS for an in-app message to an account, if SMS are on for its category, the account has a phone
     * number and has not turned SMS off; joins the caller's transaction. Returns whether it will be sent: beyond
     * {@code onecity.notification.sms.max-per-hour} for the account it is recorded as {@link Status#LIMITED} only. A
     * message written while demo data replays the past is history, not news: it gets no SMS.
     */
    public boolean enqueue(long accountId, String category, String title, String body) {
        if (!settings.sends(category) || clock instanceof ReplayableClock replayable && replayable.replaying()
                || optedOut(accountId)) {
            return false;
        }
        String masked = accounts.maskedPhone(accountId).orElse(null);
        if (masked == null) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        // a flood (a bug, a loop of notices) must not reach a resident's phone: beyond the hourly cap, record only
        int lastHour = jdbc.sql("""
                SELECT COUNT(*) FROM ntf_sms WHERE account_id = :a AND created_at > :since AND status <> 'LIMITED'""")
                .param("a", accountId).param("since", now.minusHours(1)).query(Integer.class).single();
        boolean limited = lastHour >= settings.maxPerHour();
        jdbc.sql("""
                INSERT INTO ntf_sms (account_id, category, text, status, attempts, next_attempt_at, phone_masked, created_at)
                VALUES (:a, :c, :t, :s, 0, :now, :m, :now)""")
                .param("a", accountId).param("c", category).param("t", text(settings.signature(), title, body))
                .param("s", limited ? Status.LIMITED.name() : Status.PENDING.name()).param("now", now).param("m", masked)
                .update();
        return !limited;
    }

    /**
     * What the signed-in user may choose about SMS: offered when SMS are on and the account has a phone number
     * ({@code phoneMasked}); {@code receives} is false after the user turned them off; {@code categories} are the
     * kinds of message sent as SMS.
     */
    public record Choice(boolean offered, String phoneMasked, boolean receives, List<String> categories) {
    }

    public Choice choice(CurrentUser user) {
        String masked = user == null || !settings.enabled() ? null : accounts.maskedPhone(user.accountId()).orElse(null);
        return new Choice(masked != null, masked, masked != null && !optedOut(user.accountId()), settings.categories());
    }

    /** The kinds of in-app message sent as SMS. */
    public List<String> categories() {
        return settings.categories();
    }

    /**
     * Turns SMS off or on again for the signed-in user's own account; each change is recorded in the operation log.
     * Asking for the state the account is in changes nothing, also when two requests race (a double click).
     */
    public void receive(CurrentUser user, boolean receive) {
        if (user == null) {
            throw new ForbiddenException("请先登录");
        }
        try {
            tx.executeWithoutResult(status -> {
                if (receive) {
                    if (jdbc.sql("DELETE FROM ntf_sms_opt_out WHERE account_id = :a").param("a", user.accountId()).update() > 0) {
                        audit.record("notification", "恢复短信通知", user.username(), null);
                    }
                } else if (!optedOut(user.accountId())) {
                    jdbc.sql("INSERT INTO ntf_sms_opt_out (account_id, opted_out_at) VALUES (:a, :at)")
                            .param("a", user.accountId()).param("at", OffsetDateTime.now(clock)).update();
                    audit.record("notification", "退订短信通知", user.username(), null);
                }
            });
        } catch (DuplicateKeyException alreadyOptedOut) {
            // the other request opted out first, and recorded it
        }
    }

    private boolean optedOut(long accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM ntf_sms_opt_out WHERE account_id = :a").param("a", accountId)
                .query(Integer.class).single() > 0;
    }

    /** {@code 【一座城】title：body}, at most {@value #MAX_TEXT} characters. */
    static String text(String signature, String title, String body) {
        return abbreviate(signature + title + (body == null || body.isBlank() ? "" : "：" + body.strip()), MAX_TEXT);
    }

    /** The text itself if it has at most {@code max} characters, else its start and an ellipsis, {@code max} in all. */
    static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The SMS newest first, for administrators. */
    public PageResult<Sms> list(CurrentUser user, int page, int size) {
        if (user == null || user.role() != Role.ADMIN) {
            throw new ForbiddenException("仅系统管理员可以查看短信记录");
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM ntf_sms").query(Long.class).single();
        List<Sms> rows = jdbc.sql("SELECT * FROM ntf_sms ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .param("limit", size).param("offset", (long) page * size).query(this::row).list();
        return new PageResult<>(rows, page, size, total);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    private Sms row(ResultSet rs, int i) throws SQLException {
        long account = rs.getLong("account_id");
        String username = accounts.find(account).map(CurrentUser::username).orElse("#" + account);
        return new Sms(rs.getLong("id"), username, rs.getString("phone_masked"), rs.getString("category"),
                rs.getString("text"), Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("sent_at", OffsetDateTime.class));
    }
}
