package cn.onecity.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SearchIndex#searchAnyTerm}: one matching term is enough, more terms score higher, matched terms are named. */
class SearchIndexAnyTermUnitTest {

    static final String C = "industry.enterprise";

    final SearchIndex index = new SearchIndex(List.of());

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    void doc(String id, String title, String body) {
        index.upsert(new SearchDocument(C, id, title, body, Map.of()));
    }

    @Test
    void aDocumentMatchingOneOfManyTermsIsFoundBelowThoseMatchingMore() {
        doc("1", "精密轴承厂", "精密轴承 风电齿轮箱 热处理");
        doc("2", "轴承贸易", "轴承");
        doc("3", "茶叶公司", "红茶 绿茶");
        String text = "风电 齿轮箱 精密 轴承 热处理 检测 包装";
        assertThat(index.search(SearchQuery.of(C, text, 10)).hits()).extracting(SearchHits.Hit::id).containsExactly("1");
        SearchHits any = index.searchAnyTerm(SearchQuery.of(C, text, 10));
        assertThat(any.hits()).extracting(SearchHits.Hit::id).containsExactly("1", "2");
        assertThat(any.hits().get(1).matchedTerms()).containsExactly("轴承");
        assertThat(any.hits().get(0).score()).isGreaterThan(any.hits().get(1).score());
    }

    @Test
    void otherCollectionsAndFilteredOutDocumentsAreLeftOutAndCounted() {
        index.upsert(new SearchDocument(C, "1", "精密轴承厂", "轴承", Map.of("city", List.of("430100"))));
        index.upsert(new SearchDocument(C, "2", "轴承贸易", "轴承 检测", Map.of("city", List.of("430200"))));
        index.upsert(new SearchDocument("other", "1", "轴承 轴承", "轴承 检测", Map.of("city", List.of("430200"))));
        SearchHits all = index.searchAnyTerm(SearchQuery.of(C, "轴承 检测", 10));
        assertThat(all.hits()).extracting(SearchHits.Hit::id).containsExactly("2", "1");
        assertThat(all.total()).isEqualTo(2);
        SearchHits zhuzhou = index.searchAnyTerm(new SearchQuery(C, "轴承 检测", Map.of("city", List.of("430200")), 0, 10));
        assertThat(zhuzhou.hits()).extracting(SearchHits.Hit::id).containsExactly("2");
        assertThat(zhuzhou.total()).isEqualTo(1);
        assertThat(index.searchAnyTerm(new SearchQuery(C, "轴承", Map.of(), 0, 0)).total()).isEqualTo(2);
        assertThat(index.searchAnyTerm(new SearchQuery(C, "轴承 检测", Map.of(), 1, 10)).hits())
                .extracting(SearchHits.Hit::id).containsExactly("1");
    }

    @Test
    void alreadyAnalysedTermsAreSearchedAsTheyAre() {
        doc("1", "精密轴承厂", "精密轴承 风电齿轮箱 热处理");
        doc("2", "轴承贸易", "轴承");
        String text = "风电 齿轮箱 精密 轴承";
        SearchHits analysed = index.searchAnyTerm(SearchQuery.of(C, text, 10));
        SearchHits given = index.searchAnyTerm(SearchQuery.of(C, "ignored", 10), index.analyze(text));
        assertThat(given).isEqualTo(analysed);
        assertThat(index.searchAnyTerm(SearchQuery.of(C, text, 10), List.of())).isEqualTo(new SearchHits(0, List.of()));
    }

    @Test
    void textWithoutTermsMatchesNothing() {
        doc("1", "精密轴承厂", "精密轴承");
        assertThat(index.searchAnyTerm(SearchQuery.of(C, "，。", 10)).hits()).isEmpty();
    }

    @Test
    void firstListsTheFilteredDocumentsInIdOrderUpToThePage() {
        for (String id : List.of("7", "3", "12", "5", "9")) {
            index.upsert(new SearchDocument(C, id, "企业" + id, "", Map.of("segment", List.of(id.equals("5") ? "B" : "A"))));
        }
        index.upsert(new SearchDocument("other", "1", "他类", "", Map.of("segment", List.of("A"))));
        SearchHits page = index.first(new SearchQuery(C, null, Map.of("segment", List.of("A")), 0, 2));
        assertThat(page.hits()).extracting(SearchHits.Hit::id).containsExactly("3", "7"); // numeric ids by value
        assertThat(page.hits()).extracting(SearchHits.Hit::title).containsExactly("企业3", "企业7");
        assertThat(page.total()).isGreaterThanOrEqualTo(2);
        assertThat(index.first(new SearchQuery(C, null, Map.of("segment", List.of("A")), 2, 10)).hits())
                .extracting(SearchHits.Hit::id).containsExactly("9", "12");
    }

    @Test
    void aListingShowsEveryChangeOfTheCollectionMadeSinceItWasFirstListed() {
        index.upsert(new SearchDocument(C, "2", "企业2", "", Map.of("segment", List.of("A"))));
        SearchQuery a = new SearchQuery(C, null, Map.of("segment", List.of("A")), 0, 10);
        assertThat(index.first(a).hits()).extracting(SearchHits.Hit::id).containsExactly("2");
        assertThat(index.first(a).hits()).as("listed again, unchanged").extracting(SearchHits.Hit::id).containsExactly("2");

        index.upsert(new SearchDocument(C, "1", "企业1", "", Map.of("segment", List.of("A"))));
        assertThat(index.first(a).hits()).extracting(SearchHits.Hit::id).containsExactly("1", "2");

        index.upsert(new SearchDocument(C, "2", "企业2（改）", "", Map.of("segment", List.of("B"))));
        assertThat(index.first(a).hits()).extracting(SearchHits.Hit::id).containsExactly("1");

        index.delete(C, "1");
        assertThat(index.first(a).hits()).isEmpty();
        index.upsert(new SearchDocument("other", "3", "他类", "", Map.of("segment", List.of("A"))));
        assertThat(index.first(a).hits()).as("another collection's change").isEmpty();
        assertThat(index.first(new SearchQuery(C, null, Map.of("segment", List.of("B")), 0, 10)).hits())
                .extracting(SearchHits.Hit::title).containsExactly("企业2（改）");
    }
}
