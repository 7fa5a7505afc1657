package cn.onecity.innovation.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
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
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Organisation;
import cn.onecity.identity.OrganisationKind;
import cn.onecity.identity.Role;
import cn.onecity.innovation.Brokerage;
import cn.onecity.innovation.Brokerage.ServiceOrgKind;
import cn.onecity.innovation.Challenges;
import cn.onecity.innovation.Contracts;
import cn.onecity.innovation.Demands;
import cn.onecity.innovation.Results;
import cn.onecity.shared.Times;

/**
 * Demo data of 科技成果转化 from the seed document (长株潭一体化发展第六届市委书记联席会议新闻发布会):
 * <ul>
 * <li>the counts the seed states: 16 universities in the 市校创新发展联盟, 25 技术转移转化基地, 10 高校知识产权中心,
 * the 潇湘科技要素大市场（长沙） with 7 工作站, and the jointly released 首批100项 results; the seed does not name the
 * members, bases, centres, workstations or results, so those records say 示例 (the universities are real 长株潭
 * universities, their membership list is 示例);</li>
 * <li>湖南钢铁技术研究院 and 中车长沙研发中心 (named by the seed, founding dates 示例) and invented R&D institutions;</li>
 * <li>揭榜挂帅 challenges, demands, deals and technology contracts, all 示例. The seed's totals (合同成交额突破1400亿元,
 * 新增研发机构1178家) are not typed in anywhere: the platform shows what these records add up to.</li>
 * </ul>
 * Demo accounts (password {@code onecity2026}): cs-institution (中南大学), cs-kjj / zz-kjj / xt-kjj (科学技术局),
 * broker (潇湘科技要素大市场), expert1 (湖南大学), expert2 (湘潭大学), expert3 (湖南工业大学).
 */
@Component
@Order(50)
@ConditionalOnProperty(name = "onecity.demo.enabled", havingValue = "true")
class InnovationDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InnovationDemoData.class);
    static final String PASSWORD = "onecity2026";
    static final String ALLIANCE_NOTE = "示例：种子称长沙与16所长株潭高校建立市校创新发展联盟，未列出名单";

    private final Accounts accounts;
    private final Results results;
    private final Demands demands;
    private final Brokerage brokerage;
    private final Challenges challenges;
    private final Contracts contracts;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    InnovationDemoData(Accounts accounts, Results results, Demands demands, Brokerage brokerage, Challenges challenges,
            Contracts contracts, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.accounts = accounts;
        this.results = results;
        this.demands = demands;
        this.brokerage = brokerage;
        this.challenges = challenges;
        this.contracts = contracts;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** The 16 universities: name, city, and whether an organisation (for accounts) is needed. */
    static final String[][] UNIVERSITIES = {
            {"中南大学", "430100"}, {"湖南大学", "430100"}, {"湖南师范大学", "430100"}, {"长沙理工大学", "430100"},
            {"中南林业科技大学", "430100"}, {"湖南农业大学", "430100"}, {"湖南中医药大学", "430100"},
            {"湖南工商大学", "430100"}, {"长沙学院", "430100"}, {"湖南第一师范学院", "430100"},
            {"湖南工业大学", "430200"}, {"湖南铁道职业技术学院", "430200"}, {"湖南汽车工程职业大学", "430200"},
            {"湘潭大学", "430300"}, {"湖南科技大学", "430300"}, {"湖南工程学院", "430300"}};

    /** Technologies of the invented results: stem, field, chain segment. */
    static final String[][] TECHS = {
            {"永磁同步电机高效控制", "先进制造", "电机电控"}, {"盾构机主轴承长寿命设计", "先进制造", "工程机械·关键零部件"},
            {"碳化硅外延片缺陷控制", "电子信息", "功率半导体"}, {"硬质合金涂层刀具", "新材料", "硬质材料及工具"},
            {"轨道交通牵引变流器", "轨道交通", "牵引传动"}, {"特高压套管绝缘", "先进制造", "输变电装备"},
            {"锂电正极材料回收", "新能源", "动力电池"}, {"氢燃料电池电堆", "新能源", "燃料电池"},
            {"中小航空发动机叶片增材制造", "先进制造", "航空发动机"}, {"北斗高精度定位终端", "电子信息", "北斗应用"},
            {"工业互联网边缘计算", "人工智能", "工业软件"}, {"钢铁流程低碳冶炼", "节能环保", "钢铁冶炼"},
            {"湘江流域水质在线监测", "节能环保", "环境监测"}, {"杂交水稻耐高温育种", "现代农业", "种业"},
            {"中药材有效成分提取", "生物医药", "中药"}, {"医用高分子植入材料", "生物医药", "医疗器械"},
            {"高性能铝合金轻量化构件", "新材料", "汽车零部件"}, {"智能网联汽车线控底盘", "先进制造", "新能源汽车"},
            {"大数据视觉缺陷检测", "人工智能", "智能检测"}, {"深海采矿重载平台液压系统", "先进制造", "海洋装备"}};
    static final String[] ASPECTS = {"关键技术", "成套装备", "工艺与示范线", "检测评价方法", "数字化平台"};
    static final String[] MODES = {"TRANSFER", "LICENSE", "EQUITY", "JOINT_DEVELOPMENT"};

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM inv_service_org").query(Long.class).single() > 0
                || accounts.findByUsername("admin").isEmpty()) {
            return;
        }
        tx.executeWithoutResult(s -> accountsAndInstitutions());
        tx.executeWithoutResult(s -> firstBatch());
        tx.executeWithoutResult(s -> demandsAndDeals());
        tx.executeWithoutResult(s -> challenges());
        tx.executeWithoutResult(s -> contractsAndRd());
        log.info("Innovation demo data loaded");
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    private long organisation(String name, OrganisationKind kind, String city) {
        return accounts.organisations().stream().filter(o -> o.name().equals(name)).map(Organisation::id).findFirst()
                .orElseGet(() -> accounts.createOrganisation(name, kind, city, null, null));
    }

    private long account(String username, String name, Role role, long org) {
        return accounts.createAccount(new NewAccount(username, name, PASSWORD, role, org, null));
    }

    private CurrentUser user(String username) {
        return accounts.findByUsername(username).orElseThrow();
    }

    // ---- service side and accounts ----------------------------------------------------------------------------

    private void accountsAndInstitutions() {
        for (String[] u : UNIVERSITIES) {
            brokerage.addServiceOrg(ServiceOrgKind.ALLIANCE_UNIVERSITY, u[0], u[1], null, null, ALLIANCE_NOTE);
        }
        // 25 bases: one at each of the first 13 universities, and 12 in parks of the three cities
        String[][] parks = {{"长沙高新区", "430100"}, {"长沙经开区", "430100"}, {"湘江新区", "430100"}, {"岳麓山大学科技城", "430100"},
                {"马栏山视频文创园", "430100"}, {"株洲高新区", "430200"}, {"株洲经开区", "430200"}, {"荷塘区", "430200"},
                {"湘潭高新区", "430300"}, {"湘潭经开区", "430300"}, {"岳塘区", "430300"}, {"昭山示范区", "430300"}};
        for (int i = 0; i < 13; i++) {
            brokerage.addServiceOrg(ServiceOrgKind.TRANSFER_BASE, UNIVERSITIES[i][0] + "技术转移转化基地（示例）",
                    UNIVERSITIES[i][1], null, null, "示例：种子称建设25家技术转移转化基地，未列名称");
        }
        for (String[] p : parks) {
            brokerage.addServiceOrg(ServiceOrgKind.TRANSFER_BASE, p[0] + "技术转移转化基地（示例）", p[1], null, null,
                    "示例：种子称建设25家技术转移转化基地，未列名称");
        }
        int[] ipUniversities = {0, 1, 2, 3, 4, 5, 10, 13, 14, 15};
        for (int i : ipUniversities) {
            brokerage.addServiceOrg(ServiceOrgKind.IP_CENTRE, UNIVERSITIES[i][0] + "知识产权中心（示例）", UNIVERSITIES[i][1],
                    null, null, "示例：种子称建设10个高校知识产权中心，未列名称");
        }
        long marketOrg = organisation("潇湘科技要素大市场（长沙）", OrganisationKind.INSTITUTION, "430100");
        long market = brokerage.addServiceOrg(ServiceOrgKind.MARKET, "潇湘科技要素大市场（长沙）", "430100", null, marketOrg,
                "种子：潇湘科技要素大市场（长沙）及7个工作站；吸引上海技术交易所南方中心落地");
        String[][] stations = {{"株洲工作站（示例）", "430200"}, {"湘潭工作站（示例）", "430300"}, {"湘江新区工作站（示例）", "430100"},
                {"长沙高新区工作站（示例）", "430100"}, {"株洲高新区工作站（示例）", "430200"}, {"湘潭高新区工作站（示例）", "430300"},
                {"岳麓山大学科技城工作站（示例）", "430100"}};
        for (String[] s : stations) {
            brokerage.addServiceOrg(ServiceOrgKind.WORKSTATION, s[0], s[1], market, null, "示例：种子称7个工作站，未列名称");
        }
        // accounts
        long csu = organisation("中南大学", OrganisationKind.INSTITUTION, "430100");
        long hnu = organisation("湖南大学", OrganisationKind.INSTITUTION, "430100");
        long hut = organisation("湖南工业大学", OrganisationKind.INSTITUTION, "430200");
        long xtu = organisation("湘潭大学", OrganisationKind.INSTITUTION, "430300");
        account("cs-institution", "中南大学科学研究部（示例）", Role.INSTITUTION, csu);
        for (String[] k : new String[][] {{"cs", "430100"}, {"zz", "430200"}, {"xt", "430300"}}) {
            Organisation kjj = accounts.organisationOfDepartment(k[1] + "-KJJ").orElseThrow();
            account(k[0] + "-kjj", kjj.name() + "（示例人员）", Role.CITY_STAFF, kjj.id());
        }
        long broker = account("broker", "技术经纪人 李示例", Role.INSTITUTION, marketOrg);
        brokerage.registerBroker(broker, "技术经纪人 李示例", market);
        challenges.registerExpert(account("expert1", "评审专家 王示例（湖南大学）", Role.INSTITUTION, hnu), "王示例（湖南大学）",
                hnu, "电机与电力电子");
        challenges.registerExpert(account("expert2", "评审专家 刘示例（湘潭大学）", Role.INSTITUTION, xtu), "刘示例（湘潭大学）",
                xtu, "材料科学");
        challenges.registerExpert(account("expert3", "评审专家 陈示例（湖南工业大学）", Role.INSTITUTION, hut), "陈示例（湖南工业大学）",
                hut, "机械工程");
    }

    // ---- 首批100项 ---------------------------------------------------------------------------------------------

    private void firstBatch() {
        List<Long> ids = new ArrayList<>();
        int n = 0;
        for (int t = 0; t < TECHS.length; t++) {
            for (int a = 0; a < ASPECTS.length; a++) {
                String[] tech = TECHS[t];
                String[] uni = UNIVERSITIES[(t * 3 + a) % UNIVERSITIES.length];
                Long org = accounts.organisations().stream().filter(o -> o.name().equals(uni[0])).map(Organisation::id)
                        .findFirst().orElse(null);
                int trl = 3 + (t + a * 2) % 7; // 3–9
                BigDecimal price = BigDecimal.valueOf(50 + ((t * 37 + a * 91) % 20) * 40);
                ids.add(results.insert(new Results.Draft(tech[0] + ASPECTS[a] + "（示例）", tech[1], tech[2], trl,
                        "ZL20" + (19 + n % 6) + "1" + String.format("%07d", 1000 + n * 173) + ".X（示例）",
                        MODES[n % MODES.length], price,
                        "示例成果：" + uni[0] + "团队在" + tech[0] + "方向的" + ASPECTS[a] + "，面向" + tech[2] + "产业化。"),
                        uni[0], org, uni[1], null, null));
                n++;
            }
        }
        results.createBatch("长株潭联合发布首批100项最新科研成果", LocalDate.of(2024, 11, 28), "种子：三市联合发布首批100项最新科研成果；发布日期与各项成果为示例", ids);
    }

    // ---- demands and a signed deal ------------------------------------------------------------------------------

    private void demandsAndDeals() {
        CurrentUser enterprise = user("enterprise");
        long d1 = demands.insert(new Demands.Draft("永磁同步电机控制器效率提升（示例）",
                "示例需求：现有电机控制器在低速重载工况效率偏低，寻求永磁同步电机高效控制技术与成套装备", "先进制造",
                new BigDecimal("500")), enterprise.organisationId(), enterprise.organisationName(), enterprise.cityCode(),
                enterprise.accountId());
        demands.insert(new Demands.Draft("电机壳体铝合金轻量化（示例）", "示例需求：新能源汽车驱动电机壳体减重 20%，需高性能铝合金轻量化构件工艺",
                "新材料", new BigDecimal("300")), enterprise.organisationId(), enterprise.organisationName(),
                enterprise.cityCode(), enterprise.accountId());
        // the broker takes the best match of the first demand and signs it
        List<Demands.Match> matches = demands.matches(d1);
        if (!matches.isEmpty()) {
            CurrentUser broker = user("broker");
            long deal = brokerage.take(broker, matches.get(0).resultId(), d1, "示例：经纪人组织双方首次洽谈");
            brokerage.record(broker, deal, "SIGNED", "示例：双方签订技术许可合同");
            Results.Result r = results.get(matches.get(0).resultId());
            contracts.insert(new Contracts.Draft("LICENSE", r.title().replace("（示例）", "") + "技术许可合同（示例）",
                    r.institutionName(), r.cityCode(), enterprise.organisationName(), enterprise.cityCode(),
                    new BigDecimal("420"), today().minusDays(20).toString(), deal, "示例：由经纪人撮合签约"), null);
        }
    }

    // ---- 揭榜挂帅 ---------------------------------------------------------------------------------------------

    private void challenges() {
        Organisation office = accounts.jointOffice().orElseThrow();
        LocalDate today = today();
        challenges.insert(new Challenges.Draft("8英寸碳化硅外延设备关键部件国产化（示例）",
                "示例：碳化硅外延设备的高温反应腔与精密温控部件依赖进口，需联合攻关实现国产化替代",
                "反应腔温场均匀性 ±1.5℃；连续运行 1000 小时无故障；成本较进口降低 30%", new BigDecimal("2000"),
                today.plusDays(45).toString(), "长株潭三市高校、科研院所或企业牵头，可联合申报"), office.id(), office.name(),
                null, null, false);
        long review = challenges.insert(new Challenges.Draft("盾构机主轴承长寿命密封技术（示例）",
                "示例：大直径盾构机主轴承密封寿命不足，需攻克长寿命密封材料与结构设计",
                "密封寿命 ≥ 10000 小时；耐压 ≥ 0.8 MPa", new BigDecimal("1500"), today.minusDays(5).toString(),
                "具有轴承或密封研究基础的高校院所、企业"), office.id(), office.name(), null, null, true);
        long csu = accounts.organisations().stream().filter(o -> o.name().equals("中南大学")).findFirst().orElseThrow().id();
        long hnu = accounts.organisations().stream().filter(o -> o.name().equals("湖南大学")).findFirst().orElseThrow().id();
        challenges.insertProposal(review, "中南大学高性能密封团队（示例）", csu, "中南大学", "示例方案：新型氟橡胶复合密封与迷宫结构", null);
        challenges.insertProposal(review, "湖南大学摩擦学团队（示例）", hnu, "湖南大学", "示例方案：表面织构减摩与在线监测", null);
        jdbc.sql("UPDATE inv_challenge SET stage = 'REVIEW' WHERE id = :id").param("id", review).update();

        CurrentUser enterprise = user("enterprise");
        long awarded = challenges.insert(new Challenges.Draft("低速大扭矩永磁电机温升控制（示例）",
                "示例：矿山提升用低速大扭矩永磁电机温升过高，需优化冷却与电磁设计", "额定工况温升 ≤ 70K；效率 ≥ 96%",
                new BigDecimal("300"), today.minusDays(60).toString(), "高校院所或企业，须有电机设计经验"),
                enterprise.organisationId(), enterprise.organisationName(), enterprise.cityCode(), enterprise.accountId(), true);
        long p = challenges.insertProposal(awarded, "中南大学电机热管理团队（示例）", csu, "中南大学", "示例方案：油冷定子与多物理场优化", null);
        challenges.insertProposal(awarded, "湖南大学电机设计团队（示例）", hnu, "湖南大学", "示例方案：分段斜极与强迫风冷", null);
        jdbc.sql("UPDATE inv_challenge SET stage = 'REVIEW' WHERE id = :id").param("id", awarded).update();
        challenges.score(user("expert2"), p, 88, "示例：方案可行");
        challenges.score(user("expert3"), p, 91, "示例：指标明确");
        challenges.award(enterprise, awarded, p, List.of(
                new Challenges.MilestoneDraft("样机设计评审（示例）", today.plusDays(30).toString()),
                new Challenges.MilestoneDraft("样机温升试验（示例）", today.plusDays(120).toString())));
    }

    // ---- contracts and R&D institutions -------------------------------------------------------------------------

    private void contractsAndRd() {
        String[] kinds = {"DEVELOPMENT", "TRANSFER", "LICENSE", "CONSULTING", "SERVICE"};
        String[][] sellers = {{"中南大学", "430100"}, {"湖南大学", "430100"}, {"长沙理工大学", "430100"},
                {"中车长沙研发中心", "430100"}, {"湖南工业大学", "430200"}, {"湘潭大学", "430300"}, {"湖南科技大学", "430300"}};
        String[][] buyers = {{"湘潭示例钢铁装备有限公司（示例）", "430300"}, {"株洲示例轨道部件有限公司（示例）", "430200"},
                {"湘潭示例新材料有限公司（示例）", "430300"}, {"株洲示例硬质合金有限公司（示例）", "430200"},
                {"长沙示例智能装备有限公司（示例）", "430100"}};
        LocalDate today = today();
        int n = 0;
        for (int year = today.getYear() - 2; year <= today.getYear(); year++) {
            int count = 24 + (year - today.getYear() + 2) * 6;
            for (int i = 0; i < count; i++) {
                String[] s = sellers[(i * 3 + year) % sellers.length];
                String[] b = buyers[(i * 2 + year) % buyers.length];
                // mostly 长沙 research converted in 湘潭 and 株洲
                if (s[1].equals("430100") && b[1].equals("430100") && i % 3 != 0) {
                    b = buyers[i % 2 == 0 ? 0 : 1];
                }
                LocalDate on = LocalDate.of(year, 1 + (i * 7) % 12, 1 + (i * 11) % 28);
                if (on.isAfter(today)) {
                    on = today.minusDays(1 + i % 30);
                }
                BigDecimal amount = BigDecimal.valueOf(60 + ((i * 131 + year) % 40) * 35L);
                contracts.insert(new Contracts.Draft(kinds[(i + year) % kinds.length], "示例技术合同 " + year + "-" + (i + 1),
                        s[0], s[1], b[0], b[1], amount, on.toString(), null, "示例"), null);
                n++;
            }
        }
        String[][] rd = {{"湖南钢铁技术研究院", "NEW_TYPE", "430100", "2023-03-15", "种子：落地湘江科学城，研发在长沙、转化在湘潭和株洲；成立日期为示例"},
                {"中车长沙研发中心", "ENTERPRISE_CENTRE", "430100", "2023-09-20", "种子：落地湘江科学城；成立日期为示例"}};
        for (String[] r : rd) {
            contracts.insertRd(new Contracts.RdDraft(r[0], r[1], r[2], r[3], r[4]));
        }
        String[] rdKinds = {"NEW_TYPE", "ENTERPRISE_CENTRE", "KEY_LAB", "ENGINEERING_CENTRE", "GLOBAL_RD"};
        String[] cities = {"430100", "430100", "430200", "430300"};
        String[] names = {"长沙", "长沙", "株洲", "湘潭"};
        for (int i = 0; i < 30; i++) {
            int year = 2019 + i % 8;
            LocalDate founded = LocalDate.of(year, 1 + i % 12, 1 + (i * 3) % 28);
            if (founded.isAfter(today)) {
                founded = today.minusMonths(1);
            }
            String city = cities[i % cities.length];
            contracts.insertRd(new Contracts.RdDraft(names[i % names.length] + "示例研发机构" + (i + 1) + "（示例）",
                    rdKinds[i % rdKinds.length], city, founded.toString(), "示例"));
        }
        log.debug("{} demo contracts", n);
    }
}
