package cn.onecity.ecology;

/**
 * A monitoring station (air) or section (water).
 *
 * @param city        the city's short name (长沙, 株洲, 湘潭, 萍乡)
 * @param waterBody   RIVER or LAKE for water sections, null for air stations
 * @param targetClass the section's target water class (I … V), null for air stations
 */
public record Station(String code, String name, String cityCode, String city, String kind, String waterBody,
        String waterName, String targetClass, String note) {

    public boolean water() {
        return "WATER".equals(kind);
    }
}
