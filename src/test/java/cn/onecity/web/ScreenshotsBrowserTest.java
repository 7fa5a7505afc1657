package cn.onecity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemView;
import cn.onecity.identity.DataScope;

/**
 * Opens the main pages with the demo data, as a user would, checks that they render in Chinese without
 * an error, and writes the README's screenshots into docs/screenshots.
 */
@BrowserTest
// a context of its own (the extra property), so that other browser tests' data never shows in the screenshots
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"onecity.demo.enabled=true", "onecity.test.context=screenshots"})
@ActiveProfiles("test")
class ScreenshotsBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Cooperation cooperation;

    @Test
    void mainPagesRenderWithDemoData() {
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page anonymous = browser.newPage(1440, 900);
            anonymous.navigate("/dashboard");
            anonymous.waitForSelector("canvas");
            assertThat(anonymous.title()).contains("驾驶舱");
            Browser.screenshot(anonymous, "dashboard");

            Page phone = browser.newPage(375, 812);
            phone.navigate("/dashboard");
            phone.waitForSelector("canvas");
            Browser.screenshot(phone, "dashboard-375");

            anonymous.navigate("/login");
            Browser.screenshot(anonymous, "login");

            Page office = browser.newPage(1440, 900);
            Browser.login(office, "office", "onecity2026");
            office.navigate("/cooperation?meeting=5");
            assertThat(office.content()).contains("60");
            Browser.screenshot(office, "cooperation-overview");

            Page officePhone = browser.newPage(375, 812);
            Browser.login(officePhone, "office", "onecity2026");
            officePhone.navigate("/cooperation?meeting=6");
            assertThat((Boolean) officePhone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("the overview fits a 375 px screen without sideways scrolling of the page").isTrue();
            Browser.screenshot(officePhone, "cooperation-overview-375");

            ItemView item = cooperation.items(new DataScope.All(), ItemFilter.meeting(6), LocalDate.now()).stream()
                    .filter(i -> i.pendingReports() > 0).findFirst().orElseThrow();
            office.navigate("/cooperation/items/" + item.id());
            assertThat(office.content()).contains(item.title());
            Browser.screenshot(office, "cooperation-item");

            office.navigate("/cooperation/items/new?meeting=6");
            assertThat(office.getByLabel("事项名称").isVisible()).isTrue();
            Browser.screenshot(office, "cooperation-item-form");
            officePhone.navigate("/cooperation/items/new?meeting=6");
            assertThat((Boolean) officePhone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("the item form fits a 375 px screen").isTrue();
            Browser.screenshot(officePhone, "cooperation-item-form-375");
            office.navigate("/cooperation/meetings");
            Browser.screenshot(office, "cooperation-meetings");

            office.navigate("/cooperation/summary?meeting=5&asOf=2024-12-10");
            assertThat(office.content()).contains("60项重点合作事项");
            Browser.screenshot(office, "cooperation-summary");

            Page admin = browser.newPage(1440, 900);
            Browser.login(admin, "admin", "onecity2026");
            admin.navigate("/admin/accounts");
            Browser.screenshot(admin, "admin-accounts");
            admin.navigate("/admin/operation-log");
            Browser.screenshot(admin, "admin-operation-log");
        }
    }
}
