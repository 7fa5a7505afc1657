package cn.onecity.industry;

import java.util.List;

/**
 * An enterprise of the directory. {@code organisationId} is the ENTERPRISE organisation whose claim the city's
 * 工信局 confirmed (null while unclaimed); only its accounts edit the profile.
 */
public record Enterprise(long id, String name, String creditCode, String cityCode, String cityName,
        String districtCode, String districtName, String parkCode, String parkName, EnterpriseSize size,
        String products, String capabilities, Long organisationId, List<SegmentRef> segments,
        List<ClusterRef> clusters) {

    /** A chain segment the enterprise is tagged with. */
    public record SegmentRef(long id, long chainId, String chainName, Stage stage, String name) {
    }

    /** A cluster the enterprise belongs to. */
    public record ClusterRef(long id, String name, ClusterLevel level) {
    }

    /** Invented for the demo (the name says 示例). */
    public boolean sample() {
        return name.contains("示例");
    }

    public boolean claimed() {
        return organisationId != null;
    }
}
