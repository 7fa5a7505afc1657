package cn.onecity.industry;

import java.util.List;

/**
 * A policy of the 政策清单 and its applicable conditions: cities, chains and enterprise sizes (an empty list
 * means no restriction).
 */
public record Policy(long id, String title, String docNumber, String issuer, String areaCode, String areaName,
        String clauses, List<String> cityCodes, List<String> cityNames, List<Long> chainIds, List<String> chainNames,
        List<EnterpriseSize> sizes) {

    public boolean sample() {
        return title.contains("示例") || docNumber.contains("示例");
    }

    /** Whether an enterprise meets every condition. */
    public boolean appliesTo(Enterprise e) {
        return (cityCodes.isEmpty() || cityCodes.contains(e.cityCode()))
                && (sizes.isEmpty() || sizes.contains(e.size()))
                && (chainIds.isEmpty() || e.segments().stream().anyMatch(s -> chainIds.contains(s.chainId())));
    }

    /** The conditions in words, e.g. "城市：长沙、株洲；产业链：工程机械；规模：中型、小型". */
    public String conditions() {
        StringBuilder sb = new StringBuilder();
        sb.append("城市：").append(cityNames.isEmpty() ? "三市" : String.join("、", cityNames));
        sb.append("；产业链：").append(chainNames.isEmpty() ? "不限" : String.join("、", chainNames));
        sb.append("；规模：").append(sizes.isEmpty() ? "不限" : String.join("、", sizes.stream().map(EnterpriseSize::label).toList()));
        return sb.toString();
    }
}
