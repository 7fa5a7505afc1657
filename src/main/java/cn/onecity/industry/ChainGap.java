package cn.onecity.industry;

import java.util.List;
import java.util.Map;

/**
 * A segment of a chain that the three cities do not cover well: no enterprise at all (补链) or enterprises in
 * only one city (强链). {@code enterprisesByCity}: city short name → count, for the three cities in order.
 */
public record ChainGap(long chainId, String chainName, long segmentId, String path, Stage stage, Kind kind,
        Map<String, Long> enterprisesByCity, List<String> coveredCities) {

    public enum Kind {
        FILL("补链"), STRENGTHEN("强链");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public String advice() {
        return kind == Kind.FILL ? "三市均无企业，列为补链招商目标"
                : "仅" + String.join("", coveredCities) + "有企业，列为强链目标，引导另外两市配套";
    }
}
