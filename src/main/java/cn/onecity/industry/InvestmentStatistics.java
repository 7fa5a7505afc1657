package cn.onecity.industry;

import java.math.BigDecimal;
import java.util.Map;

/**
 * 一体化招商 figures computed from the leads: leads per stage; 湘商回归 registrations (projects that reached 注册 or
 * 到资) and funds in place (万元), each per city short name and in all.
 */
public record InvestmentStatistics(Map<LeadStage, Long> byStage, Map<String, Long> xiangshangRegistrationsByCity,
        long xiangshangRegistrations, Map<String, BigDecimal> xiangshangFundsByCity, BigDecimal xiangshangFundsWan) {

    /** Funds in place in 亿元, for display. */
    public BigDecimal xiangshangFundsYi() {
        return xiangshangFundsWan.divide(BigDecimal.valueOf(10_000), 2, java.math.RoundingMode.HALF_UP);
    }
}
