package cn.onecity.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Playwright driving Debian's Chromium ({@code /usr/bin/chromium}); it never downloads a browser.
 * Skips the test (rather than failing) on a machine without Chromium; CI installs it.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Path.of("docs", "screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final String baseUrl;

    public Browser(String baseUrl) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's Chromium is not installed (apt-get install chromium)");
        this.baseUrl = baseUrl;
        this.playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** A fresh session (cookies of its own) with a desktop or phone-sized viewport. */
    public Page newPage(int width, int height) {
        BrowserContext context = browser.newContext(new NewContextOptions()
                .setViewportSize(width, height).setLocale("zh-CN").setTimezoneId("Asia/Shanghai").setBaseURL(baseUrl));
        context.setDefaultTimeout(15_000);
        return context.newPage();
    }

    public static void login(Page page, String username, String password) {
        page.navigate("/login");
        page.getByLabel("用户名").fill(username);
        page.getByLabel("密码").fill(password);
        page.locator("form button[type=submit]:has-text('登录')").click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** Opens the path, runs axe-core (WCAG 2 A and AA) and returns its serious and critical violations, one line each. */
    @SuppressWarnings("unchecked")
    public static List<String> axeProblems(Page page, String path, String axe) {
        page.navigate(path);
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(axe));
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
                  return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                      targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }));
                }""");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> v : violations) {
            String impact = String.valueOf(v.get("impact"));
            if ("serious".equals(impact) || "critical".equals(impact)) {
                out.add(path + ": [" + impact + "] " + v.get("id") + " – " + v.get("help") + " at " + v.get("targets"));
            }
        }
        return out;
    }
}
