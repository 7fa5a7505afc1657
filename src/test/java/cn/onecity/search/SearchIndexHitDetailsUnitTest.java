package cn.onecity.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hit tells besides its id and score, read from the index and not by re-analysing stored text: the matched
 * query terms (the same as analysing the title and body would name), the title and the filter values.
 */
class SearchIndexHitDetailsUnitTest {

    static final String C = "industry.enterprise";

    final SearchIndex index = new SearchIndex(List.of());

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    void doc(String id, String title, String body, Map<String, List<String>> filters) {
        // every upsert is refreshed on its own: the documents end up in several index segments (leaves)
        index.upsert(new SearchDocument(C, id, title, body, filters));
    }

    /** The old way: the query terms that the analysed title or body contains, in query order. */
    List<String> analysed(List<String> terms, String title, String body) {
        Set<String> tokens = new LinkedHashSet<>(index.analyze(title));
        tokens.addAll(index.analyze(body));
        return terms.stream().filter(tokens::contains).toList();
    }

    @Test
    void matchedTermsAreThoseThatAnalysingTheTitleAndBodyNames() {
        Map<String, String[]> docs = Map.of(
                "1", new String[] {"精密轴承厂", "精密轴承 风电齿轮箱 热处理\n风电装备链 轴承"},
                "2", new String[] {"轴承贸易", "轴承 检测服务"},
                "3", new String[] {"风电整机", "整机装配 齿轮箱 包装"},
                "4", new String[] {"茶叶公司", "红茶 绿茶"},
                "5", new String[] {"检测中心", "热处理 检测 包装 物流"});
        docs.forEach((id, d) -> doc(id, d[0], d[1], Map.of()));
        index.delete(C, "4");
        doc("5", "检测中心", "热处理 检测 包装 物流 精密", Map.of()); // replaced: the old version is a deleted document
        String text = "风电 齿轮箱 精密 轴承 热处理 检测 包装";
        List<String> terms = List.copyOf(new LinkedHashSet<>(index.analyze(text)));
        SearchHits hits = index.searchAnyTerm(SearchQuery.of(C, text, 10));
        assertThat(hits.hits()).extracting(SearchHits.Hit::id).containsExactlyInAnyOrder("1", "2", "3", "5");
        for (SearchHits.Hit h : hits.hits()) {
            String title = h.id().equals("5") ? "检测中心" : docs.get(h.id())[0];
            String body = h.id().equals("5") ? "热处理 检测 包装 物流 精密" : docs.get(h.id())[1];
            assertThat(h.matchedTerms()).as("hit " + h.id()).isNotEmpty().isEqualTo(analysed(terms, title, body));
            assertThat(h.title()).isEqualTo(title);
        }
        assertThat(hits.hits()).filteredOn(h -> h.id().equals("2")).extracting(SearchHits.Hit::matchedTerms)
                .containsExactly(List.of("轴承", "检测"));
    }

    @Test
    void hitsCarryTheirTitleAndFilterValuesSorted() {
        doc("7", "长沙轴承厂", "轴承", Map.of("city", List.of("430100"), "segment", List.of("12", "3", "12")));
        doc("8", "湘潭轴承厂", "轴承", Map.of("city", List.of("430300")));
        SearchHits hits = index.search(SearchQuery.of(C, "轴承", 10));
        assertThat(hits.hits()).extracting(SearchHits.Hit::id).containsExactly("7", "8");
        SearchHits.Hit first = hits.hits().get(0);
        assertThat(first.title()).isEqualTo("长沙轴承厂");
        assertThat(first.filters()).isEqualTo(Map.of("city", List.of("430100"), "segment", List.of("12", "3")));
        assertThat(hits.hits().get(1).filter("segment")).isEmpty();
        assertThat(hits.hits().get(1).filter("city")).containsExactly("430300");
    }

    @Test
    void aDocumentIsFoundByItsIdWithItsTitleAndFilters() {
        doc("7", "长沙轴承厂", "轴承", Map.of("city", List.of("430100"), "cluster", List.of("5")));
        index.upsert(new SearchDocument("other", "7", "别的", "", Map.of()));
        assertThat(index.find(C, "7")).hasValueSatisfying(h -> {
            assertThat(h.id()).isEqualTo("7");
            assertThat(h.title()).isEqualTo("长沙轴承厂");
            assertThat(h.filters()).isEqualTo(Map.of("city", List.of("430100"), "cluster", List.of("5")));
        });
        assertThat(index.find(C, "8")).isEmpty();
        index.delete(C, "7");
        assertThat(index.find(C, "7")).isEmpty();
    }

    @Test
    void aFilterOnlyQueryPagesWithDetails() {
        for (int i = 0; i < 5; i++) {
            doc("%02d".formatted(i), "企业" + i, "", Map.of("segment", List.of(i % 2 == 0 ? "even" : "odd")));
        }
        SearchHits page = index.search(new SearchQuery(C, null, Map.of("segment", List.of("even")), 1, 5));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hits()).extracting(SearchHits.Hit::id).containsExactly("02", "04");
        assertThat(page.hits()).extracting(SearchHits.Hit::title).containsExactly("企业2", "企业4");
        assertThat(page.hits()).allSatisfy(h -> assertThat(h.matchedTerms()).isEmpty());
    }
}
