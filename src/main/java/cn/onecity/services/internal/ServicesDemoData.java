package cn.onecity.services.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;
import cn.onecity.services.ApplicationView;
import cn.onecity.services.Applications;
import cn.onecity.services.Catalogue;
import cn.onecity.services.CatalogueImport;
import cn.onecity.services.FormField;
import cn.onecity.services.Handling;
import cn.onecity.services.Material;
import cn.onecity.services.Mode;
import cn.onecity.services.NewApplication;
import cn.onecity.services.Ratings;
import cn.onecity.services.ServiceClock;
import cn.onecity.services.ServiceItem;
import cn.onecity.services.Upload;
import cn.onecity.shared.IdNumbers;
import cn.onecity.shared.ReplayableClock;
import cn.onecity.shared.Times;

/**
 * Demo data of 跨市通办, loaded once into an empty catalogue after identity's demo accounts: the 185 items of
 * {@code services/demo-catalogue.tsv} (through the Excel import's parsing and checks), staff accounts of the
 * housing-fund centres and a few other departments, and about two dozen applications that go through the real
 * module API — submission, handling, 补正, 好差评 — as the demo accounts, spread over the three cities' 3×3
 * accepting→handling pairs and the three modes, in every state. Applicants are named 某示例 with test ID numbers.
 *
 * <p>Each case has a schedule: the moments of its steps, in working days before today (on the platform's
 * calendar) and a time of day. Every step runs at its moment through {@link ReplayableClock#replay}, so the
 * application, its timeline, 补正 notices, materials, ratings, notices, the operation log and the engine's history
 * all carry the same believable dates, and the clock figures (用时, 按时办结, 超期) are computed by the module's
 * own code. Completed cases finish within their promised limit; open ones are dated so that none is overdue
 * on the day the data is loaded. Nothing happens on the loading day itself, so no moment lies in the future.
 * The catalogue is imported at {@link #CATALOGUE_PUBLISHED}, before the first case.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "onecity.demo.enabled", havingValue = "true")
class ServicesDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ServicesDemoData.class);

    static final String PASSWORD = "onecity2026";
    static final String CATALOGUE = "services/demo-catalogue.tsv";
    static final String CS = "430100";
    static final String ZZ = "430200";
    static final String XT = "430300";
    /** When the catalogue is imported: working days before today and a time of day, as in a case's schedule. */
    static final String CATALOGUE_PUBLISHED = "20 09:00";

    /** The demo staff accounts this runner adds: username → department code. */
    static final Map<String, String> STAFF = new LinkedHashMap<>();

    static {
        STAFF.put("cs-gjj", CS + "-GJJ");
        STAFF.put("zz-gjj", ZZ + "-GJJ");
        STAFF.put("xt-gjj", XT + "-GJJ");
        STAFF.put("cs-gaj", CS + "-GAJ");
        STAFF.put("cs-rsj", CS + "-RSJ");
    }

    /** Where a demo case stops. */
    enum Target {
        /** 待窗口收件 (异地代收代办 just submitted). */
        WINDOW,
        /** 待受理. */
        ACCEPT,
        /** 补正中, asked at acceptance. */
        SUPPLEMENT_AT_ACCEPT,
        /** 补正中, asked at review. */
        SUPPLEMENT_AT_REVIEW,
        /** 审核中. */
        REVIEW,
        /** 待办结. */
        DECIDE,
        /** 多地联办: the lead city has handled its part, the others not yet. */
        JOINT_PARTLY,
        /** 多地联办中, nobody has acted yet. */
        JOINT,
        /** 已办结 (by post, or collected at the accepting window), then rated. */
        DONE,
        /** 已办结 after one round of 补正. */
        DONE_AFTER_SUPPLEMENT,
        /** Collected at the accepting window. */
        DONE_AT_WINDOW,
        /** Collected at the accepting window after one round of 补正 asked at review. */
        DONE_AT_WINDOW_AFTER_SUPPLEMENT,
        /** 不予受理. */
        REJECTED,
        /** Withdrawn by the applicant before acceptance. */
        WITHDRAWN
    }

    /** A rating after 办结 (window level only for 异地代收代办); {@code answer} has the department answer a bad one. */
    record Rating(Integer window, String windowComment, int department, String departmentComment, boolean answer) {
    }

    /**
     * One demo case. {@code schedule} lists the moments of its steps in order, comma-separated, each as working
     * days before today and a time of day ({@code "3 09:20"}): the submission, every action of staff or applicant
     * (补正 answered, withdrawal), the rating and the department's answer to it. The loader fails if a case has
     * more or fewer moments than steps, or if they go backwards.
     */
    record Case(String itemCode, Mode mode, String accept, String handle, List<String> joint, String applicant,
            String idBody, String phone, Map<String, String> form, Target target, String schedule, Rating rating) {

        /** The moment of the submission, for ordering the cases (the earlier submitted gets the lower number). */
        Moment submitted() {
            return Moment.parse(schedule.split(",")[0]);
        }
    }

    /** A moment of a schedule: {@code workingDaysAgo} working days before today (at least 1), at {@code time}. */
    record Moment(int workingDaysAgo, LocalTime time) implements Comparable<Moment> {

        static Moment parse(String text) {
            String[] parts = text.trim().split(" ");
            Moment m = new Moment(Integer.parseInt(parts[0]), LocalTime.parse(parts[1]));
            if (m.workingDaysAgo < 1) {
                throw new IllegalStateException("a demo moment must lie on an earlier working day: " + text);
            }
            return m;
        }

        @Override
        public int compareTo(Moment o) {
            return Comparator.comparingInt((Moment m) -> -m.workingDaysAgo).thenComparing(Moment::time).compare(this, o);
        }
    }

    private final Accounts accounts;
    private final CatalogueImport catalogueImport;
    private final Catalogue catalogue;
    private final Applications applications;
    private final Handling handling;
    private final Ratings ratings;
    private final JdbcClient jdbc;
    private final ServiceClock serviceClock;
    private final Clock clock;

    private final Map<String, CurrentUser> staffByDepartment = new HashMap<>();
    private final Map<Integer, LocalDate> workingDaysAgo = new HashMap<>();
    private int files;

    ServicesDemoData(Accounts accounts, CatalogueImport catalogueImport, Catalogue catalogue, Applications applications,
            Handling handling, Ratings ratings, JdbcClient jdbc, ServiceClock serviceClock, Clock clock) {
        this.accounts = accounts;
        this.catalogueImport = catalogueImport;
        this.catalogue = catalogue;
        this.applications = applications;
        this.handling = handling;
        this.ratings = ratings;
        this.jdbc = jdbc;
        this.serviceClock = serviceClock;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) throws IOException {
        if (jdbc.sql("SELECT COUNT(*) FROM svc_item").query(Long.class).single() > 0) {
            return;
        }
        CurrentUser office = accounts.findByUsername("office").orElse(null);
        if (office == null) {
            log.warn("demo account 'office' not found; services demo data not loaded");
            return;
        }
        if (!(clock instanceof ReplayableClock r && r.replayAllowed())) {
            log.info("the platform clock cannot replay past moments; services demo data is dated now");
        }
        workingDaysAgo.clear();
        staffAccounts();
        byte[] tsv;
        try (InputStream in = new ClassPathResource(CATALOGUE).getInputStream()) {
            tsv = in.readAllBytes();
        }
        CatalogueImport.Result items = at(Moment.parse(CATALOGUE_PUBLISHED),
                () -> catalogueImport.importTsv(office, new ByteArrayInputStream(tsv), true));
        CurrentUser resident = accounts.findByUsername("resident").orElse(null);
        CurrentUser enterprise = accounts.findByUsername("enterprise").orElse(null);
        if (resident == null || enterprise == null) {
            log.warn("demo accounts 'resident'/'enterprise' not found; services demo applications not loaded");
            return;
        }
        for (String username : List.of("cs-staff", "zz-staff", "xt-staff", "cs-gjj", "zz-gjj", "xt-gjj", "cs-gaj", "cs-rsj")) {
            accounts.findByUsername(username).filter(u -> u.departmentCode() != null)
                    .ifPresent(u -> staffByDepartment.put(u.departmentCode(), u));
        }
        List<Case> cases = new ArrayList<>(cases());
        cases.sort(Comparator.comparing(Case::submitted));
        for (Case c : cases) {
            ServiceItem item = catalogue.findByCode(c.itemCode()).orElseThrow();
            run(office, item, c, item.subject() == cn.onecity.services.Subject.LEGAL ? enterprise : resident);
        }
        log.info("services demo data loaded: {} items, {} applications", items.total(), cases.size());
    }

    private void staffAccounts() {
        Map<String, String> names = Map.of("cs-gjj", "长沙市住房公积金管理中心", "zz-gjj", "株洲市住房公积金管理中心",
                "xt-gjj", "湘潭市住房公积金管理中心", "cs-gaj", "长沙市公安局", "cs-rsj", "长沙市人力资源和社会保障局");
        STAFF.forEach((username, department) -> {
            if (accounts.findByUsername(username).isEmpty()) {
                accounts.organisationOfDepartment(department).ifPresent(org -> accounts.createAccount(new NewAccount(username,
                        names.get(username) + "（示例人员）", PASSWORD, Role.CITY_STAFF, org.id(), null)));
            }
        });
    }

    // ------------------------------------------------------------------------------------------ the cases

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        Map<String, String> loanProof = Map.of("贷款所在地公积金中心", "长沙住房公积金管理中心", "个人公积金账号", "4301000012345（示例）",
                "证明用途（异地贷款）", "在长沙购房申请公积金贷款");
        Map<String, String> purchase = Map.of("房屋坐落", "示例小区 3 栋 1201 室（示例）", "提取金额", "80000");
        Map<String, String> transfer = Map.of("转出地公积金中心", "长沙住房公积金管理中心", "转入地公积金中心", "株洲市住房公积金管理中心",
                "个人公积金账号", "4301000056789（示例）");
        // Schedules, in working days before today (see Case): a 异地代收代办 case starts its clock when the
        // accepting window takes it in, the others when they are submitted. Open cases are recent enough not to
        // be overdue today; completed ones finish within their promised limit (1 working day for most housing-fund
        // items, 3 for a transfer, 5 for a food licence, 10 for an ID card).
        // 异地代收代办: every cross-city pair
        c.add(new Case("CZT-0007", Mode.PROXY, XT, CS, null, "张示例", "43030219880312001", "13900001001", loanProof,
                Target.DONE, "9 09:15, 9 09:40, 9 14:20, 8 09:30, 8 10:10, 8 10:40, 7 19:05",
                new Rating(5, "窗口一次告知，服务周到", 5, null, false)));
        c.add(new Case("CZT-0007", Mode.PROXY, ZZ, CS, null, "李示例", "43020219900518002", "13900001002", loanProof,
                Target.WINDOW, "1 16:50", null));
        c.add(new Case("CZT-0012", Mode.PROXY, CS, ZZ, null, "王示例", "43010219851107003", "13900001003", purchase,
                Target.ACCEPT, "1 10:05, 1 10:30", null));
        c.add(new Case("CZT-0012", Mode.PROXY, XT, ZZ, null, "刘示例", "43030219920229004", "13900001004", purchase,
                Target.SUPPLEMENT_AT_ACCEPT, "3 09:20, 3 09:45, 3 15:10", null));
        c.add(new Case("CZT-0007", Mode.PROXY, CS, XT, null, "陈示例", "43010219790901005", "13900001005",
                Map.of("贷款所在地公积金中心", "湘潭市住房公积金管理中心", "个人公积金账号", "4301000023456（示例）",
                        "证明用途（异地贷款）", "在湘潭购房申请公积金贷款"), Target.REVIEW, "1 09:10, 1 09:35, 1 14:40", null));
        // asked for a material at review that acceptance had not asked for, hence the bad rating
        c.add(new Case("CZT-0012", Mode.PROXY, ZZ, XT, null, "杨示例", "43020219870630006", "13900001006", purchase,
                Target.DONE_AT_WINDOW_AFTER_SUPPLEMENT,
                "8 09:00, 8 09:30, 8 14:10, 8 16:20, 6 10:00, 6 11:30, 6 15:40, 6 16:30, 5 10:20, 5 10:35",
                new Rating(5, null, 2, "补正要求前后不一致，多跑了一趟（示例评价）", false)));
        c.add(new Case("CZT-0012", Mode.PROXY, CS, XT, null, "韩示例", "43010219830415007", "13900001007", purchase,
                Target.REJECTED, "5 09:40, 5 10:00, 4 09:15", null));
        // 全程网办: accepted and handled in the same city
        c.add(new Case("CZT-0007", Mode.ONLINE, null, CS, null, "赵示例", "43030219950121008", "13900001008", loanProof,
                Target.DONE, "7 20:30, 6 09:10, 6 10:00, 6 11:00, 6 18:30", new Rating(null, null, 4, null, false)));
        c.add(new Case("CZT-0012", Mode.ONLINE, null, ZZ, null, "黄示例", "43020219911212009", "13900001009", purchase,
                Target.ACCEPT, "1 21:15", null));
        c.add(new Case("CZT-0007", Mode.ONLINE, null, XT, null, "周示例", "43030219860808010", "13900001010", loanProof,
                Target.SUPPLEMENT_AT_REVIEW, "2 08:40, 2 09:30, 2 10:45", null));
        c.add(new Case("CZT-0012", Mode.ONLINE, null, XT, null, "吴示例", "43030219930303011", "13900001011", purchase,
                Target.DONE_AFTER_SUPPLEMENT, "4 08:50, 4 10:00, 3 09:20, 3 10:00, 3 11:00, 3 15:30, 3 17:45",
                new Rating(null, null, 5, "补正后当天办结，很快", false)));
        // 多地联办
        c.add(new Case("CZT-0010", Mode.JOINT, null, null, List.of(CS, ZZ), "徐示例", "43010219890110012", "13900001012",
                transfer, Target.JOINT, "1 11:20", null));
        c.add(new Case("CZT-0010", Mode.JOINT, null, null, List.of(XT, CS, ZZ), "孙示例", "43030219840725013", "13900001013",
                Map.of("转出地公积金中心", "湘潭市住房公积金管理中心", "转入地公积金中心", "长沙住房公积金管理中心",
                        "个人公积金账号", "4303000011111（示例）"), Target.JOINT_PARTLY, "2 09:50, 1 15:00", null));
        c.add(new Case("CZT-0010", Mode.JOINT, null, null, List.of(ZZ, XT), "马示例", "43020219940514014", "13900001014",
                Map.of("转出地公积金中心", "株洲市住房公积金管理中心", "转入地公积金中心", "湘潭市住房公积金管理中心",
                        "个人公积金账号", "4302000022222（示例）"), Target.DONE, "6 10:00, 5 11:00, 4 16:00, 4 20:10",
                new Rating(null, null, 5, null, false)));
        // other departments of 长沙
        Map<String, String> idCard = Map.of("换领原因", "有效期满", "领证方式（自取/邮寄）", "邮寄");
        c.add(new Case("CZT-0081", Mode.PROXY, XT, CS, null, "朱示例", "43030219800101015", "13900001015", idCard,
                Target.DONE, "14 09:00, 14 09:30, 13 10:00, 12 15:00, 6 10:30, 6 14:00, 3 19:40, 1 16:00",
                new Rating(4, null, 1, "证件寄达比承诺晚了两天（示例评价）", true)));
        c.add(new Case("CZT-0081", Mode.PROXY, ZZ, CS, null, "胡示例", "43020219970909016", "13900001016", idCard,
                Target.REVIEW, "4 09:30, 4 10:00, 3 11:00", null));
        Map<String, String> pension = Map.of("转出地社保经办机构", "株洲市社会保险服务中心", "转入地社保经办机构", "长沙市社会保险服务中心",
                "社会保障号码", "430202198805050017（示例）");
        c.add(new Case("CZT-0031", Mode.ONLINE, null, CS, null, "郭示例", "43020219880505017", "13900001017", pension,
                Target.DECIDE, "6 15:00, 5 09:30, 3 16:00", null));
        c.add(new Case("CZT-0031", Mode.PROXY, XT, CS, null, "何示例", "43030219820228018", "13900001018", pension,
                Target.WITHDRAWN, "3 10:10, 3 11:40", null));
        c.add(new Case("CZT-0047", Mode.PROXY, ZZ, CS, null, "高示例", "43020219960601019", "13900001019",
                Map.of("收款银行账号", "6222000000000000019（示例）"), Target.ACCEPT, "2 14:00, 2 14:20", null));
        c.add(new Case("CZT-0065", Mode.ONLINE, null, ZZ, null, "林示例", "43010219580315020", "13900001020",
                Map.of("就医地", "株洲市", "备案类型", "异地长期居住", "备案起始日期", "按提交日期"), Target.ACCEPT, "1 08:30", null));
        // 法人 items, by the demo enterprise
        Map<String, String> fundAccount = Map.of("统一社会信用代码", "91430300MA4L000001（示例）", "缴存比例", "12%",
                "首次缴存年月", "本月");
        c.add(new Case("CZT-0001", Mode.PROXY, XT, CS, null, "罗示例", "43030219750818021", "13900001021", fundAccount,
                Target.DONE, "3 09:00, 3 09:20, 3 11:00, 3 14:00, 2 09:30, 2 10:00, 2 18:00",
                new Rating(5, null, 5, "开户一天办结", false)));
        c.add(new Case("CZT-0001", Mode.ONLINE, null, XT, null, "郑示例", "43030219810612022", "13900001022", fundAccount,
                Target.REVIEW, "1 09:00, 1 10:30", null));
        c.add(new Case("CZT-0062", Mode.PROXY, ZZ, XT, null, "梁示例", "43020219780930023", "13900001023",
                Map.of("注册资本", "300万元"), Target.ACCEPT, "3 10:40, 3 11:00", null));
        c.add(new Case("CZT-0133", Mode.PROXY, CS, ZZ, null, "谢示例", "43010219900707024", "13900001024",
                Map.of("经营项目", "预包装食品销售（示例）", "经营场所", "株洲市示例路 1 号"), Target.DONE_AT_WINDOW,
                "10 09:00, 10 09:25, 9 10:00, 8 15:30, 7 10:00, 7 10:30, 6 15:00, 6 15:10", new Rating(5, null, 4, null, false)));
        c.add(new Case("CZT-0118", Mode.PROXY, XT, CS, null, "宋示例", "43030219861120025", "13900001025",
                Map.of("企业名称", "长沙示例科技有限公司", "注册资本", "100万元", "经营范围", "软件开发（示例）"), Target.WINDOW, "1 17:20", null));
        return c;
    }

    // ------------------------------------------------------------------------------------------ driving a case

    private void run(CurrentUser office, ServiceItem item, Case c, CurrentUser applicant) {
        Map<String, String> form = new LinkedHashMap<>();
        for (FormField f : item.formFields()) {
            form.put(f.label(), c.form().getOrDefault(f.label(), f.required() ? f.label() + "（示例）" : ""));
        }
        String idNumber = c.idBody() + IdNumbers.checkCharacter(c.idBody());
        List<Upload> uploads = new ArrayList<>();
        for (Material m : CatalogueImport.askedMaterials(item)) {
            if (m.required()) {
                uploads.add(new Upload(m.id(), m.name() + ".pdf", pdf()));
            }
        }
        Schedule when = new Schedule(c);
        String number = when.next(() -> applications.submit(applicant, new NewApplication(item.id(), c.mode().name(),
                c.accept(), c.handle(), c.joint(), c.applicant(), idNumber, c.phone(), form), uploads).number());
        switch (c.target()) {
            case WINDOW -> {
            }
            case WITHDRAWN -> when.next(() -> applications.withdraw(applicant, number, "信息填写有误，重新申请（示例）"));
            case ACCEPT -> advance(when, office, applicant, number, "accept", false, false);
            case REVIEW -> advance(when, office, applicant, number, "review", false, false);
            case DECIDE -> advance(when, office, applicant, number, "decide", false, false);
            case SUPPLEMENT_AT_ACCEPT -> advance(when, office, applicant, number, "supplementAccept", true, false);
            case SUPPLEMENT_AT_REVIEW -> advance(when, office, applicant, number, "supplementReview", false, true);
            case REJECTED -> {
                advance(when, office, applicant, number, "accept", false, false);
                ApplicationView.OpenTask t = task(office, number);
                when.next(() -> handling.act(staff(t), t.taskId(),
                        new Handling.Action("REJECT", "房屋不在本中心可提取的范围内（示例）", null, null, null), null));
            }
            case JOINT -> {
            }
            case JOINT_PARTLY -> {
                ApplicationView.OpenTask lead = applications.view(office, number).openTasks().stream()
                        .filter(t -> t.departments().contains(c.joint().get(0) + "-GJJ")).findFirst().orElseThrow();
                when.next(() -> handling.act(staff(lead), lead.taskId(),
                        new Handling.Action("APPROVE", "本地部分已办结（示例）", null, null, null), null));
            }
            case DONE, DONE_AT_WINDOW -> advance(when, office, applicant, number, null, false, false,
                    c.target() == Target.DONE_AT_WINDOW);
            case DONE_AFTER_SUPPLEMENT -> advance(when, office, applicant, number, null, true, false, false);
            case DONE_AT_WINDOW_AFTER_SUPPLEMENT -> advance(when, office, applicant, number, null, false, true, true);
            default -> throw new IllegalStateException("unknown demo target " + c.target());
        }
        if (c.rating() != null) {
            Rating r = c.rating();
            when.next(() -> ratings.rate(applicant, number, new Ratings.Rate(c.mode() == Mode.PROXY ? r.window() : null,
                    r.windowComment(), r.department(), r.departmentComment())));
            if (r.answer()) {
                CurrentUser dept = staffByDepartment.get(applications.view(office, number).handleDepartment());
                Ratings.RectificationItem x = ratings.rectifications(dept, "OPEN", 0, 200).content().stream()
                        .filter(i -> i.number().equals(number)).findFirst().orElseThrow();
                when.next(() -> ratings.answer(dept, x.id(), "已与邮政部门约定跨市证件寄递时限，并在受理时告知预计送达日期（示例）",
                        "已电话回访申请人，申请人对整改措施表示认可（示例）"));
            }
        }
        when.finish(number);
    }

    private void advance(Schedule when, CurrentUser office, CurrentUser applicant, String number, String stopAt,
            boolean supplementAtAccept, boolean supplementAtReview) {
        advance(when, office, applicant, number, stopAt, supplementAtAccept, supplementAtReview, false);
    }

    /**
     * Acts on the case's open tasks as the departments they wait for (and 补正 as the applicant), each action at the
     * next moment of the case's schedule, until it waits in {@code stopAt}, or has ended when {@code stopAt} is null.
     */
    private void advance(Schedule when, CurrentUser office, CurrentUser applicant, String number, String stopAt,
            boolean supplementAtAccept, boolean supplementAtReview, boolean collectAtWindow) {
        boolean supplemented = false;
        for (int guard = 0; guard < 20; guard++) {
            ApplicationView v = applications.view(office, number);
            if (!v.active() || v.stage().equals(stopAt)) {
                return;
            }
            ApplicationView.OpenTask t = v.openTasks().get(0);
            Handling.Action action = switch (t.key()) {
                case "windowCheck" -> new Handling.Action("RECEIVE", "身份核验通过，材料齐全，转交办理地（示例）", null, null, null);
                case "accept" -> supplementAtAccept && !supplemented
                        ? new Handling.Action("SUPPLEMENT", "请一次补齐以下材料（示例）", List.of("购房合同（需加盖备案章）", "购房发票原件扫描件"), null, null)
                        : new Handling.Action("ACCEPT", null, null, null, null);
                case "review" -> supplementAtReview && !supplemented
                        ? new Handling.Action("SUPPLEMENT", "身份证扫描件不清晰（示例）", List.of("居民身份证（清晰扫描件）"), null, null)
                        : new Handling.Action("PASS", "材料真实有效（示例）", null, null, null);
                case "decide" -> new Handling.Action("APPROVE", null, null, "准予办理（示例）", null);
                case "deliver" -> collectAtWindow ? new Handling.Action("WINDOW", null, null, null, null)
                        : new Handling.Action("MAIL", null, null, null, "EMS" + number.substring(number.length() - 9) + "CN");
                case "collect" -> new Handling.Action("COLLECTED", "申请人已在收件窗口领取（示例）", null, null, null);
                case "jointHandle" -> new Handling.Action("APPROVE", "本地部分已办结（示例）", null, null, null);
                case "supplementAccept", "supplementReview" -> null;
                default -> throw new IllegalStateException("demo case " + number + " waits in an unknown task " + t.key());
            };
            if (action == null) {
                if (stopAt != null) {
                    return; // 补正中 is where this case stops
                }
                Map<Integer, Upload> uploads = new HashMap<>();
                ApplicationView.Supplement open = v.openSupplement();
                for (int i = 0; i < open.materials().size(); i++) {
                    uploads.put(i, new Upload(null, open.materials().get(i) + ".pdf", pdf()));
                }
                when.next(() -> applications.supplement(applicant, number, uploads, "已按通知补齐（示例）"));
                supplemented = true;
                continue;
            }
            if (action.outcome().equals("SUPPLEMENT")) {
                supplemented = true;
            }
            Upload result = t.key().equals("decide") ? new Upload(null, "结果文书.pdf", pdf()) : null;
            when.next(() -> handling.act(staff(t), t.taskId(), action, result));
        }
        throw new IllegalStateException("demo case " + number + " did not reach " + stopAt);
    }

    /** The moments of one case's steps, handed out in order. */
    private final class Schedule {

        private final String text;
        private final Iterator<Moment> moments;
        private Moment last;

        Schedule(Case c) {
            this.text = c.applicant() + " " + c.itemCode() + " [" + c.schedule() + "]";
            this.moments = Arrays.stream(c.schedule().split(",")).map(Moment::parse).iterator();
        }

        void next(Runnable step) {
            next(() -> {
                step.run();
                return null;
            });
        }

        <T> T next(Supplier<T> step) {
            if (!moments.hasNext()) {
                throw new IllegalStateException("demo case " + text + " has more steps than moments");
            }
            Moment m = moments.next();
            if (last != null && m.compareTo(last) < 0) {
                throw new IllegalStateException("demo case " + text + " goes back in time at " + m);
            }
            last = m;
            return at(m, step);
        }

        void finish(String number) {
            if (moments.hasNext()) {
                throw new IllegalStateException("demo case " + number + " " + text + " has more moments than steps");
            }
        }
    }

    /** Runs a step as if it were the moment (when the platform clock can replay; otherwise now). */
    private <T> T at(Moment m, Supplier<T> step) {
        if (!(clock instanceof ReplayableClock replayable && replayable.replayAllowed())) {
            return step.get();
        }
        Instant instant = day(m.workingDaysAgo()).atTime(m.time()).atZone(Times.ZONE).toInstant();
        List<T> out = new ArrayList<>(1);
        replayable.replay(instant, () -> out.add(step.get()));
        return out.get(0);
    }

    /** The {@code n}-th working day before today on the platform calendar (today itself is never one of them). */
    private LocalDate day(int n) {
        return workingDaysAgo.computeIfAbsent(n, k -> {
            LocalDate d = serviceClock.today();
            for (int counted = 0; counted < k;) {
                d = d.minusDays(1);
                if (serviceClock.workingDaysAfter(d.minusDays(1), d) == 1) {
                    counted++;
                }
            }
            return d;
        });
    }

    private ApplicationView.OpenTask task(CurrentUser office, String number) {
        return applications.view(office, number).openTasks().get(0);
    }

    private CurrentUser staff(ApplicationView.OpenTask t) {
        for (String d : t.departments()) {
            CurrentUser u = staffByDepartment.get(d);
            if (u != null) {
                return u;
            }
        }
        throw new IllegalStateException("no demo staff account for " + t.departments());
    }

    /** A small, valid one-page PDF; a serial number in a comment keeps each file's digest distinct. */
    byte[] pdf() {
        String[] objects = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"};
        StringBuilder b = new StringBuilder("%PDF-1.4\n% OneCity demo material " + (++files) + "\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            offsets.add(b.length());
            b.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = b.length();
        b.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int o : offsets) {
            b.append(String.format("%010d 00000 n \n", o));
        }
        b.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
