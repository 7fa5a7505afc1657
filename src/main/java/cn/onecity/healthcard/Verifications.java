package cn.onecity.healthcard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.healthcard.offline.OfflineVerifier;
import cn.onecity.healthcard.offline.TrustedKey;
import cn.onecity.healthcard.offline.Verification;
import cn.onecity.healthcard.offline.Verification.Reason;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.Times;

/**
 * Online verification at a hospital: the same checks as the {@link OfflineVerifier}, against the platform's live
 * trust list and the card's last loss report, plus UNKNOWN_CARD for a card the platform never issued. A valid code
 * records a use (hospital, time, purpose) and an operation-log entry in the same transaction, before the answer;
 * a refusal is logged too. Limited per account ({@code onecity.healthcard.verify-rate}, {@code verify-burst}).
 */
@Service
public class Verifications {

    public static final List<String> PURPOSES = List.of("挂号", "就诊", "缴费", "取药", "检查");

    private final JdbcClient jdbc;
    private final SigningKeys keys;
    private final Hospitals hospitals;
    private final AuditLog audit;
    private final Region region;
    private final Clock clock;
    private final RateLimiter limiter;
    private volatile VerifierFor verifier;

    Verifications(JdbcClient jdbc, SigningKeys keys, Hospitals hospitals, AuditLog audit, Region region, Clock clock,
            @Value("${onecity.healthcard.verify-rate:20}") double perSecond,
            @Value("${onecity.healthcard.verify-burst:40}") int burst) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.hospitals = hospitals;
        this.audit = audit;
        this.region = region;
        this.clock = clock;
        this.limiter = new RateLimiter(perSecond, burst, System::nanoTime);
    }

    /** Checks the request, then the code; an invalid code is an answer ({@code valid=false}), not an exception. */
    @Transactional
    public VerificationResult verify(CurrentUser user, String payload, String purpose, String department) {
        Hospital hospital = hospitals.hospitalFor(user);
        List<FieldMessage> errors = new ArrayList<>();
        String p = purpose == null ? "" : purpose.strip();
        if (!PURPOSES.contains(p)) {
            errors.add(new FieldMessage("purpose", "请选择用途：挂号、就诊、缴费、取药或检查"));
        }
        String dept = department == null || department.isBlank() ? null : department.strip();
        if (dept != null && dept.length() > 50) {
            errors.add(new FieldMessage("department", "科室名称不超过 50 个字"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        if (!limiter.tryAcquire(user.accountId())) {
            throw new BusinessException(429, "核验过于频繁，请稍后再试");
        }
        Instant now = clock.instant();
        CardRow[] card = new CardRow[1];
        Verification v = verifier().verify(payload, now, cardId -> {
            card[0] = cardRow(cardId).orElse(null);
            return card[0] == null ? Optional.empty() : Optional.ofNullable(card[0].revokedAt);
        });
        OffsetDateTime at = OffsetDateTime.ofInstant(now, Times.ZONE);
        Reason reason = v.reason();
        if (v.valid() && card[0] == null) {
            reason = Reason.UNKNOWN_CARD;
        }
        if (reason != Reason.OK) {
            audit.recordFailure("healthcard", "核验电子健康卡", v.cardId() == null ? "（无法识别）" : v.cardId(),
                    hospital.name() + " " + p + "：" + reason.name());
            return new VerificationResult(false, reason.name(), reason.message(), null, null, at);
        }
        CardRow c = card[0];
        GeneratedKeyHolder keyHolder = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO hc_use (card_id, hospital_id, hospital_city_code, home_city_code, purpose, department, used_at,
                    verified_by, key_id, code_issued_at)
                VALUES (:card, :hospital, :hCity, :home, :purpose, :dept, :at, :by, :key, :issued)""")
                .param("card", v.cardId()).param("hospital", hospital.id()).param("hCity", hospital.cityCode())
                .param("home", c.homeCityCode).param("purpose", p).param("dept", dept).param("at", at)
                .param("by", user.username()).param("key", v.keyId())
                .param("issued", OffsetDateTime.ofInstant(v.issuedAt(), Times.ZONE))
                .update(keyHolder, "id");
        long useId = keyHolder.getKeyAs(Number.class).longValue();
        audit.record("healthcard", "核验电子健康卡", v.cardId(), hospital.name() + " " + p + (dept == null ? "" : " " + dept));
        int age = Period.between(c.birthDate, LocalDate.ofInstant(now, Times.ZONE)).getYears();
        return new VerificationResult(true, Reason.OK.name(), Reason.OK.message(),
                new VerificationResult.Holder(v.cardId(), c.maskedName, c.maskedIdNumber, c.gender, age,
                        region.cityShortName(c.homeCityCode)),
                useId, at);
    }

    private OfflineVerifier verifier() {
        List<TrustedKey> trustList = keys.trustList();
        VerifierFor current = verifier;
        if (current == null || current.trustList != trustList) { // rebuilt after a rotation
            current = new VerifierFor(trustList, new OfflineVerifier(trustList, cn.onecity.healthcard.offline.Revocations.none()));
            verifier = current;
        }
        return current.verifier;
    }

    private record VerifierFor(List<TrustedKey> trustList, OfflineVerifier verifier) {
    }

    private record CardRow(String maskedName, String maskedIdNumber, String gender, LocalDate birthDate,
            String homeCityCode, Instant revokedAt) {
    }

    private Optional<CardRow> cardRow(String cardId) {
        return jdbc.sql("""
                SELECT masked_name, masked_id_number, gender, birth_date, home_city_code, revoked_at FROM hc_card
                WHERE card_id = :c""").param("c", cardId)
                .query((rs, i) -> {
                    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
                    return new CardRow(rs.getString("masked_name"), rs.getString("masked_id_number"),
                            "M".equals(rs.getString("gender")) ? "男" : "女", rs.getDate("birth_date").toLocalDate(),
                            rs.getString("home_city_code"), revoked == null ? null : revoked.toInstant());
                }).optional();
    }
}
