package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.Role;

/**
 * The demo data follows the seed's counts (16 alliance universities, 25 bases, 10 IP centres, the market with 7
 * workstations, the first batch of 100 results), invented records say 示例, and the demo accounts exist.
 */
@SpringBootTest(properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
@DisabledIfEnvironmentVariable(named = "ONECITY_TEST_DB_URL", matches = ".+")
class InnovationDemoDataIntegrationTest {

    @Autowired Brokerage brokerage;
    @Autowired Results results;
    @Autowired Challenges challenges;
    @Autowired Contracts contracts;
    @Autowired InnovationStatistics statistics;
    @Autowired Accounts accounts;
    @Autowired DataSource dataSource;

    @BeforeEach
    void onlyOnAnIsolatedH2() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assumeTrue(c.getMetaData().getURL().startsWith("jdbc:h2:mem:"), "demo data test needs its own in-memory H2");
        }
    }

    @Test
    void serviceInstitutionsFollowTheSeedsCounts() {
        assertThat(brokerage.serviceOrgCounts()).extracting(Brokerage.KindCount::kind, Brokerage.KindCount::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ALLIANCE_UNIVERSITY", 16L),
                        org.assertj.core.groups.Tuple.tuple("TRANSFER_BASE", 25L), org.assertj.core.groups.Tuple.tuple("IP_CENTRE", 10L),
                        org.assertj.core.groups.Tuple.tuple("MARKET", 1L), org.assertj.core.groups.Tuple.tuple("WORKSTATION", 7L));
        assertThat(brokerage.serviceOrgs(Brokerage.ServiceOrgKind.MARKET).get(0).name()).isEqualTo("潇湘科技要素大市场（长沙）");
        assertThat(brokerage.serviceOrgs(Brokerage.ServiceOrgKind.TRANSFER_BASE)).allSatisfy(o -> assertThat(o.name()).contains("示例"));
    }

    @Test
    void theFirstJointBatchHasOneHundredResultsMarkedAsSamples() {
        Results.Batch first = results.batches().stream().filter(b -> b.name().contains("首批100项")).findFirst().orElseThrow();
        assertThat(first.results()).isEqualTo(100);
        assertThat(results.list(first.id(), null, 500)).hasSize(100).allSatisfy(r -> {
            assertThat(r.sample()).isTrue();
            assertThat(r.trl()).isBetween(1, 9);
        });
    }

    @Test
    void challengesContractsAndTheDashboardAreComputedFromTheDemoRecords() {
        assertThat(challenges.countsByStage()).extracting(Challenges.StageCount::count).containsExactly(1L, 1L, 1L, 0L);
        var f = statistics.figures();
        assertThat(f.dealsSigned()).isEqualTo(1);
        assertThat(f.contracts()).isPositive();
        assertThat(f.flows()).anySatisfy(fl -> {
            assertThat(fl.fromCity()).isEqualTo("长沙");
            assertThat(fl.toCity()).isEqualTo("湘潭");
        });
        // the seed's 1,400亿 is not typed in: the demo turnover is what the demo contracts add up to
        assertThat(f.turnoverYi()).isLessThan(new java.math.BigDecimal("1400"));
        assertThat(f.rdInstitutions()).isEqualTo(contracts.rdInstitutions().size());
        assertThat(contracts.rdInstitutions()).extracting(Contracts.RdInstitution::name).contains("湖南钢铁技术研究院", "中车长沙研发中心");
    }

    @Test
    void theDemoAccountsExist() {
        assertThat(accounts.findByUsername("cs-institution")).get().satisfies(u -> {
            assertThat(u.role()).isEqualTo(Role.INSTITUTION);
            assertThat(u.organisationName()).isEqualTo("中南大学");
            assertThat(u.cityCode()).isEqualTo("430100");
        });
        for (String kjj : new String[] {"cs-kjj", "zz-kjj", "xt-kjj"}) {
            assertThat(accounts.findByUsername(kjj)).get().satisfies(u -> assertThat(Contracts.canRegister(u)).isTrue());
        }
        assertThat(brokerage.isBroker(accounts.findByUsername("broker").orElseThrow())).isTrue();
        assertThat(challenges.expert(accounts.findByUsername("expert2").orElseThrow())).isPresent();
        assertThat(accounts.findByUsername("institution").orElseThrow().organisationName()).isEqualTo("湘潭大学");
    }
}
