package cn.onecity.industry;

import java.util.List;

/**
 * What a form, the API or an Excel row gives for an enterprise. {@code size}: LARGE/MEDIUM/SMALL/MICRO or
 * 大/中/小/微; {@code parkCode} optional (a park of the enterprise's city); segment and cluster ids optional.
 */
public record EnterpriseDraft(String name, String creditCode, String districtCode, String parkCode, String size,
        String products, String capabilities, List<Long> segmentIds, List<Long> clusterIds) {

    public EnterpriseDraft {
        segmentIds = segmentIds == null ? List.of() : List.copyOf(segmentIds);
        clusterIds = clusterIds == null ? List.of() : List.copyOf(clusterIds);
    }
}
