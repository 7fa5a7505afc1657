package cn.onecity.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals over a set of projects, summed from the cities' monthly reports: overall, per city (each city's own share)
 * and per type, with project counts by status. "7条融城干道累计完成投资57亿元" is this over the ROAD projects. Amounts
 * are 万元; {@link #yi(BigDecimal)} turns them into 亿元.
 */
public record InvestmentRollUp(int projects, BigDecimal planned, BigDecimal invested, List<Amount> byCity,
        List<Amount> byType, List<StatusCount> byStatus) {

    /** A group's project count and invested total (万元); {@code investedYi} in 亿元, two decimals. */
    public record Amount(String key, String label, int projects, BigDecimal invested, BigDecimal investedYi) {
        Amount(String key, String label, int projects, BigDecimal invested) {
            this(key, label, projects, invested, yi(invested));
        }
    }

    public record StatusCount(ProjectStatus status, String label, int count, int behindSchedule) {
    }

    public BigDecimal investedYi() {
        return yi(invested);
    }

    public BigDecimal plannedYi() {
        return yi(planned);
    }

    /** 万元 → 亿元, two decimals, trailing zeros dropped (570000 → 57). */
    public static BigDecimal yi(BigDecimal wan) {
        BigDecimal v = wan.divide(BigDecimal.valueOf(10_000), 2, RoundingMode.HALF_UP).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    public static InvestmentRollUp of(Collection<Project> projects) {
        BigDecimal planned = BigDecimal.ZERO;
        BigDecimal invested = BigDecimal.ZERO;
        Map<String, String> cityNames = new TreeMap<>();
        Map<String, BigDecimal> cityInvested = new TreeMap<>();
        Map<String, Integer> cityProjects = new TreeMap<>();
        Map<ProjectType, BigDecimal> typeInvested = new EnumMap<>(ProjectType.class);
        Map<ProjectType, Integer> typeProjects = new EnumMap<>(ProjectType.class);
        Map<ProjectStatus, int[]> status = new EnumMap<>(ProjectStatus.class);
        for (ProjectStatus s : ProjectStatus.values()) {
            status.put(s, new int[2]);
        }
        for (Project p : projects) {
            planned = planned.add(p.plannedInvestment());
            invested = invested.add(p.invested());
            for (ProjectCity c : p.cities()) {
                cityNames.put(c.cityCode(), c.cityName());
                cityInvested.merge(c.cityCode(), c.invested(), BigDecimal::add);
                cityProjects.merge(c.cityCode(), 1, Integer::sum);
            }
            typeInvested.merge(p.type(), p.invested(), BigDecimal::add);
            typeProjects.merge(p.type(), 1, Integer::sum);
            int[] n = status.get(p.status());
            n[0]++;
            if (p.behindSchedule()) {
                n[1]++;
            }
        }
        List<Amount> byCity = new ArrayList<>();
        cityNames.forEach((code, name) -> byCity.add(new Amount(code, name, cityProjects.get(code), cityInvested.get(code))));
        List<Amount> byType = new ArrayList<>();
        typeInvested.forEach((t, v) -> byType.add(new Amount(t.name(), t.label(), typeProjects.get(t), v)));
        List<StatusCount> byStatus = new ArrayList<>();
        status.forEach((s, n) -> byStatus.add(new StatusCount(s, s.label(), n[0], n[1])));
        return new InvestmentRollUp(projects.size(), planned, invested, byCity, byType, byStatus);
    }
}
