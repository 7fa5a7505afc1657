package cn.onecity.innovation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.notification.Notifications;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.Times;

/**
 * 揭榜挂帅: the joint office or an enterprise publishes a challenge (problem, indicators, budget, deadline,
 * eligibility); teams of universities, institutes and enterprises apply with proposals; registered experts score
 * them (0–100), never a proposal from their own institution (利益冲突回避); the publisher awards the winner, which
 * needs at least {@value #MIN_SCORES} experts' scores, with milestones; the winner reports milestones done.
 * Stages: 征集中 → 评审中 → 已揭榜 → 已完成.
 */
@Service
public class Challenges {

    public static final int MIN_SCORES = 2;
    public static final int MAX_MILESTONES = 12;

    public enum Stage {
        OPEN("征集中"), REVIEW("评审中"), AWARDED("已揭榜"), COMPLETED("已完成");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** {@code budget} in 万元; {@code deadline} yyyy-MM-dd, the last day to apply. */
    public record Draft(String title, String problem, String indicators, BigDecimal budget, String deadline,
            String eligibility) {
    }

    public record MilestoneDraft(String title, String dueOn) {
    }

    public record Challenge(long id, String title, String problem, String indicators, BigDecimal budget,
            LocalDate deadline, String eligibility, long publisherOrgId, String publisherName, String cityCode,
            String city, Stage stage, String stageLabel, Long winnerProposalId, String winnerTeam, long proposals,
            OffsetDateTime createdAt, OffsetDateTime awardedAt, boolean sample) {
    }

    public record Proposal(long id, long challengeId, String teamName, long organisationId, String organisationName,
            String summary, long scores, Double averageScore, OffsetDateTime createdAt) {
    }

    public record Score(long proposalId, long expertId, String expertName, int points, String comment) {
    }

    public record Milestone(long id, String title, LocalDate dueOn, OffsetDateTime doneAt) {
    }

    public record Expert(long accountId, String name, long organisationId, String speciality) {
    }

    public record StageCount(String stage, String label, long count) {
    }

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final Region region;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    Challenges(JdbcClient jdbc, Notifications notifications, Region region, Accounts accounts, AuditLog audit,
            Clock clock) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.region = region;
        this.audit = audit;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    public static boolean canPublish(CurrentUser user) {
        return user != null && user.isAny(Role.JOINT_OFFICE, Role.ENTERPRISE);
    }

    // ---- publish ----------------------------------------------------------------------------------------------

    @Transactional
    public long publish(CurrentUser user, Draft d) {
        if (!canPublish(user)) {
            throw new ForbiddenException("只有一体化办或企业可以发布揭榜挂帅榜单");
        }
        return insert(d, user.organisationId(), user.organisationName(), user.cityCode(), user.accountId(), false);
    }

    /** Checks and stores a challenge; demo data may back-date it ({@code allowPast}). */
    @Transactional
    public long insert(Draft d, long publisherOrgId, String publisherName, String cityCode, Long by, boolean allowPast) {
        List<FieldMessage> errors = new ArrayList<>();
        String title = Inputs.text(errors, "title", d.title(), "榜单名称", 200, true);
        String problem = Inputs.text(errors, "problem", d.problem(), "技术难题", 2000, true);
        String indicators = Inputs.text(errors, "indicators", d.indicators(), "考核指标", 2000, true);
        Inputs.amount(errors, "budget", d.budget(), "榜单金额", true);
        LocalDate deadline = Inputs.date(errors, "deadline", d.deadline(), "揭榜截止日期", true);
        if (deadline != null && !allowPast && deadline.isBefore(today())) {
            errors.add(new FieldMessage("deadline", "揭榜截止日期不能早于今天"));
        }
        String eligibility = Inputs.text(errors, "eligibility", d.eligibility(), "揭榜条件", 1000, true);
        Inputs.throwIfAny(errors);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inv_challenge (title, problem, indicators, budget, deadline, eligibility, publisher_org_id,
                                           publisher_name, city_code, stage, created_by, created_at)
                VALUES (:t, :p, :i, :b, :dl, :e, :o, :n, :c, 'OPEN', :by, :now)""")
                .param("t", title).param("p", problem).param("i", indicators).param("b", d.budget())
                .param("dl", deadline).param("e", eligibility).param("o", publisherOrgId).param("n", publisherName)
                .param("c", cityCode).param("by", by).param("now", OffsetDateTime.now(clock)).update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("innovation", "发布揭榜挂帅榜单", "榜单#" + id, title);
        return id;
    }

    // ---- apply ------------------------------------------------------------------------------------------------

    /** A university, institute or enterprise applies with a proposal, once per organisation, before the deadline. */
    @Transactional
    public long apply(CurrentUser user, long challengeId, String teamName, String summary) {
        if (user == null || !user.isAny(Role.INSTITUTION, Role.ENTERPRISE)) {
            throw new ForbiddenException("只有高校院所或企业账户可以揭榜");
        }
        Challenge c = get(challengeId);
        if (c.stage() != Stage.OPEN) {
            throw BusinessException.invalid("challengeId", "榜单已" + c.stageLabel() + "，不再接受揭榜");
        }
        if (today().isAfter(c.deadline())) {
            throw BusinessException.invalid("challengeId", "揭榜已于 " + c.deadline() + " 截止");
        }
        if (c.publisherOrgId() == user.organisationId()) {
            throw BusinessException.invalid("challengeId", "发榜单位不能揭自己的榜");
        }
        List<FieldMessage> errors = new ArrayList<>();
        String team = Inputs.text(errors, "teamName", teamName, "团队名称", 200, true);
        String s = Inputs.text(errors, "summary", summary, "揭榜方案", 2000, true);
        Inputs.throwIfAny(errors);
        if (jdbc.sql("SELECT COUNT(*) FROM inv_proposal WHERE challenge_id = :c AND organisation_id = :o")
                .param("c", challengeId).param("o", user.organisationId()).query(Long.class).single() > 0) {
            throw new ConflictException("本单位已揭此榜，每个单位只能提交一份方案");
        }
        return insertProposal(challengeId, team, user.organisationId(), user.organisationName(), s, user.accountId());
    }

    @Transactional
    public long insertProposal(long challengeId, String team, long orgId, String orgName, String summary, Long by) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO inv_proposal (challenge_id, team_name, organisation_id, organisation_name, summary, created_by, created_at)
                VALUES (:c, :t, :o, :n, :s, :by, :now)""").param("c", challengeId).param("t", team).param("o", orgId)
                .param("n", orgName).param("s", summary).param("by", by).param("now", OffsetDateTime.now(clock))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("innovation", "揭榜", "榜单#" + challengeId, team + "（" + orgName + "）");
        Challenge c = get(challengeId);
        notifications.sendToOrganisation(c.publisherOrgId(), "科技成果转化", "新的揭榜方案：" + c.title(),
                orgName + "“" + team + "”提交了揭榜方案。", "/innovation/challenges/" + challengeId);
        return id;
    }

    /** The publisher (or the joint office) closes applications and starts the expert review. */
    @Transactional
    public void startReview(CurrentUser user, long challengeId) {
        Challenge c = get(challengeId);
        requirePublisher(user, c);
        if (c.stage() != Stage.OPEN) {
            throw BusinessException.invalid("challengeId", "榜单已" + c.stageLabel() + "，不能再进入评审");
        }
        if (c.proposals() == 0) {
            throw BusinessException.invalid("challengeId", "尚无揭榜方案，不能进入评审");
        }
        setStage(challengeId, Stage.REVIEW);
        audit.record("innovation", "榜单进入评审", "榜单#" + challengeId, c.title());
    }

    // ---- experts and scores -----------------------------------------------------------------------------------

    /** A registered review expert; {@code scores} how many proposals they have scored (then they cannot be removed). */
    public record RegisteredExpert(long accountId, String username, String name, long organisationId,
            String organisationName, String speciality, long scores) {
    }

    /**
     * The joint office or the admin registers an existing INSTITUTION account (by username) as a review expert;
     * the expert's organisation is the account's (it decides the conflict-of-interest rule). Returns the account
     * id. Refused: one already an expert (409), a blank or over-long name or speciality.
     */
    @Transactional
    public long registerExpert(CurrentUser by, String username, String name, String speciality) {
        if (!Inputs.canManagePeople(by)) {
            throw new ForbiddenException("只有一体化办或平台管理员可以登记评审专家");
        }
        List<FieldMessage> errors = new ArrayList<>();
        CurrentUser account = Inputs.institutionAccount(errors, accounts, username);
        return insertExpert(errors, account, name, account == null ? 0 : account.organisationId(), speciality);
    }

    /** Registers an account as an expert with the same checks but no caller (demo data). */
    @Transactional
    public void registerExpert(long accountId, String name, long organisationId, String speciality) {
        List<FieldMessage> errors = new ArrayList<>();
        CurrentUser account = Inputs.institutionAccount(errors, accounts, accountId);
        insertExpert(errors, account, name, organisationId, speciality);
    }

    private long insertExpert(List<FieldMessage> errors, CurrentUser account, String name, long organisationId,
            String speciality) {
        String n = Inputs.text(errors, "name", name, "专家姓名", 100, true);
        String sp = Inputs.text(errors, "speciality", speciality, "专业领域", 200, true);
        Inputs.throwIfAny(errors);
        if (jdbc.sql("SELECT COUNT(*) FROM inv_expert WHERE account_id = :a").param("a", account.accountId())
                .query(Long.class).single() > 0) {
            throw new ConflictException("账户“" + account.username() + "”已登记为评审专家");
        }
        try {
            jdbc.sql("INSERT INTO inv_expert (account_id, name, organisation_id, speciality) VALUES (:a, :n, :o, :s)")
                    .param("a", account.accountId()).param("n", n).param("o", organisationId).param("s", sp).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("账户“" + account.username() + "”已登记为评审专家");
        }
        audit.record("innovation", "登记评审专家", "账户#" + account.accountId() + "（" + account.username() + "）",
                n + " / " + sp);
        return account.accountId();
    }

    /** The joint office or the admin removes an expert who has scored nothing (scores keep their expert). */
    @Transactional
    public void removeExpert(CurrentUser by, long accountId) {
        if (!Inputs.canManagePeople(by)) {
            throw new ForbiddenException("只有一体化办或平台管理员可以移除评审专家");
        }
        RegisteredExpert e = allExperts().stream().filter(x -> x.accountId() == accountId).findFirst()
                .orElseThrow(() -> new NotFoundException("评审专家不存在"));
        if (e.scores() > 0) {
            throw new ConflictException("评审专家" + e.name() + "已评分 " + e.scores() + " 次，不能移除（评分记录须保留专家）");
        }
        jdbc.sql("DELETE FROM inv_expert WHERE account_id = :a").param("a", accountId).update();
        audit.record("innovation", "移除评审专家", "账户#" + accountId + "（" + e.username() + "）", e.name());
    }

    /** All registered review experts, by name. */
    public List<RegisteredExpert> experts(CurrentUser by) {
        if (!Inputs.canManagePeople(by)) {
            throw new ForbiddenException("只有一体化办或平台管理员可以查看评审专家名单");
        }
        return allExperts();
    }

    private List<RegisteredExpert> allExperts() {
        List<RegisteredExpert> rows = jdbc.sql("""
                SELECT e.*, (SELECT COUNT(*) FROM inv_score s WHERE s.expert_id = e.account_id) AS scores
                FROM inv_expert e ORDER BY e.name, e.account_id""")
                .query((rs, i) -> new RegisteredExpert(rs.getLong("account_id"), null, rs.getString("name"),
                        rs.getLong("organisation_id"), null, rs.getString("speciality"), rs.getLong("scores"))).list();
        Map<Long, String> orgNames = new LinkedHashMap<>();
        return rows.stream().map(e -> new RegisteredExpert(e.accountId(), accounts.find(e.accountId())
                .map(CurrentUser::username).orElse("账户#" + e.accountId()), e.name(), e.organisationId(),
                orgNames.computeIfAbsent(e.organisationId(), id -> organisationName(id)), e.speciality(), e.scores()))
                .toList();
    }

    private String organisationName(long id) {
        try {
            return accounts.organisation(id).name();
        } catch (NotFoundException e) {
            return "机构#" + id;
        }
    }

    public Optional<Expert> expert(CurrentUser user) {
        if (user == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM inv_expert WHERE account_id = :a").param("a", user.accountId())
                .query((rs, i) -> new Expert(rs.getLong("account_id"), rs.getString("name"), rs.getLong("organisation_id"),
                        rs.getString("speciality"))).optional();
    }

    /**
     * A registered expert scores a proposal (0–100) once, during review. An expert of the proposing team's own
     * institution is refused (利益冲突回避), with nothing saved.
     */
    @Transactional
    public void score(CurrentUser user, long proposalId, Integer points, String comment) {
        Expert expert = expert(user).orElseThrow(() -> new ForbiddenException("只有登记的评审专家可以评分"));
        Proposal p = proposal(proposalId);
        Challenge c = get(p.challengeId());
        if (c.stage() != Stage.REVIEW) {
            throw BusinessException.invalid("proposalId", "榜单" + c.stageLabel() + "，当前不在评审阶段");
        }
        if (expert.organisationId() == p.organisationId()) {
            audit.recordFailure("innovation", "专家评分", "方案#" + proposalId, "利益冲突回避");
            throw BusinessException.invalid("proposalId", "利益冲突回避：评审专家" + expert.name() + "与揭榜团队同属“"
                    + p.organisationName() + "”，不能评审本单位的方案");
        }
        List<FieldMessage> errors = new ArrayList<>();
        if (points == null) {
            errors.add(new FieldMessage("points", "请填写评分（0–100）"));
        } else if (points < 0 || points > 100) {
            errors.add(new FieldMessage("points", "评分应为 0–100 的整数，收到 " + points));
        }
        String note = Inputs.text(errors, "comment", comment, "评审意见", 500, false);
        Inputs.throwIfAny(errors);
        if (jdbc.sql("SELECT COUNT(*) FROM inv_score WHERE proposal_id = :p AND expert_id = :e").param("p", proposalId)
                .param("e", expert.accountId()).query(Long.class).single() > 0) {
            throw new ConflictException("您已评审过该方案");
        }
        jdbc.sql("INSERT INTO inv_score (proposal_id, expert_id, points, comment, scored_at) VALUES (:p, :e, :s, :c, :now)")
                .param("p", proposalId).param("e", expert.accountId()).param("s", points).param("c", note)
                .param("now", OffsetDateTime.now(clock)).update();
        audit.record("innovation", "专家评分", "方案#" + proposalId, expert.name() + " " + points + " 分");
    }

    // ---- award and milestones ---------------------------------------------------------------------------------

    /** The publisher awards a scored proposal, with its milestones; all applicants are notified. */
    @Transactional
    public void award(CurrentUser user, long challengeId, long proposalId, List<MilestoneDraft> milestones) {
        Challenge c = get(challengeId);
        requirePublisher(user, c);
        if (c.stage() != Stage.REVIEW) {
            throw BusinessException.invalid("challengeId", "榜单" + c.stageLabel() + "，只有评审中的榜单可以确定揭榜方");
        }
        Proposal winner = proposal(proposalId);
        List<FieldMessage> errors = new ArrayList<>();
        if (winner.challengeId() != challengeId) {
            errors.add(new FieldMessage("proposalId", "方案#" + proposalId + "不属于该榜单"));
        } else if (winner.scores() < MIN_SCORES) {
            errors.add(new FieldMessage("proposalId", "该方案只有 " + winner.scores() + " 位专家评分，至少需要 "
                    + MIN_SCORES + " 位专家评分后才能确定揭榜方"));
        }
        List<MilestoneDraft> ms = milestones == null ? List.of() : milestones.stream()
                .filter(m -> m != null && !((m.title() == null || m.title().isBlank()) && (m.dueOn() == null || m.dueOn().isBlank())))
                .toList();
        if (ms.isEmpty()) {
            errors.add(new FieldMessage("milestones", "请至少填写一个里程碑（名称与日期）"));
        } else if (ms.size() > MAX_MILESTONES) {
            errors.add(new FieldMessage("milestones", "里程碑不能超过 " + MAX_MILESTONES + " 个"));
        }
        List<LocalDate> dues = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            titles.add(Inputs.text(errors, "milestones[" + i + "].title", ms.get(i).title(), "里程碑" + (i + 1) + "名称", 200, true));
            LocalDate due = Inputs.date(errors, "milestones[" + i + "].dueOn", ms.get(i).dueOn(), "里程碑" + (i + 1) + "日期", true);
            if (due != null && due.isBefore(today())) {
                errors.add(new FieldMessage("milestones[" + i + "].dueOn", "里程碑" + (i + 1) + "日期不能早于今天"));
            }
            dues.add(due);
        }
        Inputs.throwIfAny(errors);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("UPDATE inv_challenge SET stage = 'AWARDED', winner_proposal_id = :p, awarded_at = :now WHERE id = :id")
                .param("p", proposalId).param("now", now).param("id", challengeId).update();
        for (int i = 0; i < ms.size(); i++) {
            jdbc.sql("INSERT INTO inv_milestone (challenge_id, title, due_on) VALUES (:c, :t, :d)").param("c", challengeId)
                    .param("t", titles.get(i)).param("d", dues.get(i)).update();
        }
        audit.record("innovation", "确定揭榜方", "榜单#" + challengeId, winner.teamName() + "（" + winner.organisationName() + "）");
        for (Proposal p : proposals(challengeId)) {
            boolean won = p.id() == proposalId;
            notifications.sendToOrganisation(p.organisationId(), "科技成果转化",
                    (won ? "揭榜成功：" : "揭榜结果：") + c.title(),
                    won ? "贵单位“" + p.teamName() + "”揭榜成功，请按里程碑推进。" : "本榜单已由“" + winner.teamName() + "”揭榜，感谢参与。",
                    "/innovation/challenges/" + challengeId);
        }
    }

    /** The winning organisation (or the publisher) marks a milestone done; the last one completes the challenge. */
    @Transactional
    public void completeMilestone(CurrentUser user, long milestoneId) {
        Long challengeId = jdbc.sql("SELECT challenge_id FROM inv_milestone WHERE id = :id").param("id", milestoneId)
                .query(Long.class).optional().orElseThrow(() -> new NotFoundException("里程碑不存在"));
        Challenge c = get(challengeId);
        if (!completesMilestones(user, c)) {
            throw new ForbiddenException("只有揭榜方、发榜方或一体化办可以确认里程碑");
        }
        int n = jdbc.sql("UPDATE inv_milestone SET done_at = :now WHERE id = :id AND done_at IS NULL")
                .param("now", OffsetDateTime.now(clock)).param("id", milestoneId).update();
        if (n == 0) {
            throw new ConflictException("该里程碑已完成");
        }
        audit.record("innovation", "完成里程碑", "榜单#" + challengeId, "里程碑#" + milestoneId);
        long open = jdbc.sql("SELECT COUNT(*) FROM inv_milestone WHERE challenge_id = :c AND done_at IS NULL")
                .param("c", challengeId).query(Long.class).single();
        if (open == 0) {
            setStage(challengeId, Stage.COMPLETED);
        }
    }

    private void requirePublisher(CurrentUser user, Challenge c) {
        if (!manages(user, c)) {
            throw new ForbiddenException("只有发榜单位或一体化办可以管理该榜单");
        }
    }

    /** The winning organisation, the publisher and the joint office confirm a challenge's milestones. */
    public boolean completesMilestones(CurrentUser user, Challenge c) {
        if (manages(user, c)) {
            return true;
        }
        return user != null && c.winnerProposalId() != null
                && proposal(c.winnerProposalId()).organisationId() == user.organisationId();
    }

    /** The publishing organisation and the joint office manage a challenge. */
    public static boolean manages(CurrentUser user, Challenge c) {
        return user != null && (user.is(Role.JOINT_OFFICE) || user.organisationId() == c.publisherOrgId());
    }

    /** The proposals and scores of a challenge that one user may see (see {@link #review}). */
    public record Review(List<Proposal> proposals, List<Score> scores) {
    }

    /**
     * What of a challenge's proposals and scores {@code user} (null: anonymous) may see. Proposals are the teams'
     * own technical plans, and the scores are the experts' independent judgement, so they are not public:
     * <ul>
     * <li>the publisher and the joint office see every proposal and every score;</li>
     * <li>a registered review expert sees every proposal once the call has closed (to score them), and only their
     * own scores;</li>
     * <li>a proposing organisation sees its own proposal, with its score count and average only once the
     * challenge is awarded;</li>
     * <li>anyone else sees the challenge, its stage, how many proposals it has and, once awarded, the winning team
     * ({@link Challenge}), but no proposal.</li>
     * </ul>
     */
    public Review review(CurrentUser user, Challenge c) {
        if (user == null) {
            return new Review(List.of(), List.of());
        }
        if (manages(user, c)) {
            return new Review(proposals(c.id()), scores(c.id()));
        }
        if (c.stage() != Stage.OPEN && expert(user).isPresent()) {
            return new Review(proposals(c.id()),
                    scores(c.id()).stream().filter(s -> s.expertId() == user.accountId()).toList());
        }
        boolean awarded = c.stage() == Stage.AWARDED || c.stage() == Stage.COMPLETED;
        return new Review(proposals(c.id()).stream().filter(p -> p.organisationId() == user.organisationId())
                .map(p -> awarded ? p : new Proposal(p.id(), p.challengeId(), p.teamName(), p.organisationId(),
                        p.organisationName(), p.summary(), 0, null, p.createdAt()))
                .toList(), List.of());
    }

    private void setStage(long id, Stage s) {
        jdbc.sql("UPDATE inv_challenge SET stage = :s WHERE id = :id").param("s", s.name()).param("id", id).update();
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    public Challenge get(long id) {
        return jdbc.sql(SQL + " WHERE c.id = :id").param("id", id).query(this::row).optional()
                .orElseThrow(() -> new NotFoundException("榜单不存在"));
    }

    /** Every challenge, newest first: the public list with each challenge's stage. */
    public List<Challenge> list() {
        return jdbc.sql(SQL + " ORDER BY c.id DESC").query(this::row).list();
    }

    public List<StageCount> countsByStage() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            counts.put(s.name(), 0L);
        }
        jdbc.sql("SELECT stage, COUNT(*) AS n FROM inv_challenge GROUP BY stage")
                .query((rs, i) -> counts.put(rs.getString("stage"), rs.getLong("n"))).list();
        List<StageCount> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new StageCount(k, Stage.valueOf(k).label(), v)));
        return out;
    }

    public List<Proposal> proposals(long challengeId) {
        return jdbc.sql(PROPOSAL_SQL + " WHERE p.challenge_id = :c ORDER BY p.id").param("c", challengeId)
                .query(this::proposalRow).list();
    }

    public Proposal proposal(long id) {
        return jdbc.sql(PROPOSAL_SQL + " WHERE p.id = :id").param("id", id).query(this::proposalRow).optional()
                .orElseThrow(() -> BusinessException.invalid("proposalId", "揭榜方案#" + id + "不存在"));
    }

    public List<Score> scores(long challengeId) {
        return jdbc.sql("""
                SELECT s.*, e.name FROM inv_score s JOIN inv_expert e ON e.account_id = s.expert_id
                JOIN inv_proposal p ON p.id = s.proposal_id WHERE p.challenge_id = :c ORDER BY s.proposal_id, e.name""")
                .param("c", challengeId).query((rs, i) -> new Score(rs.getLong("proposal_id"), rs.getLong("expert_id"),
                        rs.getString("name"), rs.getInt("points"), rs.getString("comment"))).list();
    }

    public List<Milestone> milestones(long challengeId) {
        return jdbc.sql("SELECT * FROM inv_milestone WHERE challenge_id = :c ORDER BY due_on, id").param("c", challengeId)
                .query((rs, i) -> new Milestone(rs.getLong("id"), rs.getString("title"),
                        rs.getObject("due_on", LocalDate.class), rs.getObject("done_at", OffsetDateTime.class))).list();
    }

    private static final String SQL = """
            SELECT c.*, w.team_name AS winner_team,
                   (SELECT COUNT(*) FROM inv_proposal p WHERE p.challenge_id = c.id) AS proposals
            FROM inv_challenge c LEFT JOIN inv_proposal w ON w.id = c.winner_proposal_id""";

    private static final String PROPOSAL_SQL = """
            SELECT p.*, (SELECT COUNT(*) FROM inv_score s WHERE s.proposal_id = p.id) AS scores,
                   (SELECT AVG(CAST(s.points AS NUMERIC(6,2))) FROM inv_score s WHERE s.proposal_id = p.id) AS average_score
            FROM inv_proposal p""";

    private Challenge row(ResultSet rs, int i) throws SQLException {
        Stage s = Stage.valueOf(rs.getString("stage"));
        long w = rs.getLong("winner_proposal_id");
        Long winner = rs.wasNull() ? null : w;
        String city = rs.getString("city_code");
        String title = rs.getString("title");
        return new Challenge(rs.getLong("id"), title, rs.getString("problem"), rs.getString("indicators"),
                rs.getBigDecimal("budget"), rs.getObject("deadline", LocalDate.class), rs.getString("eligibility"),
                rs.getLong("publisher_org_id"), rs.getString("publisher_name"), city,
                city == null ? "三市" : region.cityShortName(city), s, s.label(), winner, rs.getString("winner_team"),
                rs.getLong("proposals"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("awarded_at", OffsetDateTime.class), Inputs.sample(title, rs.getString("publisher_name")));
    }

    private Proposal proposalRow(ResultSet rs, int i) throws SQLException {
        BigDecimal avg = rs.getBigDecimal("average_score");
        return new Proposal(rs.getLong("id"), rs.getLong("challenge_id"), rs.getString("team_name"),
                rs.getLong("organisation_id"), rs.getString("organisation_name"), rs.getString("summary"),
                rs.getLong("scores"), avg == null ? null : Math.round(avg.doubleValue() * 10) / 10.0,
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
