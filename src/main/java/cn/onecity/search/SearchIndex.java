package cn.onecity.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The Chinese full-text index of all collections (Lucene, {@link SmartChineseAnalyzer}, BM25).
 * <p>
 * The index lives in memory only ({@link ByteBuffersDirectory}): it is not persisted and not shared between
 * instances. Every instance rebuilds it from the database at start-up ({@link ApplicationReadyEvent}) through the
 * {@link SearchSource} beans, and the owning modules keep it current with {@link #upsert} and {@link #delete}.
 * <p>
 * Thread-safe: writes are serialised and followed by a refresh, so a search right after a write sees it.
 * A write made inside a Spring transaction is applied after commit, and not at all on rollback.
 */
@Service
public class SearchIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    private static final String KEY = "_key";
    private static final String COLLECTION = "_collection";
    private static final String ID = "_id";
    private static final String TITLE = "title";
    private static final String BODY = "body";
    private static final String FILTER_PREFIX = "f.";
    private static final float TITLE_BOOST = 2f;

    private final Supplier<List<SearchSource>> sources;
    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ReentrantLock writeLock = new ReentrantLock();

    /** For use without Spring, e.g. in unit tests. */
    public SearchIndex(List<? extends SearchSource> sources) {
        this(() -> List.copyOf(sources));
    }

    /** Sources are looked up only when rebuilding, so that a source may itself depend on this index. */
    @Autowired
    SearchIndex(ObjectProvider<SearchSource> sources) {
        this(() -> sources.orderedStream().toList());
    }

    private SearchIndex(Supplier<List<SearchSource>> sources) {
        this.sources = sources;
        try {
            this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the document, or replaces the one with the same collection and id. */
    public void upsert(SearchDocument doc) {
        Document lucene = toLucene(doc);
        Term key = key(doc.collection(), doc.id());
        afterCommit(() -> write(() -> writer.updateDocument(key, lucene)));
    }

    public void delete(String collection, String id) {
        Term key = key(collection, id);
        afterCommit(() -> write(() -> writer.deleteDocuments(key)));
    }

    /** Replaces the collection's documents with those of the {@link SearchSource}s for it (none: it becomes empty). */
    public void rebuild(String collection) {
        Objects.requireNonNull(collection, "collection");
        write(() -> {
            // read everything first: if a source fails, the index is left as it was
            List<Document> docs = new ArrayList<>();
            for (SearchSource source : sources.get()) {
                if (collection.equals(source.collection())) {
                    try (Stream<SearchDocument> all = source.all()) {
                        all.forEach(doc -> {
                            if (!collection.equals(doc.collection())) {
                                throw new IllegalStateException("Source for " + collection + " supplied a document of " + doc.collection());
                            }
                            docs.add(toLucene(doc));
                        });
                    }
                }
            }
            writer.deleteDocuments(new Term(COLLECTION, collection));
            writer.addDocuments(docs);
            log.info("Search collection {} rebuilt with {} documents", collection, docs.size());
        });
    }

    /** Rebuilds every collection that has a source; a failing source is logged and does not stop the others. */
    @EventListener(ApplicationReadyEvent.class)
    public void rebuildAll() {
        sources.get().stream().map(SearchSource::collection).distinct().forEach(collection -> {
            try {
                rebuild(collection);
            } catch (RuntimeException e) {
                log.error("Could not rebuild search collection {}", collection, e);
            }
        });
    }

    public long count(String collection) {
        return read(searcher -> (long) searcher.count(new TermQuery(new Term(COLLECTION, collection))));
    }

    /** The analyser's tokens in text order, e.g. "公积金异地贷款" gives [公积金, 异地, 贷款]. */
    public List<String> analyze(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return tokens;
        }
        try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /**
     * Documents of the query's collection that match all filters and, if there is text, most of its analysed
     * terms (two thirds, rounded up: both of two, two of three, three of four…; each in the title, which counts
     * double, or the body); when no document has that many, those that have at least one. Best first, so the
     * documents with every term lead; ties and text-less queries are ordered by id. Text that analyses to no
     * terms (only punctuation or stop words) matches nothing.
     */
    public SearchHits search(SearchQuery query) {
        Objects.requireNonNull(query.collection(), "collection");
        boolean hasText = query.text() != null && !query.text().isBlank();
        List<String> terms = List.copyOf(new LinkedHashSet<>(analyze(query.text())));
        if (hasText && terms.isEmpty()) {
            return new SearchHits(0, List.of());
        }
        if (!hasText) {
            return run(query, build(query, null), false, terms);
        }
        int most = (terms.size() * 2 + 2) / 3;
        SearchHits hits = run(query, build(query, textQuery(terms, most)), true, terms);
        if (hits.total() > 0 || most == 1) {
            return hits;
        }
        return run(query, build(query, textQuery(terms, 1)), true, terms);
    }

    /**
     * Like {@link #search}, but a document needs only one of the text's analysed terms: an OR of the terms, whose
     * BM25 scores add up, best first. For ranking candidates against a long text (e.g. matching a demand's
     * description), where {@link #search}'s "most terms" rule would drop documents matching a few words.
     */
    public SearchHits searchAnyTerm(SearchQuery query) {
        Objects.requireNonNull(query.collection(), "collection");
        List<String> terms = List.copyOf(new LinkedHashSet<>(analyze(query.text())));
        if (terms.isEmpty()) {
            return new SearchHits(0, List.of());
        }
        return run(query, build(query, textQuery(terms, 1)), true, terms);
    }

    private static Query textQuery(List<String> terms, int minimumMatching) {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (String term : terms) {
            BooleanQuery.Builder either = new BooleanQuery.Builder();
            either.add(new BoostQuery(new TermQuery(new Term(TITLE, term)), TITLE_BOOST), Occur.SHOULD);
            either.add(new TermQuery(new Term(BODY, term)), Occur.SHOULD);
            text.add(either.build(), Occur.SHOULD);
        }
        text.setMinimumNumberShouldMatch(minimumMatching);
        return text.build();
    }

    private static Query build(SearchQuery query, Query text) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(COLLECTION, query.collection())), Occur.FILTER);
        if (text != null) {
            builder.add(text, Occur.MUST);
        }
        for (Map.Entry<String, List<String>> filter : query.filters().entrySet()) {
            List<String> values = filter.getValue() == null ? List.of()
                    : filter.getValue().stream().filter(Objects::nonNull).toList();
            if (!values.isEmpty()) {
                BooleanQuery.Builder anyOf = new BooleanQuery.Builder();
                values.forEach(v -> anyOf.add(new TermQuery(new Term(FILTER_PREFIX + filter.getKey(), v)), Occur.SHOULD));
                builder.add(anyOf.build(), Occur.FILTER);
            }
        }
        return builder.build();
    }

    private SearchHits run(SearchQuery query, Query lucene, boolean hasText, List<String> terms) {
        Sort sort = hasText ? new Sort(SortField.FIELD_SCORE, new SortField(ID, SortField.Type.STRING)) : new Sort(new SortField(ID, SortField.Type.STRING));
        return read(searcher -> {
            if (query.limit() == 0) {
                return new SearchHits(searcher.count(lucene), List.of());
            }
            int wanted = (int) Math.min((long) query.offset() + query.limit(), Math.max(1, searcher.getIndexReader().maxDoc()));
            TopFieldDocs top = searcher.search(lucene, new TopFieldCollectorManager(sort, wanted, Integer.MAX_VALUE));
            List<SearchHits.Hit> hits = new ArrayList<>();
            for (int i = query.offset(); i < top.scoreDocs.length; i++) {
                ScoreDoc hit = top.scoreDocs[i];
                Document stored = searcher.storedFields().document(hit.doc);
                float score = hasText ? (Float) ((FieldDoc) hit).fields[0] : 0f;
                hits.add(new SearchHits.Hit(stored.get(ID), score, hasText ? matched(terms, stored) : List.of()));
            }
            return new SearchHits(top.totalHits.value, hits);
        });
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        analyzer.close();
    }

    /** The query terms that the analysed title or body contains, in query order. */
    private List<String> matched(List<String> terms, Document stored) {
        Set<String> tokens = new LinkedHashSet<>(analyze(stored.get(TITLE)));
        tokens.addAll(analyze(stored.get(BODY)));
        return terms.stream().filter(tokens::contains).toList();
    }

    private static Document toLucene(SearchDocument doc) {
        Objects.requireNonNull(doc.collection(), "collection");
        Objects.requireNonNull(doc.id(), "id");
        Document lucene = new Document();
        lucene.add(new StringField(KEY, key(doc.collection(), doc.id()).text(), Field.Store.NO));
        lucene.add(new StringField(COLLECTION, doc.collection(), Field.Store.NO));
        lucene.add(new StringField(ID, doc.id(), Field.Store.YES));
        lucene.add(new SortedDocValuesField(ID, new BytesRef(doc.id())));
        lucene.add(new TextField(TITLE, doc.title(), Field.Store.YES));
        lucene.add(new TextField(BODY, doc.body(), Field.Store.YES));
        doc.filters().forEach((name, values) -> {
            if (values != null) {
                values.stream().filter(Objects::nonNull)
                        .forEach(v -> lucene.add(new StringField(FILTER_PREFIX + name, v, Field.Store.NO)));
            }
        });
        return lucene;
    }

    private static Term key(String collection, String id) {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(id, "id");
        return new Term(KEY, collection + '\u0000' + id);
    }

    /** Runs the write after the current transaction commits (never on rollback), or now if there is none. */
    private static void afterCommit(Runnable write) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    write.run();
                } catch (RuntimeException e) {
                    // the transaction has committed: report, but do not make the caller believe it failed
                    log.error("Search index update after commit failed", e);
                }
            }
        });
    }

    private void write(IndexAction action) {
        writeLock.lock();
        try {
            action.run();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T read(SearcherFunction<T> function) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return function.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface IndexAction {
        void run() throws IOException;
    }

    @FunctionalInterface
    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }
}
