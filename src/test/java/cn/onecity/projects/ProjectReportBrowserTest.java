package cn.onecity.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import cn.onecity.shared.Times;
import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * 重大项目 in a real browser with the demo accounts: {@code cs-jt} (长沙市交通运输局) reports this month's investment on
 * 长沙白庭路—湘潭银盖路; the project's total and the 驾驶舱's 融城干道 total (57亿元 from the demo reports) both rise.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class ProjectReportBrowserTest {

    private static final String PASSWORD = "onecity2026";

    @LocalServerPort
    int port;

    @Test
    void csJtReportsAMonthAndTheProjectAndDashboardTotalsRise() {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page dash = browser.newPage(1280, 900);
            dash.navigate("/dashboard");
            BigDecimal roadsBefore = new BigDecimal(dash.locator("#prj-roads-invested span").textContent().strip());
            assertThat(roadsBefore).isEqualByComparingTo("57");
            // the block only: the full 驾驶舱 is in dashboard.png; as the demo data has it
            dash.locator("#chart-prj-city canvas").first().waitFor();
            dash.locator("#dash-projects").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("dashboard-projects.png")));

            Page page = browser.newPage(1280, 1000);
            Browser.login(page, "cs-jt", PASSWORD);
            page.navigate("/projects?type=ROAD");
            assertThat(page.locator("#prj-invested").textContent().strip()).isEqualTo("57");
            Browser.screenshot(page, "projects-list");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("长沙白庭路—湘潭银盖路")).click();
            page.waitForURL(url -> url.matches(".*/projects/\\d+$"));
            BigDecimal before = new BigDecimal(page.locator("#project-invested").textContent().strip());

            // a negative amount is refused next to its field and nothing changes
            String month = YearMonth.now(Times.ZONE).toString();
            page.getByLabel("月份").fill(month);
            page.getByLabel("本月完成投资（万元）").fill("-100");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("报送").setExact(true)).click();
            page.waitForLoadState();
            assertThat(page.locator("#amount-error").textContent()).contains("不能为负数");
            assertThat(new BigDecimal(page.locator("#project-invested").textContent().strip())).isEqualByComparingTo(before);

            page.getByLabel("月份").fill(month);
            page.getByLabel("本月完成投资（万元）").fill("5000");
            page.getByLabel("进展说明").fill("跨线桥附属工程施工（浏览器测试）");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("报送").setExact(true)).click();
            page.waitForLoadState();
            assertThat(page.locator(".alert-success").textContent()).contains("已报送 长沙 " + month).contains("5000 万元");
            assertThat(new BigDecimal(page.locator("#project-invested").textContent().strip()))
                    .isEqualByComparingTo(before.add(new BigDecimal("0.5")));
            assertThat(page.locator("#report-table tbody tr").first().textContent()).contains(month).contains("cs-jt");
            page.locator("#chart-project-months canvas").first().waitFor();
            Browser.screenshot(page, "projects-detail");

            dash.navigate("/dashboard");
            assertThat(new BigDecimal(dash.locator("#prj-roads-invested span").textContent().strip()))
                    .isEqualByComparingTo("57.5");
        }
    }
}
