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
 * Issue 6 §7, 揭榜挂帅 from publication to award in a real browser: the joint office publishes a challenge, 湘潭大学
 * and 中南大学 apply, the office starts the review, the 湘潭大学 expert is refused on 湘潭大学's proposal (利益冲突
 * 回避), two experts score 中南大学's proposal, the office awards it with milestones, and the public list shows 已揭榜.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class ChallengeBrowserTest {

    private static final String PASSWORD = "onecity2026";

    @LocalServerPort
    int port;

    static void apply(Browser browser, String user, String url, String team) {
        Page p = browser.newPage(1280, 900);
        Browser.login(p, user, PASSWORD);
        p.navigate(url);
        p.getByLabel("团队名称").fill(team);
        p.getByLabel("揭榜方案").fill(team + "：材料与结构协同设计方案");
        p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交揭榜方案")).click();
        p.waitForLoadState();
        assertThat(p.locator(".alert-success").innerText()).contains("揭榜方案已提交");
        p.context().close();
    }

    static Page score(Browser browser, String expert, String url, String team, String points) {
        Page p = browser.newPage(1280, 900);
        Browser.login(p, expert, PASSWORD);
        p.navigate(url);
        Locator card = p.locator(".oc-proposal").filter(new Locator.FilterOptions().setHasText(team));
        card.getByLabel("评分（0–100）").fill(points);
        card.getByLabel("评审意见").fill("指标可行");
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("提交评分：" + team)).click();
        p.waitForLoadState();
        return p;
    }

    @Test
    void aChallengeGoesFromPublicationToAwardWithTheConflictOfInterestRefused() {
        String title = "盾构机主轴承国产化揭榜" + ThreadLocalRandom.current().nextInt(1000, 10000);
        String xtTeam = "湘潭大学轴承团队";
        String csTeam = "中南大学密封团队";
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page office = browser.newPage(1280, 1000);
            Browser.login(office, "office", PASSWORD);
            office.navigate("/innovation/challenges");
            office.getByLabel("榜单名称").fill(title);
            office.getByLabel("榜单金额（万元）").fill("1200");
            office.getByLabel("揭榜截止日期").fill(LocalDate.now(Times.ZONE).plusDays(30).toString());
            office.getByLabel("技术难题").fill("大直径盾构机主轴承寿命不足，依赖进口");
            office.getByLabel("考核指标").fill("寿命 ≥ 10000 小时；成本较进口降低 30%");
            office.getByLabel("揭榜条件").fill("长株潭三市高校院所或企业");
            office.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("发布榜单")).click();
            office.waitForLoadState();
            assertThat(office.url()).matches(".*/innovation/challenges/\\d+");
            String url = office.url().replaceFirst("^https?://[^/]+", "");
            assertThat(office.locator("#challenge-stage").innerText()).isEqualTo("征集中");

            apply(browser, "institution", url, xtTeam);
            apply(browser, "cs-institution", url, csTeam);

            office.navigate(url);
            office.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("截止征集，进入评审")).click();
            office.waitForLoadState();
            assertThat(office.locator("#challenge-stage").innerText()).isEqualTo("评审中");

            // the 湘潭大学 expert may not score 湘潭大学's proposal
            Page refused = score(browser, "expert2", url, xtTeam, "95");
            assertThat(refused.locator(".alert-danger").innerText()).contains("利益冲突回避");
            Locator xtCard = refused.locator(".oc-proposal").filter(new Locator.FilterOptions().setHasText(xtTeam));
            assertThat(xtCard.innerText()).contains("专家评分 0 份");
            refused.context().close();
            score(browser, "expert2", url, csTeam, "90").context().close();
            score(browser, "expert1", url, csTeam, "86").context().close();
            score(browser, "expert1", url, xtTeam, "80").context().close();

            office.navigate(url);
            Locator csCard = office.locator(".oc-proposal").filter(new Locator.FilterOptions().setHasText(csTeam));
            assertThat(csCard.innerText()).contains("专家评分 2 份", "平均 88.0 分");
            office.getByLabel("揭榜方案").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel(office.locator("#a-proposal option").filter(new Locator.FilterOptions().setHasText(csTeam)).innerText()));
            office.getByLabel("里程碑 1 名称").fill("样机设计评审");
            office.getByLabel("里程碑 1 日期").fill(LocalDate.now(Times.ZONE).plusDays(60).toString());
            office.getByLabel("里程碑 2 名称").fill("台架寿命试验");
            office.getByLabel("里程碑 2 日期").fill(LocalDate.now(Times.ZONE).plusDays(180).toString());
            office.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("确定揭榜方")).click();
            office.waitForLoadState();
            assertThat(office.locator("#challenge-stage").innerText()).isEqualTo("已揭榜");
            assertThat(office.locator(".oc-proposal").filter(new Locator.FilterOptions().setHasText(csTeam)).innerText())
                    .contains("揭榜方");
            assertThat(office.locator("#milestones").innerText()).contains("样机设计评审", "台架寿命试验");
            Browser.screenshot(office, "innovation-challenge");

            // the public list, without signing in
            Page anonymous = browser.newPage(1280, 900);
            anonymous.navigate("/innovation/challenges");
            Locator row = anonymous.locator("#challenge-list tbody tr").filter(new Locator.FilterOptions().setHasText(title));
            assertThat(row.locator(".oc-stage").innerText()).isEqualTo("已揭榜");
            assertThat(row.innerText()).contains(csTeam);
            Browser.screenshot(anonymous, "innovation-challenges");

            // its public page names the winning team, and shows no team's plan
            anonymous.navigate(url);
            assertThat(anonymous.locator("#challenge-winner").innerText()).isEqualTo(csTeam);
            assertThat(anonymous.locator(".oc-proposal").count()).isZero();
            assertThat(anonymous.locator("#proposals-hidden").innerText()).contains("仅发榜单位、一体化办和评审专家可见");
        }
    }
}
