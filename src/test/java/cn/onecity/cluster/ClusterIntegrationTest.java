package cn.onecity.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

import cn.onecity.healthcard.HcTestData;
import cn.onecity.healthcard.SigningKeys;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.identity.internal.AccountAdministration;
import cn.onecity.industry.EnterpriseDraft;
import cn.onecity.industry.Enterprises;
import cn.onecity.search.SearchEntryChanged;
import cn.onecity.search.SearchIndex;

/**
 * Two instances of the platform on one database and one RabbitMQ broker ({@code onecity.cluster.enabled}): what one
 * instance changes, the other's search index, account cache and key ring follow.
 * <p>
 * Needs RabbitMQ on 127.0.0.1:5672 (guest/guest): skipped when there is none, unless {@code ONECITY_TEST_RABBITMQ}
 * is {@code required} (as in {@code .ci/run}), which makes a missing broker a failure.
 */
class ClusterIntegrationTest {

    static TwoInstances cluster;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static final List<Object> receivedByA = new CopyOnWriteArrayList<>();
    static final List<Object> receivedByB = new CopyOnWriteArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() throws IOException {
        assumeThat(TwoInstances.brokerRequiredOrReachable()).as("RabbitMQ on 127.0.0.1:5672").isTrue();
        // an account cache long enough that only the cluster event can explain a prompt refusal on the other instance;
        // a retries its failed sends every second, b (which shares the registry) only when a test asks it to
        String cache = "--onecity.security.api-account-cache=PT10M";
        cluster = new TwoInstances(receivedByA, receivedByB,
                List.of(cache, "--onecity.cluster.resend-interval=PT1S", "--onecity.cluster.resend-after=PT1S"),
                List.of(cache, "--onecity.cluster.resend-interval=PT1H"));
        a = cluster.a;
        b = cluster.b;
    }

    @AfterAll
    static void stop() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anEnterpriseRegisteredAndRenamedOnOneInstanceIsFoundOnTheOther() {
        Enterprises enterprises = a.getBean(Enterprises.class);
        String name = "集群测试企业" + UUID.randomUUID().toString().substring(0, 8);
        long id = enterprises.registerAsSystem(new EnterpriseDraft(name, HcTestData.creditCode(), "430302", null, "SMALL",
                "风电叶片", "", List.of(), List.of()));
        SearchIndex other = b.getBean(SearchIndex.class);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                other.find(Enterprises.COLLECTION, Long.toString(id))).hasValueSatisfying(hit -> assertThat(hit.title()).isEqualTo(name)));

        String renamed = name + "（更名）";
        HcTestData data = new HcTestData(a.getBean(Accounts.class), a.getBean(cn.onecity.healthcard.Hospitals.class));
        enterprises.update(data.admin(), id, new EnterpriseDraft(renamed, null, "430302", null, "SMALL", "风电叶片", "",
                List.of(), List.of()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                other.find(Enterprises.COLLECTION, Long.toString(id))).hasValueSatisfying(hit -> assertThat(hit.title()).isEqualTo(renamed)));

        SearchEntryChanged changed = new SearchEntryChanged(Enterprises.COLLECTION, Long.toString(id));
        assertThat(receivedByB).contains(changed);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receivedByA)
                .as("the instance that made the change receives it too, as a harmless refresh").contains(changed));
        // a confirmed send completes its publication, which is then deleted
        await().atMost(Duration.ofSeconds(20)).until(() -> publications(id) == 0);
    }

    @Test
    void aChangeMadeWhileTheBrokerWasOutOfReachArrivesOnceItIsBack() {
        Enterprises enterprises = a.getBean(Enterprises.class);
        SearchIndex other = b.getBean(SearchIndex.class);
        String name = "断网期间企业" + UUID.randomUUID().toString().substring(0, 8);
        cluster.brokerOfA.cut();
        long id;
        try {
            id = enterprises.registerAsSystem(new EnterpriseDraft(name, HcTestData.creditCode(), "430302", null, "SMALL",
                    "储能电池", "", List.of(), List.of()));
            awaitFailedSend(id);
            assertThat(other.find(Enterprises.COLLECTION, Long.toString(id))).isEmpty();
        } finally {
            cluster.brokerOfA.restore();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                other.find(Enterprises.COLLECTION, Long.toString(id))).hasValueSatisfying(hit -> assertThat(hit.title()).isEqualTo(name)));
    }

    @Test
    void aFailedSendResentByAnotherInstanceReachesThatInstanceToo() {
        Enterprises enterprises = a.getBean(Enterprises.class);
        SearchIndex other = b.getBean(SearchIndex.class);
        String name = "他机重发企业" + UUID.randomUUID().toString().substring(0, 8);
        cluster.brokerOfA.cut();
        try {
            long id = enterprises.registerAsSystem(new EnterpriseDraft(name, HcTestData.creditCode(), "430302", null,
                    "SMALL", "储能电池", "", List.of(), List.of()));
            String key = Long.toString(id);
            awaitFailedSend(id);
            // b retries the registry's failed sends, as its own job would; a is still cut off
            FailedEventPublications failed = b.getBean(FailedEventPublications.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                failed.resubmit(ResubmissionOptions.defaults().withFilter(p -> p.getEvent() instanceof SearchEntryChanged e
                        && e.id().equals(key)));
                assertThat(other.find(Enterprises.COLLECTION, key)).hasValueSatisfying(hit -> assertThat(hit.title()).isEqualTo(name));
            });
        } finally {
            cluster.brokerOfA.restore();
        }
    }

    static void awaitFailedSend(long enterpriseId) {
        JdbcClient jdbc = a.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM event_publication WHERE status = 'FAILED' AND serialized_event LIKE :id")
                .param("id", "%\"" + enterpriseId + "\"%").query(Integer.class).single() > 0);
    }

    /** The registry's publications of the enterprise's search entry, in any state. */
    static int publications(long enterpriseId) {
        return a.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE :id")
                .param("id", "%\"" + enterpriseId + "\"%").query(Integer.class).single();
    }

    @Test
    void anAccountDisabledOnOneInstanceIsRefusedByTheOtherAtOnceThoughItKeptTheAccount() throws Exception {
        Accounts accounts = a.getBean(Accounts.class);
        String username = TestAccounts.create(accounts, Role.RESIDENT);
        assertThat(me(b, username)).isEqualTo(200); // now kept by b for ten minutes

        HcTestData data = new HcTestData(accounts, a.getBean(cn.onecity.healthcard.Hospitals.class));
        a.getBean(AccountAdministration.class).disable(data.admin(), accounts.findByUsername(username).orElseThrow().accountId());

        await().atMost(Duration.ofSeconds(20)).until(() -> me(b, username) == 401);
    }

    @Test
    void aKeyRotatedOnOneInstanceBecomesTheOthersSigningKey() {
        HcTestData data = new HcTestData(a.getBean(Accounts.class), a.getBean(cn.onecity.healthcard.Hospitals.class));
        SigningKeys other = b.getBean(SigningKeys.class);

        String rotated = a.getBean(SigningKeys.class).rotate(data.admin());

        assertThat(rotated).isNotEqualTo(other.currentKeyId());
        await().atMost(Duration.ofSeconds(20)).until(() -> other.currentKeyId().equals(rotated));
        assertThat(other.trustList()).anySatisfy(k -> assertThat(k.keyId()).isEqualTo(rotated));
    }

    static int me(ConfigurableApplicationContext instance, String username) throws Exception {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        String basic = Base64.getEncoder().encodeToString((username + ":" + TestAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/identity/me"))
                .header("Authorization", "Basic " + basic).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
