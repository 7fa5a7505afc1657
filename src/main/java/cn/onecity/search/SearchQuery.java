package cn.onecity.search;

import java.util.List;
import java.util.Map;

/**
 * A query on one collection. text may be blank: then every document matching the filters is a hit, ordered by id
 * (ascending: ids that are numbers by value, before other ids as text). Filters: AND across keys, OR within a key's values; a null or empty list means no
 * constraint. offset/limit page through the hits (limit is capped at {@value #MAX_LIMIT}, a negative offset is 0).
 */
public record SearchQuery(String collection, String text, Map<String, List<String>> filters, int offset, int limit) {

    public static final int MAX_LIMIT = 200;

    public SearchQuery {
        filters = filters == null ? Map.of() : filters;
        offset = Math.max(0, offset);
        limit = Math.max(0, Math.min(MAX_LIMIT, limit));
    }

    /** The first page of a text query without filters. */
    public static SearchQuery of(String collection, String text, int limit) {
        return new SearchQuery(collection, text, Map.of(), 0, limit);
    }
}
