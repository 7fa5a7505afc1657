package cn.onecity.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * The joint office ({@code office}) registers a project in a real browser: a missing type comes back next to its
 * field with everything typed kept, then the project is saved, and 编辑 opens the same form pre-filled.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class ProjectFormBrowserTest {

    private static final String PASSWORD = "onecity2026";

    @LocalServerPort
    int port;

    @Test
    void theJointOfficeRegistersAProjectAndOpensItForEditing() {
        String code = "BT-" + ThreadLocalRandom.current().nextInt(1000, 9999);
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page page = browser.newPage(1280, 1000);
            Browser.login(page, "office", PASSWORD);
            page.navigate("/projects");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("登记项目")).click();
            page.waitForURL(url -> url.endsWith("/projects/new"));

            page.getByLabel("项目编号").fill(code);
            page.getByLabel("项目名称").fill("长株潭融城干道（浏览器测试示例）");
            page.getByLabel("计划总投资（万元）").fill("86000");
            page.getByLabel("长沙", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel("长沙市交通运输局"));
            page.getByLabel("湘潭", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel("湘潭市交通运输局"));
            page.getByLabel("第 1 个里程碑名称").fill("开工");
            page.getByLabel("第 1 个里程碑类型").selectOption("START");
            page.getByLabel("第 1 个里程碑计划日期").fill("2026-03-31");
            page.getByLabel("第 2 个里程碑名称").fill("建成通车");
            page.getByLabel("第 2 个里程碑计划日期").fill("2028-06-30");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登记项目")).click();
            page.waitForLoadState();

            // no type and a milestone without its kind: both named where they are, nothing typed is lost
            assertThat(page.locator("#type-err").textContent()).contains("请选择项目类型");
            assertThat(page.locator("#ms-err-1").textContent()).contains("里程碑须有名称、类型和计划日期");
            assertThat(page.getByLabel("项目名称").inputValue()).isEqualTo("长株潭融城干道（浏览器测试示例）");
            assertThat(page.getByLabel("湘潭", new Page.GetByLabelOptions().setExact(true)).inputValue()).isEqualTo("430300-JTJ");
            Browser.screenshot(page, "projects-form-errors");

            page.getByLabel("项目类型").selectOption("ROAD");
            page.getByLabel("第 2 个里程碑类型").selectOption("OPEN");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登记项目")).click();
            page.waitForURL(url -> url.matches(".*/projects/\\d+$"));
            assertThat(page.locator(".alert-success").textContent()).contains("已登记重大项目 " + code);
            assertThat(page.locator("#milestones").textContent()).contains("建成通车");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("编辑").setExact(true)).click();
            page.waitForURL(url -> url.endsWith("/edit"));
            assertThat(page.getByLabel("项目编号").inputValue()).isEqualTo(code);
            assertThat(page.getByLabel("第 2 个里程碑名称").inputValue()).isEqualTo("建成通车");
            Browser.screenshot(page, "projects-form");
            page.getByLabel("项目名称").fill("长株潭融城干道（浏览器测试示例，已改）");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存修改")).click();
            page.waitForURL(url -> url.matches(".*/projects/\\d+$"));
            assertThat(page.locator("h1").textContent()).contains("已改");
        }
    }
}
