package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

import cn.onecity.identity.Accounts;
import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * A whole 异地代收代办 case in a real browser, with the demo accounts: the 湘潭 resident applies at the 湘潭
 * window for a housing-fund item handled in 长沙; 湘潭 forwards it; 长沙 asks for 补正, which stops the clock;
 * the resident supplements; 长沙 accepts, reviews, decides and mails the result; the resident rates the
 * department 不满意, and a rectification task appears for 长沙's housing-fund centre.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class ProxyCaseBrowserTest {

    private static final String PASSWORD = "onecity2026";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    private static FilePayload pdf(String name) {
        return new FilePayload(name, "application/pdf", PDF);
    }

    private static void submitTask(Page page, String outcome) {
        page.getByLabel(outcome, new Page.GetByLabelOptions().setExact(true)).check();
    }

    private static void clickSubmit(Page page, String name) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
        page.waitForLoadState();
    }

    @Test
    void aResidentsProxyCaseGoesThroughTheXiangtanWindowAndChangshaWithSupplementToDeliveryAndABadRatingOpensRectification() {
        String base = "http://localhost:" + port;
        try (Browser browser = new Browser(base)) {
            // the resident finds the item in the catalogue and applies at the 湘潭 window for 长沙
            Page resident = browser.newPage(1440, 1000);
            Browser.login(resident, "resident", PASSWORD);
            resident.navigate("/services?q=" + java.net.URLEncoder.encode("公积金 异地 转移接续", StandardCharsets.UTF_8));
            Browser.screenshot(resident, "services-catalogue");
            resident.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("异地转移接续住房公积金").setExact(true)).first().click();
            resident.waitForLoadState();
            resident.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("申请办理")).first().click();
            resident.waitForLoadState();
            resident.locator("#mode-PROXY").check();
            resident.locator("#acceptCity").selectOption("430300");
            resident.locator("#handleCity").selectOption("430100");
            resident.getByLabel("姓名").fill("张示例");
            resident.getByLabel("居民身份证号码").fill("430304199211200073");
            resident.getByLabel("手机号码").fill("13900001111");
            resident.getByLabel("转出地公积金中心").fill("湘潭市住房公积金管理中心");
            resident.getByLabel("转入地公积金中心").fill("长沙住房公积金管理中心");
            resident.getByLabel("个人公积金账号").fill("430300123456（示例）");
            Locator files = resident.locator("input[type=file]");
            files.and(resident.getByLabel("居民身份证")).setInputFiles(pdf("身份证.pdf"));
            files.and(resident.getByLabel("住房公积金异地转移接续申请表")).setInputFiles(pdf("申请表.pdf"));
            Browser.screenshot(resident, "services-apply");
            clickSubmit(resident, "提交申请");
            assertThat(resident.content()).contains("提交成功");
            Matcher m = Pattern.compile("CZT\\d{16}").matcher(resident.locator("main").innerText());
            assertThat(m.find()).isTrue();
            String number = m.group();
            String tracking = "/services/applications/" + number;

            // 湘潭 window: the case is in its inbox; it receives and forwards it to 长沙
            Page xt = browser.newPage(1440, 1000);
            Browser.login(xt, "xt-staff", PASSWORD);
            xt.navigate("/services/inbox");
            assertThat(xt.content()).contains(number);
            Browser.screenshot(xt, "services-inbox");
            xt.navigate(tracking);
            submitTask(xt, "收件并转交办理地");
            clickSubmit(xt, "提交办理结果");
            assertThat(xt.content()).contains("待受理");

            // 长沙 housing-fund centre asks for 补正 of two materials at once: the clock stops
            Page cs = browser.newPage(1440, 1000);
            Browser.login(cs, "cs-gjj", PASSWORD);
            cs.navigate(tracking);
            submitTask(cs, "一次性告知补正");
            cs.getByLabel("原缴存地住房公积金账户信息").check();
            cs.getByLabel("其他需补正的材料（每行一项）").fill("近6个月缴存明细");
            clickSubmit(cs, "提交办理结果");
            assertThat(cs.content()).contains("补正中计时暂停");

            resident.navigate(tracking);
            assertThat(resident.content()).contains("补正中计时暂停", "近6个月缴存明细");
            Browser.screenshot(resident, "services-tracking-supplement");
            resident.getByLabel("1. 原缴存地住房公积金账户信息").setInputFiles(pdf("账户信息.pdf"));
            resident.getByLabel("2. 近6个月缴存明细").setInputFiles(pdf("缴存明细.pdf"));
            clickSubmit(resident, "提交补正材料");
            assertThat(resident.content()).contains("办理时限恢复计算", "待受理");

            // 长沙 accepts, reviews, decides with a result document and mails it
            cs.navigate(tracking);
            submitTask(cs, "受理");
            clickSubmit(cs, "提交办理结果");
            submitTask(cs, "审核通过");
            clickSubmit(cs, "提交办理结果");
            submitTask(cs, "准予");
            cs.getByLabel("决定内容").fill("准予办理住房公积金异地转移接续。");
            cs.getByLabel("结果文书").setInputFiles(pdf("转移接续决定书.pdf"));
            clickSubmit(cs, "提交办理结果");
            submitTask(cs, "邮寄送达");
            cs.getByLabel("邮件运单号（邮寄送达时填写）").fill("EMS1088866601");
            clickSubmit(cs, "提交办理结果");
            assertThat(cs.content()).contains("已办结", "EMS1088866601");

            // the resident rates the window 满意 and the department 不满意
            resident.navigate(tracking);
            resident.locator("#window-4").check();
            resident.locator("#department-2").check();
            resident.locator("#departmentComment").fill("补正要求应当一次说清楚，来回跑了两趟。");
            clickSubmit(resident, "提交评价");
            assertThat(resident.content()).contains("不满意");
            Browser.screenshot(resident, "services-tracking-done");

            // a rectification task for 长沙's housing-fund centre
            cs.navigate("/services/rectifications");
            Locator row = cs.locator(".card", new Page.LocatorOptions().setHasText(number));
            assertThat(row.count()).isGreaterThan(0);
            assertThat(row.first().innerText()).contains("待整改");
            Browser.screenshot(cs, "services-rectifications");

            // and 株洲's housing-fund centre sees none of it
            Page zz = browser.newPage(1280, 800);
            Browser.login(zz, "zz-gjj", PASSWORD);
            com.microsoft.playwright.Response r = zz.navigate(tracking);
            assertThat(r.status()).isEqualTo(404);
        }
    }
}
