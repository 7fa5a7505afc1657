package cn.onecity.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.onecity.shared.FromCluster;

/**
 * The Chinese full-text index of all collections (Lucene, {@link SmartChineseAnalyzer}, BM25).
 * <p>
 * Each collection is a Lucene index of its own: its BM25 statistics (how rare a term is, how long a document is on
 * average) are its own, so a word that is common among enterprises does not make a service item's match on it
 * look rarer, and a query on a collection is a bare Lucene query, without a clause selecting the collection.
 * <p>
 * The indexes live in memory only ({@link ByteBuffersDirectory}): they are not persisted and not shared between
 * instances. Every instance rebuilds them from the database at start-up ({@link ApplicationReadyEvent}) through the
 * {@link SearchSource} beans, and the owning modules keep them current with {@link #upsert} and {@link #delete}.
 * Each of those also publishes a {@link SearchEntryChanged}, on which the instances of a cluster re-read the
 * document from its source ({@link #refresh}).
 * <p>
 * No field is stored: a hit's id, title and filter values are read from doc values and its matched terms from the
 * postings of the hit documents, so that describing a page of hits costs little next to the query.
 * <p>
 * Thread-safe: writes are serialised and followed by a refresh, so a search right after a write sees it.
 * A write made inside a Spring transaction is applied after commit, and not at all on rollback.
 */
@Service
public class SearchIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

    private static final String ID = "_id";
    /** The id as a sort key: numeric ids in numeric order, before other ids in text order (see {@link #orderKey}). */
    private static final String ORDER = "_order";
    private static final Sort BY_ID = new Sort(new SortField(ORDER, SortField.Type.STRING));
    private static final Sort BY_SCORE_THEN_ID = new Sort(SortField.FIELD_SCORE, new SortField(ORDER, SortField.Type.STRING));
    private static final String TITLE = "title";
    private static final String BODY = "body";
    private static final String TITLE_VALUE = "_title";
    private static final String FILTER_PREFIX = "f.";
    private static final float TITLE_BOOST = 2f;
    /** Count every hit. */
    private static final int EXACT_TOTAL = Integer.MAX_VALUE;
    /** Lucene's default for a top-N search: count hits exactly up to here, then skip non-competitive ones. */
    static final int COUNTED_TOTAL = 1000;

    private final Supplier<List<SearchSource>> sources;
    private final ApplicationEventPublisher events;
    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final Map<String, Shard> shards = new ConcurrentHashMap<>();

    /** For use without Spring, e.g. in unit tests: changes are not announced. */
    public SearchIndex(List<? extends SearchSource> sources) {
        this(() -> List.copyOf(sources), event -> {
        });
    }

    /** Sources are looked up only when rebuilding, so that a source may itself depend on this index. */
    @Autowired
    SearchIndex(ObjectProvider<SearchSource> sources, ApplicationEventPublisher events) {
        this(() -> sources.orderedStream().toList(), events);
    }

    private SearchIndex(Supplier<List<SearchSource>> sources, ApplicationEventPublisher events) {
        this.sources = sources;
        this.events = events;
    }

    /** One collection's index: a writer, its searchers, and the lock that serialises its writes. */
    private final class Shard {
        final IndexWriter writer;
        final SearcherManager searchers;
        final ReentrantLock writeLock = new ReentrantLock();
        /** {@link #first}'s listings of the collection's current state, if any. */
        volatile Listings listings;

        Shard() {
            try {
                // segments sorted by id: a listing in id order ({@link #first}) stops after its page in each segment
                this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer)
                        .setIndexSort(BY_ID));
                this.searchers = new SearcherManager(writer, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The collection's index, created empty on first use. */
    private Shard shard(String collection) {
        Objects.requireNonNull(collection, "collection");
        return shards.computeIfAbsent(collection, c -> new Shard());
    }

    /** Adds the document, or replaces the one with the same collection and id. */
    public void upsert(SearchDocument doc) {
        Document lucene = toLucene(doc);
        Term key = key(doc.id());
        String collection = doc.collection();
        afterCommit(() -> write(collection, writer -> writer.updateDocument(key, lucene)));
        events.publishEvent(new SearchEntryChanged(collection, doc.id()));
    }

    public void delete(String collection, String id) {
        Objects.requireNonNull(collection, "collection");
        Term key = key(id);
        afterCommit(() -> write(collection, writer -> writer.deleteDocuments(key)));
        events.publishEvent(new SearchEntryChanged(collection, id));
    }

    /**
     * Re-reads one document from its collection's {@link SearchSource}: replaced if the source has it, removed if
     * not. Not announced to other instances.
     */
    public void refresh(String collection, String id) {
        Term key = key(id);
        Optional<Document> current = Optional.empty();
        for (SearchSource source : sources.get()) {
            if (collection.equals(source.collection())) {
                current = source.find(id).map(SearchIndex::toLucene);
                if (current.isPresent()) {
                    break;
                }
            }
        }
        Optional<Document> document = current;
        write(collection, writer -> {
            if (document.isPresent()) {
                writer.updateDocument(key, document.get());
            } else {
                writer.deleteDocuments(key);
            }
        });
    }

    /** A document changed in the cluster (most often on another instance): take it from the database as it is now. */
    @EventListener
    void on(FromCluster<SearchEntryChanged> changed) {
        refresh(changed.event().collection(), changed.event().id());
    }

    /** Replaces the collection's documents with those of the {@link SearchSource}s for it (none: it becomes empty). */
    public void rebuild(String collection) {
        Objects.requireNonNull(collection, "collection");
        write(collection, writer -> {
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
            writer.deleteAll();
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
        return read(collection, searcher -> (long) searcher.getIndexReader().numDocs());
    }

    /** The document with this collection and id as a hit (score 0, no matched terms): its title and filters. */
    public Optional<SearchHits.Hit> find(String collection, String id) {
        Term key = key(id);
        return read(collection, searcher -> {
            TopDocs top = searcher.search(new TermQuery(key), 1);
            return top.scoreDocs.length == 0 ? Optional.empty()
                    : Optional.of(describe(searcher.getIndexReader(), top.scoreDocs, List.of())[0]);
        });
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
            return run(query, build(query, null), null, false, terms, EXACT_TOTAL);
        }
        int most = (terms.size() * 2 + 2) / 3;
        SearchHits hits = run(query, build(query, textQuery(terms, most)), null, true, terms, EXACT_TOTAL);
        if (hits.total() > 0 || most == 1) {
            return hits;
        }
        return run(query, build(query, textQuery(terms, 1)), null, true, terms, EXACT_TOTAL);
    }

    /**
     * The first documents of the query's collection in id order that match all filters (the query's text is
     * ignored), e.g. "up to 100 suppliers of these chain segments". Unlike {@link #search}, the total is exact only
     * up to the page's end (offset + limit) and a lower bound beyond: the index is sorted by id, so the listing
     * stops after the page in each segment instead of visiting every matching document.
     * <p>
     * A listing is kept until its collection next changes (listings of a collection repeat, e.g. the suppliers of
     * a chain segment for every demand of that segment, and change only when a document does).
     */
    public SearchHits first(SearchQuery query) {
        SearchQuery key = new SearchQuery(query.collection(), null, query.filters(), query.offset(), query.limit());
        Shard shard = shard(query.collection());
        int pageEnd = (int) Math.min(Integer.MAX_VALUE, Math.max(1L, (long) query.offset() + query.limit()));
        return read(query.collection(), searcher -> {
            long version = ((DirectoryReader) searcher.getIndexReader()).getVersion();
            Listings kept = shard.listings;
            if (kept != null && kept.version() == version) {
                SearchHits hits = kept.pages().get(key);
                if (hits != null) {
                    return hits;
                }
            }
            SearchHits hits = run(searcher, key, build(key, null), null, false, false, List.of(), pageEnd);
            synchronized (shard) {
                Listings current = shard.listings;
                if (current == null || current.version() < version) {
                    current = new Listings(version, new ConcurrentHashMap<>());
                    shard.listings = current;
                }
                if (current.version() == version && current.pages().size() < MAX_LISTINGS) {
                    current.pages().put(key, hits);
                }
            }
            return hits;
        });
    }

    /** How many listings of one collection are kept: more are computed each time. */
    private static final int MAX_LISTINGS = 1000;

    /** The listings ({@link #first}) computed on one state (the reader's version) of a collection. */
    private record Listings(long version, Map<SearchQuery, SearchHits> pages) {
    }

    /**
     * Like {@link #search}, but a document needs only one of the text's analysed terms: an OR of the terms, whose
     * BM25 scores add up, best first. For ranking candidates against a long text (e.g. matching a demand's
     * description), where {@link #search}'s "most terms" rule would drop documents matching a few words.
     * <p>
     * The total is exact up to {@value #COUNTED_TOTAL} documents and a lower bound beyond: like Lucene's own top-N
     * search, the query then skips documents that cannot reach the requested page instead of scoring every one
     * that has any of the terms (a long text's terms together match most of a collection).
     * Ranking is by score alone, as in Lucene's own top-N search: the page is ordered by score, then id, but which
     * of several documents tied at the page's last score make the page follows the index's order, not the id.
     */
    public SearchHits searchAnyTerm(SearchQuery query) {
        return searchAnyTerm(query, analyze(query.text()));
    }

    /**
     * {@link #searchAnyTerm(SearchQuery)} with terms that the caller has already analysed (with {@link #analyze},
     * e.g. to pick the terms worth searching): the query's text is ignored, the terms are not analysed again.
     */
    public SearchHits searchAnyTerm(SearchQuery query, List<String> analysedTerms) {
        Objects.requireNonNull(query.collection(), "collection");
        List<String> terms = List.copyOf(new LinkedHashSet<>(analysedTerms));
        if (terms.isEmpty()) {
            return new SearchHits(0, List.of());
        }
        Query text = textQuery(terms, 1);
        if (query.limit() == 0) {
            return run(query, build(query, text), null, true, terms, EXACT_TOTAL);
        }
        // filters are applied to the hits, not in the query: a bare disjunction lets Lucene skip the documents that
        // cannot make the page (a conjunction with a filter clause would score every match)
        Query filter = build(query, null);
        return run(query, text, filter instanceof MatchAllDocsQuery ? null : filter, true, true, terms, COUNTED_TOTAL);
    }

    private static Query textQuery(List<String> terms, int minimumMatching) {
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        if (minimumMatching <= 1) {
            // any one term: one flat disjunction of the title and body clauses, which scores the same as the nested
            // form (BM25 scores add up) and lets Lucene's max-score pruning see every clause
            for (String term : terms) {
                text.add(new BoostQuery(new TermQuery(new Term(TITLE, term)), TITLE_BOOST), Occur.SHOULD);
                text.add(new TermQuery(new Term(BODY, term)), Occur.SHOULD);
            }
            return text.build();
        }
        for (String term : terms) {
            BooleanQuery.Builder either = new BooleanQuery.Builder();
            either.add(new BoostQuery(new TermQuery(new Term(TITLE, term)), TITLE_BOOST), Occur.SHOULD);
            either.add(new TermQuery(new Term(BODY, term)), Occur.SHOULD);
            text.add(either.build(), Occur.SHOULD);
        }
        text.setMinimumNumberShouldMatch(minimumMatching);
        return text.build();
    }

    /** The text (null: every document) restricted by the query's filters; the collection is the index itself. */
    private static Query build(SearchQuery query, Query text) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean filtered = false;
        for (Map.Entry<String, List<String>> filter : query.filters().entrySet()) {
            List<String> values = filter.getValue() == null ? List.of()
                    : filter.getValue().stream().filter(Objects::nonNull).toList();
            if (!values.isEmpty()) {
                BooleanQuery.Builder anyOf = new BooleanQuery.Builder();
                values.forEach(v -> anyOf.add(new TermQuery(new Term(FILTER_PREFIX + filter.getKey(), v)), Occur.SHOULD));
                builder.add(anyOf.build(), Occur.FILTER);
                filtered = true;
            }
        }
        Query all = text == null ? new MatchAllDocsQuery() : text;
        if (!filtered) {
            return all;
        }
        return builder.add(all, text == null ? Occur.FILTER : Occur.MUST).build();
    }

    /**
     * Runs {@code lucene}, keeping only the hits that also match {@code filter} (if not null), and describes the
     * requested page of them.
     */
    private SearchHits run(SearchQuery query, Query lucene, Query filter, boolean hasText, List<String> terms,
            int totalHitsThreshold) {
        return run(query, lucene, filter, hasText, false, terms, totalHitsThreshold);
    }

    /**
     * {@code relevanceOnly}: rank by score alone, like Lucene's own top-N search (cheaper than with a tie-breaking
     * field), then order the page by score and id.
     */
    private SearchHits run(SearchQuery query, Query lucene, Query filter, boolean hasText, boolean relevanceOnly,
            List<String> terms, int totalHitsThreshold) {
        return read(query.collection(), searcher -> run(searcher, query, lucene, filter, hasText, relevanceOnly, terms,
                totalHitsThreshold));
    }

    private static SearchHits run(IndexSearcher searcher, SearchQuery query, Query lucene, Query filter, boolean hasText,
            boolean relevanceOnly, List<String> terms, int totalHitsThreshold) throws IOException {
        Sort sort = hasText ? BY_SCORE_THEN_ID : BY_ID;
        if (query.limit() == 0) {
            return new SearchHits(searcher.count(lucene), List.of());
        }
        int wanted = (int) Math.min((long) query.offset() + query.limit(), Math.max(1, searcher.getIndexReader().maxDoc()));
        CollectorManager<? extends Collector, ? extends TopDocs> collectors = relevanceOnly
                ? new TopScoreDocCollectorManager(wanted, null, totalHitsThreshold)
                : new TopFieldCollectorManager(sort, wanted, totalHitsThreshold);
        TopDocs top = filter == null ? searcher.search(lucene, collectors)
                : searcher.search(lucene, new FilteredCollectorManager<>(collectors,
                        searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f)));
        int from = Math.min(query.offset(), top.scoreDocs.length);
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length);
        SearchHits.Hit[] hits = describe(searcher.getIndexReader(), page, hasText ? terms : List.of());
        for (int i = 0; i < page.length; i++) {
            float score = !hasText ? 0f : relevanceOnly ? page[i].score : (Float) ((FieldDoc) page[i]).fields[0];
            SearchHits.Hit h = hits[i];
            hits[i] = new SearchHits.Hit(h.id(), score, h.matchedTerms(), h.title(), h.filters());
        }
        if (relevanceOnly) {
            // the page in the documented order; which of the documents tied at its last score made it is
            // Lucene's (index order), not the id's
            Arrays.sort(hits, Comparator.comparing(SearchHits.Hit::score, Comparator.reverseOrder())
                    .thenComparing(h -> orderKey(h.id())));
        }
        return new SearchHits(top.totalHits.value, List.of(hits));
    }

    /**
     * Id, title, filter values and matched query terms of the given documents (score 0), in the given order. Read
     * from doc values and postings, leaf by leaf over the documents in index order (never by re-analysing text):
     * a term is matched when the document's indexed title or body contains it, i.e. when the analysed title or
     * body contains it.
     */
    static SearchHits.Hit[] describe(IndexReader reader, ScoreDoc[] docs, List<String> terms) throws IOException {
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(docs[a].doc, docs[b].doc));
        String[] ids = new String[docs.length];
        String[] titles = new String[docs.length];
        List<Map<String, List<String>>> filters = new ArrayList<>(Collections.nCopies(docs.length, Map.of()));
        boolean[][] matched = new boolean[docs.length][terms.size()];
        List<LeafReaderContext> leaves = reader.leaves();
        int k = 0;
        while (k < order.length) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[order[k]].doc, leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            int first = k;
            while (k < order.length && docs[order[k]].doc < end) {
                k++;
            }
            describeLeaf(leaf, docs, Arrays.copyOfRange(order, first, k), terms, ids, titles, filters, matched);
        }
        SearchHits.Hit[] out = new SearchHits.Hit[docs.length];
        for (int i = 0; i < docs.length; i++) {
            List<String> named = new ArrayList<>();
            for (int t = 0; t < terms.size(); t++) {
                if (matched[i][t]) {
                    named.add(terms.get(t));
                }
            }
            out[i] = new SearchHits.Hit(ids[i], 0f, List.copyOf(named), titles[i], filters.get(i));
        }
        return out;
    }

    /** {@link #describe} for the documents of one leaf; {@code order} lists their positions by ascending doc id. */
    private static void describeLeaf(LeafReaderContext leaf, ScoreDoc[] docs, Integer[] order, List<String> terms,
            String[] ids, String[] titles, List<Map<String, List<String>>> filters, boolean[][] matched) throws IOException {
        LeafReader reader = leaf.reader();
        SortedDocValues idValues = DocValues.getSorted(reader, ID);
        BinaryDocValues titleValues = DocValues.getBinary(reader, TITLE_VALUE);
        for (Integer i : order) {
            int doc = docs[i].doc - leaf.docBase;
            ids[i] = idValues.advanceExact(doc) ? idValues.lookupOrd(idValues.ordValue()).utf8ToString() : null;
            titles[i] = titleValues.advanceExact(doc) ? titleValues.binaryValue().utf8ToString() : "";
        }
        for (FieldInfo field : reader.getFieldInfos()) {
            if (!field.name.startsWith(FILTER_PREFIX) || field.getDocValuesType() != DocValuesType.SORTED_SET) {
                continue;
            }
            String name = field.name.substring(FILTER_PREFIX.length());
            SortedSetDocValues values = DocValues.getSortedSet(reader, field.name);
            for (Integer i : order) {
                if (values.advanceExact(docs[i].doc - leaf.docBase)) {
                    List<String> list = new ArrayList<>(values.docValueCount());
                    for (int v = 0; v < values.docValueCount(); v++) {
                        list.add(values.lookupOrd(values.nextOrd()).utf8ToString());
                    }
                    if (filters.get(i).isEmpty()) {
                        filters.set(i, new TreeMap<>());
                    }
                    filters.get(i).put(name, List.copyOf(list));
                }
            }
        }
        for (String field : terms.isEmpty() ? List.<String>of() : List.of(TITLE, BODY)) {
            Terms indexed = reader.terms(field);
            if (indexed == null) {
                continue;
            }
            TermsEnum dictionary = indexed.iterator();
            PostingsEnum postings = null;
            for (int t = 0; t < terms.size(); t++) {
                if (!dictionary.seekExact(new BytesRef(terms.get(t)))) {
                    continue;
                }
                postings = dictionary.postings(postings, PostingsEnum.NONE);
                for (Integer i : order) {
                    int doc = docs[i].doc - leaf.docBase;
                    int at = postings.docID() >= doc ? postings.docID() : postings.advance(doc);
                    if (at == DocIdSetIterator.NO_MORE_DOCS) {
                        break;
                    }
                    if (at == doc) {
                        matched[i][t] = true;
                    }
                }
            }
        }
    }

    /**
     * Passes to the wrapped collectors only the documents that the filter matches. The wrapped collector still sees
     * the scorer, so that it can tell the query which scores are no longer competitive: skipping those is safe
     * whether or not the filter would have kept them.
     */
    private record FilteredCollectorManager<C extends Collector, T>(CollectorManager<C, T> collectors, Weight filter)
            implements CollectorManager<FilteredCollector<C>, T> {

        @Override
        public FilteredCollector<C> newCollector() throws IOException {
            return new FilteredCollector<>(collectors.newCollector(), filter);
        }

        @Override
        public T reduce(Collection<FilteredCollector<C>> all) throws IOException {
            return collectors.reduce(all.stream().map(FilteredCollector::inner).toList());
        }
    }

    private record FilteredCollector<C extends Collector>(C inner, Weight filter) implements Collector {

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            Scorer allowed = filter.scorer(context);
            if (allowed == null) {
                throw new CollectionTerminatedException(); // nothing of this leaf passes: skip it
            }
            DocIdSetIterator docs = allowed.iterator();
            LeafCollector leaf = inner.getLeafCollector(context);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) throws IOException {
                    leaf.setScorer(scorer);
                }

                @Override
                public void collect(int doc) throws IOException {
                    int at = docs.docID() < doc ? docs.advance(doc) : docs.docID();
                    if (at == doc) {
                        leaf.collect(doc);
                    }
                }

                @Override
                public DocIdSetIterator competitiveIterator() throws IOException {
                    return leaf.competitiveIterator();
                }

                @Override
                public void finish() throws IOException {
                    leaf.finish();
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return inner.scoreMode();
        }

        @Override
        public void setWeight(Weight weight) {
            inner.setWeight(weight);
        }
    }

    @Override
    public void close() throws IOException {
        for (Shard shard : shards.values()) {
            shard.searchers.close();
            shard.writer.close();
        }
        analyzer.close();
    }

    private static Document toLucene(SearchDocument doc) {
        Objects.requireNonNull(doc.collection(), "collection");
        Objects.requireNonNull(doc.id(), "id");
        Document lucene = new Document();
        lucene.add(new StringField(ID, doc.id(), Field.Store.NO));
        lucene.add(new SortedDocValuesField(ID, new BytesRef(doc.id())));
        lucene.add(new SortedDocValuesField(ORDER, new BytesRef(orderKey(doc.id()))));
        lucene.add(new TextField(TITLE, doc.title(), Field.Store.NO));
        lucene.add(new BinaryDocValuesField(TITLE_VALUE, new BytesRef(doc.title())));
        lucene.add(new TextField(BODY, doc.body(), Field.Store.NO));
        doc.filters().forEach((name, values) -> {
            if (values != null) {
                // indexed for filtering, doc values for returning them with the hits
                values.stream().filter(Objects::nonNull)
                        .forEach(v -> lucene.add(new KeywordField(FILTER_PREFIX + name, v, Field.Store.NO)));
            }
        });
        return lucene;
    }

    /**
     * The sort key of an id: a database id ({@link SearchSource#numericId}) sorts by its value (zero-padded to 19
     * digits), before every other id, which sorts as text. So database ids list as 1, 2, … 10, 11, not 1, 10, 100,
     * 101, 11.
     */
    static String orderKey(String id) {
        if (SearchSource.numericId(id).isPresent()) {
            return "0" + "0".repeat(19 - id.length()) + id;
        }
        return "1" + id;
    }

    private static Term key(String id) {
        Objects.requireNonNull(id, "id");
        return new Term(ID, id);
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

    private void write(String collection, IndexAction action) {
        Shard shard = shard(collection);
        shard.writeLock.lock();
        try {
            action.run(shard.writer);
            shard.searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            shard.writeLock.unlock();
        }
    }

    private <T> T read(String collection, SearcherFunction<T> function) {
        SearcherManager searchers = shard(collection).searchers;
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
        void run(IndexWriter writer) throws IOException;
    }

    @FunctionalInterface
    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }
}
