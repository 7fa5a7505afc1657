package cn.onecity.industry.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import tools.jackson.databind.json.JsonMapper;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.industry.Alliance;
import cn.onecity.industry.AllianceMember;
import cn.onecity.industry.Chain;
import cn.onecity.industry.Investment;
import cn.onecity.industry.LeadStage;
import cn.onecity.industry.Policies;
import cn.onecity.industry.ParkFund;
import cn.onecity.industry.ChainGap;
import cn.onecity.industry.Chains;
import cn.onecity.industry.Cluster;
import cn.onecity.industry.ClusterLevel;
import cn.onecity.industry.Clusters;
import cn.onecity.industry.Demand;
import cn.onecity.industry.DemandDraft;
import cn.onecity.industry.DemandKind;
import cn.onecity.industry.Enterprise;
import cn.onecity.industry.EnterpriseDraft;
import cn.onecity.industry.EnterpriseImport;
import cn.onecity.industry.EnterpriseFilter;
import cn.onecity.industry.EnterpriseSize;
import cn.onecity.industry.Enterprises;
import cn.onecity.industry.MatchCandidate;
import cn.onecity.industry.MatchStatus;
import cn.onecity.industry.Matching;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.PageResult;

/** Pages of 产业协同: overview, enterprise directory and profiles, claims, clusters, chains, 供需对接. */
@Controller
class IndustryController {

    private final Enterprises enterprises;
    private final Clusters clusters;
    private final Chains chains;
    private final Matching matching;
    private final Region region;
    private final JsonMapper json;
    private final EnterpriseImport enterpriseImport;
    private final Alliance alliance;
    private final ParkFund fund;
    private final Policies policies;
    private final Investment investment;

    IndustryController(Enterprises enterprises, Clusters clusters, Chains chains, Matching matching, Region region,
            JsonMapper json, EnterpriseImport enterpriseImport, Alliance alliance, ParkFund fund, Policies policies,
            Investment investment) {
        this.policies = policies;
        this.investment = investment;
        this.alliance = alliance;
        this.fund = fund;
        this.enterpriseImport = enterpriseImport;
        this.enterprises = enterprises;
        this.clusters = clusters;
        this.chains = chains;
        this.matching = matching;
        this.region = region;
        this.json = json;
    }

    /** The form of an enterprise profile (new or edit). */
    record EnterpriseForm(String name, String creditCode, String districtCode, String parkCode, String size,
            String products, String capabilities, List<Long> segmentIds, List<Long> clusterIds) {

        EnterpriseDraft draft() {
            return new EnterpriseDraft(name, creditCode, districtCode, parkCode, size, products, capabilities,
                    segmentIds, clusterIds);
        }

        static EnterpriseForm of(Enterprise e) {
            return new EnterpriseForm(e.name(), e.creditCode(), e.districtCode(), e.parkCode(), e.size().name(),
                    e.products(), e.capabilities(), e.segments().stream().map(Enterprise.SegmentRef::id).toList(),
                    e.clusters().stream().map(Enterprise.ClusterRef::id).toList());
        }

        static EnterpriseForm empty() {
            return new EnterpriseForm("", "", "", "", "SMALL", "", "", List.of(), List.of());
        }

        public List<Long> segmentIds() {
            return segmentIds == null ? List.of() : segmentIds;
        }

        public List<Long> clusterIds() {
            return clusterIds == null ? List.of() : clusterIds;
        }
    }

    record DemandForm(String kind, String title, String description, String quantity, String deadline,
            String cityCode, Long segmentId) {

        static DemandForm empty() {
            return new DemandForm("PURCHASE", "", "", "", "", "", null);
        }
    }

    // ---- overview ---------------------------------------------------------------------------------------------

    @GetMapping("/industry")
    String overview(CurrentUser user, Model model) {
        Map<String, Long> byCity = enterprises.countByCity();
        Map<String, Long> cityCounts = new LinkedHashMap<>();
        region.cities().forEach(c -> cityCounts.put(c.shortName(), byCity.getOrDefault(c.code(), 0L)));
        model.addAttribute("enterprisesByCity", cityCounts);
        model.addAttribute("enterpriseTotal", cityCounts.values().stream().mapToLong(Long::longValue).sum());
        Map<ClusterLevel, Long> levels = clusters.countByLevel();
        model.addAttribute("clusterLevels", levels);
        model.addAttribute("nationalTotal", levels.get(ClusterLevel.WORLD_POOL) + levels.get(ClusterLevel.NATIONAL));
        List<Chain> all = chains.list();
        model.addAttribute("chains", all);
        List<ChainGap> gaps = chains.allGaps();
        model.addAttribute("fillCount", gaps.stream().filter(g -> g.kind() == ChainGap.Kind.FILL).count());
        model.addAttribute("strengthenCount", gaps.stream().filter(g -> g.kind() == ChainGap.Kind.STRENGTHEN).count());
        model.addAttribute("stats", matching.statistics());
        return "industry/index";
    }

    /** Every page's sub-navigation needs the user's standing in the module. */
    @ModelAttribute
    void own(CurrentUser user, Model model) {
        model.addAttribute("isStaff", Enterprises.isStaff(user));
        model.addAttribute("isEnterprise", user != null && user.is(Role.ENTERPRISE));
        model.addAttribute("ownEnterprise", user != null && user.is(Role.ENTERPRISE)
                ? enterprises.ofOrganisation(user.organisationId()).orElse(null) : null);
    }

    // ---- enterprises ------------------------------------------------------------------------------------------

    @GetMapping("/industry/enterprises")
    String enterpriseList(CurrentUser user, @RequestParam(required = false) String q,
            @RequestParam(required = false) String city, @RequestParam(required = false) String size,
            @RequestParam(required = false) Long chainId, @RequestParam(required = false) Long clusterId,
            @RequestParam(required = false) Integer page, Model model) {
        EnterpriseSize s = EnterpriseSize.parse(size).orElse(null);
        PageResult<Enterprise> result = enterprises.list(new EnterpriseFilter(q, blank(city), s, chainId, clusterId),
                PageResult.page(page), PageResult.DEFAULT_SIZE);
        model.addAttribute("page", result);
        model.addAttribute("q", q);
        model.addAttribute("city", city);
        model.addAttribute("size", s == null ? "" : s.name());
        model.addAttribute("chainId", chainId);
        model.addAttribute("clusterId", clusterId);
        model.addAttribute("cities", region.cities());
        model.addAttribute("sizes", EnterpriseSize.values());
        model.addAttribute("chains", chains.list());
        model.addAttribute("clusters", clusters.list());
        return "industry/enterprises";
    }

    @GetMapping("/industry/enterprises/{id}")
    String enterprise(CurrentUser user, @PathVariable long id, Model model) {
        Enterprise e = enterprises.get(id);
        model.addAttribute("e", e);
        model.addAttribute("canEdit", Enterprises.canEdit(user, e));
        model.addAttribute("supplies", matching.supplies(id, 50));
        model.addAttribute("demands", matching.demands(id, 50));
        model.addAttribute("applicablePolicies", policies.applicableTo(id));
        return "industry/enterprise";
    }

    @GetMapping("/industry/enterprises/new")
    String newEnterprise(CurrentUser user, Model model) {
        if (!(Enterprises.isStaff(user) || user.is(Role.ENTERPRISE))) {
            throw new cn.onecity.shared.ForbiddenException("只有企业本身、市工业和信息化局或一体化办可以登记企业");
        }
        return form(null, EnterpriseForm.empty(), Map.of(), model);
    }

    @PostMapping("/industry/enterprises")
    String register(CurrentUser user, @ModelAttribute EnterpriseForm form, Model model, RedirectAttributes redirect) {
        long id;
        try {
            id = enterprises.register(user, form.draft());
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            return form(null, form, e.byField("creditCode"), model);
        }
        redirect.addFlashAttribute("flash", user.is(Role.ENTERPRISE)
                ? "已登记企业，并已提交认领申请，待所在市工业和信息化局确认。" : "已登记企业。");
        return "redirect:/industry/enterprises/" + id;
    }

    @GetMapping("/industry/enterprises/{id}/edit")
    String edit(CurrentUser user, @PathVariable long id, Model model) {
        Enterprise e = enterprises.get(id);
        if (!Enterprises.canEdit(user, e)) {
            throw new cn.onecity.shared.ForbiddenException("只能修改本企业的信息");
        }
        return form(e, EnterpriseForm.of(e), Map.of(), model);
    }

    @PostMapping("/industry/enterprises/{id}")
    String update(CurrentUser user, @PathVariable long id, @ModelAttribute EnterpriseForm form, Model model,
            RedirectAttributes redirect) {
        Enterprise e = enterprises.get(id);
        try {
            enterprises.update(user, id, form.draft());
        } catch (BusinessException ex) {
            if (ex.status() == 403) {
                throw ex;
            }
            return form(e, form, ex.byField("name"), model);
        }
        redirect.addFlashAttribute("flash", "已保存企业信息。");
        return "redirect:/industry/enterprises/" + id;
    }

    private String form(Enterprise e, EnterpriseForm form, Map<String, String> errors, Model model) {
        model.addAttribute("e", e);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("cities", region.cities());
        model.addAttribute("districts", region.districts());
        model.addAttribute("parks", enterprises.parks());
        model.addAttribute("sizes", EnterpriseSize.values());
        model.addAttribute("chains", chains.list());
        model.addAttribute("segmentOptions", segmentOptions());
        model.addAttribute("clusters", clusters.list());
        return "industry/enterprise-form";
    }

    /** Segment choices as "链 › 上游 › 环节" labels, in panorama order. */
    List<Map.Entry<Long, String>> segmentOptions() {
        List<Map.Entry<Long, String>> out = new ArrayList<>();
        for (Chain c : chains.list()) {
            for (Chain.Segment s : c.segments()) {
                addOptions(c.name() + " › " + s.stage().label(), s, out);
            }
        }
        return out;
    }

    private static void addOptions(String prefix, Chain.Segment s, List<Map.Entry<Long, String>> out) {
        String label = prefix + " › " + s.name();
        out.add(Map.entry(s.id(), label));
        s.children().forEach(c -> addOptions(label, c, out));
    }

    @GetMapping("/industry/enterprises/import")
    String importForm(CurrentUser user, Model model) {
        if (!Enterprises.isStaff(user)) {
            throw new cn.onecity.shared.ForbiddenException("只有市工业和信息化局或一体化办可以批量导入企业");
        }
        model.addAttribute("importErrors", List.of());
        return "industry/import";
    }

    @GetMapping("/industry/enterprises/import-template.xlsx")
    ResponseEntity<byte[]> importTemplate() {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"enterprise-template.xlsx\"; filename*=UTF-8''"
                + UriUtils.encode("企业导入模板.xlsx", StandardCharsets.UTF_8))
                .contentType(MediaType.parseMediaType(Chains.XLSX)).body(enterpriseImport.template());
    }

    @PostMapping("/industry/enterprises/import")
    String importFile(CurrentUser user, @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file,
            Model model, RedirectAttributes redirect) throws java.io.IOException {
        EnterpriseImport.Result result;
        try {
            result = enterpriseImport.importWorkbook(user, file == null ? null : file.getBytes());
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            model.addAttribute("importErrors", e.errors().isEmpty() ? List.of(e.getMessage())
                    : e.errors().stream().map(FieldMessage::message).toList());
            model.addAttribute("flashError", e.getMessage());
            return "industry/import";
        }
        redirect.addFlashAttribute("flash", "已导入 " + result.created() + " 家企业" + (result.skipped().isEmpty() ? "。"
                : "；已登记而跳过 " + result.skipped().size() + " 家：" + String.join("、", result.skipped()) + "。"));
        return "redirect:/industry/enterprises";
    }

    // ---- claims -----------------------------------------------------------------------------------------------

    @PostMapping("/industry/claims")
    String claim(CurrentUser user, @RequestParam String creditCode, RedirectAttributes redirect) {
        try {
            enterprises.claim(user, creditCode);
            redirect.addFlashAttribute("flash", "已提交认领申请，待所在市工业和信息化局确认。");
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/industry/claims";
    }

    @GetMapping("/industry/claims")
    String claims(CurrentUser user, Model model) {
        model.addAttribute("claims", enterprises.claims(user, false));
        return "industry/claims";
    }

    @PostMapping("/industry/claims/{id}/confirm")
    String confirm(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return decide(user, id, true, null, redirect);
    }

    @PostMapping("/industry/claims/{id}/reject")
    String reject(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return decide(user, id, false, note, redirect);
    }

    private String decide(CurrentUser user, long id, boolean confirm, String note, RedirectAttributes redirect) {
        try {
            enterprises.decideClaim(user, id, confirm, note);
            redirect.addFlashAttribute("flash", confirm ? "已确认认领。" : "已驳回认领。");
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/industry/claims";
    }

    // ---- clusters and chains ----------------------------------------------------------------------------------

    @GetMapping("/industry/clusters")
    String clusters(CurrentUser user, Model model) {
        Map<ClusterLevel, List<Cluster>> byLevel = new LinkedHashMap<>();
        for (ClusterLevel l : ClusterLevel.values()) {
            byLevel.put(l, new ArrayList<>());
        }
        clusters.list().forEach(c -> byLevel.get(c.level()).add(c));
        model.addAttribute("byLevel", byLevel);
        Map<ClusterLevel, Long> levels = clusters.countByLevel();
        model.addAttribute("nationalTotal", levels.get(ClusterLevel.WORLD_POOL) + levels.get(ClusterLevel.NATIONAL));
        return "industry/clusters";
    }

    @GetMapping("/industry/chains")
    String chains(CurrentUser user, Model model) {
        List<Chain> all = chains.list();
        Map<Long, List<ChainGap>> gaps = new LinkedHashMap<>();
        all.forEach(c -> gaps.put(c.id(), chains.gaps(c.id())));
        model.addAttribute("chains", all);
        model.addAttribute("gaps", gaps);
        return "industry/chains";
    }

    @GetMapping("/industry/chains/{id}")
    String chain(CurrentUser user, @PathVariable long id, Model model) {
        Chain chain = chains.get(id);
        model.addAttribute("chain", chain);
        model.addAttribute("gaps", chains.gaps(id));
        model.addAttribute("leadCounts", investment.leadCountsBySegment());
        model.addAttribute("treeJson", json.writeValueAsString(chains.panorama(id)));
        List<String[]> rows = new ArrayList<>();
        chain.segments().forEach(s -> textRows(s.stage().label(), s, rows));
        model.addAttribute("rows", rows);
        model.addAttribute("cities", region.cities());
        return "industry/chain";
    }

    /** The panorama as text rows (path, 长沙, 株洲, 湘潭) for readers who cannot see the chart. */
    private void textRows(String prefix, Chain.Segment s, List<String[]> rows) {
        String path = prefix + " › " + s.name();
        if (s.leaf()) {
            List<String> row = new ArrayList<>(List.of(path));
            region.cities().forEach(c -> row.add(String.join("、", s.enterprises().stream()
                    .filter(m -> m.cityCode().equals(c.code())).map(Chain.Member::name).toList())));
            rows.add(row.toArray(String[]::new));
        }
        s.children().forEach(c -> textRows(path, c, rows));
    }

    @GetMapping("/industry/gaps.xlsx")
    ResponseEntity<byte[]> gapsWorkbook(@RequestParam(required = false) Long chainId) {
        String name = chainId == null ? "补链强链清单.xlsx" : chains.get(chainId).name() + "-补链强链清单.xlsx";
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"industry-gaps.xlsx\"; filename*=UTF-8''"
                + UriUtils.encode(name, StandardCharsets.UTF_8))
                .contentType(MediaType.parseMediaType(Chains.XLSX)).body(chains.gapsWorkbook(chainId));
    }

    // ---- 供需对接 -----------------------------------------------------------------------------------------------

    @GetMapping("/industry/demands")
    String demands(CurrentUser user, Model model) {
        return demandsPage(user, DemandForm.empty(), Map.of(), model);
    }

    private String demandsPage(CurrentUser user, DemandForm form, Map<String, String> errors, Model model) {
        model.addAttribute("demands", matching.demands(null, 100));
        model.addAttribute("supplies", matching.supplies(null, 50));
        model.addAttribute("stats", matching.statistics());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", DemandKind.values());
        model.addAttribute("cities", region.cities());
        model.addAttribute("segmentOptions", segmentOptions());
        return "industry/demands";
    }

    @PostMapping("/industry/demands")
    String publish(CurrentUser user, @ModelAttribute DemandForm form, Model model, RedirectAttributes redirect) {
        long id;
        try {
            id = matching.publishDemand(user, new DemandDraft(form.kind(), form.title(), form.description(),
                    form.quantity(), form.deadline(), form.cityCode(), form.segmentId()));
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            return demandsPage(user, form, e.byField("title"), model);
        }
        redirect.addFlashAttribute("flash", "需求已发布，平台已推荐匹配企业并通知对方。");
        return "redirect:/industry/demands/" + id;
    }

    @PostMapping("/industry/supplies")
    String supply(CurrentUser user, @RequestParam(required = false) String title,
            @RequestParam(required = false) String description, @RequestParam(required = false) String capacity,
            RedirectAttributes redirect) {
        try {
            matching.publishSupply(user, title, description, capacity);
            redirect.addFlashAttribute("flash", "供给已发布，需求方检索时即可匹配到贵企业。");
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/industry/demands";
    }

    @GetMapping("/industry/demands/{id}")
    String demand(CurrentUser user, @PathVariable long id, Model model) {
        Demand d = matching.demand(id);
        List<MatchCandidate> matches = matching.matches(id);
        model.addAttribute("d", d);
        model.addAttribute("matches", matches);
        Enterprise own = user != null && user.is(Role.ENTERPRISE)
                ? enterprises.ofOrganisation(user.organisationId()).orElse(null) : null;
        model.addAttribute("ownId", own == null ? null : own.id());
        model.addAttribute("isBuyer", own != null && own.id() == d.enterpriseId());
        model.addAttribute("marks", List.of(MatchStatus.NEGOTIATING, MatchStatus.COOPERATED, MatchStatus.FAILED));
        return "industry/demand";
    }

    @PostMapping("/industry/demands/{id}/matches/{enterpriseId}")
    String mark(CurrentUser user, @PathVariable long id, @PathVariable long enterpriseId,
            @RequestParam(required = false) String status, RedirectAttributes redirect) {
        try {
            MatchStatus s = MatchStatus.parseMark(status).orElseThrow(() -> BusinessException.invalid("status",
                    "请选择洽谈中、已合作或未成"));
            matching.mark(user, id, enterpriseId, s);
            redirect.addFlashAttribute("flash", "已标记为“" + s.label() + "”，并已通知对方。");
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/industry/demands/" + id;
    }

    // ---- alliance and park fund ------------------------------------------------------------------------------

    @GetMapping("/industry/alliance")
    String alliancePage(CurrentUser user, Model model) {
        List<AllianceMember> members = alliance.members();
        AllianceMember own = user == null ? null : alliance.memberOfOrganisation(user.organisationId()).orElse(null);
        List<AllianceMember> recordable = own != null ? List.of(own)
                : members.stream().filter(m -> Enterprises.isStaffFor(user, m.cityCode())).toList();
        model.addAttribute("members", members);
        model.addAttribute("recordable", recordable);
        model.addAttribute("services", alliance.services(null, 50));
        model.addAttribute("allianceStats", alliance.statistics());
        model.addAttribute("serviceTypes", Alliance.SERVICE_TYPES);
        model.addAttribute("enterpriseOptions", recordable.isEmpty() ? List.of()
                : enterprises.list(EnterpriseFilter.none(), 0, PageResult.MAX_SIZE).content());
        return "industry/alliance";
    }

    @PostMapping("/industry/alliance/services")
    String recordService(CurrentUser user, @RequestParam(required = false) Long memberId,
            @RequestParam(required = false) Long enterpriseId, @RequestParam(required = false) String serviceType,
            @RequestParam(required = false) String servedOn, @RequestParam(required = false) String outcome,
            RedirectAttributes redirect) {
        try {
            if (memberId == null) {
                throw BusinessException.invalid("memberId", "请选择联盟成员");
            }
            alliance.recordService(user, memberId, enterpriseId, serviceType, servedOn, outcome);
            redirect.addFlashAttribute("flash", "已登记服务记录。");
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/industry/alliance";
    }

    @GetMapping("/industry/fund")
    String fundPage(CurrentUser user, Model model) {
        model.addAttribute("totals", fund.totals());
        model.addAttribute("investments", fund.investments());
        model.addAttribute("canRecord", ParkFund.canRecord(user));
        model.addAttribute("parks", enterprises.parks());
        return "industry/fund";
    }

    @PostMapping("/industry/fund/investments")
    String invest(CurrentUser user, @RequestParam(required = false) String project,
            @RequestParam(required = false) String parkCode, @RequestParam(required = false) String amountWan,
            @RequestParam(required = false) String investedOn, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        if (!ParkFund.canRecord(user)) {
            throw new cn.onecity.shared.ForbiddenException("只有一体化办或市工业和信息化局可以登记基金投资");
        }
        try {
            fund.record(user, project, parkCode, amountWan, investedOn, note);
            redirect.addFlashAttribute("flash", "已登记基金投资。");
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/industry/fund";
    }

    // ---- policies and investment promotion -------------------------------------------------------------------

    @GetMapping("/industry/policies")
    String policiesPage(CurrentUser user, @RequestParam(required = false) String area, Model model) {
        model.addAttribute("areas", policies.areas());
        model.addAttribute("area", area);
        model.addAttribute("policies", policies.list(area));
        model.addAttribute("chains", chains.list());
        model.addAttribute("cities", region.cities());
        model.addAttribute("sizes", EnterpriseSize.values());
        return "industry/policies";
    }

    @PostMapping("/industry/policies")
    String createPolicy(CurrentUser user, @RequestParam(required = false) String title,
            @RequestParam(required = false) String docNumber, @RequestParam(required = false) String issuer,
            @RequestParam(required = false) String areaCode, @RequestParam(required = false) String clauses,
            @RequestParam(required = false) List<String> cityCodes, @RequestParam(required = false) List<Long> chainIds,
            @RequestParam(required = false) List<String> sizes, RedirectAttributes redirect) {
        try {
            long id = policies.create(user, new cn.onecity.industry.PolicyDraft(title, docNumber, issuer, areaCode, clauses,
                    cityCodes, chainIds, sizes));
            redirect.addFlashAttribute("flash", "已登记政策。");
            return "redirect:/industry/policies/" + id;
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/industry/policies";
        }
    }

    @GetMapping("/industry/policies/{id}")
    String policyPage(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("p", policies.get(id));
        model.addAttribute("page", policies.qualifyingEnterprises(id, PageResult.page(page), PageResult.DEFAULT_SIZE));
        return "industry/policy";
    }

    @GetMapping("/industry/investment")
    String investmentPage(CurrentUser user, @RequestParam(required = false) Long segmentId, Model model) {
        model.addAttribute("stats", investment.statistics());
        model.addAttribute("leads", investment.leads(segmentId, false, 200));
        model.addAttribute("segmentId", segmentId);
        model.addAttribute("segmentPath", segmentId == null ? null
                : chains.segment(segmentId).map(s -> s.chainName() + " · " + s.stage().label() + " · " + s.name()).orElse(null));
        model.addAttribute("stages", LeadStage.values());
        model.addAttribute("cities", region.cities());
        model.addAttribute("segmentOptions", segmentOptions());
        return "industry/investment";
    }

    @PostMapping("/industry/investment/leads")
    String createLead(CurrentUser user, @RequestParam(required = false) String investor,
            @RequestParam(required = false) String project, @RequestParam(required = false) Long segmentId,
            @RequestParam(required = false) String targetCity, @RequestParam(required = false) String amountWan,
            @RequestParam(required = false) String stage, @RequestParam(required = false) Boolean xiangshang,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            investment.create(user, new Investment.LeadDraft(investor, project, segmentId, targetCity, amountWan, stage,
                    xiangshang, note));
            redirect.addFlashAttribute("flash", "已登记招商线索。");
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/industry/investment";
    }

    @PostMapping("/industry/investment/leads/{id}/advance")
    String advanceLead(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String inPlaceWan, RedirectAttributes redirect) {
        try {
            LeadStage s = LeadStage.parse(stage).orElseThrow(() -> BusinessException.invalid("stage", "请选择阶段"));
            investment.advance(user, id, s, inPlaceWan);
            redirect.addFlashAttribute("flash", "已推进到“" + s.label() + "”。");
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/industry/investment";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
