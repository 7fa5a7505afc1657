package cn.onecity.search;

import java.util.List;
import java.util.Map;

/**
 * One searchable record of a collection (e.g. "services.item"), identified by (collection, id).
 * filters: exact-match facets (e.g. "city" -> ["430100","430200"], "theme" -> ["公积金"]).
 * A null title, body or filters is treated as empty.
 */
public record SearchDocument(String collection, String id, String title, String body, Map<String, List<String>> filters) {

    public SearchDocument {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        filters = filters == null ? Map.of() : filters;
    }
}
