package cn.onecity.industry;

import cn.onecity.shared.CreditCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.Role;
import cn.onecity.shared.PageResult;

/**
 * The demo data (in the demo-data context the other modules' demo tests share, on its own in-memory H2): the
 * seed's clusters and counts, the "4+4" chains, invented enterprises marked 示例, and demands matched across cities.
 */
@SpringBootTest(properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
@DisabledIfEnvironmentVariable(named = "ONECITY_TEST_DB_URL", matches = ".+")
class IndustryDemoDataIntegrationTest {

    @Autowired Clusters clusters;
    @Autowired Chains chains;
    @Autowired Enterprises enterprises;
    @Autowired Matching matching;
    @Autowired Accounts accounts;
    @Autowired Alliance alliance;
    @Autowired ParkFund fund;
    @Autowired Policies policies;
    @Autowired Investment investment;
    @Autowired DataSource dataSource;

    @BeforeEach
    void onlyOnAnIsolatedH2() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assumeTrue(c.getMetaData().getURL().startsWith("jdbc:h2:mem:"), "demo data test needs its own in-memory H2");
        }
    }

    @Test
    void clusterCountsFollowTheSeedWithTheNamedOnesReal() {
        assertThat(clusters.countByLevel()).containsEntry(ClusterLevel.WORLD_POOL, 2L).containsEntry(ClusterLevel.NATIONAL, 3L)
                .containsEntry(ClusterLevel.NATIONAL_SME, 5L).containsEntry(ClusterLevel.PROVINCIAL, 5L)
                .containsEntry(ClusterLevel.PROVINCIAL_SME, 3L);
        List<Cluster> all = clusters.list();
        assertThat(all).filteredOn(c -> !c.sample()).extracting(Cluster::name).containsExactlyInAnyOrder(
                "长沙工程机械产业集群", "株洲轨道交通装备产业集群", "衡长株潭特高压输变电装备产业集群",
                "长沙县数控磨床产业集群", "荷塘区硬质合金产业集群", "岳塘区电机电控产业集群");
    }

    @Test
    void eightChainsInTwoGroupsOfFourWithGapsComputed() {
        assertThat(chains.list()).hasSize(8);
        assertThat(chains.list()).extracting(Chain::category).containsOnly("优势产业链", "新兴产业链");
        assertThat(chains.allGaps()).isNotEmpty();
    }

    @Test
    void everyDemoEnterpriseIsMarkedAndHasAValidCreditCode() {
        PageResult<Enterprise> page = enterprises.list(EnterpriseFilter.none(), 0, 200);
        assertThat(page.content()).hasSizeGreaterThan(20);
        assertThat(page.content()).allSatisfy(e -> {
            assertThat(e.name()).contains("示例");
            assertThat(CreditCodes.isValid(e.creditCode())).isTrue();
        });
    }

    @Test
    void theAllianceHas41MembersAndTheFundSixProjectsOfMoreThan5400Wan() {
        assertThat(alliance.statistics().members()).isEqualTo(41);
        assertThat(alliance.statistics().enterprisesServed()).isPositive();
        FundTotals totals = fund.totals();
        assertThat(totals.projects()).isEqualTo(6);
        assertThat(totals.totalWan()).isBetween(new java.math.BigDecimal("5400"), new java.math.BigDecimal("5500"));
    }

    @Test
    void eighteenPoliciesInFiveAreasAnd352XiangshangRegistrationsWith1321YiInPlace() {
        assertThat(policies.areas()).hasSize(5);
        assertThat(policies.list(null)).hasSize(18);
        InvestmentStatistics stats = investment.statistics();
        assertThat(stats.xiangshangRegistrations()).isEqualTo(352);
        assertThat(stats.xiangshangFundsYi()).isEqualByComparingTo("1321");
        assertThat(investment.leadCountsBySegment()).isNotEmpty();
    }

    @Test
    void demoAccountsOwnTheirEnterprisesAndTheDemandsFoundCrossCitySuppliers() {
        for (String staff : List.of("cs-gxj", "zz-gxj", "xt-gxj")) {
            assertThat(accounts.findByUsername(staff)).get().satisfies(u -> {
                assertThat(u.role()).isEqualTo(Role.CITY_STAFF);
                assertThat(u.departmentKind()).isEqualTo("GXJ");
            });
        }
        var zz = accounts.findByUsername("zz-enterprise").orElseThrow();
        Enterprise rail = enterprises.ofOrganisation(zz.organisationId()).orElseThrow();
        Demand demand = matching.demands(rail.id(), 10).stream().filter(d -> d.title().contains("牵引电机")).findFirst().orElseThrow();
        List<MatchCandidate> matches = matching.matches(demand.id());
        assertThat(matches).extracting(MatchCandidate::city).contains("长沙", "湘潭");
        assertThat(matches).anyMatch(m -> m.status() == MatchStatus.COOPERATED && m.crossCity());
        assertThat(matching.statistics().crossCityDeals()).isPositive();
        assertThat(enterprises.claims(accounts.findByUsername("zz-gxj").orElseThrow(), true)).isNotEmpty();
    }
}
