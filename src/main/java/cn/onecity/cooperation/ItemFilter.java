package cn.onecity.cooperation;

/**
 * Filters of the overview; every field is optional. {@code cityCode} and {@code departmentCode} match any
 * responsible party (lead or co-responsible); {@code status} and {@code light} match the derived values.
 */
public record ItemFilter(Integer meeting, Area area, String cityCode, String departmentCode, ItemStatus status,
        Light light, String q) {

    public static ItemFilter none() {
        return new ItemFilter(null, null, null, null, null, null, null);
    }

    public static ItemFilter meeting(int sessionNo) {
        return new ItemFilter(sessionNo, null, null, null, null, null, null);
    }
}
