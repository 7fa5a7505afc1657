package cn.onecity.industry;

import java.util.List;

/**
 * A ranked candidate for a demand. {@code score} (0–100) is the sum of the parts the reasons explain: Chinese
 * full-text relevance (up to 60), chain adjacency (up to 25) and a same-cluster bonus (15).
 */
public record MatchCandidate(long enterpriseId, String name, String cityCode, String city, double score,
        double textScore, double chainScore, double clusterScore, List<String> reasons, MatchStatus status,
        boolean crossCity) {
}
