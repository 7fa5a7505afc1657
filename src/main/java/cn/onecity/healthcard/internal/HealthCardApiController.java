package cn.onecity.healthcard.internal;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.healthcard.Card;
import cn.onecity.healthcard.CardCode;
import cn.onecity.healthcard.CardUse;
import cn.onecity.healthcard.HealthCardStatistics;
import cn.onecity.healthcard.HealthCards;
import cn.onecity.healthcard.Hospital;
import cn.onecity.healthcard.Hospitals;
import cn.onecity.healthcard.NewCard;
import cn.onecity.healthcard.NewHospital;
import cn.onecity.healthcard.SigningKeys;
import cn.onecity.healthcard.UseReports;
import cn.onecity.healthcard.VerificationResult;
import cn.onecity.healthcard.Verifications;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * REST API of the 电子健康卡 (HTTP Basic, or a page session). Residents hold one card; hospital staff verify codes;
 * the trust list, revocation list, hospital registry and statistics are public.
 */
@RestController
@RequestMapping("/api/v1/healthcard")
@Tag(name = "电子健康卡", description = "申领、动态二维码、医院核验（在线与离线）、挂失与吊销列表、用卡记录与统计")
class HealthCardApiController {

    private final HealthCards cards;
    private final Verifications verifications;
    private final Hospitals hospitals;
    private final HealthCardStatistics statistics;
    private final SigningKeys keys;
    private final UseReports useReports;

    HealthCardApiController(HealthCards cards, Verifications verifications, Hospitals hospitals,
            HealthCardStatistics statistics, SigningKeys keys, UseReports useReports) {
        this.useReports = useReports;
        this.cards = cards;
        this.verifications = verifications;
        this.hospitals = hospitals;
        this.statistics = statistics;
        this.keys = keys;
    }

    @PostMapping("/cards")
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "申领电子健康卡（居民）",
            description = "请求体 {name, idNumber, phone, homeCityCode}；居住地为 430100 长沙、430200 株洲或 430300 湘潭。"
                    + "成功 201 返回卡信息（个人信息已脱敏）；身份证号码无效等返回 400，errors[] 逐项列出字段；一人一卡，重复申领返回 409。")
    ResponseEntity<Card> apply(CurrentUser user, @RequestBody NewCard application) {
        Card card = cards.apply(user, application);
        return ResponseEntity.created(URI.create("/api/v1/healthcard/cards/me")).body(card);
    }

    @GetMapping("/cards/me")
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "我的电子健康卡（脱敏）")
    Card myCard(CurrentUser user) {
        return cards.myCard(user).orElseThrow(() -> new NotFoundException("您还没有电子健康卡，请先申领"));
    }

    record CodeResponse(String payload, OffsetDateTime expiresAt, OffsetDateTime issuedAt) {
    }

    @GetMapping("/cards/me/code")
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "获取动态二维码内容",
            description = "返回 {payload, expiresAt}：payload 为 EHC1: 开头的 SM2 签名文本，默认 5 分钟有效，请在过期前重新获取。")
    ResponseEntity<CodeResponse> code(CurrentUser user) {
        CardCode c = cards.code(user);
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new CodeResponse(c.payload(), c.expiresAt(), c.issuedAt()));
    }

    @PostMapping("/cards/me/loss")
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "挂失",
            description = "此前签发的二维码一律拒绝（REVOKED），之后新获取的二维码可正常使用；返回新的吊销列表版本号。")
    HealthCards.LossReport reportLoss(CurrentUser user) {
        return cards.reportLoss(user);
    }

    @GetMapping("/cards/me/uses")
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "我的用卡记录（医院、城市、时间、用途），按时间倒序分页")
    PageResult<CardUse> uses(CurrentUser user, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return cards.uses(user, PageResult.page(page), PageResult.size(size));
    }

    @GetMapping("/cards/me/uses.xlsx")
    @PreAuthorize("hasRole('RESIDENT')")
    @Operation(summary = "导出我的用卡记录（Excel）")
    ResponseEntity<byte[]> export(CurrentUser user) {
        return UseWorkbook.download(cards.myCard(user).orElseThrow(() -> new NotFoundException("您还没有电子健康卡")),
                cards.allUses(user));
    }

    record VerifyRequest(String payload, String purpose, String department) {
    }

    @PostMapping("/verifications")
    @PreAuthorize("hasRole('HOSPITAL_STAFF')")
    @Operation(summary = "在线核验二维码（医院工作人员）",
            description = "请求体 {payload, purpose: 挂号|就诊|缴费|取药|检查, department}。有效时 200："
                    + "{valid:true, reason:\"OK\", message, card:{cardId, maskedName, maskedIdNumber, gender, age, homeCity}}，"
                    + "用卡记录在应答前已保存。无效时 4xx（application/problem+json）同样带 valid:false、reason、message："
                    + "格式无效（MALFORMED）为 400，其余（SIGNATURE_INVALID、EXPIRED、REVOKED、UNKNOWN_KEY、UNKNOWN_CARD）为 422。"
                    + "用途缺失或无效为 400（errors[] 指明 purpose）；每个账号限流，超出返回 429。")
    ResponseEntity<Object> verify(CurrentUser user, @RequestBody VerifyRequest request) {
        VerificationResult r = verifications.verify(user, request.payload(), request.purpose(), request.department());
        return respond(r);
    }

    static ResponseEntity<Object> respond(VerificationResult r) {
        if (r.valid()) {
            return ResponseEntity.ok(r);
        }
        HttpStatus status = "MALFORMED".equals(r.reason()) ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", r.message());
        problem.put("valid", false);
        problem.put("reason", r.reason());
        problem.put("message", r.message());
        problem.put("card", null);
        problem.put("verifiedAt", r.verifiedAt());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    record UseReportRequest(List<UseReports.ReportedUse> uses) {
    }

    @PostMapping("/uses")
    @PreAuthorize("hasRole('HOSPITAL_STAFF')")
    @Operation(summary = "上报离线核验的用卡记录（医院工作人员，批量）",
            description = "医院断网时用离线核验类（cn.onecity.healthcard.offline）核验二维码，恢复后按批上报："
                    + "请求体 {uses:[{payload, purpose: 挂号|就诊|缴费|取药|检查, department, usedAt: 2026-12-01T09:30:00+08:00}]}，"
                    + "每批至多 500 条、用卡时间在最近 30 天内。平台逐条复核签名、用卡时二维码是否有效、卡是否存在及挂失，"
                    + "200 返回 {received, recorded, duplicates, refused, results:[{index, status, message, useId}]}；"
                    + "status 为 RECORDED、DUPLICATE（同一二维码、用途和用卡时间此前已上报，可放心重发）或拒绝原因"
                    + "（MALFORMED、SIGNATURE_INVALID、UNKNOWN_KEY、EXPIRED、REVOKED、UNKNOWN_CARD、USED_BEFORE_ISSUED）。"
                    + "字段缺失或无效时整批 400，errors[] 逐条指明（如 uses[3].usedAt），不记录任何一条；超出限流返回 429。")
    UseReports.Report reportUses(CurrentUser user, @RequestBody UseReportRequest request) {
        return useReports.report(user, request.uses());
    }

    @GetMapping("/trust-list")
    @Operation(summary = "信任列表：平台 SM2 公钥（密钥编号、有效期），以及由当前签名密钥签名的列表文本（格式见 TrustLists）")
    SigningKeys.SignedTrustList trustList() {
        return keys.signedTrustList();
    }

    record Rotation(String keyId) {
    }

    @PostMapping("/keys/rotation")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "轮换签名密钥（系统管理员）",
            description = "生成新的 SM2 密钥并用于此后签发的二维码；旧密钥保留在信任列表中，其签发的二维码到期前仍有效。返回新密钥编号。")
    Rotation rotate(CurrentUser user) {
        return new Rotation(keys.rotate(user));
    }

    @GetMapping("/revocations")
    @Operation(summary = "吊销（挂失）列表，增量",
            description = "返回版本号大于 since 的条目 {version, cardId, revokedAt, reason}，按版本升序，每次至多 limit 条（默认并最多 1000）。"
                    + "version 为应答包含的最后版本，下次以它作为 since；more 为 true 时还有未取完的条目；latest 为当前最新版本。"
                    + "revokedAt 之前（含同一秒）签发的二维码应拒绝。")
    HealthCards.RevocationPage revocations(@RequestParam(defaultValue = "0") long since,
            @RequestParam(defaultValue = "1000") int limit) {
        return cards.revocationsSince(since, limit);
    }

    record HospitalList(int registered, int connected, double coveragePercent, List<Hospital> hospitals) {
    }

    @GetMapping("/hospitals")
    @Operation(summary = "二级以上公立医院名录与接入情况")
    HospitalList hospitals() {
        Hospitals.Coverage c = hospitals.coverage();
        return new HospitalList(c.registered(), c.connected(), c.percent(), hospitals.list());
    }

    @PostMapping("/hospitals")
    @PreAuthorize("hasAnyRole('ADMIN','JOINT_OFFICE')")
    @Operation(summary = "登记医院（一体化办、管理员）", description = "请求体 {name, grade, districtCode, creditCode, note}。")
    ResponseEntity<Hospital> register(CurrentUser user, @RequestBody NewHospital hospital) {
        Hospital h = hospitals.register(user, hospital);
        return ResponseEntity.created(URI.create("/api/v1/healthcard/hospitals/" + h.id())).body(h);
    }

    @PostMapping("/hospitals/{id}/connection")
    @PreAuthorize("hasAnyRole('ADMIN','JOINT_OFFICE')")
    @Operation(summary = "医院接入（为其建立平台机构，以便开设医院工作人员账号）")
    Hospital connect(CurrentUser user, @PathVariable long id) {
        return hospitals.connect(user, id);
    }

    @GetMapping("/statistics")
    @Operation(summary = "统计：按居住地的发卡数、按医院所在城市的用卡数、居住地→就医地 3×3 矩阵、医院接入率")
    HealthCardStatistics.Figures statistics() {
        return statistics.figures();
    }
}
