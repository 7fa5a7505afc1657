package cn.onecity.industry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import cn.onecity.region.Region;

/**
 * The 产业协同 figures of the public 驾驶舱, all computed from the module's records: clusters by level, the
 * directory by city, the alliance's served enterprises, the park fund, cross-city matches and deals, and
 * investment promotion by stage with 湘商回归. Public aggregates only, never an enterprise's own data.
 */
@Service
public class IndustryStatistics {

    private final Clusters clusters;
    private final Enterprises enterprises;
    private final Alliance alliance;
    private final ParkFund fund;
    private final Matching matching;
    private final Investment investment;
    private final Region region;

    IndustryStatistics(Clusters clusters, Enterprises enterprises, Alliance alliance, ParkFund fund, Matching matching,
            Investment investment, Region region) {
        this.clusters = clusters;
        this.enterprises = enterprises;
        this.alliance = alliance;
        this.fund = fund;
        this.matching = matching;
        this.investment = investment;
        this.region = region;
    }

    public record LevelCount(String level, String label, long count) {
    }

    public record CityCount(String cityCode, String cityName, long count) {
    }

    public record StageCount(String stage, String label, long count) {
    }

    /**
     * {@code nationalClusters}: 国家级先进制造业集群 including those in the world-level pool;
     * amounts: {@code fundTotalWan} in 万元, {@code xiangshangFundsYi} in 亿元.
     */
    public record Figures(List<LevelCount> clustersByLevel, long nationalClusters, long enterprises,
            List<CityCount> enterprisesByCity, long allianceMembers, long enterprisesServed, long fundProjects,
            BigDecimal fundTotalWan, long demands, long matches, long crossCityMatches, long deals, long crossCityDeals,
            List<StageCount> investmentByStage, long xiangshangRegistrations, BigDecimal xiangshangFundsYi) {
    }

    public Figures figures() {
        Map<ClusterLevel, Long> levels = clusters.countByLevel();
        List<LevelCount> byLevel = new ArrayList<>();
        levels.forEach((l, n) -> byLevel.add(new LevelCount(l.name(), l.label(), n)));
        Map<String, Long> cities = enterprises.countByCity();
        List<CityCount> byCity = region.cities().stream()
                .map(c -> new CityCount(c.code(), c.shortName(), cities.getOrDefault(c.code(), 0L))).toList();
        AllianceStatistics a = alliance.statistics();
        FundTotals f = fund.totals();
        MatchStatistics m = matching.statistics();
        InvestmentStatistics inv = investment.statistics();
        List<StageCount> byStage = new ArrayList<>();
        inv.byStage().forEach((s, n) -> byStage.add(new StageCount(s.name(), s.label(), n)));
        return new Figures(byLevel, levels.get(ClusterLevel.WORLD_POOL) + levels.get(ClusterLevel.NATIONAL),
                byCity.stream().mapToLong(CityCount::count).sum(), byCity, a.members(), a.enterprisesServed(),
                f.projects(), f.totalWan(), m.demands(), m.matches(), m.crossCityMatches(), m.deals(), m.crossCityDeals(),
                byStage, inv.xiangshangRegistrations(), inv.xiangshangFundsYi());
    }
}
