package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import cn.onecity.shared.Times;
import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * Issue 6 §7 in a real browser with the demo accounts: a 长沙 institution (中南大学) publishes a result; the 湘潭
 * enterprise's demand matches it with reasons; the broker takes the pair and records 洽谈 → 签约; 长沙's 科技局
 * registers the contract and the 长沙 → 湘潭 flow rises on the contracts page (Sankey) and on the 驾驶舱.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class TransferBrowserTest {

    private static final String PASSWORD = "onecity2026";

    @LocalServerPort
    int port;

    static int flow(Locator table, String pair) {
        Locator row = table.locator("tr[data-flow='" + pair + "'] .oc-flow-contracts");
        return row.count() == 0 ? 0 : Integer.parseInt(row.innerText().trim());
    }

    static int dashboardFlow(Page page) {
        page.navigate("/dashboard");
        Locator rows = page.locator("#inv-flows-table tbody tr").filter(new Locator.FilterOptions().setHasText("长沙"));
        for (int i = 0; i < rows.count(); i++) {
            Locator cells = rows.nth(i).locator("th, td");
            if (cells.nth(0).textContent().trim().equals("长沙") && cells.nth(1).textContent().trim().equals("湘潭")) {
                return Integer.parseInt(cells.nth(2).textContent().trim());
            }
        }
        return 0;
    }

    @Test
    void aChangshaResultIsConvertedInXiangtanThroughABrokerAndTheFlowUpdates() {
        String title = "高功率密度永磁牵引电机轻量化设计" + ThreadLocalRandom.current().nextInt(1000, 10000);
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page anonymous = browser.newPage(1440, 1000);
            int dashboardBefore = dashboardFlow(anonymous);

            // 1. 中南大学 (长沙) publishes a result
            Page csu = browser.newPage(1440, 1000);
            Browser.login(csu, "cs-institution", PASSWORD);
            csu.navigate("/innovation/results");
            csu.getByLabel("成果名称").fill(title);
            csu.getByLabel("技术领域").fill("先进制造");
            csu.getByLabel("产业链环节").fill("电机电控");
            csu.getByLabel("成熟度 TRL（1–9）").fill("7");
            csu.getByLabel("转化方式").selectOption("LICENSE");
            csu.getByLabel("预期价格（万元）").fill("300");
            csu.getByLabel("成果简介").fill("永磁牵引电机功率密度提升与轻量化设计，已完成样机验证");
            csu.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发布成果")).click();
            csu.waitForLoadState();
            assertThat(csu.locator(".alert-success").innerText()).contains("科技成果已发布");
            assertThat(csu.locator("#results tbody tr").first().innerText()).contains(title, "中南大学", "长沙");

            // 2. the 湘潭 enterprise posts a demand; the 长沙 result is matched with its reasons
            Page xt = browser.newPage(1440, 1000);
            Browser.login(xt, "enterprise", PASSWORD);
            xt.navigate("/innovation/demands");
            xt.getByLabel("需求标题").fill("牵引电机轻量化设计");
            xt.getByLabel("技术领域").fill("先进制造");
            xt.getByLabel("预算（万元）").fill("500");
            xt.getByLabel("技术难题描述").fill("提升永磁牵引电机功率密度，壳体与转子轻量化设计");
            xt.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发布需求并匹配成果")).click();
            xt.waitForLoadState();
            assertThat(xt.url()).matches(".*/innovation/demands/\\d+");
            String demandUrl = xt.url();
            Locator match = xt.locator("li.oc-match").filter(new Locator.FilterOptions().setHasText(title));
            assertThat(match.count()).isEqualTo(1);
            assertThat(match.innerText()).contains("中南大学", "长沙", "跨市");
            assertThat(match.locator(".oc-reasons li").allInnerTexts())
                    .anyMatch(r -> r.startsWith("全文相关")).anyMatch(r -> r.startsWith("同一技术领域"))
                    .contains("跨市转化：成果在长沙，需求方在湘潭");
            Browser.screenshot(xt, "innovation-matches");

            // 3. the broker takes the pair and records 签约
            Page broker = browser.newPage(1440, 1000);
            Browser.login(broker, "broker", PASSWORD);
            broker.navigate(demandUrl);
            broker.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("承接对接：" + title)).click();
            broker.waitForLoadState();
            assertThat(broker.url()).endsWith("/innovation/deals");
            Locator deal = broker.locator(".oc-deal").filter(new Locator.FilterOptions().setHasText(title));
            assertThat(deal.locator(".oc-deal-stage").innerText()).isEqualTo("洽谈");
            deal.getByLabel("进展").selectOption("SIGNED");
            deal.getByLabel("说明").fill("双方签订技术许可合同");
            deal.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("记录进展")).click();
            broker.waitForLoadState();
            deal = broker.locator(".oc-deal").filter(new Locator.FilterOptions().setHasText(title));
            assertThat(deal.locator(".oc-deal-stage").innerText()).isEqualTo("签约");
            assertThat(deal.innerText()).contains("洽谈", "签约", "双方签订技术许可合同");

            // 4. 长沙市科学技术局 registers the contract; the 长沙 → 湘潭 flow rises
            Page kjj = browser.newPage(1440, 1100);
            Browser.login(kjj, "cs-kjj", PASSWORD);
            kjj.navigate("/innovation/contracts");
            int before = flow(kjj.locator("#flows-table"), "长沙-湘潭");
            kjj.getByLabel("合同类型").selectOption("LICENSE");
            kjj.getByLabel("合同名称").fill(title + "技术许可合同");
            kjj.getByLabel("对应对接（可选）").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel(kjj.locator("#k-deal option").filter(new Locator.FilterOptions().setHasText(title)).innerText()));
            kjj.getByLabel("卖方（技术供给方）").fill("中南大学");
            kjj.getByLabel("卖方城市").selectOption("430100");
            kjj.getByLabel("买方（技术需求方）").fill("湘潭智造电机有限公司（示例）");
            kjj.getByLabel("买方城市").selectOption("430300");
            kjj.getByLabel("合同金额（万元）").fill("300");
            kjj.getByLabel("登记日期").fill(LocalDate.now(Times.ZONE).toString());
            kjj.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登记合同")).click();
            kjj.waitForLoadState();
            assertThat(kjj.locator(".alert-success").innerText()).contains("技术合同已登记");
            assertThat(flow(kjj.locator("#flows-table"), "长沙-湘潭")).isEqualTo(before + 1);
            kjj.locator("#chart-flows canvas").waitFor();
            Browser.screenshot(kjj, "innovation-contract-flows");

            assertThat(dashboardFlow(anonymous)).isEqualTo(dashboardBefore + 1);
            anonymous.locator("#dash-innovation").scrollIntoViewIfNeeded();
            anonymous.locator("#chart-inv-flows canvas").waitFor();
            anonymous.locator("#dash-innovation").screenshot(new Locator.ScreenshotOptions()
                    .setPath(Browser.SCREENSHOTS.resolve("dashboard-innovation.png")));
        }
    }
}
