package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;

/**
 * The demo registry and 示例 uses, in the demo-data context (the same one as the other demo tests). Skipped on a
 * shared database, where the loader finds rows and skips.
 */
@SpringBootTest(properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
@DisabledIfEnvironmentVariable(named = "ONECITY_TEST_DB_URL", matches = ".+")
class HealthCardDemoDataIntegrationTest {

    @Autowired Hospitals hospitals;
    @Autowired HealthCards cards;
    @Autowired HealthCardStatistics statistics;
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    @BeforeEach
    void onlyOnAnIsolatedH2() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assumeTrue(c.getMetaData().getURL().startsWith("jdbc:h2:mem:"), "demo data test needs its own in-memory H2");
        }
    }

    @Test
    void everyRegisteredHospitalIsConnectedAndTheDemoStaffWorkForTheirHospitals() {
        Hospitals.Coverage coverage = hospitals.coverage();
        assertThat(coverage.registered()).isEqualTo(16);
        assertThat(coverage.connected()).isEqualTo(coverage.registered());
        assertThat(coverage.byCity().values()).allSatisfy(n -> assertThat(n[0]).isGreaterThanOrEqualTo(3));
        assertThat(hospitals.list()).extracting(Hospital::name)
                .contains("中南大学湘雅医院", "中南大学湘雅二医院", "中南大学湘雅三医院", "湖南省人民医院", "长沙市中心医院",
                        "株洲市中心医院", "湘潭市中心医院");
        assertThat(hospitals.list()).filteredOn(h -> h.note() != null).allSatisfy(h -> assertThat(h.note()).contains("示例"));

        assertThat(hospitals.hospitalFor(user("hospital")).name()).isEqualTo("中南大学湘雅医院");
        assertThat(hospitals.hospitalFor(user("zz-hospital")).name()).isEqualTo("株洲市中心医院");
        assertThat(hospitals.hospitalFor(user("xt-hospital")).name()).isEqualTo("湘潭市中心医院");
    }

    @Test
    void demoCardsAndUsesAreMarkedAndTheDemoResidentStillHasToApply() {
        assertThat(cards.myCard(user("resident"))).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hc_card WHERE remark IS NULL OR remark NOT LIKE '示例%'").query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hc_use WHERE remark IS NULL OR remark <> '示例'").query(Integer.class).single())
                .isZero();
        HealthCardStatistics.Figures f = statistics.figures();
        assertThat(f.cards()).isEqualTo(36);
        assertThat(f.uses()).isPositive();
        assertThat(f.offlineUses()).isPositive().isLessThan(f.uses()); // some reported after offline verification
        assertThat(f.crossCityUses()).isPositive().isLessThan(f.uses());
        long sum = 0;
        for (long[] row : f.matrix()) {
            for (long n : row) {
                sum += n;
            }
        }
        assertThat(sum).isEqualTo(f.uses());
    }

    CurrentUser user(String username) {
        return accounts.findByUsername(username).orElseThrow();
    }
}
