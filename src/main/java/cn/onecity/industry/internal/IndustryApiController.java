package cn.onecity.industry.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import cn.onecity.identity.CurrentUser;
import cn.onecity.industry.Alliance;
import cn.onecity.industry.AllianceMember;
import cn.onecity.industry.AllianceStatistics;
import cn.onecity.industry.Chain;
import cn.onecity.industry.Investment;
import cn.onecity.industry.InvestmentStatistics;
import cn.onecity.industry.Lead;
import cn.onecity.industry.LeadStage;
import cn.onecity.industry.Policies;
import cn.onecity.industry.Policy;
import cn.onecity.industry.PolicyArea;
import cn.onecity.industry.PolicyDraft;
import cn.onecity.industry.FundInvestment;
import cn.onecity.industry.FundTotals;
import cn.onecity.industry.ParkFund;
import cn.onecity.industry.ServiceRecord;
import cn.onecity.industry.ChainGap;
import cn.onecity.industry.Chains;
import cn.onecity.industry.Claim;
import cn.onecity.industry.Cluster;
import cn.onecity.industry.ClusterLevel;
import cn.onecity.industry.Clusters;
import cn.onecity.industry.Demand;
import cn.onecity.industry.DemandDraft;
import cn.onecity.industry.Enterprise;
import cn.onecity.industry.EnterpriseDraft;
import cn.onecity.industry.EnterpriseImport;
import cn.onecity.industry.EnterpriseFilter;
import cn.onecity.industry.EnterpriseSize;
import cn.onecity.industry.Enterprises;
import cn.onecity.industry.MatchCandidate;
import cn.onecity.industry.MatchStatistics;
import cn.onecity.industry.MatchStatus;
import cn.onecity.industry.Matching;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.PageResult;

/** REST API of 产业协同 (HTTP Basic): enterprises and claims, clusters, chains and gaps, demands and matches. */
@RestController
@RequestMapping("/api/v1/industry")
@Tag(name = "产业协同", description = "企业库、认领、产业集群、产业链全景与补链强链、供需对接与统计")
class IndustryApiController {

    private final Enterprises enterprises;
    private final Clusters clusters;
    private final Chains chains;
    private final Matching matching;
    private final EnterpriseImport enterpriseImport;
    private final Alliance alliance;
    private final ParkFund fund;
    private final Policies policies;
    private final Investment investment;

    IndustryApiController(Enterprises enterprises, Clusters clusters, Chains chains, Matching matching,
            EnterpriseImport enterpriseImport, Alliance alliance, ParkFund fund, Policies policies, Investment investment) {
        this.policies = policies;
        this.investment = investment;
        this.alliance = alliance;
        this.fund = fund;
        this.enterpriseImport = enterpriseImport;
        this.enterprises = enterprises;
        this.clusters = clusters;
        this.chains = chains;
        this.matching = matching;
    }

    // ---- enterprises ------------------------------------------------------------------------------------------

    /** An enterprise as the API shows it; {@code sample}: invented for the demo (名称含“示例”). */
    record EnterpriseJson(long id, String name, String creditCode, String cityCode, String city, String districtCode,
            String district, String parkCode, String park, EnterpriseSize size, String sizeLabel, String products,
            String capabilities, boolean claimed, List<Enterprise.SegmentRef> segments,
            List<Enterprise.ClusterRef> clusters, boolean sample) {

        static EnterpriseJson of(Enterprise e) {
            return new EnterpriseJson(e.id(), e.name(), e.creditCode(), e.cityCode(), e.cityName(), e.districtCode(),
                    e.districtName(), e.parkCode(), e.parkName(), e.size(), e.size().label(), e.products(),
                    e.capabilities(), e.claimed(), e.segments(), e.clusters(), e.sample());
        }
    }

    record EnterprisePage(List<EnterpriseJson> content, int page, int size, long totalElements, int totalPages) {
    }

    /** {@code size}: LARGE / MEDIUM / SMALL / MICRO; {@code districtCode}: a district of the three cities. */
    record EnterpriseRequest(String name, String creditCode, String districtCode, String parkCode, String size,
            String products, String capabilities, List<Long> segmentIds, List<Long> clusterIds) {

        EnterpriseDraft draft() {
            return new EnterpriseDraft(name, creditCode, districtCode, parkCode, size, products, capabilities,
                    segmentIds, clusterIds);
        }
    }

    record Created(long id) {
    }

    record EnterpriseCreated(long id, String creditCode, String claimStatus) {
    }

    @GetMapping("/enterprises")
    @Operation(summary = "企业库检索：q 匹配名称、信用代码、产品和能力；city 城市代码；size 规模；chainId、clusterId")
    EnterprisePage list(@RequestParam(required = false) String q, @RequestParam(required = false) String city,
            @RequestParam(required = false) String size, @RequestParam(required = false) Long chainId,
            @RequestParam(required = false) Long clusterId, @RequestParam(required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize) {
        EnterpriseSize s = null;
        if (size != null && !size.isBlank()) {
            s = EnterpriseSize.parse(size).orElseThrow(() -> BusinessException.invalid("size",
                    "企业规模“" + size + "”无效，应为 LARGE、MEDIUM、SMALL 或 MICRO"));
        }
        PageResult<Enterprise> result = enterprises.list(new EnterpriseFilter(q, city, s, chainId, clusterId),
                PageResult.page(page), PageResult.size(pageSize));
        return new EnterprisePage(result.content().stream().map(EnterpriseJson::of).toList(), result.page(),
                result.size(), result.totalElements(), result.totalPages());
    }

    @GetMapping("/enterprises/{id}")
    @Operation(summary = "企业详情")
    EnterpriseJson enterprise(@PathVariable long id) {
        return EnterpriseJson.of(enterprises.get(id));
    }

    @PostMapping("/enterprises")
    @Operation(summary = "登记企业（市工业和信息化局、一体化办，或企业自主登记并自动提交认领）。信用代码无效 → 400（errors[] 含 creditCode）；已登记 → 409")
    ResponseEntity<EnterpriseCreated> register(CurrentUser user, @RequestBody EnterpriseRequest body) {
        long id = enterprises.register(user, body == null ? null : body.draft());
        Enterprise e = enterprises.get(id);
        return ResponseEntity.created(URI.create("/api/v1/industry/enterprises/" + id))
                .body(new EnterpriseCreated(id, e.creditCode(), e.claimed() ? "CONFIRMED"
                        : user.is(cn.onecity.identity.Role.ENTERPRISE) ? "PENDING" : "UNCLAIMED"));
    }

    @PutMapping("/enterprises/{id}")
    @Operation(summary = "修改企业信息：本企业（认领已确认）或所在市工业和信息化局；他人企业 → 403")
    EnterpriseJson update(CurrentUser user, @PathVariable long id, @RequestBody EnterpriseRequest body) {
        enterprises.update(user, id, body.draft());
        return EnterpriseJson.of(enterprises.get(id));
    }

    @PostMapping(path = "/enterprises/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Excel 批量导入企业（模板见 import-template）：按信用代码去重，已登记的跳过；任一行有错 → 400，errors[] 逐行说明，全部不导入")
    EnterpriseImport.Result importEnterprises(CurrentUser user,
            @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
        return enterpriseImport.importWorkbook(user, file == null ? null : file.getBytes());
    }

    @GetMapping("/enterprises/import-template")
    @Operation(summary = "企业导入模板（.xlsx）")
    ResponseEntity<byte[]> importTemplate() {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"enterprise-template.xlsx\"; filename*=UTF-8''"
                + UriUtils.encode("企业导入模板.xlsx", StandardCharsets.UTF_8))
                .contentType(MediaType.parseMediaType(Chains.XLSX)).body(enterpriseImport.template());
    }

    // ---- claims -----------------------------------------------------------------------------------------------

    record ClaimRequest(String creditCode) {
    }

    record DecisionRequest(String note) {
    }

    @PostMapping("/claims")
    @Operation(summary = "企业按统一社会信用代码认领企业，待所在市工业和信息化局确认")
    ResponseEntity<Created> claim(CurrentUser user, @RequestBody ClaimRequest body) {
        long id = enterprises.claim(user, body == null ? null : body.creditCode());
        return ResponseEntity.created(URI.create("/api/v1/industry/claims/" + id)).body(new Created(id));
    }

    @GetMapping("/claims")
    @Operation(summary = "认领申请：工信局看本市，企业看本机构；pending=true 只看待确认")
    List<Claim> claims(CurrentUser user, @RequestParam(defaultValue = "false") boolean pending) {
        return enterprises.claims(user, pending);
    }

    @PostMapping("/claims/{id}/confirm")
    @Operation(summary = "确认认领（所在市工业和信息化局）")
    Claim confirm(CurrentUser user, @PathVariable long id) {
        enterprises.decideClaim(user, id, true, null);
        return enterprises.claim(id);
    }

    @PostMapping("/claims/{id}/reject")
    @Operation(summary = "驳回认领（须填写理由）")
    Claim reject(CurrentUser user, @PathVariable long id, @RequestBody(required = false) DecisionRequest body) {
        enterprises.decideClaim(user, id, false, body == null ? null : body.note());
        return enterprises.claim(id);
    }

    // ---- clusters and chains ----------------------------------------------------------------------------------

    record ClusterJson(long id, String name, ClusterLevel level, String levelLabel, String leadIndustry,
            Integer sinceYear, List<String> cities, List<String> districts, long memberCount, boolean sample) {
    }

    @GetMapping("/clusters")
    @Operation(summary = "产业集群（按级别）")
    List<ClusterJson> clusters() {
        return clusters.list().stream().map(IndustryApiController::cluster).toList();
    }

    @GetMapping("/clusters/{id}")
    @Operation(summary = "产业集群详情")
    ClusterJson cluster(@PathVariable long id) {
        return cluster(clusters.get(id));
    }

    static ClusterJson cluster(Cluster c) {
        return new ClusterJson(c.id(), c.name(), c.level(), c.level().label(), c.leadIndustry(), c.sinceYear(),
                c.cityNames(), c.districtNames(), c.memberCount(), c.sample());
    }

    /** {@code level}: WORLD_POOL / NATIONAL / NATIONAL_SME / PROVINCIAL / PROVINCIAL_SME or its Chinese name. */
    record ClusterRequest(String name, String level, String leadIndustry, Integer sinceYear, List<String> cityCodes,
            List<String> districtCodes, String note) {
    }

    record ChainRequest(String name, String category, String note) {
    }

    /** {@code stage}: UP / MID / DOWN (上游 / 中游 / 下游); a sub-segment ({@code parentId}) takes its parent's. */
    record SegmentRequest(String name, String stage, Long parentId) {
    }

    @PostMapping("/clusters")
    @Operation(summary = "登记产业集群（一体化办或市工业和信息化局）")
    ResponseEntity<Created> createCluster(CurrentUser user, @RequestBody ClusterRequest body) {
        if (body == null) {
            throw BusinessException.invalid("name", "请填写集群");
        }
        ClusterLevel level = null;
        for (ClusterLevel l : ClusterLevel.values()) {
            if (l.name().equalsIgnoreCase(String.valueOf(body.level()).strip()) || l.label().equals(body.level())) {
                level = l;
            }
        }
        if (level == null) {
            throw BusinessException.invalid("level", "集群级别“" + body.level() + "”无效，应为 WORLD_POOL、NATIONAL、NATIONAL_SME、PROVINCIAL 或 PROVINCIAL_SME");
        }
        long id = clusters.create(user, body.name(), level, body.leadIndustry(), body.sinceYear(), body.cityCodes(),
                body.districtCodes(), body.note());
        return ResponseEntity.created(URI.create("/api/v1/industry/clusters/" + id)).body(new Created(id));
    }

    @PostMapping("/chains")
    @Operation(summary = "新增产业链（一体化办）")
    ResponseEntity<Created> createChain(CurrentUser user, @RequestBody ChainRequest body) {
        if (body == null) {
            throw BusinessException.invalid("name", "请填写产业链名称");
        }
        long id = chains.createChain(user, body.name(), body.category(), body.note());
        return ResponseEntity.created(URI.create("/api/v1/industry/chains/" + id)).body(new Created(id));
    }

    @PostMapping("/chains/{id}/segments")
    @Operation(summary = "新增产业链环节（一体化办）")
    ResponseEntity<Created> addSegment(CurrentUser user, @PathVariable long id, @RequestBody SegmentRequest body) {
        if (body == null) {
            throw BusinessException.invalid("name", "请填写环节名称");
        }
        cn.onecity.industry.Stage stage = null;
        if (body.stage() != null && !body.stage().isBlank()) {
            for (cn.onecity.industry.Stage st : cn.onecity.industry.Stage.values()) {
                if (st.name().equalsIgnoreCase(body.stage().strip()) || st.label().equals(body.stage().strip())) {
                    stage = st;
                }
            }
            if (stage == null) {
                throw BusinessException.invalid("stage", "位置“" + body.stage() + "”无效，应为 UP（上游）、MID（中游）或 DOWN（下游）");
            }
        }
        long segment = chains.addSegment(user, id, body.parentId(), stage, body.name());
        return ResponseEntity.created(URI.create("/api/v1/industry/chains/" + id)).body(new Created(segment));
    }

    @GetMapping("/chains")
    @Operation(summary = "“4+4”产业链及其环节树")
    List<Chain> chains() {
        return chains.list();
    }

    @GetMapping("/chains/{id}")
    @Operation(summary = "产业链环节树与各环节企业")
    Chain chain(@PathVariable long id) {
        return chains.get(id);
    }

    @GetMapping("/chains/{id}/gaps")
    @Operation(summary = "补链（三市均无企业）与强链（仅一市有企业）环节")
    List<ChainGap> gaps(@PathVariable long id) {
        return chains.gaps(id);
    }

    @GetMapping("/gaps")
    @Operation(summary = "全部产业链的补链强链清单")
    List<ChainGap> allGaps() {
        return chains.allGaps();
    }

    @GetMapping("/gaps.xlsx")
    @Operation(summary = "补链强链清单 Excel（chainId 可选）")
    ResponseEntity<byte[]> gapsWorkbook(@RequestParam(required = false) Long chainId) {
        String name = chainId == null ? "补链强链清单.xlsx" : chains.get(chainId).name() + "-补链强链清单.xlsx";
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"industry-gaps.xlsx\"; filename*=UTF-8''"
                + UriUtils.encode(name, StandardCharsets.UTF_8))
                .contentType(MediaType.parseMediaType(Chains.XLSX)).body(chains.gapsWorkbook(chainId));
    }

    // ---- demands, supplies, matches ---------------------------------------------------------------------------

    /** {@code kind}: PURCHASE / SUPPORT / CAPACITY / TECH_SERVICE; {@code deadline}: yyyy-MM-dd. */
    record DemandRequest(String kind, String title, String description, String quantity, String deadline,
            String cityCode, Long segmentId) {
    }

    record SupplyRequest(String title, String description, String capacity) {
    }

    /** A ranked candidate: {@code reasons} explain every part of {@code score}. */
    record MatchJson(long enterpriseId, String name, String city, String cityCode, double score, List<String> reasons,
            String status, String statusLabel, boolean crossCity) {

        static MatchJson of(MatchCandidate c) {
            return new MatchJson(c.enterpriseId(), c.name(), c.city(), c.cityCode(), c.score(), c.reasons(),
                    c.status() == null ? null : c.status().name(), c.status() == null ? null : c.status().label(),
                    c.crossCity());
        }
    }

    record StatusRequest(String status) {
    }

    @PostMapping("/demands")
    @Operation(summary = "企业发布需求（采购 / 配套 / 产能 / 技术服务）→ 201 与 id；平台同时推荐并通知匹配企业")
    ResponseEntity<Created> publishDemand(CurrentUser user, @RequestBody DemandRequest body) {
        if (body == null) {
            throw BusinessException.invalid("title", "请填写需求");
        }
        long id = matching.publishDemand(user, new DemandDraft(body.kind(), body.title(), body.description(),
                body.quantity(), body.deadline(), body.cityCode(), body.segmentId()));
        return ResponseEntity.created(URI.create("/api/v1/industry/demands/" + id)).body(new Created(id));
    }

    @GetMapping("/demands")
    @Operation(summary = "需求列表（最新在前），enterpriseId 可选")
    List<Demand> demands(@RequestParam(required = false) Long enterpriseId) {
        return matching.demands(enterpriseId, 200);
    }

    @GetMapping("/demands/{id}")
    @Operation(summary = "需求详情")
    Demand demand(@PathVariable long id) {
        return matching.demand(id);
    }

    @GetMapping("/demands/{id}/matches")
    @Operation(summary = "需求的匹配企业（三市），按得分排序，reasons 逐项说明得分")
    List<MatchJson> matches(@PathVariable long id) {
        return matching.matches(id).stream().map(MatchJson::of).toList();
    }

    @PutMapping("/demands/{id}/matches/{enterpriseId}")
    @Operation(summary = "需求方或被匹配企业标记对接状态：NEGOTIATING（洽谈中）/ COOPERATED（已合作）/ FAILED（未成）")
    Map<String, Object> mark(CurrentUser user, @PathVariable long id, @PathVariable long enterpriseId,
            @RequestBody StatusRequest body) {
        String s = body == null ? null : body.status();
        MatchStatus status = MatchStatus.parseMark(s).orElseThrow(() -> BusinessException.invalid("status",
                "状态“" + s + "”无效，应为 NEGOTIATING（洽谈中）、COOPERATED（已合作）或 FAILED（未成）"));
        matching.mark(user, id, enterpriseId, status);
        return Map.of("demandId", id, "enterpriseId", enterpriseId, "status", status.name());
    }

    @PostMapping("/supplies")
    @Operation(summary = "企业发布供给（产品、产能）")
    ResponseEntity<Created> publishSupply(CurrentUser user, @RequestBody SupplyRequest body) {
        if (body == null) {
            throw BusinessException.invalid("title", "请填写供给");
        }
        long id = matching.publishSupply(user, body.title(), body.description(), body.capacity());
        return ResponseEntity.created(URI.create("/api/v1/industry/supplies/" + id)).body(new Created(id));
    }

    // ---- alliance and park fund ------------------------------------------------------------------------------

    record MemberRequest(String name, String cityCode, String serviceArea, String joinedOn, String note) {
    }

    record ServiceRequest(Long memberId, Long enterpriseId, String serviceType, String servedOn, String outcome) {
    }

    record InvestmentRequest(String project, String parkCode, String amountWan, String investedOn, String note) {
    }

    record FundJson(FundTotals totals, List<FundInvestment> investments) {
    }

    @GetMapping("/alliance/members")
    @Operation(summary = "联盟成员单位及其服务次数、服务企业数（由服务记录计算）")
    List<AllianceMember> members() {
        return alliance.members();
    }

    @PostMapping("/alliance/members")
    @Operation(summary = "吸纳联盟成员（一体化办或本市工业和信息化局）")
    ResponseEntity<Created> admit(CurrentUser user, @RequestBody MemberRequest body) {
        if (body == null) {
            throw BusinessException.invalid("name", "请填写成员单位");
        }
        java.time.LocalDate joined = null;
        if (body.joinedOn() != null && !body.joinedOn().isBlank()) {
            try {
                joined = java.time.LocalDate.parse(body.joinedOn().strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw BusinessException.invalid("joinedOn", "加入日期格式应为 yyyy-MM-dd");
            }
        }
        long id = alliance.admit(user, body.name(), body.cityCode(), body.serviceArea(), null, joined, body.note());
        return ResponseEntity.created(URI.create("/api/v1/industry/alliance/members/" + id)).body(new Created(id));
    }

    @GetMapping("/alliance/services")
    @Operation(summary = "联盟服务记录（最新在前），memberId 可选")
    List<ServiceRecord> services(@RequestParam(required = false) Long memberId) {
        return alliance.services(memberId, 200);
    }

    @PostMapping("/alliance/services")
    @Operation(summary = "登记服务记录：成员单位本身或所在市工业和信息化局、一体化办")
    ResponseEntity<Created> recordService(CurrentUser user, @RequestBody ServiceRequest body) {
        if (body == null || body.memberId() == null) {
            throw BusinessException.invalid("memberId", "请选择联盟成员");
        }
        long id = alliance.recordService(user, body.memberId(), body.enterpriseId(), body.serviceType(), body.servedOn(),
                body.outcome());
        return ResponseEntity.created(URI.create("/api/v1/industry/alliance/services/" + id)).body(new Created(id));
    }

    @GetMapping("/alliance/statistics")
    @Operation(summary = "联盟统计：成员数、服务次数、累计服务企业数（去重）、按服务类型")
    AllianceStatistics allianceStatistics() {
        return alliance.statistics();
    }

    @GetMapping("/fund")
    @Operation(summary = "园区合作基金：投资项目与合计（项目数、金额万元、分城市）")
    FundJson fund() {
        return new FundJson(fund.totals(), fund.investments());
    }

    @PostMapping("/fund/investments")
    @Operation(summary = "登记基金投资（一体化办或园区所在市工业和信息化局）：amountWan 为万元")
    ResponseEntity<Created> invest(CurrentUser user, @RequestBody InvestmentRequest body) {
        if (body == null) {
            throw BusinessException.invalid("project", "请填写投资项目");
        }
        if (!ParkFund.canRecord(user)) {
            throw new cn.onecity.shared.ForbiddenException("只有一体化办或市工业和信息化局可以登记基金投资");
        }
        long id = fund.record(user, body.project(), body.parkCode(), body.amountWan(), body.investedOn(), body.note());
        return ResponseEntity.created(URI.create("/api/v1/industry/fund/investments/" + id)).body(new Created(id));
    }

    // ---- policies and investment promotion -------------------------------------------------------------------

    record PolicyRequest(String title, String docNumber, String issuer, String areaCode, String clauses,
            List<String> cityCodes, List<Long> chainIds, List<String> sizes) {
    }

    record AdvanceRequest(String stage, String inPlaceWan) {
    }

    @GetMapping("/policies")
    @Operation(summary = "政策清单（五个领域），area 可选")
    List<Policy> policies(@RequestParam(required = false) String area) {
        return policies.list(area);
    }

    @GetMapping("/policy-areas")
    @Operation(summary = "政策清单的五个领域及各领域政策数")
    List<PolicyArea> policyAreas() {
        return policies.areas();
    }

    @GetMapping("/policies/{id}")
    @Operation(summary = "政策详情")
    Policy policy(@PathVariable long id) {
        return policies.get(id);
    }

    @PostMapping("/policies")
    @Operation(summary = "登记政策及适用条件（城市、产业链、企业规模；空为不限）")
    ResponseEntity<Created> createPolicy(CurrentUser user, @RequestBody PolicyRequest b) {
        if (b == null) {
            throw BusinessException.invalid("title", "请填写政策");
        }
        long id = policies.create(user, new PolicyDraft(b.title(), b.docNumber(), b.issuer(), b.areaCode(), b.clauses(),
                b.cityCodes(), b.chainIds(), b.sizes()));
        return ResponseEntity.created(URI.create("/api/v1/industry/policies/" + id)).body(new Created(id));
    }

    @GetMapping("/policies/{id}/enterprises")
    @Operation(summary = "政策找企业：符合该政策全部适用条件的企业")
    EnterprisePage qualifying(@PathVariable long id, @RequestParam(required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize) {
        PageResult<Enterprise> r = policies.qualifyingEnterprises(id, PageResult.page(page), PageResult.size(pageSize));
        return new EnterprisePage(r.content().stream().map(EnterpriseJson::of).toList(), r.page(), r.size(),
                r.totalElements(), r.totalPages());
    }

    @GetMapping("/enterprises/{id}/policies")
    @Operation(summary = "我可享受的政策：该企业符合适用条件的政策")
    List<Policy> applicable(@PathVariable long id) {
        return policies.applicableTo(id);
    }

    @GetMapping("/leads")
    @Operation(summary = "招商线索与项目；segmentId 可选（填补某补链/强链环节的线索）；xiangshang=true 只看湘商回归")
    List<Lead> leads(@RequestParam(required = false) Long segmentId, @RequestParam(defaultValue = "false") boolean xiangshang) {
        return investment.leads(segmentId, xiangshang, 200);
    }

    @PostMapping("/leads")
    @Operation(summary = "登记招商线索（一体化办或落地城市工业和信息化局）：stage 洽谈/签约/注册/到资，amountWan 万元")
    ResponseEntity<Created> createLead(CurrentUser user, @RequestBody Investment.LeadDraft body) {
        if (body == null) {
            throw BusinessException.invalid("project", "请填写项目");
        }
        long id = investment.create(user, body);
        return ResponseEntity.created(URI.create("/api/v1/industry/leads/" + id)).body(new Created(id));
    }

    @PostMapping("/leads/{id}/advance")
    @Operation(summary = "推进招商线索到后续阶段；到资时 inPlaceWan 为到位资金（默认全部计划投资额）")
    Lead advance(CurrentUser user, @PathVariable long id, @RequestBody AdvanceRequest body) {
        String s = body == null ? null : body.stage();
        LeadStage stage = LeadStage.parse(s).orElseThrow(() -> BusinessException.invalid("stage",
                "阶段“" + s + "”无效，应为 洽谈、签约、注册 或 到资"));
        investment.advance(user, id, stage, body.inPlaceWan());
        return investment.get(id);
    }

    @GetMapping("/investment/statistics")
    @Operation(summary = "一体化招商统计：各阶段线索数；湘商回归注册企业数与到位资金（万元），分城市")
    InvestmentStatistics investmentStatistics() {
        return investment.statistics();
    }

    @GetMapping("/statistics")
    @Operation(summary = "供需对接统计：需求、供给、对接（含跨市）、合作（含跨市）")
    MatchStatistics statistics() {
        return matching.statistics();
    }
}
