package cn.onecity.services.internal;

import cn.onecity.region.City;
import cn.onecity.region.Region;

/** Reads a city as people write it in an API call: its code (430100), name (长沙市) or short name (长沙). */
final class Cities {

    private Cities() {
    }

    /** The city code, or null when the text names no city (blank stays blank for the module to report). */
    static String code(Region region, String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        String t = text.trim();
        for (City c : region.cities()) {
            if (c.code().equals(t) || c.name().equals(t) || c.shortName().equals(t)) {
                return c.code();
            }
        }
        return null;
    }
}
