package cn.onecity.innovation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * The 科技成果转化 figures of the public 驾驶舱, all computed from the module's records (never typed in): results
 * and joint batches, demands and recommendations, deals, the service institutions, challenges by stage, contract
 * turnover of the newest year by city and its city-to-city flows, and R&D institutions with their growth.
 */
@Service
public class InnovationStatistics {

    public record Figures(long results, long batches, long demands, long recommendations, long dealsNegotiating,
            long dealsSigned, List<Brokerage.KindCount> serviceOrgs, List<Challenges.StageCount> challengesByStage,
            int year, long contracts, BigDecimal turnoverWan, BigDecimal turnoverYi, List<Contracts.CityYear> turnoverByCity,
            List<Contracts.Flow> flows, BigDecimal crossCityShare, long rdInstitutions, List<Contracts.RdYear> rdGrowth) {
    }

    private final Results results;
    private final Demands demands;
    private final Brokerage brokerage;
    private final Challenges challenges;
    private final Contracts contracts;

    InnovationStatistics(Results results, Demands demands, Brokerage brokerage, Challenges challenges, Contracts contracts) {
        this.results = results;
        this.demands = demands;
        this.brokerage = brokerage;
        this.challenges = challenges;
        this.contracts = contracts;
    }

    public Figures figures() {
        int year = contracts.latestYear();
        List<Contracts.Flow> flows = contracts.flows(year);
        List<Contracts.CityYear> byCity = contracts.turnover().stream().filter(c -> c.year() == year).toList();
        long n = flows.stream().mapToLong(Contracts.Flow::contracts).sum();
        BigDecimal total = flows.stream().map(Contracts.Flow::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal cross = flows.stream().filter(f -> !f.fromCity().equals(f.toCity())).map(Contracts.Flow::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal share = total.signum() == 0 ? BigDecimal.ZERO
                : cross.multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP);
        List<Contracts.RdYear> growth = contracts.rdGrowth();
        return new Figures(results.count(), results.batches().size(), demands.count(), demands.recordedMatches(),
                brokerage.count(Brokerage.DealStage.NEGOTIATING), brokerage.count(Brokerage.DealStage.SIGNED),
                brokerage.serviceOrgCounts(), challenges.countsByStage(), year, n, total.setScale(2, RoundingMode.HALF_UP),
                total.divide(BigDecimal.valueOf(10000), 2, RoundingMode.HALF_UP), byCity, flows, share,
                growth.isEmpty() ? 0 : growth.get(growth.size() - 1).cumulative(), growth);
    }
}
