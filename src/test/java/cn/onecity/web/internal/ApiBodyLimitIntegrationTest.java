package cn.onecity.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;

/**
 * An API body over 4 MB (other than an upload) is refused with a Chinese 413 problem document, whether its length
 * is declared (refused before it is read) or it arrives chunked (refused once it passes the limit), on a real server:
 * MockMvc neither streams nor chunks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiBodyLimitIntegrationTest {

    @LocalServerPort int port;
    @Autowired Accounts accounts;

    /** A JSON object of about {@code bytes} bytes: one long string field. */
    static byte[] json(int bytes) {
        return ("{\"name\":\"" + "长".repeat(bytes / 3) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    HttpResponse<String> post(String username, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/healthcard/cards"))
                .header("Content-Type", "application/json").POST(body);
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + TestAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("请求体过大：不能超过 4 MB");
    }

    @Test
    void aDeclaredBodyOver4MbIsRefusedBeforeItIsRead() throws Exception {
        assertTooLarge(post(null, HttpRequest.BodyPublishers.ofByteArray(json(5 * 1024 * 1024))));
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
        String resident = TestAccounts.create(accounts, Role.RESIDENT);
        byte[] big = json(5 * 1024 * 1024);
        assertTooLarge(post(resident, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        // under the limit, chunked or not, the body reaches the controller, which answers its own 400
        byte[] small = "{\"name\":\"陈示例\",\"idNumber\":\"123\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = post(resident, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)));
        assertThat(chunked.statusCode()).isEqualTo(400);
        assertThat(chunked.body()).contains("idNumber");
        assertThat(post(resident, HttpRequest.BodyPublishers.ofByteArray(json(3 * 1024 * 1024))).statusCode()).isEqualTo(400);
    }
}
