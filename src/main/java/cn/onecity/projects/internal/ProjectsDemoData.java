package cn.onecity.projects.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemView;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Organisation;
import cn.onecity.identity.Role;
import cn.onecity.projects.MilestoneKind;
import cn.onecity.projects.NewProject;
import cn.onecity.projects.ProjectType;
import cn.onecity.projects.Projects;
import cn.onecity.shared.Times;

/**
 * Demo projects from the seed, loaded once into an empty module: the 7 融城干道 (three named in the seed:
 * 长沙新韶山南路—湘潭昭山大道 open to traffic, 长沙白庭路—湘潭银盖路 and 湘潭云龙东路—株洲新马南路 under way; the other
 * four are 示例), whose monthly reports add up to exactly 57亿元 (the seed's "7条融城干道累计完成投资57亿元", said at
 * the press conference of 2024-12-10: so the roads are reported up to 2024-11 and no later month is invented; the
 * split per road, city and month is invented and says 示例 in each report's note); the 长株潭城际S1号线; and the
 * 十大标志性工程 as far as the seed names them (长株潭新能源汽车城, 长株潭生产服务型物流枢纽, 湖南省医疗器械产业园),
 * the other seven 示例. Planned investments and dates are invented (示例 in the project's note). Each project is
 * linked to the cooperation item of the same subject from CooperationDemoData.
 */
@Component
@Order(70)
@ConditionalOnProperty(name = "onecity.demo.enabled", havingValue = "true")
class ProjectsDemoData implements ApplicationRunner {

    static final String PASSWORD = "onecity2026";
    static final String CS = "430100";
    static final String ZZ = "430200";
    static final String XT = "430300";
    static final String ROADS_ITEM = "7条融城干道建设（累计完成投资57亿元）";
    static final String NOTE = "示例：计划投资、里程碑日期与报送金额为演示而设，未经核实";
    static final String REPORT_NOTE = "示例：按月拆分为演示而设";

    private final Projects projects;
    private final Cooperation cooperation;
    private final Accounts accounts;
    private final JdbcClient jdbc;

    ProjectsDemoData(Projects projects, Cooperation cooperation, Accounts accounts, JdbcClient jdbc) {
        this.projects = projects;
        this.cooperation = cooperation;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM prj_project").query(Integer.class).single() > 0) {
            return;
        }
        staff("zz-jt", "株洲市交通运输局");
        staff("xt-jt", "湘潭市交通运输局");
        CurrentUser office = accounts.findByUsername("office").orElseThrow();

        // ---- the 7 融城干道: 120000 + 140000 + 80000 + 72000 + 40000 + 100000 + 18000 = 570000 万元 = 57亿元, reported
        //      up to 2024-11, the last month before the press conference of 2024-12-10 that gave the figure
        long r1 = create(office, "RC-01", "长沙新韶山南路—湘潭昭山大道", ProjectType.ROAD, false, 135000, CS + "-JTJ", XT + "-JTJ",
                List.of(ms("开工", MilestoneKind.START, "2021-09-30", "2021-09-18"), ms("主线贯通", MilestoneKind.OTHER, "2023-12-31", "2023-12-20"),
                        ms("建成通车", MilestoneKind.OPEN, "2024-09-30", "2024-09-26")),
                "长沙新韶山南路—湘潭昭山大道建成通车", ROADS_ITEM);
        long r2 = create(office, "RC-02", "长沙白庭路—湘潭银盖路", ProjectType.ROAD, false, 200000, CS + "-JTJ", XT + "-JTJ",
                List.of(ms("开工", MilestoneKind.START, "2023-06-30", "2023-06-15"), ms("跨线桥主体完工", MilestoneKind.OTHER, "2026-06-30", "2026-06-20"),
                        ms("建成通车", MilestoneKind.OPEN, "2027-06-30", null)),
                "长沙白庭路—湘潭银盖路等融城干道建设", ROADS_ITEM);
        long r3 = create(office, "RC-03", "湘潭云龙东路—株洲新马南路", ProjectType.ROAD, false, 150000, XT + "-JTJ", ZZ + "-JTJ",
                List.of(ms("开工", MilestoneKind.START, "2024-03-31", "2024-03-18"), ms("完成征地拆迁", MilestoneKind.OTHER, "2025-08-31", "2025-08-25"),
                        ms("主线桥梁合龙", MilestoneKind.OTHER, "2026-12-04", null), ms("全线建成通车", MilestoneKind.OPEN, "2027-06-30", null)),
                "湘潭云龙东路—株洲新马南路融城干道建设", ROADS_ITEM);
        long r4 = create(office, "RC-04", "融城干道示例四（长沙—株洲段，示例）", ProjectType.ROAD, false, 72000, CS + "-JTJ", ZZ + "-JTJ",
                List.of(ms("开工", MilestoneKind.START, "2021-03-31", "2021-03-28"), ms("建成通车", MilestoneKind.OPEN, "2023-12-31", "2023-12-26")),
                ROADS_ITEM);
        long r5 = create(office, "RC-05", "融城干道示例五（株洲—湘潭段，示例）", ProjectType.ROAD, false, 110000, ZZ + "-JTJ", XT + "-JTJ",
                List.of(ms("开工", MilestoneKind.START, "2024-06-30", "2024-06-12"), ms("建成通车", MilestoneKind.OPEN, "2027-12-31", null)),
                ROADS_ITEM);
        long r6 = create(office, "RC-06", "融城干道示例六（长沙—湘潭段，示例）", ProjectType.ROAD, false, 160000, CS + "-JTJ", XT + "-JTJ",
                List.of(ms("开工", MilestoneKind.START, "2023-10-31", "2023-10-30"), ms("路基工程完工", MilestoneKind.OTHER, "2026-09-30", null),
                        ms("建成通车", MilestoneKind.OPEN, "2027-09-30", null)),
                ROADS_ITEM);
        long r7 = create(office, "RC-07", "融城干道示例七（长沙—株洲段，示例）", ProjectType.ROAD, false, 100000, CS + "-JTJ", ZZ + "-JTJ",
                List.of(ms("开工", MilestoneKind.START, "2024-09-30", "2024-09-20"), ms("建成通车", MilestoneKind.OPEN, "2027-12-31", null)),
                ROADS_ITEM);
        road(r1, CS, XT, 120000, "2021-10", "2024-09");
        road(r2, CS, XT, 140000, "2023-07", "2024-11");
        road(r3, XT, ZZ, 80000, "2024-04", "2024-11");
        road(r4, CS, ZZ, 72000, "2021-04", "2023-12");
        road(r5, ZZ, XT, 40000, "2024-07", "2024-11");
        road(r6, CS, XT, 100000, "2023-11", "2024-11");
        road(r7, CS, ZZ, 18000, "2024-10", "2024-11");

        // ---- rail
        long s1 = create(office, "GD-01", "长株潭城际S1号线地铁化运营", ProjectType.RAIL, false, 30000, CS + "-JTJ", ZZ + "-JTJ",
                List.of(ms("改造工程开工", MilestoneKind.START, "2023-03-31", "2023-03-15"), ms("地铁化运营", MilestoneKind.OPEN, "2024-06-30", "2024-06-28")),
                "长株潭城际S1号线地铁化运营");
        spread(s1, CS, 14000, "2023-04", "2024-06");
        spread(s1, ZZ, 11000, "2023-04", "2024-06");

        // ---- the 十大标志性工程 (three named in the seed)
        long ev = create(office, "BZ-01", "长株潭新能源汽车城", ProjectType.INDUSTRY, true, 200000, XT + "-GXJ", CS + "-GXJ",
                List.of(ms("完成规划编制", MilestoneKind.OTHER, "2025-06-30", "2025-06-25"), ms("首期项目开工", MilestoneKind.START, "2025-12-31", "2025-12-20"),
                        ms("首期建成投产", MilestoneKind.COMPLETE, "2026-10-31", "2026-10-15")),
                "长株潭新能源汽车城建设");
        spread(ev, XT, 52000, "2026-01", "2026-10");
        spread(ev, CS, 18000, "2026-01", "2026-10");
        long hub = create(office, "BZ-02", "长株潭生产服务型物流枢纽", ProjectType.LOGISTICS, true, 180000, XT + "-FGW", CS + "-FGW",
                List.of(ms("枢纽建设方案获批", MilestoneKind.OTHER, "2025-09-30", "2025-09-12"), ms("多式联运中心开工", MilestoneKind.START, "2025-10-31", "2025-10-10"),
                        ms("多式联运中心主体完工", MilestoneKind.COMPLETE, "2027-06-30", null)),
                "长株潭生产服务型物流枢纽建设");
        spread(hub, XT, 36000, "2025-10", "2026-10");
        spread(hub, CS, 15000, "2025-10", "2026-10");
        long med = create(office, "BZ-03", "湖南省医疗器械产业园", ProjectType.INDUSTRY, true, 120000, XT + "-GXJ", ZZ + "-GXJ",
                List.of(ms("一期基础设施开工", MilestoneKind.START, "2025-05-31", "2025-05-20"), ms("一期标准厂房封顶", MilestoneKind.OTHER, "2026-10-30", null),
                        ms("一期建成运营", MilestoneKind.COMPLETE, "2027-06-30", null)),
                "湖南省医疗器械产业园建设");
        spread(med, XT, 21000, "2025-06", "2026-10");
        String[][] others = {
                {"BZ-04", "标志性工程示例四（示例）", "ECOLOGY", CS, "2024-03-31", "2024-03-20", "2026-06-30", "2026-06-18"},
                {"BZ-05", "标志性工程示例五（示例）", "PUBLIC_SERVICE", ZZ, "2025-03-31", "2025-03-28", "2027-12-31", null},
                {"BZ-06", "标志性工程示例六（示例）", "INDUSTRY", CS, "2025-09-30", "2025-09-16", "2028-06-30", null},
                {"BZ-07", "标志性工程示例七（示例）", "PUBLIC_SERVICE", XT, "2027-03-31", null, "2029-06-30", null},
                {"BZ-08", "标志性工程示例八（示例）", "ECOLOGY", ZZ, "2026-03-31", null, "2028-12-31", null},
                {"BZ-09", "标志性工程示例九（示例）", "INDUSTRY", XT, "2026-06-30", "2026-07-10", "2028-06-30", null},
                {"BZ-10", "标志性工程示例十（示例）", "PUBLIC_SERVICE", CS, "2027-06-30", null, "2029-12-31", null},
        };
        for (String[] o : others) {
            String kind = "PUBLIC_SERVICE".equals(o[2]) ? "-FGW" : "ECOLOGY".equals(o[2]) ? "-STHJJ" : "-GXJ";
            long id = create(office, o[0], o[1], ProjectType.valueOf(o[2]), true, 80000, o[3] + kind, null,
                    List.of(ms("开工", MilestoneKind.START, o[4], o[5]), ms("建成", MilestoneKind.COMPLETE, o[6], o[7])));
            if (o[5] != null) {
                YearMonth from = YearMonth.parse(o[5].substring(0, 7)).plusMonths(1);
                YearMonth to = o[7] != null ? YearMonth.parse(o[7].substring(0, 7)) : YearMonth.of(2026, 10);
                if (!from.isAfter(to)) {
                    spread(id, o[3], 1500L * (to.getYear() * 12 + to.getMonthValue() - from.getYear() * 12 - from.getMonthValue() + 1),
                            from.toString(), to.toString());
                }
            }
        }
    }

    private static NewProject.Step ms(String name, MilestoneKind kind, String planned, String actual) {
        return new NewProject.Step(name, kind, LocalDate.parse(planned), actual == null ? null : LocalDate.parse(actual));
    }

    private long create(CurrentUser office, String code, String name, ProjectType type, boolean landmark, long plannedWan,
            String dept1, String dept2, List<NewProject.Step> steps, String... items) {
        List<NewProject.Party> parties = new ArrayList<>();
        parties.add(new NewProject.Party(dept1.substring(0, 6), dept1));
        if (dept2 != null) {
            parties.add(new NewProject.Party(dept2.substring(0, 6), dept2));
        }
        List<Long> itemIds = new ArrayList<>();
        for (String title : items) {
            item(title).ifPresent(itemIds::add);
        }
        return projects.create(office, new NewProject(code, name, type, landmark, BigDecimal.valueOf(plannedWan), null, NOTE,
                parties, steps, itemIds));
    }

    /** A cooperation item by exact title or code (the demo cooperation data may be absent in a partial set-up). */
    private Optional<Long> item(String titleOrCode) {
        return cooperation.items(new DataScope.All(), new ItemFilter(null, null, null, null, null, null, titleOrCode), projects.today())
                .stream().filter(i -> i.title().equals(titleOrCode) || i.code().equals(titleOrCode)).map(ItemView::id).findFirst();
    }

    /** A road's total split 55 : 45 between its two cities (whole 万元), each spread over the months. */
    private void road(long id, String first, String second, long totalWan, String from, String to) {
        long a = totalWan * 55 / 100;
        spread(id, first, a, from, to);
        spread(id, second, totalWan - a, from, to);
    }

    /** {@code totalWan} over the months from–to, in whole 万元, the remainder in the last month: the sum is exact. */
    private void spread(long id, String city, long totalWan, String from, String to) {
        YearMonth start = YearMonth.parse(from);
        YearMonth end = YearMonth.parse(to);
        int n = (end.getYear() * 12 + end.getMonthValue()) - (start.getYear() * 12 + start.getMonthValue()) + 1;
        long each = totalWan / n;
        String dept = jdbc.sql("SELECT department_code FROM prj_project_city WHERE project_id = :p AND city_code = :c")
                .param("p", id).param("c", city).query(String.class).single();
        Organisation org = accounts.organisationOfDepartment(dept).orElseThrow();
        int i = 0;
        for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1), i++) {
            long amount = i == n - 1 ? totalWan - each * (n - 1) : each;
            jdbc.sql("""
                    INSERT INTO prj_report (project_id, city_code, ym, amount, note, reported_by, organisation_id, reported_at)
                    VALUES (:p, :c, :m, :a, :n, :by, :o, :at)""")
                    .param("p", id).param("c", city).param("m", m.toString()).param("a", BigDecimal.valueOf(amount))
                    .param("n", REPORT_NOTE).param("by", "示例数据").param("o", org.id())
                    .param("at", m.plusMonths(1).atDay(5).atTime(10, 0).atZone(Times.ZONE).toOffsetDateTime()).update();
        }
    }

    private void staff(String username, String orgName) {
        if (accounts.findByUsername(username).isPresent()) {
            return;
        }
        Organisation org = accounts.organisations().stream().filter(o -> o.name().equals(orgName)).findFirst().orElseThrow();
        accounts.createAccount(new NewAccount(username, orgName + "（示例人员）", PASSWORD, Role.CITY_STAFF, org.id(), null));
    }

}
