package cn.onecity.search;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Implemented by modules that own a collection: used to rebuild the index from the database at start-up, and to
 * refresh one document when another instance of the platform changed it ({@link SearchEntryChanged}).
 */
public interface SearchSource {

    /** The collection this source supplies, e.g. "services.item". */
    String collection();

    /** Every document of the collection; the stream is closed after use. */
    Stream<SearchDocument> all();

    /** The current document with this id, empty if there is none (any more). Override when a lookup is cheaper. */
    default Optional<SearchDocument> find(String id) {
        try (Stream<SearchDocument> all = all()) {
            return all.filter(doc -> doc.id().equals(id)).findFirst();
        }
    }

    /** The id as a database id (digits only, a non-negative long), or empty if it is none. */
    static Optional<Long> numericId(String id) {
        if (id == null || id.isEmpty() || id.length() > 19 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }
}
