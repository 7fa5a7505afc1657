package cn.onecity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * The main pages pass axe-core's WCAG 2 A and AA rules (the basis of GB/T 37668) with no serious or critical
 * violation. axe-core is installed by .ci/run ({@code npm ci --prefix src/test/js}).
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"onecity.demo.enabled=true", "onecity.test.context=screenshots"})
@ActiveProfiles("test")
class AccessibilityBrowserTest {

    static final Path AXE = Path.of("src", "test", "js", "node_modules", "axe-core", "axe.min.js");

    @LocalServerPort
    int port;

    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    Cooperation cooperation;

    @Autowired
    cn.onecity.services.Catalogue catalogue;

    @Autowired
    cn.onecity.services.Applications applications;

    @Autowired
    cn.onecity.identity.Accounts accounts;

    @Test
    void mainPagesHaveNoSeriousOrCriticalAccessibilityViolations() throws Exception {
        assertThat(AXE).as("axe-core is installed: npm ci --prefix src/test/js").exists();
        String axe = Files.readString(AXE);
        ItemView item = cooperation.items(new DataScope.All(), ItemFilter.meeting(6), LocalDate.now()).get(0);
        long serviceItem = catalogue.findByCode("CZT-0010").orElseThrow().id();
        String residentCase = applications.list(accounts.findByUsername("resident").orElseThrow(), null, 0, 1)
                .content().get(0).number();
        List<String> problems = new ArrayList<>();
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page anonymous = browser.newPage(1440, 900);
            for (String path : List.of("/", "/dashboard", "/login", "/services?q=公积金", "/services/items/" + serviceItem,
                    "/healthcard/hospitals", "/ecology/reports")) {
                problems.addAll(Browser.axeProblems(anonymous, path, axe));
            }
            Page resident = browser.newPage(1440, 900);
            Browser.login(resident, "resident", "onecity2026");
            for (String path : List.of("/services/items/" + serviceItem + "/apply", "/services/mine",
                    "/services/applications/" + residentCase, "/healthcard")) {
                problems.addAll(Browser.axeProblems(resident, path, axe));
            }
            Page eco = browser.newPage(1440, 900);
            Browser.login(eco, "cs-eco", "onecity2026");
            long alert = jdbc.sql("SELECT MIN(id) FROM eco_alert").query(Long.class).single();
            for (String path : List.of("/ecology/alerts?all=true", "/ecology/alerts/" + alert, "/ecology/readings/upload")) {
                problems.addAll(Browser.axeProblems(eco, path, axe));
            }
            Page hospital = browser.newPage(1440, 900);
            Browser.login(hospital, "hospital", "onecity2026");
            problems.addAll(Browser.axeProblems(hospital, "/healthcard/verify", axe));
            Page window = browser.newPage(1440, 900);
            Browser.login(window, "xt-staff", "onecity2026");
            for (String path : List.of("/services/inbox", "/services/applications", "/services/rectifications",
                    "/services/admin/items", "/services/admin/import")) {
                problems.addAll(Browser.axeProblems(window, path, axe));
            }
            Page office = browser.newPage(1440, 900);
            Browser.login(office, "office", "onecity2026");
            for (String path : List.of("/cooperation?meeting=6", "/cooperation/items/" + item.id(),
                    "/cooperation/summary?meeting=5", "/cooperation/items/new?meeting=6", "/cooperation/meetings",
                    "/cooperation/reviews", "/notifications", "/healthcard/hospitals", "/projects", "/projects/new",
                    "/projects/" + jdbc.sql("SELECT MIN(id) FROM prj_project").query(Long.class).single())) {
                problems.addAll(Browser.axeProblems(office, path, axe));
            }
            Page admin = browser.newPage(1440, 900);
            Browser.login(admin, "admin", "onecity2026");
            for (String path : List.of("/admin/accounts", "/admin/login-log", "/admin/operation-log", "/admin/sms", "/admin/calendar")) {
                problems.addAll(Browser.axeProblems(admin, path, axe));
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }
}
