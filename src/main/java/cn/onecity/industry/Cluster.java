package cn.onecity.industry;

import java.util.List;

/** An industrial cluster (产业集群); {@code memberCount} is counted from the directory. */
public record Cluster(long id, String name, ClusterLevel level, String leadIndustry, Integer sinceYear,
        List<String> cityCodes, List<String> cityNames, List<String> districtCodes, List<String> districtNames,
        String note, long memberCount) {

    /** Not named in the seed: invented to make up the seed's count (name or note says 示例). */
    public boolean sample() {
        return name.contains("示例") || note != null && note.contains("示例");
    }
}
