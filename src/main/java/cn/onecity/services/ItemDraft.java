package cn.onecity.services;

import java.util.List;
import java.util.Map;

/**
 * What a maintainer enters for a service item (form, API or one row of the Excel import).
 *
 * @param departments the competent department code per city code; a city left out falls back to the
 *                    department of {@code departmentKind} in that city
 */
public record ItemDraft(String code, String name, String subject, String theme, String departmentKind, List<String> modes,
        Integer statutoryDays, Integer promisedDays, String fee, String legalBasis, String formFields,
        Map<String, String> departments, List<MaterialDraft> materials, boolean publish) {

    public record MaterialDraft(String name, boolean original, Integer copies, boolean required) {
    }
}
