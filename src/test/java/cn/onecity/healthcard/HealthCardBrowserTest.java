package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import cn.onecity.healthcard.offline.HealthCodes;
import cn.onecity.shared.OneCityProperties;
import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * The 一卡通 in a real browser with the demo accounts: the 湘潭 {@code resident} applies and sees the QR (read back
 * with zbarimg, a decoder nobody here wrote, where it is installed); the 长沙 {@code hospital} user pastes the scanned
 * text and the visit is recorded; the resident sees the use, and one that the 株洲 hospital verified offline and reported
 * afterwards; a tampered and an expired code are refused with their reasons.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class HealthCardBrowserTest {

    private static final String PASSWORD = "onecity2026";
    private static final Path ZBARIMG = Path.of("/usr/bin/zbarimg");

    @LocalServerPort
    int port;

    @Autowired OneCityProperties properties;

    @Test
    void aXiangtanResidentsCardIsVerifiedInChangshaAndTamperedOrExpiredCodesAreRefused() throws Exception {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page resident = browser.newPage(1280, 1000);
            Browser.login(resident, "resident", PASSWORD);
            resident.navigate("/healthcard");
            resident.getByLabel("姓名").fill("陈示例");
            resident.getByLabel("居民身份证号码").fill("43030219850315123");  // 17 digits: refused
            resident.getByLabel("手机号码").fill("13900002222");
            resident.getByLabel("居住地").selectOption("430300");
            resident.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开通电子健康卡")).click();
            resident.waitForLoadState();
            assertThat(resident.locator("#idNumber-error").textContent()).contains("身份证号码应为 18 位");
            assertThat(resident.getByLabel("手机号码").inputValue()).isEqualTo("13900002222");
            String idNumber = HcTestData.idNumber();
            resident.getByLabel("居民身份证号码").fill(idNumber);
            resident.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("开通电子健康卡")).click();
            resident.waitForLoadState();

            Locator qr = resident.locator("#ehc-code img");
            assertThat(qr.isVisible()).isTrue();
            assertThat(resident.content()).contains("陈**").doesNotContain(idNumber);
            String payload = resident.locator("[data-ehc-payload]").textContent().strip();
            assertThat(payload).startsWith("EHC1:");
            Path shot = Files.createTempFile("ehc", ".png");
            qr.screenshot(new Locator.ScreenshotOptions().setPath(shot));
            if (Files.isExecutable(ZBARIMG)) {
                assertThat(zbarimg(shot)).isEqualTo(payload);
            }

            // the hospital in 长沙 scans it
            Page hospital = browser.newPage(1280, 900);
            Browser.login(hospital, "hospital", PASSWORD);
            hospital.navigate("/healthcard/verify");
            verify(hospital, payload, "挂号");
            assertThat(hospital.locator("#verification-result h2").textContent()).isEqualTo("核验通过");
            assertThat(hospital.locator("#verification-result").textContent()).contains("陈**").contains("湘潭")
                    .doesNotContain(idNumber);
            Browser.screenshot(hospital, "healthcard-verify");

            // the resident sees the use
            resident.navigate("/healthcard");
            Locator uses = resident.locator("#uses tbody tr");
            assertThat(uses.count()).isEqualTo(1);
            assertThat(uses.first().textContent()).contains("中南大学湘雅医院").contains("长沙").contains("挂号");

            // 株洲市中心医院's network was down: it verified the same code offline and reports the use afterwards
            String report = "{\"uses\":[{\"payload\":\"" + payload + "\",\"purpose\":\"取药\",\"department\":\"药剂科\","
                    + "\"usedAt\":\"" + java.time.OffsetDateTime.now(cn.onecity.shared.Times.ZONE).withNano(0) + "\"}]}";
            java.net.http.HttpResponse<String> reported = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/healthcard/uses"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                    .encodeToString(("zz-hospital:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(report)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(reported.statusCode()).isEqualTo(200);
            assertThat(reported.body()).contains("\"recorded\":1");
            resident.navigate("/healthcard");
            assertThat(uses.count()).isEqualTo(2);
            assertThat(uses.filter(new Locator.FilterOptions().setHasText("株洲市中心医院")).textContent())
                    .contains("株洲").contains("取药").contains("离线核验");
            assertThat(uses.filter(new Locator.FilterOptions().setHasText("中南大学湘雅医院")).textContent())
                    .doesNotContain("离线核验");
            Browser.screenshot(resident, "healthcard-card");

            // a tampered code
            int dot = payload.indexOf('.');
            char c = payload.charAt(dot + 10);
            verify(hospital, payload.substring(0, dot + 10) + (c == 'A' ? 'B' : 'A') + payload.substring(dot + 11), "就诊");
            assertThat(hospital.locator("#verification-result h2").textContent()).isEqualTo("核验未通过");
            assertThat(hospital.locator("[data-reason]").textContent()).isEqualTo("SIGNATURE_INVALID");
            assertThat(hospital.locator("#verification-result").textContent()).contains("二维码签名无效，可能已被篡改");

            // an expired code: signed by the platform's key ten minutes ago, valid for five
            String cardId = HealthCodes.parse(payload).orElseThrow().body().cardId();
            verify(hospital, expiredCode(cardId), "就诊");
            assertThat(hospital.locator("[data-reason]").textContent()).isEqualTo("EXPIRED");
            assertThat(hospital.locator("#verification-result").textContent()).contains("二维码已过期，请刷新后重新出示");

            resident.navigate("/healthcard");
            assertThat(resident.locator("#uses tbody tr").count()).isEqualTo(2); // the refused codes left no use

            Page visitor = browser.newPage(1280, 1000);
            visitor.navigate("/healthcard/hospitals");
            assertThat(visitor.locator("[data-figure=coverage]").textContent()).isEqualTo("100.0%");
            Browser.screenshot(visitor, "healthcard-hospitals");
        }
    }

    private static void verify(Page hospital, String payload, String purpose) {
        hospital.getByLabel("二维码文本（扫码枪读取后自动填入）").fill(payload);
        hospital.getByLabel("用途").selectOption(purpose);
        hospital.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("核验").setExact(true)).click();
        hospital.waitForLoadState();
    }

    /**
     * A code the platform's key signed when it was created, valid for one second (read from the key directory, as the
     * platform would sign); waits, if need be, until the tolerated 30 s of clock skew have passed too.
     */
    private String expiredCode(String cardId) throws IOException, InterruptedException {
        Path dir = properties.resolve("keys", "healthcard");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.key")) {
            Path file = files.iterator().next();
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file)));
            Instant issued = Instant.parse(p.getProperty("validFrom").trim()).truncatedTo(ChronoUnit.SECONDS);
            HealthCodes.Body body = HealthCodes.Body.create(p.getProperty("keyId").trim(), cardId, issued, issued.plusSeconds(1));
            long wait = issued.plusSeconds(33).toEpochMilli() - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            return HealthCodes.sign(body, HealthCodes.privateKey(p.getProperty("privateKey").trim()));
        }
    }

    private static String zbarimg(Path image) throws Exception {
        Process p = new ProcessBuilder(ZBARIMG.toString(), "--raw", "-q", image.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start(); // it may complain about D-Bus on stderr
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
