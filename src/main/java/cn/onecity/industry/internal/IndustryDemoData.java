package cn.onecity.industry.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import cn.onecity.industry.Chains;
import cn.onecity.industry.ClusterLevel;
import cn.onecity.industry.Clusters;
import cn.onecity.shared.CreditCodes;
import cn.onecity.industry.DemandDraft;
import cn.onecity.industry.Enterprise;
import cn.onecity.industry.EnterpriseDraft;
import cn.onecity.industry.Enterprises;
import cn.onecity.industry.MatchCandidate;
import cn.onecity.industry.MatchStatus;
import cn.onecity.industry.Matching;
import cn.onecity.industry.Stage;

/**
 * Demo data of 产业协同 from the seed document (长株潭一体化发展第六届市委书记联席会议新闻发布会, 2024-12-10).
 * <ul>
 * <li>Clusters: the seed names 工程机械 and 轨道交通装备 (世界级培育池), 衡长株潭特高压输变电装备 (国家先进制造业集群),
 * 长沙县数控磨床, 荷塘区硬质合金 and 岳塘区电机电控 (国家中小企业特色产业集群); its counts (国家先进制造业集群 5 in all,
 * 国家中小企业特色集群 5, new 省级先进制造业集群 5, 省级中小企业特色产业集群 3) are made up with clusters marked 示例.</li>
 * <li>Chains: the seed says a "4+4" panorama was drawn but not which chains; the eight chosen follow the clusters
 * and the strategic directions the seed names (硬质材料及工具、先进能源材料、新能源汽车、北斗、通航), their
 * segment structure is 示例.</li>
 * <li>Every enterprise, demand and supply is invented for the demo and says 示例 in its name.</li>
 * </ul>
 * Loaded once, after identity's demo accounts, into an empty module; all demo accounts use {@code onecity2026}.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "onecity.demo.enabled", havingValue = "true")
class IndustryDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IndustryDemoData.class);
    static final String PASSWORD = "onecity2026";
    static final String CHAIN_NOTE = "种子材料未列出“4+4”的具体链条：依据其提到的集群与战略新兴方向选取，环节结构为示例";

    private final Enterprises enterprises;
    private final Clusters clusters;
    private final Chains chains;
    private final Matching matching;
    private final Accounts accounts;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final cn.onecity.industry.Alliance alliance;
    private final cn.onecity.industry.ParkFund fund;
    private final cn.onecity.industry.Policies policies;
    private final cn.onecity.industry.Investment investment;

    IndustryDemoData(Enterprises enterprises, Clusters clusters, Chains chains, Matching matching, Accounts accounts,
            JdbcClient jdbc, TransactionTemplate tx, cn.onecity.industry.Alliance alliance, cn.onecity.industry.ParkFund fund,
            cn.onecity.industry.Policies policies, cn.onecity.industry.Investment investment) {
        this.policies = policies;
        this.investment = investment;
        this.alliance = alliance;
        this.fund = fund;
        this.enterprises = enterprises;
        this.clusters = clusters;
        this.chains = chains;
        this.matching = matching;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    private final Map<String, Long> segments = new HashMap<>();
    private final Map<String, Long> clusterIds = new HashMap<>();
    private int sequence;

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("SELECT COUNT(*) FROM ind_enterprise").query(Long.class).single() > 0
                || accounts.findByUsername("admin").isEmpty()) {
            return;
        }
        // first the directory, committed, so that the search index holds it before demands are matched
        tx.executeWithoutResult(s -> {
            clusters();
            chains();
            enterprisesAndAccounts();
        });
        tx.executeWithoutResult(s -> demands());
        tx.executeWithoutResult(s -> allianceAndFund());
        tx.executeWithoutResult(s -> policiesAndInvestment());
        log.info("Industry demo data loaded");
    }

    // ---- clusters (seed) --------------------------------------------------------------------------------------

    private void clusters() {
        String seed = "种子：进入工信部世界级先进制造业集群培育池";
        cluster("长沙工程机械产业集群", ClusterLevel.WORLD_POOL, "工程机械", List.of("430100"), List.of(), seed);
        cluster("株洲轨道交通装备产业集群", ClusterLevel.WORLD_POOL, "轨道交通装备", List.of("430200"), List.of(), seed);
        cluster("衡长株潭特高压输变电装备产业集群", ClusterLevel.NATIONAL, "特高压输变电装备",
                List.of("430100", "430200", "430300"), List.of(), "种子：晋升“国家队”（另含衡阳）");
        String made = "示例：种子称国家先进制造业集群增至 5 个，未列名者为示例";
        cluster("株洲中小航空发动机产业集群（示例）", ClusterLevel.NATIONAL, "航空发动机", List.of("430200"), List.of(), made);
        cluster("长株潭新一代自主安全计算系统产业集群（示例）", ClusterLevel.NATIONAL, "计算系统",
                List.of("430100", "430200", "430300"), List.of(), made);
        String sme = "种子：入选国家中小企业特色产业集群";
        cluster("长沙县数控磨床产业集群", ClusterLevel.NATIONAL_SME, "数控磨床", List.of(), List.of("430121"), sme);
        cluster("荷塘区硬质合金产业集群", ClusterLevel.NATIONAL_SME, "硬质合金", List.of(), List.of("430202"), sme);
        cluster("岳塘区电机电控产业集群", ClusterLevel.NATIONAL_SME, "电机电控", List.of(), List.of("430304"), sme);
        String smeMade = "示例：种子称国家中小企业特色集群达到 5 个，未列名者为示例";
        cluster("醴陵电瓷电器产业集群（示例）", ClusterLevel.NATIONAL_SME, "电瓷电器", List.of(), List.of("430281"), smeMade);
        cluster("浏阳精细化工产业集群（示例）", ClusterLevel.NATIONAL_SME, "精细化工", List.of(), List.of("430181"), smeMade);
        String prov = "示例：种子称新增省级先进制造业集群 5 个，未列名";
        cluster("长沙智能网联汽车产业集群（示例）", ClusterLevel.PROVINCIAL, "新能源与智能网联汽车", List.of(), List.of("430104", "430121"), prov);
        cluster("株洲先进硬质材料产业集群（示例）", ClusterLevel.PROVINCIAL, "硬质材料及工具", List.of(), List.of("430202", "430211"), prov);
        cluster("湘潭先进能源材料产业集群（示例）", ClusterLevel.PROVINCIAL, "先进能源材料", List.of(), List.of("430304", "430321"), prov);
        cluster("株洲北斗产业集群（示例）", ClusterLevel.PROVINCIAL, "北斗", List.of(), List.of("430211"), prov);
        cluster("长株潭通用航空产业集群（示例）", ClusterLevel.PROVINCIAL, "通用航空", List.of("430100", "430200", "430300"), List.of(), prov);
        String provSme = "示例：种子称新增省级中小企业特色产业集群 3 个，未列名";
        cluster("渌口服饰产业集群（示例）", ClusterLevel.PROVINCIAL_SME, "服饰", List.of(), List.of("430212"), provSme);
        cluster("湘乡皮革产业集群（示例）", ClusterLevel.PROVINCIAL_SME, "皮革", List.of(), List.of("430381"), provSme);
        cluster("炎陵新材料产业集群（示例）", ClusterLevel.PROVINCIAL_SME, "新材料", List.of(), List.of("430225"), provSme);
    }

    private void cluster(String name, ClusterLevel level, String lead, List<String> cities, List<String> districts, String note) {
        clusterIds.put(name, clusters.create(name, level, lead, 2024, cities, districts, note));
    }

    // ---- chains ("4+4") ---------------------------------------------------------------------------------------

    private void chains() {
        chain("工程机械", "优势产业链", new String[][] {
                {"UP", "钢材及结构件"}, {"UP", "关键零部件", "液压件", "发动机", "回转支承"},
                {"MID", "整机制造", "挖掘机", "起重机", "混凝土机械"}, {"DOWN", "租赁与再制造"}, {"DOWN", "后市场服务"}});
        chain("轨道交通装备", "优势产业链", new String[][] {
                {"UP", "牵引电机与电控"}, {"UP", "轴承与齿轮"}, {"UP", "铝合金型材"},
                {"MID", "整车制造", "电力机车", "城轨车辆"}, {"MID", "牵引系统"}, {"DOWN", "运维检修"}});
        chain("特高压输变电装备", "优势产业链", new String[][] {
                {"UP", "硅钢与绝缘材料"}, {"UP", "电力电子器件"}, {"MID", "变压器"}, {"MID", "开关设备"},
                {"MID", "换流阀"}, {"DOWN", "工程安装与运维"}});
        chain("硬质材料及工具", "优势产业链", new String[][] {
                {"UP", "钨钼原料"}, {"UP", "粉末冶金"}, {"MID", "硬质合金制品", "数控刀片", "矿用合金"},
                {"MID", "超硬材料"}, {"DOWN", "工具应用服务"}});
        chain("先进能源材料", "新兴产业链", new String[][] {
                {"UP", "锂钴镍资源回收"}, {"MID", "正极材料"}, {"MID", "负极材料"}, {"MID", "电解液"},
                {"DOWN", "动力电池"}, {"DOWN", "储能系统"}});
        chain("新能源汽车", "新兴产业链", new String[][] {
                {"UP", "动力电池包"}, {"UP", "电驱动系统"}, {"UP", "汽车电子"}, {"MID", "整车"}, {"DOWN", "充换电服务"}});
        chain("北斗", "新兴产业链", new String[][] {
                {"UP", "芯片与模组"}, {"MID", "终端设备"}, {"DOWN", "行业应用"}});
        chain("通用航空", "新兴产业链", new String[][] {
                {"UP", "航空发动机零部件"}, {"UP", "航空材料"}, {"MID", "通航整机", "无人机", "通用飞机"},
                {"DOWN", "通航运营服务"}});
    }

    /** Each row: stage, segment, then optional sub-segments. */
    private void chain(String name, String category, String[][] rows) {
        long chain = chains.createChain(name, category, CHAIN_NOTE);
        for (String[] row : rows) {
            long seg = chains.addSegment(chain, null, Stage.valueOf(row[0]), row[1]);
            segments.put(name + ":" + row[1], seg);
            for (int i = 2; i < row.length; i++) {
                segments.put(name + ":" + row[i], chains.addSegment(chain, seg, null, row[i]));
            }
        }
    }

    // ---- enterprises and accounts -----------------------------------------------------------------------------

    private void enterprisesAndAccounts() {
        // 长沙
        enterprise("长沙示例精密轴承有限公司（示例）", "430121", "CS-JKQ", "MEDIUM", "精密轴承、回转支承、轨道车辆轴箱轴承、齿轮箱轴承",
                "年产轴承 80 万套；热处理、磨削、寿命检测", List.of("轨道交通装备:轴承与齿轮", "工程机械:回转支承"),
                List.of("长沙工程机械产业集群"));
        enterprise("长沙示例重工机械有限公司（示例）", "430121", "CS-JKQ", "LARGE", "挖掘机、起重机、混凝土泵车",
                "整机研发与智能制造", List.of("工程机械:挖掘机", "工程机械:起重机", "工程机械:混凝土机械"), List.of("长沙工程机械产业集群"));
        enterprise("长沙示例液压科技有限公司（示例）", "430121", "CS-JKQ", "MEDIUM", "液压油缸、多路阀、液压泵",
                "液压件设计制造与试验", List.of("工程机械:液压件"), List.of("长沙工程机械产业集群"));
        enterprise("长沙示例数控磨床有限公司（示例）", "430121", null, "SMALL", "数控外圆磨床、曲轴磨床",
                "精密磨削装备、再制造", List.of("工程机械:租赁与再制造"), List.of("长沙县数控磨床产业集群"));
        enterprise("长沙示例智能网联汽车有限公司（示例）", "430104", null, "LARGE", "新能源乘用车、智能驾驶系统",
                "整车集成、自动驾驶测试", List.of("新能源汽车:整车", "新能源汽车:汽车电子"), List.of("长沙智能网联汽车产业集群（示例）"));
        enterprise("长沙示例储能科技有限公司（示例）", "430181", null, "MEDIUM", "储能电池柜、电池管理系统",
                "储能系统集成", List.of("先进能源材料:储能系统"), List.of());
        enterprise("长沙示例北斗信息有限公司（示例）", "430104", null, "SMALL", "北斗高精度定位终端、车载导航",
                "高精度定位算法、终端设计", List.of("北斗:终端设备", "北斗:行业应用"), List.of());
        enterprise("长沙示例电力电子有限公司（示例）", "430111", null, "MEDIUM", "IGBT 模块、晶闸管、功率器件",
                "功率半导体封装测试", List.of("特高压输变电装备:电力电子器件", "新能源汽车:电驱动系统"),
                List.of("衡长株潭特高压输变电装备产业集群"));
        enterprise("长沙示例变压器有限公司（示例）", "430112", null, "LARGE", "特高压变压器、换流变压器",
                "750kV 以上变压器试验", List.of("特高压输变电装备:变压器"), List.of("衡长株潭特高压输变电装备产业集群"));
        enterprise("长沙示例无人机有限公司（示例）", "430104", null, "SMALL", "工业无人机、植保无人机",
                "飞控系统、整机装配", List.of("通用航空:无人机", "北斗:行业应用"), List.of("长株潭通用航空产业集群（示例）"));
        // 株洲
        enterprise("株洲示例轨道装备有限公司（示例）", "430211", "ZZ-GXQ", "LARGE", "城轨车辆、电力机车、动车组",
                "整车设计与制造", List.of("轨道交通装备:城轨车辆", "轨道交通装备:电力机车"), List.of("株洲轨道交通装备产业集群"));
        enterprise("株洲示例牵引系统有限公司（示例）", "430211", "ZZ-GXQ", "MEDIUM", "牵引变流器、网络控制系统",
                "牵引系统集成", List.of("轨道交通装备:牵引系统"), List.of("株洲轨道交通装备产业集群"));
        enterprise("株洲示例硬质合金有限公司（示例）", "430202", null, "LARGE", "数控刀片、硬质合金棒材、矿用合金",
                "粉末冶金、涂层", List.of("硬质材料及工具:数控刀片", "硬质材料及工具:矿用合金", "硬质材料及工具:粉末冶金"),
                List.of("荷塘区硬质合金产业集群", "株洲先进硬质材料产业集群（示例）"));
        enterprise("株洲示例钨钼材料有限公司（示例）", "430202", null, "MEDIUM", "钨粉、碳化钨粉、钼制品",
                "钨钼冶炼与粉末制备", List.of("硬质材料及工具:钨钼原料"), List.of("荷塘区硬质合金产业集群"));
        enterprise("株洲示例航空零部件有限公司（示例）", "430203", null, "MEDIUM", "航空发动机叶片、机匣、精密铸件",
                "五轴加工、精密铸造", List.of("通用航空:航空发动机零部件"), List.of("株洲中小航空发动机产业集群（示例）"));
        enterprise("株洲示例北斗导航有限公司（示例）", "430211", "ZZ-GXQ", "SMALL", "北斗芯片模组、授时模块",
                "芯片设计、模组测试", List.of("北斗:芯片与模组"), List.of("株洲北斗产业集群（示例）"));
        enterprise("醴陵示例电瓷有限公司（示例）", "430281", "ZZ-LLJKQ", "MEDIUM", "高压电瓷绝缘子、复合绝缘子",
                "电瓷烧成、电气试验", List.of("特高压输变电装备:硅钢与绝缘材料"), List.of("醴陵电瓷电器产业集群（示例）"));
        enterprise("渌口示例铝材有限公司（示例）", "430212", "ZZ-LKJKQ", "SMALL", "轨道车辆铝合金型材、车体大部件",
                "挤压、焊接", List.of("轨道交通装备:铝合金型材"), List.of());
        enterprise("炎陵示例新材料有限公司（示例）", "430225", "ZZ-YLGXQ", "SMALL", "硬质合金涂层材料、金刚石微粉",
                "超硬材料合成", List.of("硬质材料及工具:超硬材料"), List.of("炎陵新材料产业集群（示例）"));
        enterprise("株洲示例新能源汽车有限公司（示例）", "430211", null, "LARGE", "新能源乘用车、动力电池包",
                "整车制造、电池包集成", List.of("新能源汽车:整车", "新能源汽车:动力电池包"), List.of());
        // 湘潭
        enterprise("湘潭智造电机有限公司（示例）", "430304", "XT-JKQ", "MEDIUM", "牵引电机、永磁同步电机、电机控制器、风电发电机",
                "电机电磁设计、绕组、型式试验", List.of("轨道交通装备:牵引电机与电控", "新能源汽车:电驱动系统"),
                List.of("岳塘区电机电控产业集群", "衡长株潭特高压输变电装备产业集群"));
        enterprise("湘潭示例钢铁有限公司（示例）", "430304", null, "LARGE", "宽厚板、工程机械用高强钢、电工钢",
                "特种钢冶炼轧制", List.of("工程机械:钢材及结构件", "特高压输变电装备:硅钢与绝缘材料"), List.of());
        enterprise("湘潭示例电缆有限公司（示例）", "430304", "XT-JKQ", "MEDIUM", "特高压电缆、电力金具",
                "电缆挤出、耐压试验", List.of("特高压输变电装备:工程安装与运维"), List.of("衡长株潭特高压输变电装备产业集群"));
        enterprise("湘潭示例正极材料有限公司（示例）", "430321", null, "MEDIUM", "三元正极材料、磷酸铁锂",
                "材料合成、烧结", List.of("先进能源材料:正极材料"), List.of("湘潭先进能源材料产业集群（示例）"));
        enterprise("湘潭示例电池回收有限公司（示例）", "430321", null, "SMALL", "废旧动力电池回收、镍钴锂再生",
                "湿法冶金", List.of("先进能源材料:锂钴镍资源回收"), List.of("湘潭先进能源材料产业集群（示例）"));
        enterprise("湘潭示例齿轮有限公司（示例）", "430302", null, "SMALL", "齿轮箱、精密齿轮、减速机",
                "齿轮加工与热处理", List.of("轨道交通装备:轴承与齿轮", "工程机械:发动机"), List.of());
        enterprise("湘潭示例轨道运维有限公司（示例）", "430302", null, "MICRO", "轨道车辆检修、部件再制造",
                "架修、大修", List.of("轨道交通装备:运维检修"), List.of());
        enterprise("湘潭示例工程机械服务有限公司（示例）", "430304", "XT-JKQ", "SMALL", "工程机械租赁、维修保养",
                "设备租赁与后市场服务", List.of("工程机械:租赁与再制造", "工程机械:后市场服务"), List.of());

        CurrentUser csGxj = staff("cs-gxj", "长沙市工业和信息化局");
        CurrentUser zzGxj = staff("zz-gxj", "株洲市工业和信息化局");
        CurrentUser xtGxj = staff("xt-gxj", "湘潭市工业和信息化局");
        // the identity demo's enterprise account (湘潭) and two more, each owning its 示例 enterprise
        own("enterprise", null, "湘潭智造电机有限公司（示例）", xtGxj);
        own("zz-enterprise", "株洲轨道装备（示例）", "株洲示例轨道装备有限公司（示例）", zzGxj);
        own("cs-enterprise", "长沙精密轴承（示例）", "长沙示例精密轴承有限公司（示例）", csGxj);
        // a claim that waits for 株洲市工业和信息化局
        CurrentUser pending = enterpriseAccount("zz-tools", "株洲硬质合金（示例）", "株洲示例硬质合金有限公司（示例）", "430200");
        enterprises.claim(pending, enterprises.list(new cn.onecity.industry.EnterpriseFilter("株洲示例硬质合金", null, null, null, null), 0, 1)
                .content().get(0).creditCode());
    }

    private void enterprise(String name, String district, String park, String size, String products, String capabilities,
            List<String> segs, List<String> clusterNames) {
        sequence++;
        String code = CreditCodes.withCheck("91" + district + "MA" + String.format("%07d", (sequence * 7919L) % 10_000_000L));
        List<Long> segmentIds = new ArrayList<>();
        segs.forEach(s -> segmentIds.add(java.util.Objects.requireNonNull(segments.get(s), s)));
        List<Long> clusterList = new ArrayList<>();
        clusterNames.forEach(c -> clusterList.add(java.util.Objects.requireNonNull(clusterIds.get(c), c)));
        enterprises.registerAsSystem(new EnterpriseDraft(name, code, district, park, size, products, capabilities,
                segmentIds, clusterList));
    }

    private CurrentUser staff(String username, String orgName) {
        Organisation org = accounts.organisations().stream().filter(o -> o.name().equals(orgName)).findFirst().orElseThrow();
        accounts.createAccount(new NewAccount(username, orgName + "（示例人员）", PASSWORD, Role.CITY_STAFF, org.id(), null));
        return accounts.findByUsername(username).orElseThrow();
    }

    private CurrentUser enterpriseAccount(String username, String displayName, String orgName, String cityCode) {
        long org = accounts.organisations().stream().filter(o -> o.name().equals(orgName)).map(Organisation::id).findFirst()
                .orElseGet(() -> accounts.createOrganisation(orgName, OrganisationKind.ENTERPRISE, cityCode, null, null));
        if (accounts.findByUsername(username).isEmpty()) {
            accounts.createAccount(new NewAccount(username, displayName, PASSWORD, Role.ENTERPRISE, org, null));
        }
        return accounts.findByUsername(username).orElseThrow();
    }

    /** The account claims the enterprise of the same name and the city's 工信局 confirms. */
    private void own(String username, String displayName, String enterpriseName, CurrentUser staff) {
        Enterprise e = enterprises.list(new cn.onecity.industry.EnterpriseFilter(enterpriseName, null, null, null, null), 0, 1)
                .content().get(0);
        CurrentUser account = enterpriseAccount(username, displayName == null ? enterpriseName : displayName,
                enterpriseName, e.cityCode());
        long claim = enterprises.claim(account, e.creditCode());
        enterprises.decideClaim(staff, claim, true, null);
    }

    // ---- demands and supplies ---------------------------------------------------------------------------------

    private void demands() {
        CurrentUser zz = accounts.findByUsername("zz-enterprise").orElseThrow();
        CurrentUser xt = accounts.findByUsername("enterprise").orElseThrow();
        CurrentUser cs = accounts.findByUsername("cs-enterprise").orElseThrow();
        matching.publishSupply(xt, "城轨车辆永磁牵引电机（示例）", "适配 B 型地铁车辆，支持联合调试", "年产 2000 台");
        matching.publishSupply(cs, "轨道车辆轴箱轴承（示例）", "满足 EN 12080，提供寿命检测报告", "年产 5 万套");
        matching.publishSupply(zz, "城轨车辆整车检修服务（示例）", "架修、大修及部件再制造", "年 300 辆");

        long rail = matching.publishDemand(zz, new DemandDraft("SUPPORT", "城轨车辆牵引电机与轴箱轴承配套（示例）",
                "新建城轨车辆项目需永磁牵引电机及轴箱轴承，要求就近配套、联合调试。", "电机 240 台，轴承 1920 套",
                null, "430200", segments.get("轨道交通装备:城轨车辆")));
        mark(xt, rail, "湘潭智造电机有限公司（示例）", MatchStatus.COOPERATED);
        mark(zz, rail, "长沙示例精密轴承有限公司（示例）", MatchStatus.NEGOTIATING);

        long steel = matching.publishDemand(xt, new DemandDraft("PURCHASE", "电机用硅钢片与绝缘材料采购（示例）",
                "风电发电机和牵引电机用无取向硅钢、绝缘材料，年度框架采购。", "硅钢 3000 吨", null, "430300", null));
        mark(xt, steel, "湘潭示例钢铁有限公司（示例）", MatchStatus.NEGOTIATING);
        mark(xt, steel, "醴陵示例电瓷有限公司（示例）", MatchStatus.FAILED);

        matching.publishDemand(cs, new DemandDraft("TECH_SERVICE", "轴承寿命检测与热处理工艺服务（示例）",
                "需第三方轴承寿命检测及渗碳热处理工艺改进服务。", "检测 200 套", null, "430100", null));
        matching.publishDemand(zz, new DemandDraft("CAPACITY", "铝合金车体型材产能合作（示例）",
                "城轨车体铝合金型材挤压及大部件焊接产能合作。", "型材 600 吨", null, "430200", null));
    }

    // ---- alliance (§5) and park fund (§6) ----------------------------------------------------------------------

    /**
     * The seed gives 41 alliance members, "累计服务企业近10000家", and a park fund with 6 projects and 5,400万+. The
     * 41 members are 示例 (the seed names none); service records exist only for the demo enterprises, so the
     * computed 累计服务企业 is their count, not the seed's 10,000. The fund's 6 projects are 示例 and add up to
     * 5,400万+ as the seed says.
     */
    private void allianceAndFund() {
        List<String> cities = List.of("430100", "430200", "430300");
        List<String> cityNames = List.of("长沙", "株洲", "湘潭");
        List<Long> members = new ArrayList<>();
        String note = "示例：种子称联盟成员新增至 41 家，未列名";
        int n = 0;
        for (String type : cn.onecity.industry.Alliance.SERVICE_TYPES) {
            for (int c = 0; c < 3 && n < 41; c++, n++) {
                String name = cityNames.get(c) + "示例" + type + "服务中心（示例）";
                Long org = null;
                if (n == 0) {
                    org = enterpriseAccount("cs-service", "长沙检验检测服务（示例）", name, cities.get(c)).organisationId();
                }
                members.add(alliance.admit(null, name, cities.get(c), type, org,
                        java.time.LocalDate.of(2023, 1 + n % 12, 1 + n % 27), note));
            }
        }
        List<Enterprise> all = enterprises.list(cn.onecity.industry.EnterpriseFilter.none(), 0, 200).content();
        for (int i = 0; i < 64; i++) {
            Enterprise e = all.get(i % all.size());
            int m = (i * 11) % members.size();
            String type = cn.onecity.industry.Alliance.SERVICE_TYPES.get(m / 3 % cn.onecity.industry.Alliance.SERVICE_TYPES.size());
            alliance.recordService(null, members.get(m), e.id(), type,
                    java.time.LocalDate.of(2024, 1 + i % 11, 1 + (i * 3) % 28).toString(), type + "服务已完成（示例）");
        }
        String fundNote = "示例：种子称园区合作基金累计投资 6 个项目 5400 余万元，未列项目";
        fund.record(null, "株洲高新区轨道交通配套产业园项目（示例）", "ZZ-GXQ", "1200", "2023-04-18", fundNote);
        fund.record(null, "醴陵经开区电瓷电器检测平台项目（示例）", "ZZ-LLJKQ", "860", "2023-07-06", fundNote);
        fund.record(null, "渌口经开区飞地孵化器项目（示例）", "ZZ-LKJKQ", "650", "2023-10-12", fundNote);
        fund.record(null, "炎陵高新区新材料中试基地项目（示例）", "ZZ-YLGXQ", "720", "2024-03-20", fundNote);
        fund.record(null, "长沙经开区工程机械再制造项目（示例）", "CS-JKQ", "1050", "2024-06-15", fundNote);
        fund.record(null, "湘潭经开区电机电控共性技术平台项目（示例）", "XT-JKQ", "980", "2024-09-09", fundNote);
    }

    // ---- policies and investment promotion (§7) ---------------------------------------------------------------

    /**
     * The seed: "五个方面18条政策清单" (no titles: the 18 policies are 示例), and "新注册湘商企业 352家，累计到位资金达
     * 1321亿元": 352 湘商回归 projects (示例) that reached 注册 or 到资, whose funds in place add up to 1,321亿元.
     * A few more leads fill the chains' 补链 / 强链 targets.
     */
    private void policiesAndInvestment() {
        String[] areas = {"LAYOUT", "LAYOUT", "LAYOUT", "LAYOUT", "CHAIN", "CHAIN", "CHAIN", "CHAIN", "INNOVATION",
                "INNOVATION", "INNOVATION", "INNOVATION", "FACTORS", "FACTORS", "FACTORS", "ENVIRONMENT", "ENVIRONMENT",
                "ENVIRONMENT"};
        String[] titles = {"园区合作共建支持政策", "飞地园区利益共享办法", "产业转移承接奖补", "融城片区产业布局指引",
                "产业链配套协作奖励", "首台套跨市采购支持", "链主企业带动配套补贴", "产业集群培育专项",
                "联合技术攻关资助", "科技成果跨市转化补助", "共建研发中心支持", "首批次新材料应用保险补偿",
                "跨市人才互认与补贴", "产业基金联合投资办法", "用能用地指标统筹", "涉企证照跨市通办",
                "中小企业服务券互认", "企业信用信息共享应用"};
        List<cn.onecity.industry.Chain> chainList = chains.list();
        List<String> cityCodes = List.of("430100", "430200", "430300");
        for (int i = 0; i < titles.length; i++) {
            List<String> cities = i % 3 == 0 ? List.of() : List.of(cityCodes.get(i % 3), cityCodes.get((i + 1) % 3));
            List<Long> chainIds = i % 2 == 0 ? List.of(chainList.get(i % chainList.size()).id()) : List.of();
            List<String> sizes = i % 4 == 1 ? List.of("SMALL", "MICRO") : i % 4 == 3 ? List.of("LARGE", "MEDIUM") : List.of();
            policies.create(null, new cn.onecity.industry.PolicyDraft(titles[i] + "（示例）",
                    "长株潭产协〔2024〕" + (i + 1) + "号（示例）", "长株潭一体化发展事务中心", areas[i],
                    "一、适用对象：符合适用条件的长株潭企业。\n二、支持内容：" + titles[i] + "（条款为示例）。\n三、申报方式：通过产业协同平台申报。",
                    cities, chainIds, sizes));
        }
        int n = 0;
        for (cn.onecity.industry.ChainGap gap : chains.allGaps()) {
            if (n >= 8) {
                break;
            }
            String city = gap.coveredCities().contains("长沙") ? "430200" : "430100";
            investment.create(null, new cn.onecity.industry.Investment.LeadDraft("示例投资方" + (n + 1) + "（示例）",
                    gap.chainName() + gap.path().substring(gap.path().lastIndexOf(' ') + 1) + "项目（示例）", gap.segmentId(),
                    city, Integer.toString(8000 + n * 1500), n % 3 == 0 ? "TALKS" : n % 3 == 1 ? "SIGNED" : "REGISTERED",
                    false, gap.kind().label() + "目标"));
            n++;
        }
        // 湘商回归: 352 registered projects, 300 of them with funds in place adding up to 13,210,000 万元
        long remaining = 13_210_000L;
        for (int i = 1; i <= 352; i++) {
            String city = cityCodes.get(i % 7 < 3 ? 0 : i % 7 < 5 ? 1 : 2);
            boolean funded = i <= 300;
            long amount = funded ? (i == 300 ? remaining : 32_000L + (i * 131L) % 28_000L) : 20_000L;
            if (funded) {
                remaining -= amount;
            }
            investment.create(null, new cn.onecity.industry.Investment.LeadDraft(String.format("湘商示例企业%03d（示例）", i),
                    String.format("湘商回归示例项目%03d（示例）", i), null, city, Long.toString(amount),
                    funded ? "FUNDED" : "REGISTERED", true, null));
        }
    }

    /** Marks a candidate as the given side; a candidate not ranked is left alone (the demo goes on). */
    private void mark(CurrentUser side, long demand, String enterpriseName, MatchStatus status) {
        matching.matches(demand).stream().filter(c -> c.name().equals(enterpriseName)).findFirst()
                .map(MatchCandidate::enterpriseId)
                .ifPresent(id -> matching.mark(side, demand, id, status));
    }
}
