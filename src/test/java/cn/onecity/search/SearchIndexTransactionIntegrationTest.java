package cn.onecity.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.identity.IdentityIntegrationTest;

/** Index writes made inside a Spring transaction take effect when it commits, and never when it rolls back. */
@IdentityIntegrationTest
class SearchIndexTransactionIntegrationTest {

    @Autowired SearchIndex index;
    @Autowired TransactionTemplate transactions;

    /** A collection of its own per test, so that tests sharing the Spring context do not see each other's documents. */
    String newCollection() {
        return "test.tx" + System.nanoTime();
    }

    SearchDocument doc(String collection, String id) {
        return new SearchDocument(collection, id, "住房公积金异地贷款", "事务测试", Map.of("city", List.of("430100")));
    }

    @Test
    void anUpsertInARolledBackTransactionIsNeverVisible() {
        String collection = newCollection();
        transactions.executeWithoutResult(status -> {
            index.upsert(doc(collection, "1"));
            assertThat(index.count(collection)).as("not before commit").isZero();
            status.setRollbackOnly();
        });
        assertThat(index.count(collection)).isZero();
        assertThat(index.search(SearchQuery.of(collection, "公积金", 10)).hits()).isEmpty();
    }

    @Test
    void anUpsertInACommittedTransactionIsVisibleAfterTheCommit() {
        String collection = newCollection();
        transactions.executeWithoutResult(status -> {
            index.upsert(doc(collection, "1"));
            assertThat(index.count(collection)).as("not before commit").isZero();
        });
        assertThat(index.search(SearchQuery.of(collection, "公积金", 10)).hits())
                .extracting(SearchHits.Hit::id).containsExactly("1");
    }

    @Test
    void aDeleteInARolledBackTransactionKeepsTheDocumentAndACommittedOneRemovesIt() {
        String collection = newCollection();
        index.upsert(doc(collection, "1"));
        assertThat(index.count(collection)).as("outside a transaction: at once").isEqualTo(1);

        transactions.executeWithoutResult(status -> {
            index.delete(collection, "1");
            status.setRollbackOnly();
        });
        assertThat(index.count(collection)).isEqualTo(1);

        transactions.executeWithoutResult(status -> index.delete(collection, "1"));
        assertThat(index.count(collection)).isZero();
    }
}
