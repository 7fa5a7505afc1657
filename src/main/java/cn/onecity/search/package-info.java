/**
 * search: an in-memory Chinese full-text index (Lucene, SmartChineseAnalyzer) that other modules feed with
 * {@link cn.onecity.search.SearchDocument}s and query by collection, text and exact-match filters. Modules that
 * own a collection implement {@link cn.onecity.search.SearchSource} so that the index is rebuilt at start-up.
 */
@org.springframework.modulith.ApplicationModule(displayName = "search")
package cn.onecity.search;
