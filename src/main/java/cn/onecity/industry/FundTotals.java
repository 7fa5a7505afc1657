package cn.onecity.industry;

import java.math.BigDecimal;
import java.util.Map;

/** The fund's totals computed from its investments: projects, 万元 in all, and 万元 per city short name. */
public record FundTotals(long projects, BigDecimal totalWan, Map<String, BigDecimal> byCity) {
}
