package cn.onecity.search;

import java.util.stream.Stream;

/** Implemented by modules that own a collection; used to rebuild the index from the database at start-up. */
public interface SearchSource {

    /** The collection this source supplies, e.g. "services.item". */
    String collection();

    /** Every document of the collection; the stream is closed after use. */
    Stream<SearchDocument> all();
}
