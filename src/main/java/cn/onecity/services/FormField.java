package cn.onecity.services;

import java.util.ArrayList;
import java.util.List;

/** A field of an item's application form. Stored on the item as {@code label|必填;label|选填}. */
public record FormField(String label, boolean required) {

    public static List<FormField> parse(String spec) {
        List<FormField> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int bar = p.indexOf('|');
            String label = bar < 0 ? p : p.substring(0, bar).trim();
            boolean required = bar < 0 || !"选填".equals(p.substring(bar + 1).trim());
            out.add(new FormField(label, required));
        }
        return out;
    }

    public static String format(List<FormField> fields) {
        return String.join(";", fields.stream().map(f -> f.label + "|" + (f.required ? "必填" : "选填")).toList());
    }
}
