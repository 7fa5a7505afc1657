package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;

/**
 * The multipart limits are enforced by the servlet container, which MockMvc does not run: a real server on a
 * random port, an upload of a file over 20 MB, and the answer must be a Chinese problem document (413).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ServicesApiUploadLimitIntegrationTest {

    @LocalServerPort int port;
    @Autowired Accounts accounts;
    @Autowired Catalogue catalogue;
    @Autowired JdbcClient jdbc;

    @Test
    void aFileOver20MbIsRefusedWith413ProblemJsonInChineseAndNothingIsSaved() throws Exception {
        SvcTestData data = new SvcTestData(accounts, catalogue);
        CurrentUser resident = data.resident();
        ServiceItem item = data.item("GJJ", "ONLINE,PROXY", 5);
        Material id = item.materials().get(0);

        String boundary = "----onecity" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, boundary, "itemId", Long.toString(item.id()));
        field(body, boundary, "mode", "ONLINE");
        field(body, boundary, "handleCity", "430100");
        byte[] big = Arrays.copyOf(SvcTestData.PDF, 21 * 1024 * 1024);
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"material-" + id.id()
                + "\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(big);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/services/applications"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (resident.username() + ":" + SvcTestData.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("20 MB");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM svc_application WHERE applicant_account_id = :a")
                .param("a", resident.accountId()).query(Long.class).single()).isZero();
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) throws Exception {
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
