package cn.onecity.search;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One page of hits, best first, and the total number of matching documents ({@link SearchIndex#searchAnyTerm}: exact
 * up to 1,000, a lower bound beyond).
 */
public record SearchHits(long total, List<Hit> hits) {

    /**
     * score: the BM25 relevance (0 for a query without text). matchedTerms: the analysed query terms that this
     * document matched in its title or body, in query order (for explaining scores to users). title: the
     * document's title. filters: the document's filter values by key, each key's values sorted (as strings) and
     * without duplicates (keys without values are absent). Title and filters are read from the index's doc values,
     * so that a caller needs no further read to show or rank a hit.
     */
    public record Hit(String id, float score, List<String> matchedTerms, String title, Map<String, List<String>> filters) {

        public Hit {
            title = title == null ? "" : title;
            filters = filters == null ? Map.of() : Collections.unmodifiableMap(filters);
        }

        public Hit(String id, float score, List<String> matchedTerms) {
            this(id, score, matchedTerms, "", Map.of());
        }

        /** The values of one filter key (empty if none). */
        public List<String> filter(String key) {
            return filters.getOrDefault(key, List.of());
        }
    }
}
