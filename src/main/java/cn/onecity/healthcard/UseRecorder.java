package cn.onecity.healthcard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.healthcard.offline.Verification.Reason;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;

/**
 * Commits the outcome of online verifications in groups ("group commit"): the request threads check the code (parse,
 * trust list, SM2 signature, expiry), then hand what must be written to this recorder and wait. One writer thread takes
 * everything that arrived meanwhile and, in one transaction, reads the cards (existence and loss report), writes the
 * use records and the operation-log entries as statement batches, and commits; only then does each request answer.
 * <p>
 * So every 200 answer has its use committed before it is sent (issue 4 §4), as with a transaction per request, but the
 * database sees one transaction and three statement round trips per group instead of five per verification. A group
 * holds what arrived while the previous one was being written, so it stays small (one request) under light load and
 * grows with the load, without any waiting for a group to fill.
 * <p>
 * If a group's transaction fails, nothing of it is written and each of its requests gets a 503; a request that waits
 * longer than {@value #WAIT_SECONDS} s gets a 503 too (its use may still be committed: it is then recorded but not
 * answered, never the reverse). When {@value #CAPACITY} requests are already waiting, a new one is refused at once.
 */
@Component
class UseRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UseRecorder.class);

    static final int CAPACITY = 4096;
    static final int MAX_GROUP = 512;
    static final long WAIT_SECONDS = 10;

    /** A checked code's use to record; the card is looked up in the group's transaction. */
    record Use(String cardId, String keyId, Instant issuedAt, Hospital hospital, String purpose, String department,
            CurrentUser user, String ip, Instant at) {
    }

    /** A refused verification, for the operation log only. */
    record Refusal(String target, String detail, CurrentUser user, String ip, Instant at) {
    }

    /** What became of a use: recorded (useId and card), or refused because the card is unknown or was reported lost. */
    record Outcome(Reason reason, Long useId, UseRows.CardRow card) {
    }

    record Job(Object work, CompletableFuture<Outcome> done) {
    }

    private final UseRows rows;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean running;
    private Thread writer;

    UseRecorder(UseRows rows, PlatformTransactionManager transactions, AuditLog audit) {
        this.rows = rows;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
    }

    /** Records the use once the card is found and not reported lost before the code was issued; waits for the commit. */
    Outcome record(Use use) {
        return await(submit(use));
    }

    /** Records a refusal in the operation log; waits for the commit. */
    void refused(Refusal refusal) {
        await(submit(refusal));
    }

    private CompletableFuture<Outcome> submit(Object work) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Job(work, done))) {
            throw unavailable();
        }
        return done;
    }

    private static Outcome await(CompletableFuture<Outcome> done) {
        try {
            return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable();
        }
    }

    private static BusinessException unavailable() {
        return new BusinessException(503, "核验服务繁忙，用卡记录未能保存，请稍后重试");
    }

    // ---- the writer ---------------------------------------------------------------------------------------------

    private void run() {
        List<Job> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (!running) {
                    break;
                }
            } catch (RuntimeException | LinkageError | AssertionError e) { // the writer must outlive any one group
                log.error("Health-card use group of {} could not be written", group.size(), e);
                group.forEach(j -> j.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
        Job left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("shutting down"));
        }
    }

    /** One transaction for the group; the answers are released only after the commit. */
    void write(List<Job> group) {
        Map<Job, Outcome> outcomes = tx.execute(status -> {
            LinkedHashSet<String> cardIds = new LinkedHashSet<>();
            for (Job j : group) {
                if (j.work() instanceof Use u) {
                    cardIds.add(u.cardId());
                }
            }
            Map<String, UseRows.CardRow> cards = rows.cards(cardIds);
            Map<Job, Outcome> result = new HashMap<>();
            List<Job> uses = new ArrayList<>();
            List<AuditLog.Entry> entries = new ArrayList<>();
            for (Job j : group) {
                if (j.work() instanceof Refusal r) {
                    entries.add(new AuditLog.Entry(UseRows.local(r.at()), r.user(), r.ip(), "healthcard", "核验电子健康卡", r.target(),
                            r.detail(), false));
                    result.put(j, new Outcome(null, null, null));
                    continue;
                }
                Use u = (Use) j.work();
                UseRows.CardRow card = cards.get(u.cardId());
                Reason reason = card == null ? Reason.UNKNOWN_CARD : card.revokes(u.issuedAt()) ? Reason.REVOKED : Reason.OK;
                String what = u.hospital().name() + " " + u.purpose();
                if (reason != Reason.OK) {
                    entries.add(new AuditLog.Entry(UseRows.local(u.at()), u.user(), u.ip(), "healthcard", "核验电子健康卡", u.cardId(),
                            what + "：" + reason.name(), false));
                    result.put(j, new Outcome(reason, null, null));
                } else {
                    uses.add(j);
                    entries.add(new AuditLog.Entry(UseRows.local(u.at()), u.user(), u.ip(), "healthcard", "核验电子健康卡", u.cardId(),
                            what + (u.department() == null ? "" : " " + u.department()), true));
                }
            }
            long[] ids = rows.insert(uses.stream().map(j -> {
                Use u = (Use) j.work();
                return new UseRows.Row(u.cardId(), u.keyId(), u.issuedAt(), u.hospital(), u.purpose(), u.department(),
                        u.user().username(), u.at(), cards.get(u.cardId()).homeCityCode(), null);
            }).toList());
            for (int i = 0; i < uses.size(); i++) {
                Job j = uses.get(i);
                result.put(j, new Outcome(Reason.OK, ids[i], cards.get(((Use) j.work()).cardId())));
            }
            audit.recordAll(entries);
            return result;
        });
        for (Job j : group) {
            j.done().complete(outcomes.get(j));
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = new Thread(this::run, "healthcard-use-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stops taking new work, writes what is queued, and ends the writer. */
    @Override
    public synchronized void stop() {
        running = false;
        if (writer != null) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server (which stops at a higher phase first, so no new requests arrive) and the pool. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2;
    }
}
