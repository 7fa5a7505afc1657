package cn.onecity.innovation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.innovation.Brokerage;
import cn.onecity.innovation.Challenges;
import cn.onecity.innovation.Contracts;
import cn.onecity.innovation.Demands;
import cn.onecity.innovation.InnovationStatistics;
import cn.onecity.innovation.Inputs;
import cn.onecity.innovation.Results;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;

/** Pages of 科技成果转化: overview, results, demands and matches, deals, 揭榜挂帅, contracts and flows. */
@Controller
class InnovationController {

    private final Results results;
    private final Demands demands;
    private final Brokerage brokerage;
    private final Challenges challenges;
    private final Contracts contracts;
    private final InnovationStatistics statistics;
    private final Region region;
    private final JsonMapper json;

    InnovationController(Results results, Demands demands, Brokerage brokerage, Challenges challenges,
            Contracts contracts, InnovationStatistics statistics, Region region, JsonMapper json) {
        this.results = results;
        this.demands = demands;
        this.brokerage = brokerage;
        this.challenges = challenges;
        this.contracts = contracts;
        this.statistics = statistics;
        this.region = region;
        this.json = json;
    }

    /** 403s go to the error page; any other rule broken is shown on the form. */
    private static Map<String, String> errors(BusinessException e, String fallback) {
        if (e.status() == 403 || e.status() == 404) {
            throw e;
        }
        return e.byField(fallback);
    }

    private static String flashError(BusinessException e, RedirectAttributes redirect) {
        if (e.status() == 403 || e.status() == 404) {
            throw e;
        }
        redirect.addFlashAttribute("flashError", e.getMessage());
        return null;
    }

    // ---- overview ---------------------------------------------------------------------------------------------

    @GetMapping("/innovation")
    String overview(CurrentUser user, Model model) {
        var figures = statistics.figures();
        model.addAttribute("fig", figures);
        model.addAttribute("figJson", json.writeValueAsString(figures));
        model.addAttribute("orgs", brokerage.serviceOrgs(null));
        model.addAttribute("batches", results.batches());
        model.addAttribute("rd", contracts.rdInstitutions());
        model.addAttribute("rdKinds", Contracts.RdKind.values());
        model.addAttribute("cities", region.cities());
        model.addAttribute("canRegister", Contracts.canRegister(user));
        return "innovation/index";
    }

    record RdForm(String name, String kind, String cityCode, String foundedOn, String note) {
    }

    @PostMapping("/innovation/rd-institutions")
    String registerRd(CurrentUser user, @ModelAttribute RdForm f, RedirectAttributes redirect) {
        try {
            contracts.registerRd(user, new Contracts.RdDraft(f.name(), f.kind(), f.cityCode(), f.foundedOn(), f.note()));
            redirect.addFlashAttribute("flash", "研发机构已登记。");
        } catch (BusinessException e) {
            flashError(e, redirect);
        }
        return "redirect:/innovation#rd";
    }

    // ---- results ----------------------------------------------------------------------------------------------

    record ResultForm(String title, String field, String chainSegment, String trl, String patents, String transferMode,
            String expectedPrice, String description) {

        static ResultForm empty() {
            return new ResultForm("", "", "", "", "", "", "", "");
        }
    }

    @GetMapping("/innovation/results")
    String results(CurrentUser user, @RequestParam(required = false) Long batch, Model model) {
        return resultsPage(user, batch, ResultForm.empty(), Map.of(), model);
    }

    private String resultsPage(CurrentUser user, Long batch, ResultForm form, Map<String, String> errors, Model model) {
        model.addAttribute("results", results.list(batch, null, 200));
        model.addAttribute("batches", results.batches());
        model.addAttribute("batch", batch);
        model.addAttribute("canPublish", user != null && user.is(Role.INSTITUTION) && !brokerage.isBroker(user));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("fields", Results.FIELDS);
        model.addAttribute("modes", Results.TransferMode.values());
        return "innovation/results";
    }

    @PostMapping("/innovation/results")
    String publishResult(CurrentUser user, @ModelAttribute ResultForm f, Model model, RedirectAttributes redirect) {
        try {
            long id = results.publish(user, new Results.Draft(f.title(), f.field(), f.chainSegment(),
                    Inputs.integer("trl", f.trl(), "技术成熟度（TRL）"), f.patents(), f.transferMode(),
                    Inputs.decimal("expectedPrice", f.expectedPrice(), "预期价格"), f.description()));
            redirect.addFlashAttribute("flash", "科技成果已发布（成果#" + id + "），企业发布需求时即可匹配。");
        } catch (BusinessException e) {
            return resultsPage(user, null, f, errors(e, "title"), model);
        }
        return "redirect:/innovation/results";
    }

    // ---- demands ----------------------------------------------------------------------------------------------

    record DemandForm(String title, String description, String field, String budget) {

        static DemandForm empty() {
            return new DemandForm("", "", "", "");
        }
    }

    @GetMapping("/innovation/demands")
    String demands(CurrentUser user, Model model) {
        return demandsPage(user, DemandForm.empty(), Map.of(), model);
    }

    private String demandsPage(CurrentUser user, DemandForm form, Map<String, String> errors, Model model) {
        model.addAttribute("demands", demands.list(100));
        model.addAttribute("canPost", user != null && user.is(Role.ENTERPRISE));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("fields", Results.FIELDS);
        return "innovation/demands";
    }

    @PostMapping("/innovation/demands")
    String postDemand(CurrentUser user, @ModelAttribute DemandForm f, Model model, RedirectAttributes redirect) {
        long id;
        try {
            id = demands.post(user, new Demands.Draft(f.title(), f.description(), f.field(),
                    Inputs.decimal("budget", f.budget(), "预算")));
        } catch (BusinessException e) {
            return demandsPage(user, f, errors(e, "title"), model);
        }
        redirect.addFlashAttribute("flash", "需求已发布，平台已匹配科技成果并通知双方。");
        return "redirect:/innovation/demands/" + id;
    }

    @GetMapping("/innovation/demands/{id}")
    String demand(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("d", demands.get(id));
        model.addAttribute("matches", demands.matches(id));
        model.addAttribute("isBroker", brokerage.isBroker(user));
        model.addAttribute("taken", brokerage.deals(null).stream().filter(x -> x.demandId() == id)
                .map(Brokerage.Deal::resultId).toList());
        return "innovation/demand";
    }

    @PostMapping("/innovation/demands/{id}/deals")
    String take(CurrentUser user, @PathVariable long id, @RequestParam long resultId,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            brokerage.take(user, resultId, id, note);
            redirect.addFlashAttribute("flash", "已承接该对接，进入洽谈，已通知成果方与需求方。");
            return "redirect:/innovation/deals";
        } catch (BusinessException e) {
            flashError(e, redirect);
            return "redirect:/innovation/demands/" + id;
        }
    }

    // ---- deals ------------------------------------------------------------------------------------------------

    @GetMapping("/innovation/deals")
    String deals(CurrentUser user, Model model) {
        model.addAttribute("deals", brokerage.deals(null));
        model.addAttribute("me", user == null ? -1 : user.accountId());
        model.addAttribute("stages", Brokerage.DealStage.values());
        return "innovation/deals";
    }

    @PostMapping("/innovation/deals/{id}/steps")
    String step(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            brokerage.record(user, id, stage, note);
            redirect.addFlashAttribute("flash", "已记录进展，已通知双方。");
        } catch (BusinessException e) {
            flashError(e, redirect);
        }
        return "redirect:/innovation/deals";
    }

    // ---- 揭榜挂帅 ----------------------------------------------------------------------------------------------

    record ChallengeForm(String title, String problem, String indicators, String budget, String deadline,
            String eligibility) {

        static ChallengeForm empty() {
            return new ChallengeForm("", "", "", "", "", "");
        }
    }

    @GetMapping("/innovation/challenges")
    String challenges(CurrentUser user, Model model) {
        return challengesPage(user, ChallengeForm.empty(), Map.of(), model);
    }

    private String challengesPage(CurrentUser user, ChallengeForm form, Map<String, String> errors, Model model) {
        model.addAttribute("challenges", challenges.list());
        model.addAttribute("counts", challenges.countsByStage());
        model.addAttribute("canPublish", Challenges.canPublish(user));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "innovation/challenges";
    }

    @PostMapping("/innovation/challenges")
    String publishChallenge(CurrentUser user, @ModelAttribute ChallengeForm f, Model model, RedirectAttributes redirect) {
        long id;
        try {
            id = challenges.publish(user, new Challenges.Draft(f.title(), f.problem(), f.indicators(),
                    Inputs.decimal("budget", f.budget(), "榜单金额"), f.deadline(), f.eligibility()));
        } catch (BusinessException e) {
            return challengesPage(user, f, errors(e, "title"), model);
        }
        redirect.addFlashAttribute("flash", "榜单已发布，进入征集阶段。");
        return "redirect:/innovation/challenges/" + id;
    }

    @GetMapping("/innovation/challenges/{id}")
    String challenge(CurrentUser user, @PathVariable long id, Model model) {
        Challenges.Challenge c = challenges.get(id);
        Challenges.Review review = challenges.review(user, c);
        List<Challenges.Proposal> proposals = review.proposals();
        var expert = challenges.expert(user);
        model.addAttribute("c", c);
        model.addAttribute("proposals", proposals);
        model.addAttribute("scores", review.scores());
        model.addAttribute("milestones", challenges.milestones(id));
        model.addAttribute("expert", expert.orElse(null));
        boolean manager = Challenges.manages(user, c);
        model.addAttribute("isManager", manager);
        model.addAttribute("canApply", user != null && user.isAny(Role.INSTITUTION, Role.ENTERPRISE)
                && expert.isEmpty() && !brokerage.isBroker(user)
                && c.stage() == Challenges.Stage.OPEN && user.organisationId() != c.publisherOrgId()
                && proposals.stream().noneMatch(p -> p.organisationId() == user.organisationId()));
        model.addAttribute("canComplete", challenges.completesMilestones(user, c));
        List<Long> mine = new ArrayList<>();
        if (expert.isPresent()) {
            review.scores().stream().filter(s -> s.expertId() == expert.get().accountId())
                    .forEach(s -> mine.add(s.proposalId()));
        }
        model.addAttribute("scoredByMe", mine);
        return "innovation/challenge";
    }

    @PostMapping("/innovation/challenges/{id}/proposals")
    String apply(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String teamName,
            @RequestParam(required = false) String summary, RedirectAttributes redirect) {
        try {
            challenges.apply(user, id, teamName, summary);
            redirect.addFlashAttribute("flash", "揭榜方案已提交，已通知发榜单位。");
        } catch (BusinessException e) {
            flashError(e, redirect);
        }
        return "redirect:/innovation/challenges/" + id;
    }

    @PostMapping("/innovation/challenges/{id}/review")
    String review(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        try {
            challenges.startReview(user, id);
            redirect.addFlashAttribute("flash", "已截止征集，进入专家评审。");
        } catch (BusinessException e) {
            flashError(e, redirect);
        }
        return "redirect:/innovation/challenges/" + id;
    }

    @PostMapping("/innovation/challenges/{id}/proposals/{proposalId}/scores")
    String score(CurrentUser user, @PathVariable long id, @PathVariable long proposalId,
            @RequestParam(required = false) String points, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        try {
            challenges.score(user, proposalId, Inputs.integer("points", points, "评分"), comment);
            redirect.addFlashAttribute("flash", "评分已提交。");
        } catch (BusinessException e) {
            flashError(e, redirect);
        }
        return "redirect:/innovation/challenges/" + id;
    }

    @PostMapping("/innovation/challenges/{id}/award")
    String award(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Long proposalId,
            @RequestParam(name = "milestoneTitle", required = false) List<String> titles,
            @RequestParam(name = "milestoneDue", required = false) List<String> dues, RedirectAttributes redirect) {
        try {
            if (proposalId == null) {
                throw BusinessException.invalid("proposalId", "请选择揭榜方案");
            }
            List<Challenges.MilestoneDraft> ms = new ArrayList<>();
            int n = Math.max(titles == null ? 0 : titles.size(), dues == null ? 0 : dues.size());
            for (int i = 0; i < n; i++) {
                ms.add(new Challenges.MilestoneDraft(titles != null && i < titles.size() ? titles.get(i) : null,
                        dues != null && i < dues.size() ? dues.get(i) : null));
            }
            challenges.award(user, id, proposalId, ms);
            redirect.addFlashAttribute("flash", "已确定揭榜方并设置里程碑，已通知全部揭榜单位。");
        } catch (BusinessException e) {
            flashError(e, redirect);
        }
        return "redirect:/innovation/challenges/" + id;
    }

    @PostMapping("/innovation/challenges/{id}/milestones/{milestoneId}/done")
    String milestoneDone(CurrentUser user, @PathVariable long id, @PathVariable long milestoneId,
            RedirectAttributes redirect) {
        try {
            challenges.completeMilestone(user, milestoneId);
            redirect.addFlashAttribute("flash", "里程碑已确认完成。");
        } catch (BusinessException e) {
            flashError(e, redirect);
        }
        return "redirect:/innovation/challenges/" + id;
    }

    // ---- people: brokers and review experts (joint office, admin) ---------------------------------------------

    record BrokerForm(String username, String name, Long serviceOrgId) {

        static BrokerForm empty() {
            return new BrokerForm("", "", null);
        }
    }

    record ExpertForm(String username, String name, String speciality) {

        static ExpertForm empty() {
            return new ExpertForm("", "", "");
        }
    }

    @GetMapping("/innovation/people")
    String people(CurrentUser user, Model model) {
        return peoplePage(user, BrokerForm.empty(), Map.of(), ExpertForm.empty(), Map.of(), model);
    }

    private String peoplePage(CurrentUser user, BrokerForm brokerForm, Map<String, String> brokerErrors,
            ExpertForm expertForm, Map<String, String> expertErrors, Model model) {
        model.addAttribute("brokers", brokerage.brokers(user));
        model.addAttribute("experts", challenges.experts(user));
        model.addAttribute("homes", brokerage.serviceOrgs(null).stream()
                .filter(o -> Brokerage.BROKER_HOMES.contains(o.kind())).toList());
        model.addAttribute("brokerForm", brokerForm);
        model.addAttribute("brokerErrors", brokerErrors);
        model.addAttribute("expertForm", expertForm);
        model.addAttribute("expertErrors", expertErrors);
        return "innovation/people";
    }

    @PostMapping("/innovation/people/brokers")
    String registerBroker(CurrentUser user, @ModelAttribute BrokerForm f, Model model, RedirectAttributes redirect) {
        try {
            brokerage.registerBroker(user, f.username(), f.name(), f.serviceOrgId());
        } catch (BusinessException e) {
            return peoplePage(user, f, errors(e, "username"), ExpertForm.empty(), Map.of(), model);
        }
        redirect.addFlashAttribute("flash", "技术经纪人“" + f.name().strip() + "”已登记。");
        return "redirect:/innovation/people";
    }

    @PostMapping("/innovation/people/experts")
    String registerExpert(CurrentUser user, @ModelAttribute ExpertForm f, Model model, RedirectAttributes redirect) {
        try {
            challenges.registerExpert(user, f.username(), f.name(), f.speciality());
        } catch (BusinessException e) {
            return peoplePage(user, BrokerForm.empty(), Map.of(), f, errors(e, "username"), model);
        }
        redirect.addFlashAttribute("flash", "评审专家“" + f.name().strip() + "”已登记。");
        return "redirect:/innovation/people";
    }

    @PostMapping("/innovation/people/brokers/{accountId}/remove")
    String removeBroker(CurrentUser user, @PathVariable long accountId, RedirectAttributes redirect) {
        try {
            brokerage.removeBroker(user, accountId);
            redirect.addFlashAttribute("flash", "技术经纪人已移除。");
        } catch (BusinessException e) {
            flashError(e, redirect);
        }
        return "redirect:/innovation/people";
    }

    @PostMapping("/innovation/people/experts/{accountId}/remove")
    String removeExpert(CurrentUser user, @PathVariable long accountId, RedirectAttributes redirect) {
        try {
            challenges.removeExpert(user, accountId);
            redirect.addFlashAttribute("flash", "评审专家已移除。");
        } catch (BusinessException e) {
            flashError(e, redirect);
        }
        return "redirect:/innovation/people";
    }

    // ---- contracts --------------------------------------------------------------------------------------------

    record ContractForm(String kind, String title, String sellerName, String sellerCity, String buyerName,
            String buyerCity, String amount, String registeredOn, Long dealId, String note) {

        static ContractForm empty() {
            return new ContractForm("", "", "", "", "", "", "", "", null, "");
        }
    }

    @GetMapping("/innovation/contracts")
    String contracts(CurrentUser user, @RequestParam(required = false) Integer year, Model model) {
        return contractsPage(user, year, ContractForm.empty(), Map.of(), model);
    }

    private String contractsPage(CurrentUser user, Integer year, ContractForm form, Map<String, String> errors, Model model) {
        int y = year == null ? contracts.latestYear() : year;
        List<Contracts.Flow> flows = contracts.flows(y);
        model.addAttribute("year", y);
        model.addAttribute("years", contracts.years());
        model.addAttribute("flows", flows);
        model.addAttribute("flowsJson", json.writeValueAsString(flows));
        model.addAttribute("turnover", contracts.turnover());
        model.addAttribute("contracts", contracts.list(y, 100));
        model.addAttribute("canRegister", Contracts.canRegister(user));
        model.addAttribute("kinds", Contracts.Kind.values());
        model.addAttribute("cities", region.cities());
        model.addAttribute("signedDeals", brokerage.deals(null).stream()
                .filter(d -> d.stage() == Brokerage.DealStage.SIGNED).toList());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "innovation/contracts";
    }

    @PostMapping("/innovation/contracts")
    String register(CurrentUser user, @ModelAttribute ContractForm f, Model model, RedirectAttributes redirect) {
        try {
            contracts.register(user, new Contracts.Draft(f.kind(), f.title(), f.sellerName(), f.sellerCity(),
                    f.buyerName(), f.buyerCity(), Inputs.decimal("amount", f.amount(), "合同金额"), f.registeredOn(),
                    f.dealId(), f.note()));
        } catch (BusinessException e) {
            return contractsPage(user, null, f, errors(e, "title"), model);
        }
        redirect.addFlashAttribute("flash", "技术合同已登记，流向统计已更新。");
        return "redirect:/innovation/contracts";
    }
}
