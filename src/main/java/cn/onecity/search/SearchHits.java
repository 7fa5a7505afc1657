package cn.onecity.search;

import java.util.List;

/** One page of hits, best first, and the total number of matching documents. */
public record SearchHits(long total, List<Hit> hits) {

    /**
     * score: the BM25 relevance (0 for a query without text). matchedTerms: the analysed query terms that this
     * document matched in its title or body, in query order (for explaining scores to users).
     */
    public record Hit(String id, float score, List<String> matchedTerms) {
    }
}
