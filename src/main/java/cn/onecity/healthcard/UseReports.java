package cn.onecity.healthcard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.healthcard.offline.OfflineVerifier;
import cn.onecity.healthcard.offline.Verification;
import cn.onecity.healthcard.offline.Verification.Reason;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.Times;

/**
 * Uses that a hospital verified offline, with the embedded {@link OfflineVerifier}, reported to the platform in
 * batches afterwards, so that the holder sees every use of the card (issue 4 §6) and the statistics count it, even
 * when the hospital's network was down.
 * <p>
 * The platform trusts a report no further than the code it carries. Each reported code must have a valid platform
 * signature and must have been valid at the reported time of use: issued by then, not yet expired, and not revoked
 * by then (no loss report between the code's issue and its use; a use before the holder reported the loss is
 * recorded, so the holder sees it); otherwise the item is refused with its reason and nothing is recorded
 * for it. The time of use must lie in the last {@code onecity.healthcard.report-window} (30 days by default) and not
 * in the future.
 * <p>
 * A report is idempotent: an item that the same hospital already reported (same code, purpose and second of use) is
 * answered DUPLICATE with the use recorded the first time ({@code hc_use_report}), so a hospital may resend a batch whose answer it lost.
 * Malformed requests (missing or invalid purpose, time or payload field; more than {@value #MAX_USES} items) are
 * refused as a whole with 400 and every bad field named, and nothing is recorded. Each item is in the operation log.
 */
@Service
public class UseReports {

    public static final int MAX_USES = 500;

    /** Status of a recorded item; a refused item has a {@link Reason} name or {@link #USED_BEFORE_ISSUED}. */
    public static final String RECORDED = "RECORDED";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String USED_BEFORE_ISSUED = "USED_BEFORE_ISSUED";

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(OfflineVerifier.DEFAULT_CLOCK_SKEW_SECONDS);

    /** One use as the hospital reports it. */
    public record ReportedUse(String payload, String purpose, String department, OffsetDateTime usedAt) {
    }

    /** What became of one item: {@code useId} is set for RECORDED and DUPLICATE. */
    public record ItemResult(int index, String status, String message, Long useId) {
    }

    public record Report(int received, int recorded, int duplicates, int refused, List<ItemResult> results) {
    }

    private final SigningKeys keys;
    private final Hospitals hospitals;
    private final UseRows rows;
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration window;
    private final RateLimiter limiter;

    UseReports(SigningKeys keys, Hospitals hospitals, UseRows rows, JdbcClient jdbc, JdbcTemplate jdbcTemplate, AuditLog audit,
            PlatformTransactionManager transactions, Clock clock,
            @Value("${onecity.healthcard.report-window:P30D}") Duration window,
            @Value("${onecity.healthcard.verify-rate:20}") double perSecond,
            @Value("${onecity.healthcard.verify-burst:40}") int burst) {
        this.keys = keys;
        this.hospitals = hospitals;
        this.rows = rows;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.window = window;
        this.limiter = new RateLimiter(perSecond, burst, System::nanoTime);
    }

    /** Checks the request as a whole, then records each item that holds, in one transaction. */
    public Report report(CurrentUser user, List<ReportedUse> uses) {
        Hospital hospital = hospitals.hospitalFor(user);
        Instant now = clock.instant();
        List<Item> items = check(hospital, uses, now);
        if (!limiter.tryAcquire(user.accountId())) {
            throw new BusinessException(429, "上报过于频繁，请稍后再试");
        }
        // the codes, before the transaction: signatures take most of the time, and need no connection
        Verification[] checked = new Verification[items.size()];
        for (Item item : items) {
            checked[item.index()] = keys.verify(item.payload(), item.usedAt());
        }
        String ip = AuditLog.currentIp();
        try {
            return tx.execute(status -> record(user, hospital, ip, items, checked, now));
        } catch (DuplicateKeyException e) {
            // the same items arrived at the same time in another report, which committed first: they are now duplicates
            return tx.execute(status -> record(user, hospital, ip, items, checked, now));
        }
    }

    /** A request item that passed the checks of its fields. */
    private record Item(int index, String payload, String purpose, String department, Instant usedAt, String key) {
    }

    private List<Item> check(Hospital hospital, List<ReportedUse> uses, Instant now) {
        if (uses == null || uses.isEmpty()) {
            throw new BusinessException(400, "请至少上报一条用卡记录", List.of(new FieldMessage("uses", "请至少上报一条用卡记录")));
        }
        if (uses.size() > MAX_USES) {
            String m = "每次最多上报 " + MAX_USES + " 条用卡记录，请分批上报";
            throw new BusinessException(400, m, List.of(new FieldMessage("uses", m)));
        }
        List<FieldMessage> errors = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < uses.size(); i++) {
            ReportedUse u = uses.get(i);
            String at = "uses[" + i + "].";
            if (u == null) {
                errors.add(new FieldMessage("uses[" + i + "]", "第 " + (i + 1) + " 条用卡记录为空"));
                continue;
            }
            String payload = u.payload() == null ? "" : u.payload().strip();
            if (payload.isEmpty()) {
                errors.add(new FieldMessage(at + "payload", "第 " + (i + 1) + " 条：请提供核验时扫描的二维码内容"));
            }
            String purpose = u.purpose() == null ? "" : u.purpose().strip();
            if (!Verifications.PURPOSES.contains(purpose)) {
                errors.add(new FieldMessage(at + "purpose", "第 " + (i + 1) + " 条：用途须为挂号、就诊、缴费、取药或检查"));
            }
            String department = u.department() == null || u.department().isBlank() ? null : u.department().strip();
            if (department != null && department.length() > 50) {
                errors.add(new FieldMessage(at + "department", "第 " + (i + 1) + " 条：科室名称不超过 50 个字"));
            }
            Instant usedAt = u.usedAt() == null ? null : u.usedAt().toInstant().truncatedTo(ChronoUnit.SECONDS);
            if (usedAt == null) {
                errors.add(new FieldMessage(at + "usedAt", "第 " + (i + 1) + " 条：请填写用卡时间（含时区，如 2026-12-01T09:30:00+08:00）"));
            } else if (usedAt.isAfter(now.plus(CLOCK_SKEW))) {
                errors.add(new FieldMessage(at + "usedAt", "第 " + (i + 1) + " 条：用卡时间晚于当前时间，请检查医院系统的时钟"));
            } else if (usedAt.isBefore(now.minus(window))) {
                errors.add(new FieldMessage(at + "usedAt",
                        "第 " + (i + 1) + " 条：超过 " + window.toDays() + " 天的用卡记录不再受理"));
            }
            items.add(new Item(i, payload, purpose, department, usedAt, usedAt == null ? null : key(hospital.id(), payload, purpose, usedAt)));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        return items;
    }

    private Report record(CurrentUser user, Hospital hospital, String ip, List<Item> items, Verification[] checked,
            Instant now) {
        Set<String> cardIds = new LinkedHashSet<>();
        for (Verification v : checked) {
            if (v.valid()) {
                cardIds.add(v.cardId());
            }
        }
        Map<String, UseRows.CardRow> cards = rows.cards(cardIds);
        Map<String, List<Instant>> losses = losses(cardIds);
        Map<String, Long> earlier = reported(items);
        ItemResult[] results = new ItemResult[items.size()];
        Map<String, Integer> firstOfKey = new HashMap<>();
        List<UseRows.Row> fresh = new ArrayList<>();
        List<Integer> freshIndex = new ArrayList<>();
        List<AuditLog.Entry> entries = new ArrayList<>();
        for (Item item : items) {
            Verification v = checked[item.index()];
            String refusal = refusal(v, item, cards, losses);
            String what = hospital.name() + " " + item.purpose() + "（离线核验，用卡时间 "
                    + Times.format(UseRows.local(item.usedAt())) + "）";
            String target = v.cardId() == null ? "（无法识别）" : v.cardId();
            if (refusal != null) {
                results[item.index()] = new ItemResult(item.index(), refusal, message(refusal), null);
                entries.add(entry(user, ip, now, target, what + "：" + refusal, false));
            } else if (earlier.containsKey(item.key())) {
                results[item.index()] = new ItemResult(item.index(), DUPLICATE, "此前已上报，未重复记录", earlier.get(item.key()));
                entries.add(entry(user, ip, now, target, what + "：重复上报", true));
            } else if (firstOfKey.containsKey(item.key())) {
                results[item.index()] = new ItemResult(item.index(), DUPLICATE, "与本批第 " + (firstOfKey.get(item.key()) + 1)
                        + " 条相同，未重复记录", null);
                entries.add(entry(user, ip, now, target, what + "：重复上报", true));
            } else {
                firstOfKey.put(item.key(), item.index());
                fresh.add(new UseRows.Row(v.cardId(), v.keyId(), v.issuedAt(), hospital, item.purpose(), item.department(),
                        user.username(), item.usedAt(), cards.get(v.cardId()).homeCityCode(), now));
                freshIndex.add(item.index());
                entries.add(entry(user, ip, now, target, what + (item.department() == null ? "" : " " + item.department()), true));
            }
        }
        long[] ids = rows.insert(fresh);
        List<Object[]> reported = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            int index = freshIndex.get(i);
            results[index] = new ItemResult(index, RECORDED, "已记录", ids[i]);
            reported.add(new Object[] {items.get(index).key(), hospital.id(), ids[i]});
        }
        if (!reported.isEmpty()) { // a concurrent report of the same item fails here, and is retried as a duplicate
            jdbcTemplate.batchUpdate("INSERT INTO hc_use_report (report_key, hospital_id, use_id) VALUES (?, ?, ?)", reported);
        }
        for (ItemResult r : results) { // duplicates within the batch point at the use recorded for the first one
            if (DUPLICATE.equals(r.status()) && r.useId() == null) {
                String key = items.get(r.index()).key();
                results[r.index()] = new ItemResult(r.index(), DUPLICATE, r.message(), results[firstOfKey.get(key)].useId());
            }
        }
        audit.recordAll(entries);
        int recorded = ids.length;
        int duplicates = (int) Arrays.stream(results).filter(r -> DUPLICATE.equals(r.status())).count();
        return new Report(items.size(), recorded, duplicates, items.size() - recorded - duplicates, List.of(results));
    }

    private static String refusal(Verification v, Item item, Map<String, UseRows.CardRow> cards,
            Map<String, List<Instant>> losses) {
        if (!v.valid()) {
            return v.reason().name();
        }
        if (v.issuedAt().isAfter(item.usedAt().plus(CLOCK_SKEW))) {
            return USED_BEFORE_ISSUED;
        }
        UseRows.CardRow card = cards.get(v.cardId());
        if (card == null) {
            return Reason.UNKNOWN_CARD.name();
        }
        // revoked at the time of use: a loss reported after the code was issued (same second counts) and before the use
        for (Instant lost : losses.getOrDefault(v.cardId(), List.of())) {
            if (!v.issuedAt().isAfter(lost) && item.usedAt().isAfter(lost)) {
                return Reason.REVOKED.name();
            }
        }
        return null;
    }

    /** Every loss report of these cards (not only the last: a use is judged by the reports made before it). */
    private Map<String, List<Instant>> losses(Set<String> cardIds) {
        Map<String, List<Instant>> losses = new HashMap<>();
        if (!cardIds.isEmpty()) {
            jdbc.sql("SELECT card_id, revoked_at FROM hc_revocation WHERE card_id IN (:c)").param("c", cardIds)
                    .query(rs -> {
                        losses.computeIfAbsent(rs.getString("card_id"), k -> new ArrayList<>())
                                .add(rs.getObject("revoked_at", OffsetDateTime.class).toInstant());
                    });
        }
        return losses;
    }

    private static String message(String status) {
        return switch (status) {
            case "EXPIRED" -> "用卡时二维码已过期";
            case "REVOKED" -> "用卡时该卡已挂失（二维码签发于挂失之前），不予记录";
            case USED_BEFORE_ISSUED -> "用卡时间早于二维码签发时间，请检查医院系统的时钟";
            default -> Reason.valueOf(status).message();
        };
    }

    private static AuditLog.Entry entry(CurrentUser user, String ip, Instant now, String target, String detail, boolean ok) {
        return new AuditLog.Entry(UseRows.local(now), user, ip, "healthcard", "上报离线用卡记录", target, detail, ok);
    }

    /** Report keys of these items that the hospital reported before, with the use recorded then. */
    private Map<String, Long> reported(List<Item> items) {
        Set<String> keys = new LinkedHashSet<>();
        items.forEach(i -> keys.add(i.key()));
        Map<String, Long> found = new HashMap<>();
        jdbc.sql("SELECT report_key, use_id FROM hc_use_report WHERE report_key IN (:k)").param("k", keys)
                .query(rs -> {
                    found.put(rs.getString("report_key"), rs.getLong("use_id"));
                });
        return found;
    }

    /**
     * SHA-256 of the hospital, the code, the purpose and the second of use: the same use reported again by the same
     * hospital has the same key.
     */
    static String key(long hospitalId, String payload, String purpose, Instant usedAt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((hospitalId + "\n" + payload + "\n" + purpose + "\n" + usedAt.getEpochSecond())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
