package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An acknowledged submission survives {@code kill -9}: the platform runs in its own JVM (with demo data, on a
 * fresh H2 file database, or on a fresh PostgreSQL database when the suite runs on PostgreSQL), four clients
 * submit applications in a loop, the JVM is killed with SIGKILL right after a 201, and after a restart every
 * acknowledged application is there with its process waiting at the first step and its materials readable.
 */
class CrashDurabilityIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("resident:onecity2026".getBytes(StandardCharsets.UTF_8));
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyAcknowledgedSubmissionSurvivesAKillOfTheJvmAndItsProcessIsRunningAfterRestart() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "crash-");
        String pgUrl = System.getenv("ONECITY_TEST_DB_URL");
        String database = null;
        if (pgUrl != null && pgUrl.startsWith("jdbc:postgresql:")) {
            database = "onecity_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            admin(pgUrl, "CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        }
        try {
            int port = freePort();
            Process app = start(dataDir, port, pgUrl, database, "run1");
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            try {
                awaitUp(app, port);
                long itemId = proxyItem(port);
                JsonNode item = get(port, "/api/v1/services/items/" + itemId);
                submitUntilKilled(app, port, item, acknowledged);
            } finally {
                app.destroyForcibly();
                app.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

            Process again = start(dataDir, port, pgUrl, database, "run2");
            try {
                awaitUp(again, port);
                for (String number : acknowledged) {
                    JsonNode v = get(port, "/api/v1/services/applications/" + number);
                    assertThat(v.get("number").asString()).isEqualTo(number);
                    assertThat(v.get("status").asString()).isEqualTo("IN_PROGRESS");
                    assertThat(v.get("openTasks")).as("process of " + number).hasSize(1);
                    assertThat(v.get("openTasks").get(0).get("key").asString()).isEqualTo("windowCheck");
                    JsonNode material = v.get("materials").get(0);
                    HttpResponse<byte[]> file = http.send(request(port, "/api/v1/services/applications/" + number
                            + "/materials/" + material.get("id").asLong()).build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(file.statusCode()).as("material of " + number).isEqualTo(200);
                }
            } finally {
                again.destroyForcibly();
                again.waitFor(30, TimeUnit.SECONDS);
            }
            deleteTree(dataDir); // kept (with run1.log and run2.log) when the test fails
        } finally {
            if (database != null) {
                admin(pgUrl, "DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private void submitUntilKilled(Process app, int port, JsonNode item, List<String> acknowledged) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                while (!killed.get()) {
                    try {
                        HttpResponse<String> r = http.send(multipart(port, item), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("submission answered " + r.statusCode() + ": " + r.body());
                        }
                        acknowledged.add(JSON.readTree(r.body()).get("number").asString());
                        if (acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL && killed.compareAndSet(false, true)) {
                            app.destroyForcibly(); // SIGKILL, right after the acknowledgement
                        }
                    } catch (IOException e) {
                        return null; // the JVM is gone
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        app.waitFor(30, TimeUnit.SECONDS);
        assertThat(app.isAlive()).isFalse();
    }

    private HttpRequest multipart(int port, JsonNode item) throws IOException {
        String boundary = "----onecity" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "itemId", item.get("id").asString());
        field(body, boundary, "mode", "PROXY");
        field(body, boundary, "acceptCity", "430300");
        field(body, boundary, "handleCity", "430100");
        field(body, boundary, "applicantName", "张示例");
        field(body, boundary, "idNumber", SvcTestData.ID_NUMBER);
        field(body, boundary, "phone", "13900001111");
        for (JsonNode f : item.get("formFields")) {
            field(body, boundary, "form[" + f.get("label").asString() + "]", "示例");
        }
        for (JsonNode m : item.get("materials")) {
            if (m.get("required").asBoolean()) {
                byte[] pdf = ("%PDF-1.4\n% " + UUID.randomUUID() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"material-" + m.get("id").asLong()
                        + "\"; filename=\"m.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(pdf);
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request(port, "/api/v1/services/applications").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) throws IOException {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", AUTH);
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(request(port, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private long proxyItem(int port) throws Exception {
        JsonNode page = get(port, "/api/v1/services/items?mode=PROXY&q=" + URLEncoder.encode("异地转移接续住房公积金", StandardCharsets.UTF_8));
        assertThat(page.get("totalElements").asLong()).isPositive();
        return page.get("content").get(0).get("id").asLong();
    }

    private Process start(Path dataDir, int port, String pgUrl, String database, String run) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", cp, "cn.onecity.OneCityApplication",
                "--server.port=" + port, "--onecity.data-dir=" + dataDir.toAbsolutePath(), "--onecity.demo.enabled=true",
                "--server.address=127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (database != null) {
            cmd.add("--spring.profiles.active=postgres");
            pb.environment().put("ONECITY_DB_URL", pgUrl.substring(0, pgUrl.lastIndexOf('/') + 1) + database);
            pb.environment().put("ONECITY_DB_USER", System.getenv().getOrDefault("ONECITY_TEST_DB_USER", "postgres"));
            pb.environment().put("ONECITY_DB_PASSWORD", System.getenv().getOrDefault("ONECITY_TEST_DB_PASSWORD", ""));
        }
        pb.command(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dataDir.resolve(run + ".log").toFile());
        return pb.start();
    }

    private void awaitUp(Process app, int port) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < end) {
            if (!app.isAlive()) {
                throw new AssertionError("the platform exited with " + app.exitValue() + " before it was up");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the platform did not come up within 4 minutes");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void admin(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, System.getenv().getOrDefault("ONECITY_TEST_DB_USER", "postgres"),
                System.getenv().getOrDefault("ONECITY_TEST_DB_PASSWORD", ""))) {
            c.createStatement().execute(sql);
        }
    }
}
