package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;

import cn.onecity.identity.Accounts;
import cn.onecity.web.Browser;
import cn.onecity.web.BrowserTest;

/**
 * The 产业协同 pages (and the 驾驶舱 with its 产业协同 block) pass axe-core's WCAG 2 A and AA rules with no serious
 * or critical violation, as the platform's main pages do ({@code web.AccessibilityBrowserTest}).
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "onecity.demo.enabled=true")
@ActiveProfiles("test")
class IndustryAccessibilityBrowserTest {

    static final Path AXE = Path.of("src", "test", "js", "node_modules", "axe-core", "axe.min.js");

    @LocalServerPort
    int port;

    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired Chains chains;
    @Autowired Matching matching;
    @Autowired Policies policies;

    @Test
    void theIndustryPagesHaveNoSeriousAccessibilityViolations() throws Exception {
        assertThat(AXE).as("axe-core is installed: npm ci --prefix src/test/js").exists();
        String axe = Files.readString(AXE);
        var zz = accounts.findByUsername("zz-enterprise").orElseThrow();
        Enterprise own = enterprises.ofOrganisation(zz.organisationId()).orElseThrow();
        long demand = matching.demands(own.id(), 1).get(0).id();
        long chain = chains.list().get(1).id();
        long policy = policies.list(null).get(0).id();
        List<String> problems = new ArrayList<>();
        try (Browser browser = new Browser("http://localhost:" + port)) {
            problems.addAll(Browser.axeProblems(browser.newPage(1440, 900), "/dashboard", axe));
            Page enterprise = browser.newPage(1440, 900);
            Browser.login(enterprise, "zz-enterprise", "onecity2026");
            for (String path : List.of("/industry", "/industry/enterprises", "/industry/enterprises/" + own.id(),
                    "/industry/enterprises/" + own.id() + "/edit", "/industry/demands", "/industry/demands/" + demand,
                    "/industry/claims")) {
                problems.addAll(Browser.axeProblems(enterprise, path, axe));
            }
            Page staff = browser.newPage(1440, 900);
            Browser.login(staff, "zz-gxj", "onecity2026");
            for (String path : List.of("/industry/clusters", "/industry/chains", "/industry/chains/" + chain,
                    "/industry/claims", "/industry/enterprises/new", "/industry/enterprises/import", "/industry/alliance",
                    "/industry/fund", "/industry/policies", "/industry/policies/" + policy, "/industry/investment")) {
                problems.addAll(Browser.axeProblems(staff, path, axe));
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }
}
