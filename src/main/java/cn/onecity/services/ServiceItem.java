package cn.onecity.services;

import java.util.List;
import java.util.Map;

/**
 * A service item of the catalogue.
 *
 * @param departments the competent department code in each city where the item can be handled, by city code
 */
public record ServiceItem(long id, String code, String name, Subject subject, String theme, String departmentKind,
        List<Mode> modes, int statutoryDays, int promisedDays, String fee, String legalBasis, List<FormField> formFields,
        String status, Map<String, String> departments, List<Material> materials) {

    public boolean published() {
        return "PUBLISHED".equals(status);
    }

    public boolean offers(Mode mode) {
        return modes.contains(mode);
    }

    public boolean isSample() {
        return name.contains("示例");
    }
}
