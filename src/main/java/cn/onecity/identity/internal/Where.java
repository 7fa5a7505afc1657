package cn.onecity.identity.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WHERE clause of an admin list: fixed condition texts chosen by the caller, values always bound as
 * named parameters. User input never becomes SQL text.
 */
final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds {@code condition} with its parameter when the value is given (not null, not blank). */
    Where and(String condition, String name, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return this;
        }
        conditions.add(condition);
        params.put(name, value instanceof String s ? s.strip() : value);
        return this;
    }

    /** Adds a "contains" condition; the column expression is compared in lower case, {@code %} and {@code _} are literal. */
    Where contains(String column, String name, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        conditions.add("LOWER(" + column + ") LIKE :" + name + " ESCAPE '\\'");
        params.put(name, "%" + escape(value.strip().toLowerCase()) + "%");
        return this;
    }

    /** Adds a condition that matches when any of the given columns contains the value. */
    Where containsAny(String name, String value, String... columns) {
        if (value == null || value.isBlank()) {
            return this;
        }
        List<String> ors = new ArrayList<>();
        for (String column : columns) {
            ors.add("LOWER(" + column + ") LIKE :" + name + " ESCAPE '\\'");
        }
        conditions.add("(" + String.join(" OR ", ors) + ")");
        params.put(name, "%" + escape(value.strip().toLowerCase()) + "%");
        return this;
    }

    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    Map<String, Object> params() {
        return params;
    }

    /** The parameters plus paging. */
    Map<String, Object> params(int page, int size) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("limit", size);
        all.put("offset", (long) page * size);
        return all;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
