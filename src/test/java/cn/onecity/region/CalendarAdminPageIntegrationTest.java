package cn.onecity.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The 工作日历 admin page. Defines only 2033 (removed again), so it never disturbs tests that need 2027 unloaded. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CalendarAdminPageIntegrationTest {

    static final int TEST_YEAR = 2033;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    cn.onecity.identity.Accounts accounts;
    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService users;

    String adminName;

    /** A real administrator account: the module checks the role of the CurrentUser, not only the URL rule. */
    RequestPostProcessor admin() {
        if (adminName == null) {
            adminName = cn.onecity.identity.TestAccounts.create(accounts, cn.onecity.identity.Role.ADMIN);
        }
        return user(users.loadUserByUsername(adminName));
    }

    @BeforeEach
    @AfterEach
    void removeTestYear() {
        jdbc.sql("DELETE FROM reg_calendar_day WHERE the_date BETWEEN :a AND :b")
                .param("a", LocalDate.of(TEST_YEAR, 1, 1)).param("b", LocalDate.of(TEST_YEAR, 12, 31)).update();
        jdbc.sql("DELETE FROM reg_calendar_year WHERE calendar_year = :y").param("y", TEST_YEAR).update();
    }

    @Test
    void listsTheLoadedYearsWithTheirCounts() throws Exception {
        mvc.perform(get("/admin/calendar").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("工作日历"), containsString("国办发明电〔2025〕7号"),
                        containsString("<td class=\"text-end\">248</td>"), containsString("<td class=\"text-end\">251</td>"),
                        containsString("<td class=\"text-end\">33</td>"), containsString("期限计算器"))));
    }

    @Test
    void showsTheDaysOfAYear() throws Exception {
        mvc.perform(get("/admin/calendar").param("year", "2026").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("2026 年明细"), containsString("<td>2026-02-28</td><td>周六</td><td>春节调休</td>"),
                        containsString("<td>2026-02-15</td><td>周日</td><td>春节</td>"))));
        mvc.perform(get("/admin/calendar").param("year", "2029").with(admin()))
                .andExpect(content().string(containsString("2029 年的节假日安排尚未录入")));
    }

    @Test
    void editPrefillsTheFormWithTheYear() throws Exception {
        mvc.perform(get("/admin/calendar").param("edit", "2026").with(admin()))
                .andExpect(content().string(allOf(containsString("2026-02-14 春节调休"), containsString("2026-10-07 国庆节"),
                        containsString("value=\"2026\""))));
    }

    @Test
    void onlyAdminsSeeThePage() throws Exception {
        mvc.perform(get("/admin/calendar").with(user("office").roles("JOINT_OFFICE")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/calendar").with(user("office").roles("JOINT_OFFICE")).with(csrf())
                        .param("year", String.valueOf(TEST_YEAR)).param("notice", "x").param("holidays", "2033-01-03 元旦"))
                .andExpect(status().isForbidden());
        assertThat(calendar.loadedYears()).doesNotContain(TEST_YEAR);
        mvc.perform(get("/admin/calendar")).andExpect(status().is3xxRedirection());
    }

    @Test
    void definesAYearFromOneLinePerDate() throws Exception {
        mvc.perform(post("/admin/calendar").with(admin()).with(csrf())
                        .param("year", String.valueOf(TEST_YEAR))
                        .param("notice", "国办发明电〔2032〕8号")
                        .param("holidays", "2033-01-01 元旦\r\n\r\n2033-01-30~2033-02-06 春节\r\n")
                        .param("workdays", "2033-01-29 春节调休\n2033-02-12　春节调休"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/calendar?year=" + TEST_YEAR))
                .andExpect(flash().attribute("flash", containsString("已录入 2033 年节假日安排：放假 9 天，调休上班 2 天")));
        assertThat(calendar.days(TEST_YEAR)).hasSize(11);
        assertThat(calendar.isWorkingDay(LocalDate.of(2033, 2, 12))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2033, 2, 1))).isFalse();
    }

    @Test
    void invalidInputShowsChineseErrorsNextToTheFieldsAndKeepsWhatWasTyped() throws Exception {
        mvc.perform(post("/admin/calendar").with(admin()).with(csrf())
                        .param("year", String.valueOf(TEST_YEAR))
                        .param("notice", "国办发明电〔2032〕8号")
                        .param("holidays", "2033-01-01 元旦\n2034-01-02 元旦\n2033-02-30 春节")
                        .param("workdays", "2033-01-04 元旦调休"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("第 3 行“2033-02-30 春节”中的日期无效"),
                        containsString("2033-01-01 元旦\n2034-01-02 元旦\n2033-02-30 春节"),
                        containsString("aria-describedby=\"holidays-help holidays-error\""),
                        containsString("id=\"holidays-error\""))));

        mvc.perform(post("/admin/calendar").with(admin()).with(csrf())
                        .param("year", String.valueOf(TEST_YEAR))
                        .param("notice", "国办发明电〔2032〕8号")
                        .param("holidays", "2033-01-01 元旦\n2034-01-02 元旦")
                        .param("workdays", "2033-01-04 元旦调休"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("2034-01-02 不在 2033 年内"),
                        containsString("2033-01-04 是周二，调休上班日只能是周六或周日"),
                        containsString("2033-01-04 元旦调休"))));

        mvc.perform(post("/admin/calendar").with(admin()).with(csrf())
                        .param("year", "abc").param("notice", "").param("holidays", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("年份须为 4 位数字"), containsString("value=\"abc\""),
                        containsString("请填写国务院办公厅通知的文号"), containsString("请至少录入一个放假日期"),
                        not(containsString("Failed to convert")))));
        assertThat(calendar.loadedYears()).doesNotContain(TEST_YEAR);
    }

    @Test
    void theCalculatorComputesADueDate() throws Exception {
        mvc.perform(get("/admin/calendar/due-date").param("start", "2026-02-13").param("workingDays", "6").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("2026年2月28日（周六）"), containsString("value=\"2026-02-13\""))));
        mvc.perform(get("/admin/calendar/due-date").param("start", "2026-12-25").param("workingDays", "10").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2027 年的法定节假日安排尚未录入工作日历")));
        mvc.perform(get("/admin/calendar/due-date").param("start", "2026-13-01").param("workingDays", "-1").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("须为有效日期"), containsString("value=\"2026-13-01\""))));
        mvc.perform(get("/admin/calendar/due-date").param("start", "2026-03-02").param("workingDays", "-1").with(admin()))
                .andExpect(content().string(allOf(containsString("工作日数不能为负数"), containsString("aria-describedby=\"workingDays-error\""))));
    }
}
