package cn.onecity.innovation.internal;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.identity.CurrentUser;
import cn.onecity.innovation.Brokerage;
import cn.onecity.innovation.Challenges;
import cn.onecity.innovation.Contracts;
import cn.onecity.innovation.Demands;
import cn.onecity.innovation.InnovationStatistics;
import cn.onecity.innovation.Results;
import cn.onecity.shared.BusinessException;

/**
 * REST API of 科技成果转化 (HTTP Basic). Amounts are in 万元. Errors are problem+json with {@code errors[]}
 * naming the field.
 */
@RestController
@RequestMapping("/api/v1/innovation")
@Tag(name = "科技成果转化", description = "科技成果、技术需求与匹配、技术经纪与对接、揭榜挂帅、技术合同登记与流向、研发机构")
class InnovationApiController {

    private final Results results;
    private final Demands demands;
    private final Brokerage brokerage;
    private final Challenges challenges;
    private final Contracts contracts;
    private final InnovationStatistics statistics;

    InnovationApiController(Results results, Demands demands, Brokerage brokerage, Challenges challenges,
            Contracts contracts, InnovationStatistics statistics) {
        this.results = results;
        this.demands = demands;
        this.brokerage = brokerage;
        this.challenges = challenges;
        this.contracts = contracts;
        this.statistics = statistics;
    }

    record Created(long id) {
    }

    private static ResponseEntity<Created> created(String path, long id) {
        return ResponseEntity.created(URI.create("/api/v1/innovation/" + path + "/" + id)).body(new Created(id));
    }

    // ---- results and batches ----------------------------------------------------------------------------------

    @PostMapping("/results")
    @Operation(summary = "发布科技成果（高校院所账户）：title、field、chainSegment、trl（1–9）、patents、transferMode（TRANSFER/LICENSE/EQUITY/JOINT_DEVELOPMENT）、expectedPrice（万元）、description")
    ResponseEntity<Created> publishResult(CurrentUser user, @RequestBody Results.Draft draft) {
        return created("results", results.publish(user, draft));
    }

    @GetMapping("/results")
    @Operation(summary = "科技成果列表（新发布在前）；batchId 联合发布批次，city 城市代码")
    List<Results.Result> results(@RequestParam(required = false) Long batchId, @RequestParam(required = false) String city) {
        return results.list(batchId, city, 500);
    }

    @GetMapping("/results/{id}")
    @Operation(summary = "一项科技成果")
    Results.Result result(@PathVariable long id) {
        return results.get(id);
    }

    record BatchRequest(String name, LocalDate releasedOn, String note, List<Long> resultIds) {
    }

    @PostMapping("/batches")
    @Operation(summary = "联合发布成果批次（一体化办），如“首批100项”")
    ResponseEntity<Created> release(CurrentUser user, @RequestBody BatchRequest r) {
        return created("batches", results.release(user, r.name(), r.releasedOn(), r.note(), r.resultIds()));
    }

    @GetMapping("/batches")
    @Operation(summary = "成果批次及各批成果数")
    List<Results.Batch> batches() {
        return results.batches();
    }

    // ---- demands and matches ----------------------------------------------------------------------------------

    @PostMapping("/demands")
    @Operation(summary = "发布技术需求（企业账户）：title、description、field、budget（万元）；发布即匹配并通知双方")
    ResponseEntity<Created> postDemand(CurrentUser user, @RequestBody Demands.Draft draft) {
        return created("demands", demands.post(user, draft));
    }

    @GetMapping("/demands")
    @Operation(summary = "技术需求列表（新发布在前）")
    List<Demands.Demand> demands() {
        return demands.list(500);
    }

    @GetMapping("/demands/{id}")
    @Operation(summary = "一项技术需求")
    Demands.Demand demand(@PathVariable long id) {
        return demands.get(id);
    }

    /** The API contract's shape: resultId, title, city, score, reasons[]. */
    record MatchJson(long resultId, String title, String city, double score, List<String> reasons) {
    }

    @GetMapping("/demands/{id}/matches")
    @Operation(summary = "需求的匹配成果（按匹配度排序）：resultId、title、city、score（0–100）、reasons[] 逐项说明得分")
    List<MatchJson> matches(@PathVariable long id) {
        return demands.matches(id).stream()
                .map(m -> new MatchJson(m.resultId(), m.title(), m.city(), m.score(), m.reasons())).toList();
    }

    // ---- service institutions and deals -----------------------------------------------------------------------

    @GetMapping("/service-organisations")
    @Operation(summary = "服务端机构：联盟高校、技术转移转化基地、高校知识产权中心、潇湘科技要素大市场及工作站")
    List<Brokerage.ServiceOrg> serviceOrgs() {
        return brokerage.serviceOrgs(null);
    }

    // ---- people: brokers and review experts (joint office, admin) ---------------------------------------------

    record BrokerRequest(String username, String name, Long serviceOrgId) {
    }

    @GetMapping("/brokers")
    @Operation(summary = "技术经纪人名单（一体化办、平台管理员）：姓名、账户、所属服务机构、已承接对接数")
    List<Brokerage.Broker> brokers(CurrentUser user) {
        return brokerage.brokers(user);
    }

    @PostMapping("/brokers")
    @Operation(summary = "登记技术经纪人（一体化办、平台管理员）：username 已有的高校院所账户、name 姓名、serviceOrgId 技术转移转化基地/高校知识产权中心/大市场/工作站")
    ResponseEntity<Created> registerBroker(CurrentUser user, @RequestBody BrokerRequest r) {
        return created("brokers", brokerage.registerBroker(user, r.username(), r.name(), r.serviceOrgId()));
    }

    @DeleteMapping("/brokers/{accountId}")
    @Operation(summary = "移除技术经纪人（一体化办、平台管理员）；已承接对接的经纪人不能移除（409）")
    ResponseEntity<Void> removeBroker(CurrentUser user, @PathVariable long accountId) {
        brokerage.removeBroker(user, accountId);
        return ResponseEntity.noContent().build();
    }

    record ExpertRequest(String username, String name, String speciality) {
    }

    @GetMapping("/experts")
    @Operation(summary = "揭榜挂帅评审专家名单（一体化办、平台管理员）：姓名、账户、所属机构、专业领域、已评分数")
    List<Challenges.RegisteredExpert> experts(CurrentUser user) {
        return challenges.experts(user);
    }

    @PostMapping("/experts")
    @Operation(summary = "登记揭榜挂帅评审专家（一体化办、平台管理员）：username 已有的高校院所账户（所属机构即账户机构）、name 姓名、speciality 专业领域")
    ResponseEntity<Created> registerExpert(CurrentUser user, @RequestBody ExpertRequest r) {
        return created("experts", challenges.registerExpert(user, r.username(), r.name(), r.speciality()));
    }

    @DeleteMapping("/experts/{accountId}")
    @Operation(summary = "移除评审专家（一体化办、平台管理员）；已评分的专家不能移除（409）")
    ResponseEntity<Void> removeExpert(CurrentUser user, @PathVariable long accountId) {
        challenges.removeExpert(user, accountId);
        return ResponseEntity.noContent().build();
    }

    record DealRequest(Long resultId, Long demandId, String note) {
    }

    @PostMapping("/deals")
    @Operation(summary = "技术经纪人承接一对成果与需求，进入洽谈")
    ResponseEntity<Created> take(CurrentUser user, @RequestBody DealRequest r) {
        if (r.resultId() == null) {
            throw BusinessException.invalid("resultId", "请指定科技成果");
        }
        if (r.demandId() == null) {
            throw BusinessException.invalid("demandId", "请指定技术需求");
        }
        return created("deals", brokerage.take(user, r.resultId(), r.demandId(), r.note()));
    }

    record StepRequest(String stage, String note) {
    }

    @PostMapping("/deals/{id}/steps")
    @Operation(summary = "记录对接进展：stage NEGOTIATING（洽谈）/ SIGNED（签约）/ FAILED（未成）")
    Brokerage.Deal step(CurrentUser user, @PathVariable long id, @RequestBody StepRequest r) {
        brokerage.record(user, id, r.stage(), r.note());
        return brokerage.deal(id);
    }

    @GetMapping("/deals")
    @Operation(summary = "对接记录及其进展")
    List<Brokerage.Deal> deals() {
        return brokerage.deals(null);
    }

    // ---- 揭榜挂帅 ----------------------------------------------------------------------------------------------

    @PostMapping("/challenges")
    @Operation(summary = "发布揭榜挂帅榜单（一体化办或企业）：title、problem、indicators、budget（万元）、deadline、eligibility")
    ResponseEntity<Created> publishChallenge(CurrentUser user, @RequestBody Challenges.Draft draft) {
        return created("challenges", challenges.publish(user, draft));
    }

    @GetMapping("/challenges")
    @Operation(summary = "揭榜挂帅公开榜单及各榜所处阶段（无需登录）")
    List<Challenges.Challenge> challenges() {
        return challenges.list();
    }

    record ChallengeDetail(Challenges.Challenge challenge, List<Challenges.Proposal> proposals,
            List<Challenges.Score> scores, List<Challenges.Milestone> milestones) {
    }

    @GetMapping("/challenges/{id}")
    @Operation(summary = "一个榜单（无需登录）：榜单、阶段、方案数、揭榜方与里程碑；揭榜方案与专家评分按身份可见",
            description = "发榜单位与一体化办可见全部方案与评分；评审专家在征集截止后可见全部方案及本人评分；"
                    + "揭榜单位只见本单位方案（揭榜后可见评分数与平均分）；其他人与未登录用户不见任何方案。")
    ChallengeDetail challenge(CurrentUser user, @PathVariable long id) {
        Challenges.Challenge c = challenges.get(id);
        Challenges.Review review = challenges.review(user, c);
        return new ChallengeDetail(c, review.proposals(), review.scores(), challenges.milestones(id));
    }

    record ProposalRequest(String teamName, String summary) {
    }

    @PostMapping("/challenges/{id}/proposals")
    @Operation(summary = "揭榜：提交方案（高校院所或企业，每单位一份）")
    ResponseEntity<Created> apply(CurrentUser user, @PathVariable long id, @RequestBody ProposalRequest r) {
        return created("challenges/" + id + "/proposals", challenges.apply(user, id, r.teamName(), r.summary()));
    }

    @PostMapping("/challenges/{id}/review")
    @Operation(summary = "截止征集，进入专家评审（发榜单位或一体化办）")
    Challenges.Challenge review(CurrentUser user, @PathVariable long id) {
        challenges.startReview(user, id);
        return challenges.get(id);
    }

    record ScoreRequest(Integer points, String comment) {
    }

    @PostMapping("/proposals/{id}/scores")
    @Operation(summary = "专家评分（0–100）；本单位方案须回避，否则 400")
    ResponseEntity<Void> score(CurrentUser user, @PathVariable long id, @RequestBody ScoreRequest r) {
        challenges.score(user, id, r.points(), r.comment());
        return ResponseEntity.noContent().build();
    }

    record AwardRequest(Long proposalId, List<Challenges.MilestoneDraft> milestones) {
    }

    @PostMapping("/challenges/{id}/award")
    @Operation(summary = "确定揭榜方并设里程碑（发榜单位或一体化办）；方案至少需两位专家评分")
    ChallengeDetail award(CurrentUser user, @PathVariable long id, @RequestBody AwardRequest r) {
        if (r.proposalId() == null) {
            throw BusinessException.invalid("proposalId", "请选择揭榜方案");
        }
        challenges.award(user, id, r.proposalId(), r.milestones());
        return challenge(user, id);
    }

    @PostMapping("/milestones/{id}/done")
    @Operation(summary = "确认里程碑完成（揭榜方、发榜单位或一体化办）；全部完成后榜单为“已完成”")
    ResponseEntity<Void> milestoneDone(CurrentUser user, @PathVariable long id) {
        challenges.completeMilestone(user, id);
        return ResponseEntity.noContent().build();
    }

    // ---- contracts and statistics -----------------------------------------------------------------------------

    @PostMapping("/contracts")
    @Operation(summary = "登记技术合同（市科学技术局或一体化办）：kind（DEVELOPMENT/TRANSFER/LICENSE/CONSULTING/SERVICE）、title、sellerName、sellerCity、buyerName、buyerCity（城市代码）、amount（万元）、registeredOn、dealId（可选）")
    ResponseEntity<Created> register(CurrentUser user, @RequestBody Contracts.Draft draft) {
        return created("contracts", contracts.register(user, draft));
    }

    @GetMapping("/contracts")
    @Operation(summary = "技术合同（按登记日期倒序）；year 可选")
    List<Contracts.Contract> contracts(@RequestParam(required = false) Integer year) {
        return contracts.list(year, 1000);
    }

    @GetMapping("/statistics/flows")
    @Operation(summary = "某年技术合同流向：卖方（技术供给方）城市 → 买方城市，合同数与金额（万元）")
    List<Contracts.Flow> flows(@RequestParam(required = false) Integer year) {
        return contracts.flows(year == null ? contracts.latestYear() : checkYear(year));
    }

    @GetMapping("/statistics/turnover")
    @Operation(summary = "技术合同成交额：按年度与卖方城市（万元）")
    List<Contracts.CityYear> turnover() {
        return contracts.turnover();
    }

    @GetMapping("/statistics")
    @Operation(summary = "科技成果转化汇总（与驾驶舱相同）")
    InnovationStatistics.Figures statistics() {
        return statistics.figures();
    }

    private static int checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw BusinessException.invalid("year", "年份应在 2000–2100 之间");
        }
        return year;
    }

    // ---- R&D institutions -------------------------------------------------------------------------------------

    @PostMapping("/rd-institutions")
    @Operation(summary = "登记研发机构（市科学技术局或一体化办）：name、kind、cityCode、foundedOn")
    ResponseEntity<Created> registerRd(CurrentUser user, @RequestBody Contracts.RdDraft draft) {
        return created("rd-institutions", contracts.registerRd(user, draft));
    }

    @GetMapping("/rd-institutions")
    @Operation(summary = "研发机构名录")
    List<Contracts.RdInstitution> rdInstitutions() {
        return contracts.rdInstitutions();
    }

    @GetMapping("/statistics/rd-growth")
    @Operation(summary = "研发机构增长：按成立年份与城市及累计")
    List<Contracts.RdYear> rdGrowth() {
        return contracts.rdGrowth();
    }

}
