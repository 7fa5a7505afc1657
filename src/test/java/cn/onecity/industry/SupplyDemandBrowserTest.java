package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * Issue 5 §11 in a real browser with the demo accounts: a 株洲 enterprise posts a demand, the match list shows
 * a 长沙 and a 湘潭 supplier ranked with reasons, the 株洲 enterprise marks the 湘潭 one 已合作, and the
 * 驾驶舱's cross-city match count rises. Also takes the module's screenshots (chain panorama, directory, matches).
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class SupplyDemandBrowserTest {

    private static final String PASSWORD = "onecity2026";

    @LocalServerPort
    int port;

    static int crossCity(Page page) {
        page.navigate("/industry/demands");
        return Integer.parseInt(page.locator("#cross-city-matches").innerText().trim());
    }

    /** The 驾驶舱's cross-city match figure (public, no sign-in). */
    static int dashboardCrossCity(Page page) {
        page.navigate("/dashboard");
        return Integer.parseInt(page.locator("#ind-cross-city").innerText().trim());
    }

    @Test
    void aZhuzhouDemandFindsChangshaAndXiangtanSuppliersAndADealCountsAsCrossCity() {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page anonymous = browser.newPage(1440, 1000);
            int dashboardBefore = dashboardCrossCity(anonymous);
            Page zz = browser.newPage(1440, 1000);
            Browser.login(zz, "zz-enterprise", PASSWORD);
            int before = crossCity(zz);
            zz.getByLabel("标题").fill("采购城轨牵引电机和轴箱轴承");
            zz.locator("#d-desc").fill("地铁车辆项目需永磁牵引电机、轴箱轴承就近配套");
            zz.getByLabel("数量").fill("电机 60 台");
            zz.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发布需求并匹配")).click();
            zz.waitForLoadState();
            assertThat(zz.url()).matches(".*/industry/demands/\\d+");
            Locator cards = zz.locator("li.oc-match");
            assertThat(cards.count()).isGreaterThanOrEqualTo(2);
            Locator changsha = cards.filter(new Locator.FilterOptions().setHasText("长沙示例精密轴承有限公司（示例）"));
            Locator xiangtan = cards.filter(new Locator.FilterOptions().setHasText("湘潭智造电机有限公司（示例）"));
            assertThat(changsha.locator(".oc-reasons li").allInnerTexts()).anyMatch(r -> r.startsWith("链上游配套"));
            assertThat(xiangtan.locator(".oc-reasons li").allInnerTexts()).anyMatch(r -> r.startsWith("全文相关"));
            assertThat(changsha.innerText()).contains("长沙");
            assertThat(xiangtan.innerText()).contains("湘潭");
            Browser.screenshot(zz, "industry-matches");

            xiangtan.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("将湘潭智造电机有限公司（示例）标记为已合作")).click();
            zz.waitForLoadState();
            assertThat(zz.locator("li.oc-match").filter(new Locator.FilterOptions().setHasText("湘潭智造电机有限公司（示例）"))
                    .locator(".oc-match-status").innerText()).isEqualTo("已合作");
            assertThat(crossCity(zz)).isEqualTo(before + 1);
            assertThat(dashboardCrossCity(anonymous)).isEqualTo(dashboardBefore + 1);
            anonymous.locator("#dash-industry").scrollIntoViewIfNeeded();
            Browser.screenshot(anonymous, "dashboard-industry");

            Page staff = browser.newPage(1440, 1000);
            Browser.login(staff, "zz-gxj", PASSWORD);
            staff.navigate("/industry/chains");
            staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("轨道交通装备").setExact(true)).click();
            staff.waitForLoadState();
            staff.locator("#chain-tree canvas").waitFor();
            Browser.screenshot(staff, "industry-chain-panorama");
            staff.navigate("/industry/enterprises");
            Browser.screenshot(staff, "industry-enterprises");
            staff.navigate("/industry/claims");
            assertThat(staff.locator("table").innerText()).contains("株洲示例硬质合金有限公司（示例）", "待确认");
        }
    }
}
