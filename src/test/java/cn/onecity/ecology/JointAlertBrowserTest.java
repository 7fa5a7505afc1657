package cn.onecity.ecology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * 联防联控 in a real browser with the demo accounts: 湘潭's ecology bureau uploads a CSV in which one hour of the 湘江
 * 湘潭 section is worse than its target class II; the alert reaches 长沙, 株洲 and 湘潭, and each city's {@code *-eco}
 * user opens it from the message and acknowledges it with a response.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class JointAlertBrowserTest {

    private static final String PASSWORD = "onecity2026";

    @LocalServerPort
    int port;

    @Test
    void aCsvWithOneSectionWorseThanItsTargetAlertsEveryCityWhichAcknowledges() {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page xt = browser.newPage(1280, 900);
            Browser.login(xt, "xt-eco", PASSWORD);
            xt.navigate("/ecology/readings/upload");
            String csv = "station,time,DO,CODMn,NH3N,TP,pH\n"
                    + "W-XT-XJ-01,2026-05-03T08:00:00+08:00,7.2,3.1,0.30,0.06,7.5\n"
                    + "W-XT-XJ-01,2026-05-03T09:00:00+08:00,5.5,5.2,1.20,0.15,7.4\n";
            xt.getByLabel("水质（station,time,DO,CODMn,NH3N,TP,…）").check();
            xt.getByLabel("CSV 文件（不超过 5 MB）").setInputFiles(new FilePayload("readings.csv", "text/csv",
                    csv.getBytes(StandardCharsets.UTF_8)));
            xt.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("上传并评价")).click();
            xt.waitForLoadState();
            String result = xt.locator("#upload-result").textContent();
            assertThat(result).contains("新保存 2 条").contains("II 类").contains("IV 类，已发出预警");
            Browser.screenshot(xt, "ecology-upload");

            for (String user : new String[] {"cs-eco", "zz-eco", "xt-eco"}) {
                Page page = browser.newPage(1280, 900);
                Browser.login(page, user, PASSWORD);
                page.navigate("/notifications");
                page.locator(".list-group-item", new Page.LocatorOptions().setHasText("【联防联控预警】湘潭 湘江湘潭五星断面：水质未达目标"))
                        .first().getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("查看")).click();
                page.waitForURL(url -> url.contains("/ecology/alerts/"));
                assertThat(page.locator("h1").textContent()).contains("湘江湘潭五星断面").contains("水质未达目标");
                assertThat(page.locator("#joint-actions").textContent()).contains("湘江治污、大气治污、森林防灭火联防联控行动");
                page.getByLabel("本局反馈：已采取或将采取的措施").fill(user + " 已启动上下游联合排查（示例）");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("确认预警")).click();
                page.waitForLoadState();
                assertThat(page.locator("#acks").textContent()).contains(user + " 已启动上下游联合排查（示例）");
                if (user.equals("xt-eco")) {
                    Browser.screenshot(page, "ecology-alert");
                }
            }
            xt.navigate("/ecology/alerts");
            assertThat(xt.locator("#alerts tbody tr").first().textContent()).contains("3 / 3").contains("未关闭");
            Browser.screenshot(xt, "ecology-alerts");

            // the public report: the upload's section is in this month's table, and the figures are drawn
            Page anonymous = browser.newPage(1280, 900);
            anonymous.navigate("/ecology/reports");
            assertThat(anonymous.locator("#water-sections").textContent()).contains("湘江湘潭五星断面");
            assertThat(anonymous.locator("#air-cities").textContent()).contains("萍乡");
            assertThat(anonymous.locator("#chart-water-share canvas").count()).isEqualTo(1);
            Browser.screenshot(anonymous, "ecology-reports");
        }
    }
}
