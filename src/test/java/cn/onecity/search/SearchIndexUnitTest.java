package cn.onecity.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index on its own, without Spring: Chinese analysis, ranking, filters, paging, deletes and rebuilds. */
class SearchIndexUnitTest {

    static final String ITEMS = "services.item";

    /** What the source returns on the next rebuild. */
    final List<SearchDocument> database = new ArrayList<>();
    SearchIndex index;

    @BeforeEach
    void newIndex() {
        index = new SearchIndex(List.of(new SearchSource() {
            @Override
            public String collection() {
                return ITEMS;
            }

            @Override
            public Stream<SearchDocument> all() {
                return List.copyOf(database).stream();
            }
        }));
        item("1", "住房公积金异地个人住房贷款缴存使用证明", "为异地贷款职工出具住房公积金缴存使用证明", "430100", "公积金");
        item("2", "住房公积金异地转移接续", "职工跨城市就业时办理住房公积金异地转移接续", "430200", "公积金");
        item("3", "社会保障卡申领", "首次申领社保卡", "430100", "社保");
        item("4", "机动车驾驶证补领", "驾驶证遗失或损毁后补领", "430300", "交通");
        item("5", "个人住房贷款利息查询", "查询商业银行住房贷款利息", "430300", "金融");
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    void item(String id, String title, String body, String city, String theme) {
        index.upsert(new SearchDocument(ITEMS, id, title, body, Map.of("city", List.of(city), "theme", List.of(theme))));
    }

    List<String> ids(SearchHits hits) {
        return hits.hits().stream().map(SearchHits.Hit::id).toList();
    }

    SearchHits search(String text, Map<String, List<String>> filters) {
        return index.search(new SearchQuery(ITEMS, text, filters, 0, 20));
    }

    @Test
    void chineseTextIsSplitIntoWords() {
        assertThat(index.analyze("公积金异地贷款")).containsExactly("公积金", "异地", "贷款");
        assertThat(index.analyze("  ")).isEmpty();
        assertThat(index.analyze(null)).isEmpty();
    }

    @Test
    void housingFundLoanItemsRankAboveItemsThatShareFewerTerms() {
        SearchHits hits = search("公积金 异地 贷款", Map.of());

        // two of the three terms are needed: 5 (贷款 only) and the rest do not come up
        assertThat(ids(hits)).containsExactly("1", "2");
        assertThat(hits.total()).isEqualTo(2);
        assertThat(hits.hits().get(0).score()).isGreaterThan(hits.hits().get(1).score());
    }

    @Test
    void whenNoDocumentHasMostTermsThoseWithAnyTermAreFound() {
        SearchHits hits = search("贷款 驾驶证 户口", Map.of());

        assertThat(ids(hits)).containsExactlyInAnyOrder("1", "4", "5");
        assertThat(search("驾驶证 补领", Map.of()).hits()).extracting(SearchHits.Hit::id).containsExactly("4");
    }

    @Test
    void eachHitNamesTheQueryTermsItMatched() {
        SearchHits hits = search("公积金异地贷款 驾驶证 社保卡", Map.of()); // no document has 3 of the 5 terms: any term counts

        assertThat(hits.hits()).filteredOn(h -> h.id().equals("1")).singleElement()
                .satisfies(h -> assertThat(h.matchedTerms()).containsExactly("公积金", "异地", "贷款"));
        assertThat(hits.hits()).filteredOn(h -> h.id().equals("2")).singleElement()
                .satisfies(h -> assertThat(h.matchedTerms()).containsExactly("公积金", "异地"));
        assertThat(hits.hits()).filteredOn(h -> h.id().equals("4")).singleElement()
                .satisfies(h -> assertThat(h.matchedTerms()).containsExactly("驾驶证"));
    }

    @Test
    void filtersAreAndedAcrossKeysAndOredWithinAKey() {
        assertThat(ids(search("", Map.of("city", List.of("430100", "430200"))))).containsExactly("1", "2", "3");
        assertThat(ids(search("", Map.of("city", List.of("430100", "430200"), "theme", List.of("公积金"))))).containsExactly("1", "2");
        assertThat(ids(search("贷款", Map.of("city", List.of("430300"))))).containsExactly("5");
        assertThat(ids(search("", Map.of("city", List.of("430100"), "theme", List.of("交通"))))).isEmpty();
    }

    @Test
    void anEmptyOrNullFilterListIsNoConstraint() {
        Map<String, List<String>> filters = new java.util.HashMap<>();
        filters.put("city", null);
        filters.put("theme", List.of());
        assertThat(search("", filters).total()).isEqualTo(5);
        assertThat(index.search(new SearchQuery(ITEMS, null, null, 0, 20)).total()).isEqualTo(5);
    }

    @Test
    void blankTextListsAllFilteredDocumentsByIdWithPaging() {
        SearchHits page = index.search(new SearchQuery(ITEMS, " ", Map.of(), 1, 2));

        assertThat(page.total()).isEqualTo(5);
        assertThat(ids(page)).containsExactly("2", "3");
        assertThat(page.hits()).allSatisfy(h -> assertThat(h.matchedTerms()).isEmpty());
        assertThat(ids(index.search(new SearchQuery(ITEMS, "", Map.of(), 4, 2)))).containsExactly("5");
        assertThat(ids(index.search(new SearchQuery(ITEMS, "", Map.of(), 99, 2)))).isEmpty();
    }

    @Test
    void numericIdsAreListedByValueBeforeOtherIds() {
        for (String id : List.of("10", "x-1", "100", "6", "11", "007")) {
            item(id, "事项" + id, "说明", "430100", "排序");
        }
        assertThat(ids(search("", Map.of("theme", List.of("排序"))))).containsExactly("6", "007", "10", "11", "100", "x-1");
        assertThat(ids(search("事项", Map.of("theme", List.of("排序"))))).as("ties by id too")
                .containsExactly("6", "007", "10", "11", "100", "x-1");
    }

    @Test
    void limitIsCappedAndANegativeOffsetStartsAtTheBeginning() {
        for (int i = 0; i < 250; i++) {
            index.upsert(new SearchDocument("bulk", "%03d".formatted(i), "批量事项", null, null));
        }
        SearchHits hits = index.search(new SearchQuery("bulk", "事项", Map.of(), -5, 1000));

        assertThat(hits.total()).isEqualTo(250);
        assertThat(hits.hits()).hasSize(SearchQuery.MAX_LIMIT);
        assertThat(hits.hits().get(0).id()).as("equal scores are ordered by id").isEqualTo("000");
        assertThat(index.search(new SearchQuery("bulk", "", Map.of(), Integer.MAX_VALUE, Integer.MAX_VALUE)).hits()).isEmpty();
        assertThat(index.search(new SearchQuery("bulk", "事项", Map.of(), 0, 0)).total()).as("limit 0 only counts").isEqualTo(250);
    }

    @Test
    void documentsOfAnotherCollectionNeverMatch() {
        index.upsert(new SearchDocument("innovation.result", "1", "公积金贷款研究", "异地", Map.of("city", List.of("430100"))));

        assertThat(ids(index.search(new SearchQuery("innovation.result", "公积金", Map.of(), 0, 20)))).containsExactly("1");
        assertThat(search("研究", Map.of()).total()).isZero();
        assertThat(index.count(ITEMS)).isEqualTo(5);
        assertThat(index.count("innovation.result")).isEqualTo(1);
        index.delete("innovation.result", "1");
        assertThat(index.count(ITEMS)).as("same id, other collection").isEqualTo(5);
    }

    @Test
    void aCollectionsRelevanceIsNotSkewedByTheDocumentsOfAnother() {
        float before = search("驾驶证", Map.of()).hits().get(0).score();
        // 驾驶证 is rare among the items (one of five) and common elsewhere: the items' BM25 statistics are their own
        for (int i = 0; i < 50; i++) {
            index.upsert(new SearchDocument("other", Integer.toString(i), "驾驶证培训", "驾驶证考试", Map.of()));
        }

        assertThat(search("驾驶证", Map.of()).hits().get(0).score()).isEqualTo(before);
        assertThat(ids(search("驾驶证", Map.of()))).containsExactly("4");
    }

    @Test
    void specialCharactersAndQuerySyntaxNeverThrow() {
        for (String text : Arrays.asList("\"", "(", "*", ":", "AND", "OR NOT", "公积金\" AND (", "title:公积金*", "\\", "[1 TO 2]", "~!@#$%^&*()_+")) {
            assertThatCode(() -> search(text, Map.of())).as(text).doesNotThrowAnyException();
        }
        assertThat(ids(search("公积金\" AND (", Map.of()))).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void textWithoutAnyWordsFindsNothing() {
        assertThat(search("，。！？", Map.of()).total()).isZero();
        assertThat(search("\"()*:", Map.of()).hits()).isEmpty();
    }

    @Test
    void anUpsertReplacesTheDocumentAndADeleteRemovesIt() {
        item("4", "机动车驾驶证换领", "有效期满换领", "430300", "交通");
        assertThat(index.count(ITEMS)).isEqualTo(5);
        assertThat(ids(search("遗失", Map.of()))).isEmpty();
        assertThat(ids(search("有效期", Map.of()))).containsExactly("4");

        index.delete(ITEMS, "4");
        assertThat(ids(search("驾驶证", Map.of()))).isEmpty();
        assertThat(index.count(ITEMS)).isEqualTo(4);
        assertThatCode(() -> index.delete(ITEMS, "nonexistent")).doesNotThrowAnyException();
    }

    @Test
    void aRebuildReplacesTheCollectionWithWhatTheSourceSupplies() {
        index.upsert(new SearchDocument("other", "x", "公积金", null, null));
        database.add(new SearchDocument(ITEMS, "9", "企业开办一件事", "营业执照、公章刻制、税务登记", Map.of()));

        index.rebuild(ITEMS);

        assertThat(index.count(ITEMS)).isEqualTo(1);
        assertThat(ids(search("公积金", Map.of()))).isEmpty();
        assertThat(ids(search("营业执照", Map.of()))).containsExactly("9");
        assertThat(index.count("other")).as("other collections are untouched").isEqualTo(1);

        index.rebuildAll();
        assertThat(index.count(ITEMS)).isEqualTo(1);
    }

    @Test
    void aRebuildWhoseSourceFailsLeavesTheCollectionAsItWas() {
        database.add(new SearchDocument("wrong.collection", "9", "企业开办", null, null));

        assertThatThrownBy(() -> index.rebuild(ITEMS)).isInstanceOf(IllegalStateException.class);
        assertThat(index.count(ITEMS)).isEqualTo(5);
        assertThatCode(index::rebuildAll).as("at start-up a failing source is only logged").doesNotThrowAnyException();
    }

    @Test
    void aRefreshTakesTheDocumentAsItsSourceHasItNow() {
        database.add(new SearchDocument(ITEMS, "1", "住房公积金提取", "退休提取住房公积金", Map.of("city", List.of("430200"))));

        index.refresh(ITEMS, "1");

        assertThat(index.find(ITEMS, "1")).hasValueSatisfying(hit -> {
            assertThat(hit.title()).isEqualTo("住房公积金提取");
            assertThat(hit.filters()).containsEntry("city", List.of("430200"));
        });
        assertThat(index.count(ITEMS)).isEqualTo(5);
    }

    @Test
    void aRefreshRemovesADocumentItsSourceNoLongerHas() {
        index.refresh(ITEMS, "2"); // the source's database holds none of the five

        assertThat(index.find(ITEMS, "2")).isEmpty();
        assertThat(ids(search("公积金", Map.of()))).containsExactly("1");
    }
}
