package cn.onecity.healthcard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import cn.onecity.healthcard.offline.OfflineVerifier;
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
 * records a use (hospital, time, purpose) and an operation-log entry, committed before the answer (in groups, by the
 * {@link UseRecorder}); a refusal is logged too. Limited per account ({@code onecity.healthcard.verify-rate}, {@code verify-burst}).
 */
@Service
public class Verifications {

    public static final List<String> PURPOSES = List.of("挂号", "就诊", "缴费", "取药", "检查");

    private final UseRecorder recorder;
    private final SigningKeys keys;
    private final Hospitals hospitals;
    private final Region region;
    private final Clock clock;
    private final RateLimiter limiter;

    Verifications(UseRecorder recorder, SigningKeys keys, Hospitals hospitals, Region region, Clock clock,
            @Value("${onecity.healthcard.verify-rate:20}") double perSecond,
            @Value("${onecity.healthcard.verify-burst:40}") int burst) {
        this.recorder = recorder;
        this.keys = keys;
        this.hospitals = hospitals;
        this.region = region;
        this.clock = clock;
        this.limiter = new RateLimiter(perSecond, burst, System::nanoTime);
    }

    /**
     * Checks the request, then the code; an invalid code is an answer ({@code valid=false}), not an exception. Returns
     * once the use (or the refusal's log entry) is committed ({@link UseRecorder}); 503 when that is not possible.
     */
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
        // the code itself (format, key, signature, validity, expiry) on this thread; the card (existence, loss
        // report) and the records in the recorder's group transaction
        Verification v = keys.verify(payload, now);
        OffsetDateTime at = OffsetDateTime.ofInstant(now, Times.ZONE);
        String ip = AuditLog.currentIp();
        String what = hospital.name() + " " + p;
        if (!v.valid()) {
            recorder.refused(new UseRecorder.Refusal(v.cardId() == null ? "（无法识别）" : v.cardId(),
                    what + "：" + v.reason().name(), user, ip, now));
            return refusal(v.reason(), at);
        }
        UseRecorder.Outcome outcome = recorder.record(new UseRecorder.Use(v.cardId(), v.keyId(), v.issuedAt(), hospital, p,
                dept, user, ip, now));
        if (outcome.reason() != Reason.OK) {
            return refusal(outcome.reason(), at);
        }
        UseRows.CardRow c = outcome.card();
        int age = Period.between(c.birthDate(), LocalDate.ofInstant(now, Times.ZONE)).getYears();
        return new VerificationResult(true, Reason.OK.name(), Reason.OK.message(),
                new VerificationResult.Holder(v.cardId(), c.maskedName(), c.maskedIdNumber(), c.gender(), age,
                        region.cityShortName(c.homeCityCode())),
                outcome.useId(), at);
    }

    private static VerificationResult refusal(Reason reason, OffsetDateTime at) {
        return new VerificationResult(false, reason.name(), reason.message(), null, null, at);
    }
}
