package cn.onecity.cooperation.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.CooperationManagement;
import cn.onecity.cooperation.NewItem;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.Region;
import cn.onecity.shared.Times;

/**
 * Demo data of 协同督办 from the seed document (湘潭日报, 2024-12-11: "60项重点合作任务成效明显"): the 5th joint
 * meeting's 60 items in five areas, 57 completed and 3 still in progress as of 2024-12-10, and the 6th meeting
 * (2024-12-10, 湘潭) with items from the "下一阶段" plans in a mix of states. Items, action plans and dates that
 * the seed does not give are marked 示例. Loaded once, after identity's demo accounts, into an empty module.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "onecity.demo.enabled", havingValue = "true")
class CooperationDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CooperationDemoData.class);

    static final String INVENTED = "期限、里程碑与报送记录为示例数据";
    static final String CS = "430100";
    static final String ZZ = "430200";
    static final String XT = "430300";
    static final String[] CITIES = {CS, ZZ, XT};

    private final CooperationManagement management;
    private final Accounts accounts;
    private final Region region;
    private final JdbcClient jdbc;

    CooperationDemoData(CooperationManagement management, Accounts accounts, Region region, JdbcClient jdbc) {
        this.management = management;
        this.accounts = accounts;
        this.region = region;
        this.jdbc = jdbc;
    }

    /** A seed item: title, lead department, co-responsible departments, target. */
    record Seed(String title, String lead, List<String> co, String target) {
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM coop_meeting").query(Integer.class).single() > 0) {
            return;
        }
        CurrentUser office = accounts.findByUsername("office").orElse(null);
        if (office == null) {
            log.warn("demo account 'office' not found; cooperation demo data not loaded");
            return;
        }
        fifthMeeting(office);
        sixthMeeting(office);
        log.info("cooperation demo data loaded: 5th and 6th joint meetings");
    }

    // ---------------------------------------------------------------- 5th meeting: 60 items, 57 completed

    private void fifthMeeting(CurrentUser office) {
        management.createMeeting(office, 5, "长株潭一体化发展第五届市委书记联席会议", LocalDate.of(2023, 12, 15), ZZ,
                "对内互济、对外抱团，协同打造“一座城”",
                "会议日期为示例（原文未载明）；轮值方株洲系按长沙—株洲—湘潭轮值顺序推定（第六届轮值方为湘潭）");
        long industry = management.ensureAction(office, 5, "产业创新协力协同行动（示例名称）");
        long transport = management.ensureAction(office, 5, "基础设施互联互通行动（示例名称）");
        long ecology = management.ensureAction(office, 5, "生态环境共保联治行动（示例名称）");
        long services = management.ensureAction(office, 5, "公共服务共建共享行动（示例名称）");

        List<Seed> ind = new ArrayList<>(List.of(
                seed("长株潭产业协同发展服务平台建设（累计服务企业近万家）", ZZ + "-GXJ", "联盟成员新增至41家，累计服务企业近10000家"),
                seed("衡长株潭特高压输变电装备产业集群创建国家先进制造业集群", CS + "-GXJ", "入选国家先进制造业集群"),
                seed("长沙县数控磨床、荷塘区硬质合金、岳塘区电机电控创建国家中小企业特色产业集群", ZZ + "-GXJ", "三个集群入选国家中小企业特色产业集群"),
                seed("长株潭一体化产业发展指导目录发布", ZZ + "-FGW", "编制并对外发布产业发展指导目录，形成“4+4”产业链全景图谱")));
        List<Seed> inn = new ArrayList<>(List.of(
                seed("岳麓山实验室等四大实验室实体化运行", CS + "-KJJ", "四大实验室全部实现实体化运行"),
                seed("湘潭大学城创新创业园建成投入使用", XT + "-KJJ", "创新创业园建成投入使用"),
                seed("株洲组建北斗产业、航空产业和智能科学研究院", ZZ + "-KJJ", "完成三家研究院组建"),
                seed("湘江科教走廊共建", XT + "-KJJ", "共建湘江科教走廊，促进高校、科研机构与企业深度合作")));
        List<Seed> tra = new ArrayList<>(List.of(
                seed("7条融城干道建设（累计完成投资57亿元）", CS + "-JTJ", "年度融城干道建设投资任务完成"),
                roadSeed("长沙新韶山南路—湘潭昭山大道建成通车", XT + "-JTJ", CS + "-JTJ", "道路建成通车"),
                seed("长株潭城际S1号线地铁化运营", CS + "-JTJ", "实现地铁化运营"),
                roadSeed("长沙白庭路—湘潭银盖路等融城干道建设", CS + "-JTJ", XT + "-JTJ", "融城干道建成通车")));
        List<Seed> eco = new ArrayList<>(List.of(
                seed("《湖南省长株潭生态绿心保护条例》出台实施", CS + "-STHJJ", "协同推动条例出台实施"),
                seed("湘江干流水质稳定达到Ⅱ类", XT + "-STHJJ", "湘江干流长株潭段水质稳定达到Ⅱ类"),
                seed("长株潭萍大气污染协同立法", ZZ + "-STHJJ", "共同开展长株潭萍大气污染协同立法")));
        List<Seed> ser = new ArrayList<>(List.of(
                seed("二级以上公立医院电子健康卡“一卡通”就医", CS + "-WJW", "三市所有二级以上公立医院实现电子健康卡“一卡通”就医"),
                seed("185项高频政务服务事项“跨市通办”", CS + "-XZSP", "185项高频政务服务事项实现“跨市通办”"),
                seed("打造“长株潭服务专区”", ZZ + "-XZSP", "建成“长株潭服务专区”"),
                seed("长株潭文旅融合惠民项目", XT + "-FGW", "实施文旅融合惠民项目，相互推介文旅资源")));
        fill(ind, "产业协同", 14, new String[] {"GXJ", "FGW"});
        fill(inn, "科创协作", 12, new String[] {"KJJ"});
        fill(tra, "交通互联", 12, new String[] {"JTJ"});
        fill(eco, "生态共治", 10, new String[] {"STHJJ"});
        fill(ser, "服务共享", 12, new String[] {"XZSP", "WJW", "RSJ", "SCJG"});

        List<String> ongoing = List.of("长株潭一体化产业发展指导目录发布", "长沙白庭路—湘潭银盖路等融城干道建设", "长株潭萍大气污染协同立法");
        int[] completedIndex = {0};
        createFifth(office, industry, Area.INDUSTRY, "CY", ind, ongoing, completedIndex);
        createFifth(office, industry, Area.INNOVATION, "KC", inn, ongoing, completedIndex);
        createFifth(office, transport, Area.TRANSPORT, "JT", tra, ongoing, completedIndex);
        createFifth(office, ecology, Area.ECOLOGY, "ST", eco, ongoing, completedIndex);
        createFifth(office, services, Area.SERVICES, "FW", ser, ongoing, completedIndex);
    }

    private void createFifth(CurrentUser office, long actionId, Area area, String prefix, List<Seed> seeds,
            List<String> ongoing, int[] completedIndex) {
        int n = 1;
        for (Seed s : seeds) {
            String code = String.format("5-%s-%02d", prefix, n++);
            boolean inProgress = ongoing.contains(s.title());
            LocalDate deadline = inProgress ? LocalDate.of(2026, 12, 31) : LocalDate.of(2024, 12, 31);
            List<NewItem.NewMilestone> milestones = inProgress
                    ? List.of(new NewItem.NewMilestone("形成阶段性成果", LocalDate.of(2024, 6, 30)),
                            new NewItem.NewMilestone("全面完成既定目标任务", LocalDate.of(2026, 12, 31)))
                    : List.of();
            long id = management.createItem(office, new NewItem(actionId, code, s.title(), area, s.lead(), s.co(),
                    s.target(), deadline, 1.0, INVENTED, milestones));
            if (inProgress) {
                jdbc.sql("UPDATE coop_milestone SET done_on = :d WHERE item_id = :i AND seq = 1")
                        .param("d", LocalDate.of(2024, 6, 20)).param("i", id).update();
                int pct = s.title().contains("目录") ? 90 : s.title().contains("白庭路") ? 70 : 60;
                report(id, s.lead(), "已形成阶段性成果，工作按计划推进。", pct - 30, LocalDate.of(2024, 6, 20), "ACCEPTED");
                report(id, s.lead(), s.title() + "正在持续推进，完成进度约" + pct + "%。", pct, LocalDate.of(2024, 11, 18), "ACCEPTED");
                report(id, s.lead(), s.title() + "持续推进中，已完成主要工作量的" + (pct + 5) + "%。", pct + 5,
                        LocalDate.of(2026, 9, 15), "ACCEPTED");
            } else {
                int k = completedIndex[0]++;
                report(id, s.lead(), "已启动实施，完成阶段性目标任务。", 50, LocalDate.of(2024, 3, 11).plusDays(k * 2L), "ACCEPTED");
                report(id, s.lead(), s.title() + "已完成既定目标任务。", 100,
                        LocalDate.of(2024, 9, 2).plusDays(k * 3L / 2), "ACCEPTED");
            }
        }
    }

    /** Placeholder items up to {@code size}, marked 示例, with lead departments spread over the three cities. */
    private void fill(List<Seed> seeds, String area, int size, String[] kinds) {
        int i = seeds.size();
        while (seeds.size() < size) {
            i++;
            String city = CITIES[i % 3];
            String kind = kinds[i % kinds.length];
            seeds.add(seed(String.format("%s示例事项%02d（示例）", area, i), city + "-" + kind,
                    "完成年度既定目标任务（示例）"));
        }
    }

    /** An item of one kind of department: the lead city's, with the other two cities' as co-responsible. */
    private static Seed seed(String title, String lead, String target) {
        String city = lead.substring(0, 6);
        String kind = lead.substring(7);
        List<String> co = new ArrayList<>();
        for (String c : CITIES) {
            if (!c.equals(city)) {
                co.add(c + "-" + kind);
            }
        }
        return new Seed(title, lead, co, target);
    }

    private static Seed roadSeed(String title, String lead, String partner, String target) {
        return new Seed(title, lead, List.of(partner), target);
    }

    // ---------------------------------------------------------------- 6th meeting: the "下一阶段" plans

    private void sixthMeeting(CurrentUser office) {
        management.createMeeting(office, 6, "长株潭一体化发展第六届市委书记联席会议", LocalDate.of(2024, 12, 10), XT,
                "树牢“一座城”理念，对内互济、对外抱团", "事项取自新闻发布会所述下一阶段重点工作；行动名称、期限、里程碑与报送记录为示例");
        long landmark = management.ensureAction(office, 6, "一体化十大标志性工程建设行动（示例名称）");
        long services = management.ensureAction(office, 6, "公共服务同城同策行动（示例名称）");
        long ecology = management.ensureAction(office, 6, "生态环境联防联控行动（示例名称）");

        // completed: accepted 100% in 2026
        long ev = item(office, landmark, "6-CY-01", "长株潭新能源汽车城建设", Area.INDUSTRY, XT + "-GXJ",
                List.of(CS + "-GXJ", ZZ + "-GXJ"), "新能源汽车城首期建成，整车及配套项目落地", "2026-10-31",
                ms("完成规划编制", "2025-06-30"), ms("首期项目开工", "2025-12-31"), ms("首期建成投产", "2026-10-31"));
        done(ev, 1, "2025-06-25");
        done(ev, 2, "2025-12-20");
        done(ev, 3, "2026-10-15");
        report(ev, XT + "-GXJ", "新能源汽车城规划已通过审查。", 30, LocalDate.of(2025, 7, 3), "ACCEPTED");
        report(ev, XT + "-GXJ", "首期项目已开工建设。", 60, LocalDate.of(2026, 1, 8), "ACCEPTED");
        report(ev, XT + "-GXJ", "首期项目建成投产，既定目标任务完成。", 100, LocalDate.of(2026, 10, 20), "ACCEPTED");

        // ongoing, with a report waiting for review from 长沙市发展和改革委员会 (co-responsible)
        long hub = item(office, landmark, "6-JT-01", "长株潭生产服务型物流枢纽建设", Area.TRANSPORT, XT + "-FGW",
                List.of(CS + "-FGW", ZZ + "-FGW"), "建成国家生产服务型物流枢纽核心设施", "2027-12-31",
                ms("枢纽建设方案获批", "2025-09-30"), ms("多式联运中心主体完工", "2027-06-30"));
        done(hub, 1, "2025-09-12");
        report(hub, XT + "-FGW", "枢纽建设方案已获批复，多式联运中心开工建设。", 40, LocalDate.of(2025, 10, 10), "ACCEPTED");
        report(hub, XT + "-FGW", "多式联运中心主体结构完成六成。", 60, LocalDate.of(2026, 9, 28), "ACCEPTED");
        report(hub, CS + "-FGW", "长沙片区集疏运通道完成招标，多式联运中心主体结构完成约七成五（示例报送，待审核）。", 75,
                LocalDate.of(2026, 11, 27), "SUBMITTED");

        // delayed: a milestone passed undone
        long med = item(office, landmark, "6-CY-02", "湖南省医疗器械产业园建设", Area.INDUSTRY, XT + "-GXJ",
                List.of(CS + "-SCJG", ZZ + "-GXJ"), "产业园一期建成，引进医疗器械企业50家以上（示例）", "2027-06-30",
                ms("一期基础设施开工", "2025-05-31"), ms("一期标准厂房封顶", "2026-10-30"), ms("一期建成运营", "2027-06-30"));
        done(med, 1, "2025-05-20");
        report(med, XT + "-GXJ", "一期基础设施已开工建设。", 40, LocalDate.of(2025, 6, 6), "ACCEPTED");

        // ongoing, a milestone due within five working days (yellow)
        long road = item(office, landmark, "6-JT-02", "湘潭云龙东路—株洲新马南路融城干道建设", Area.TRANSPORT, ZZ + "-JTJ",
                List.of(XT + "-JTJ"), "融城干道全线建成通车", "2027-06-30",
                ms("完成征地拆迁", "2025-08-31"), ms("主线桥梁合龙", "2026-12-04"), ms("全线建成通车", "2027-06-30"));
        done(road, 1, "2025-08-25");
        report(road, XT + "-JTJ", "征地拆迁已完成，主线路基施工中。", 45, LocalDate.of(2025, 9, 5), "ACCEPTED");
        report(road, ZZ + "-JTJ", "株洲段路面工程完成，主线桥梁合龙准备就绪。", 70, LocalDate.of(2026, 11, 10), "ACCEPTED");

        // ongoing, green
        long park = item(office, ecology, "6-ST-01", "绿心中央公园项目建设", Area.ECOLOGY, XT + "-ZJJ",
                List.of(CS + "-ZJJ", ZZ + "-ZJJ"), "绿心中央公园核心区建成开放", "2027-10-31",
                ms("核心区规划获批", "2025-06-30"), ms("核心区一期开放", "2027-04-30"));
        done(park, 1, "2025-06-18");
        report(park, XT + "-ZJJ", "核心区规划已获批，一期工程施工中。", 50, LocalDate.of(2026, 8, 20), "ACCEPTED");

        // completed
        long data = item(office, services, "6-FW-01", "湖南省健康医疗大数据中心建设", Area.SERVICES, XT + "-WJW",
                List.of(CS + "-WJW", ZZ + "-WJW"), "大数据中心建成并接入三市二级以上公立医院", "2026-06-30",
                ms("机房建成", "2025-10-31"), ms("三市医院数据接入", "2026-06-30"));
        done(data, 1, "2025-10-20");
        done(data, 2, "2026-05-28");
        report(data, XT + "-WJW", "机房建成，完成长沙、株洲首批医院接入测试。", 60, LocalDate.of(2025, 11, 6), "ACCEPTED");
        report(data, XT + "-WJW", "三市二级以上公立医院数据全部接入，大数据中心建成。", 100, LocalDate.of(2026, 6, 10), "ACCEPTED");

        // not started: everything lies in 2027
        item(office, services, "6-FW-02", "长株潭合作办学优质品牌示范学校工程", Area.SERVICES, CS + "-FGW",
                List.of(ZZ + "-FGW", XT + "-FGW"), "建成一批合作办学优质品牌示范学校（示例）", "2027-12-31",
                ms("确定首批示范学校名单", "2027-03-31"), ms("首批示范学校挂牌", "2027-09-01"));

        // ongoing, green
        long joint = item(office, ecology, "6-ST-02", "湘江治污、大气治污、森林防灭火联防联控行动", Area.ECOLOGY, CS + "-STHJJ",
                List.of(ZZ + "-STHJJ", XT + "-STHJJ"), "建立三市联防联控常态机制并开展联合行动", "2027-03-31",
                ms("签订联防联控协议", "2025-04-30"), ms("开展年度联合执法行动", "2026-11-30"), ms("形成常态化机制", "2027-03-31"));
        done(joint, 1, "2025-04-22");
        done(joint, 2, "2026-11-20");
        report(joint, CS + "-STHJJ", "联防联控协议已签订，年度联合执法行动已完成。", 80, LocalDate.of(2026, 11, 24), "ACCEPTED");
    }

    private long item(CurrentUser office, long actionId, String code, String title, Area area, String lead,
            List<String> co, String target, String deadline, NewItem.NewMilestone... milestones) {
        return management.createItem(office, new NewItem(actionId, code, title, area, lead, co, target,
                LocalDate.parse(deadline), 1.0, INVENTED, List.of(milestones)));
    }

    private static NewItem.NewMilestone ms(String name, String due) {
        return new NewItem.NewMilestone(name, LocalDate.parse(due));
    }

    private void done(long itemId, int seq, String on) {
        jdbc.sql("UPDATE coop_milestone SET done_on = :d WHERE item_id = :i AND seq = :s")
                .param("d", LocalDate.parse(on)).param("i", itemId).param("s", seq).update();
    }

    /**
     * Seed history: a report (without evidence files) by a department's liaison, submitted three days before the
     * joint office reviewed it; a {@code SUBMITTED} report was submitted on {@code reviewedOn} and waits for review.
     */
    private void report(long itemId, String departmentCode, String content, int percent, LocalDate reviewedOn,
            String status) {
        var dept = region.department(departmentCode);
        OffsetDateTime reviewed = reviewedOn.atTime(LocalTime.of(10, 30)).atZone(Times.ZONE).toOffsetDateTime();
        String name = dept.name() + "督办联络员（示例）";
        if (!"ACCEPTED".equals(status)) {
            // waiting for review: submitted by the department's demo account (cs-fgw) when it exists
            CurrentUser reporter = accounts.findByUsername("cs-fgw")
                    .filter(u -> departmentCode.equals(u.departmentCode())).orElse(null);
            String account = reporter == null ? "" : "reporter_account_id, ";
            String accountValue = reporter == null ? "" : ":account, ";
            jdbc.sql("INSERT INTO coop_report (item_id, " + account + "reporter_name, city_code, department_code, content,"
                            + " percent, status, submitted_at, open_slot) VALUES (:item, " + accountValue
                            + ":name, :city, :dept, :content, :percent, :status, :submitted, :open)")
                    .param("open", "SUBMITTED".equals(status) ? 1 : null)
                    .param("item", itemId).param("account", reporter == null ? 0L : reporter.accountId())
                    .param("name", reporter == null ? name : reporter.displayName())
                    .param("city", dept.cityCode()).param("dept", dept.code())
                    .param("content", content).param("percent", percent).param("status", status)
                    .param("submitted", reviewed)
                    .update();
            return;
        }
        jdbc.sql("""
                INSERT INTO coop_report (item_id, reporter_name, city_code, department_code, content, percent, status,
                                         submitted_at, reviewed_at, reviewer_name)
                VALUES (:item, :name, :city, :dept, :content, :percent, :status, :submitted, :reviewed, :reviewer)""")
                .param("item", itemId).param("name", name).param("city", dept.cityCode()).param("dept", dept.code())
                .param("content", content).param("percent", percent).param("status", status)
                .param("submitted", reviewed.minusDays(3)).param("reviewed", reviewed).param("reviewer", "一体化办督办专员")
                .update();
    }
}
