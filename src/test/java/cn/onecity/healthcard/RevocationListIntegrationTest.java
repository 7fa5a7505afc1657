package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.healthcard.offline.OfflineVerifier;
import cn.onecity.healthcard.offline.Revocations;
import cn.onecity.healthcard.offline.TrustLists;
import cn.onecity.healthcard.offline.TrustedKey;
import cn.onecity.healthcard.offline.Verification;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestClock;
import cn.onecity.services.ServicesIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 挂失 and the versioned revocation list: a hospital that verifies offline keeps a local view updated with
 * {@code since=N}, and refuses exactly the codes issued up to the report.
 */
@ServicesIntegrationTest
class RevocationListIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired Accounts accounts;
    @Autowired Hospitals hospitals;
    @Autowired HealthCards cards;
    @Autowired SigningKeys keys;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    HcTestData data;

    @BeforeEach
    void setUp() {
        data = new HcTestData(accounts, hospitals);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    CurrentUser holder() {
        CurrentUser resident = data.user(data.resident());
        cards.apply(resident, new NewCard("周八", HcTestData.idNumber(), "13700000000", "430100"));
        return resident;
    }

    JsonNode revocations(long since) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/healthcard/revocations").param("since", String.valueOf(since)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    /** What a hospital keeps: the trust list it checked, and the revocations it has fetched so far. */
    static final class HospitalView {
        final Map<String, Instant> revoked = new HashMap<>();
        long version;

        void apply(JsonNode page) {
            for (JsonNode e : page.get("entries")) {
                revoked.merge(e.get("cardId").asString(), Instant.parse(e.get("revokedAt").asString()),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
            version = page.get("version").asLong();
        }

        Revocations revocations() {
            return cardId -> Optional.ofNullable(revoked.get(cardId));
        }
    }

    @Test
    void aLossRefusesEarlierCodesOnlineAndOfflineWhileLaterCodesWork() throws Exception {
        CurrentUser resident = holder();
        Card card = cards.myCard(resident).orElseThrow();
        String before = cards.code(resident).payload();

        // the hospital's offline setup: the signed trust list and the revocation list up to now
        JsonNode list = json.readTree(mvc.perform(get("/api/v1/healthcard/trust-list")).andReturn().getResponse().getContentAsString());
        TrustedKey signer = keys.trustList().stream().filter(k -> k.keyId().equals(list.get("signedBy").asString())).findFirst().orElseThrow();
        List<TrustedKey> trusted = TrustLists.verify(list.get("document").asString(), list.get("signature").asString(), signer).orElseThrow();
        HospitalView view = new HospitalView();
        view.apply(revocations(0));
        while (revocations(view.version).get("more").asBoolean()) {
            view.apply(revocations(view.version));
        }
        OfflineVerifier offline = new OfflineVerifier(trusted, view.revocations());
        assertThat(offline.verify(before, clock.instant()).reason()).isEqualTo(Verification.Reason.OK);

        HealthCards.LossReport report = mvc.perform(post("/api/v1/healthcard/cards/me/loss")
                        .with(httpBasic(resident.username(), HcTestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").isNumber())
                .andReturn().getResponse().getContentAsString().transform(s -> json.readValue(s, HealthCards.LossReport.class));
        assertThat(report.version()).isGreaterThan(view.version);
        String after = cards.code(resident).payload();

        // offline, until the hospital fetches the new version, the old code still passes; then it is refused
        assertThat(offline.verify(before, clock.instant()).reason()).isEqualTo(Verification.Reason.OK);
        JsonNode page = revocations(view.version);
        assertThat(page.get("latest").asLong()).isGreaterThanOrEqualTo(report.version());
        view.apply(page);
        assertThat(view.version).isGreaterThanOrEqualTo(report.version());
        assertThat(offline.verify(before, clock.instant()).reason()).isEqualTo(Verification.Reason.REVOKED);
        assertThat(offline.verify(after, clock.instant()).reason()).isEqualTo(Verification.Reason.OK);

        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM idn_operation_log WHERE module = 'healthcard' AND action = '挂失电子健康卡' AND target = :c""")
                .param("c", card.cardId()).query(Integer.class).single()).isEqualTo(1);
        // nothing newer: the same version back, no entries
        JsonNode none = revocations(view.version);
        assertThat(none.get("entries")).isEmpty();
        assertThat(none.get("version").asLong()).isEqualTo(view.version);
    }

    @Test
    void versionsIncreaseWithoutGapsAndPagesResumeWhereTheyStopped() throws Exception {
        long start = revocations(0).get("latest").asLong();
        CurrentUser a = holder();
        CurrentUser b = holder();
        long v1 = cards.reportLoss(a).version();
        clock.advance(Duration.ofSeconds(1));
        long v2 = cards.reportLoss(b).version();
        clock.advance(Duration.ofSeconds(1));
        long v3 = cards.reportLoss(a).version(); // a second loss of the same card
        assertThat(List.of(v1, v2, v3)).isSorted().doesNotHaveDuplicates();
        assertThat(v1).isGreaterThan(start);

        HealthCards.RevocationPage first = cards.revocationsSince(v1 - 1, 2);
        assertThat(first.more()).isTrue();
        assertThat(first.entries()).extracting(HealthCards.RevocationEntry::version).containsExactly(v1, v1 + 1);
        HealthCards.RevocationPage rest = cards.revocationsSince(first.version(), 1000);
        assertThat(rest.entries()).extracting(HealthCards.RevocationEntry::version).contains(v3);
        // the later report of the same card is the later revokedAt
        Card card = cards.myCard(a).orElseThrow();
        assertThat(rest.entries().stream().filter(e -> e.cardId().equals(card.cardId())).findFirst().orElseThrow().revokedAt())
                .isEqualTo(card.revokedAt());
        mvc.perform(get("/api/v1/healthcard/revocations").param("since", "-1")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("since"));
        mvc.perform(get("/api/v1/healthcard/revocations").param("since", "abc")).andExpect(status().isBadRequest());
    }

    @Test
    void concurrentLossReportsGetDistinctConsecutiveVersions() throws Exception {
        List<CurrentUser> holders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            holders.add(holder());
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Long>> tasks = holders.stream().map(h -> (Callable<Long>) () -> cards.reportLoss(h).version()).toList();
            List<Long> versions = new ArrayList<>();
            for (Future<Long> f : pool.invokeAll(tasks)) {
                versions.add(f.get());
            }
            versions.sort(Long::compare);
            assertThat(versions).doesNotHaveDuplicates();
            assertThat(versions.get(versions.size() - 1) - versions.get(0)).isEqualTo(5 + otherReportsBetween(versions));
        } finally {
            pool.shutdown();
        }
    }

    /** Other tests' reports on a shared database may interleave; count them so the gap check stays exact. */
    long otherReportsBetween(List<Long> versions) {
        return jdbc.sql("SELECT COUNT(*) FROM hc_revocation WHERE version > :a AND version < :b")
                .param("a", versions.get(0)).param("b", versions.get(versions.size() - 1)).query(Long.class).single()
                - (versions.size() - 2);
    }
}
