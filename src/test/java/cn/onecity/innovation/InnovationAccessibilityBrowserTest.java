package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;

import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * The 科技成果转化 pages (the public challenge list, and the 驾驶舱 with its 科技成果转化 block) pass axe-core's WCAG 2 A and AA rules with no serious or
 * critical violation, as the platform's other pages do.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class InnovationAccessibilityBrowserTest {

    static final Path AXE = Path.of("src", "test", "js", "node_modules", "axe-core", "axe.min.js");

    @LocalServerPort
    int port;

    @Autowired Demands demands;
    @Autowired Challenges challenges;

    @Test
    void theInnovationPagesHaveNoSeriousAccessibilityViolations() throws Exception {
        assertThat(AXE).as("axe-core is installed: npm ci --prefix src/test/js").exists();
        String axe = Files.readString(AXE);
        long demand = demands.list(1).get(0).id();
        long challenge = challenges.list().get(0).id();
        List<String> problems = new ArrayList<>();
        try (Browser browser = new Browser("http://localhost:" + port)) {
            Page anonymous = browser.newPage(1440, 900);
            problems.addAll(Browser.axeProblems(anonymous, "/innovation/challenges", axe));
            problems.addAll(Browser.axeProblems(anonymous, "/dashboard", axe));
            Page kjj = browser.newPage(1440, 900);
            Browser.login(kjj, "cs-kjj", "onecity2026");
            for (String path : List.of("/innovation", "/innovation/contracts", "/innovation/results")) {
                problems.addAll(Browser.axeProblems(kjj, path, axe));
            }
            Page enterprise = browser.newPage(1440, 900);
            Browser.login(enterprise, "enterprise", "onecity2026");
            for (String path : List.of("/innovation/demands", "/innovation/demands/" + demand, "/innovation/challenges",
                    "/innovation/challenges/" + challenge)) {
                problems.addAll(Browser.axeProblems(enterprise, path, axe));
            }
            Page institution = browser.newPage(1440, 900);
            Browser.login(institution, "cs-institution", "onecity2026");
            problems.addAll(Browser.axeProblems(institution, "/innovation/results", axe));
            Page broker = browser.newPage(1440, 900);
            Browser.login(broker, "broker", "onecity2026");
            problems.addAll(Browser.axeProblems(broker, "/innovation/deals", axe));
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }
}
