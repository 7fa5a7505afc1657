package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * The whole 督办 loop in a real browser: a city department files a progress report with an attachment,
 * the joint office accepts it, the item turns 已完成 and the meeting's summary count goes up by one.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class ProgressReportBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    CooperationManagement management;

    @Autowired
    Accounts accounts;

    @Test
    void cityStaffReportAcceptedByJointOfficeCompletesTheItemAndTheSummaryCountChanges() throws Exception {
        CurrentUser office = accounts.findByUsername("office").orElseThrow();
        int meeting = ThreadLocalRandom.current().nextInt(1000, 999_999);
        management.createMeeting(office, meeting, "浏览器测试联席会议（示例）", LocalDate.of(2026, 1, 10), "430300", "测试", "示例");
        long action = management.ensureAction(office, meeting, "测试行动（示例）");
        long itemId = management.createItem(office, new NewItem(action, "BT-" + meeting, "融城干道测试事项（示例）",
                Area.TRANSPORT, "430100-JTJ", List.of("430300-JTJ"), "建成通车", LocalDate.of(2026, 12, 31), 1.0,
                "示例", List.of()));
        String base = "http://localhost:" + port;
        assertThat(summaryCompleted(base, meeting)).isEqualTo(0);

        try (Browser browser = new Browser(base)) {
            Page staff = browser.newPage(1440, 900);
            Browser.login(staff, "cs-jt", "onecity2026");
            staff.navigate("/cooperation/items/" + itemId);
            staff.getByLabel("进展说明").fill("道路已建成通车，完成竣工验收。");
            staff.getByLabel("完成百分比").fill("100");
            staff.getByLabel("佐证材料").setInputFiles(new FilePayload("竣工验收报告.pdf", "application/pdf",
                    "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
            staff.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("提交进展报告")).click();
            staff.waitForLoadState();
            assertThat(staff.content()).contains("竣工验收报告.pdf");
            Browser.screenshot(staff, "cooperation-item-report-submitted");

            Page officePage = browser.newPage(1440, 900);
            Browser.login(officePage, "office", "onecity2026");
            officePage.navigate("/cooperation/items/" + itemId);
            officePage.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("通过").setExact(true)).first().click();
            officePage.waitForLoadState();
            assertThat(officePage.content()).contains("已完成");

            officePage.navigate("/cooperation/summary?meeting=" + meeting);
            assertThat(officePage.content()).contains("融城干道测试事项（示例）");
        }
        assertThat(summaryCompleted(base, meeting)).isEqualTo(1);
    }

    private static int summaryCompleted(String base, int meeting) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/cooperation/summary?meeting=" + meeting))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("office:onecity2026".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("\"completed\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
