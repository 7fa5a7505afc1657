package cn.onecity.region;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;

/**
 * The calendar's REST API, over HTTP Basic as API clients use it. Works on a shared database: the accounts get
 * fresh names, and the year this test defines (2032) is far from the years other tests rely on and is removed again.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarApiIntegrationTest {

    static final String PASSWORD = "calendar2026";
    static final int TEST_YEAR = 2032;

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    String admin;
    String officer;

    @BeforeAll
    void createAccounts() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        admin = "cal-admin-" + suffix;
        officer = "cal-office-" + suffix;
        long platform = jdbc.sql("SELECT id FROM idn_organisation WHERE name = '一座城平台运维中心'").query(Long.class).single();
        long jointOffice = jdbc.sql("SELECT id FROM idn_organisation WHERE name = '长株潭一体化发展事务中心'").query(Long.class).single();
        accounts.createAccount(new NewAccount(admin, "日历管理员", PASSWORD, Role.ADMIN, platform, null));
        accounts.createAccount(new NewAccount(officer, "一体化办职员", PASSWORD, Role.JOINT_OFFICE, jointOffice, null));
    }

    @BeforeEach
    @AfterEach
    void removeTestYear() {
        jdbc.sql("DELETE FROM reg_calendar_day WHERE the_date BETWEEN :a AND :b")
                .param("a", LocalDate.of(TEST_YEAR, 1, 1)).param("b", LocalDate.of(TEST_YEAR, 12, 31)).update();
        jdbc.sql("DELETE FROM reg_calendar_year WHERE calendar_year = :y").param("y", TEST_YEAR).update();
    }

    ResultActions dueDate(String start, String workingDays) throws Exception {
        return mvc.perform(get("/api/v1/calendar/due-date").param("start", start).param("workingDays", workingDays));
    }

    static ResultActions expectProblem(ResultActions r, int status) throws Exception {
        return r.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status));
    }

    @Test
    void dueDateSpanningTheSpringFestivalBreakIsPublic() throws Exception {
        dueDate("2026-02-13", "6").andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.start").value("2026-02-13"))
                .andExpect(jsonPath("$.workingDays").value(6))
                .andExpect(jsonPath("$.dueDate").value("2026-02-28"));
    }

    @Test
    void dueDateWithZeroWorkingDaysIsTheStart() throws Exception {
        dueDate("2026-10-03", "0").andExpect(status().isOk()).andExpect(jsonPath("$.dueDate").value("2026-10-03"));
    }

    @Test
    void dueDateReachingAnUnloadedYearIs422WithAChineseDetail() throws Exception {
        expectProblem(dueDate("2026-12-25", "10"), 422)
                .andExpect(jsonPath("$.detail").value(containsString("2027 年的法定节假日安排尚未录入工作日历")));
    }

    @Test
    void anInvalidStartDateIs400NamingTheField() throws Exception {
        expectProblem(dueDate("2026-13-01", "5"), 400)
                .andExpect(jsonPath("$.detail").value(containsString("有误")))
                .andExpect(jsonPath("$.errors[0].field").value("start"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("YYYY-MM-DD")));
        expectProblem(dueDate("2026-02-30", "5"), 400).andExpect(jsonPath("$.errors[0].field").value("start"));
    }

    @Test
    void negativeOrNonNumericWorkingDaysIs400NamingTheField() throws Exception {
        expectProblem(dueDate("2026-03-02", "-1"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("workingDays"))
                .andExpect(jsonPath("$.errors[0].message").value("工作日数不能为负数"));
        expectProblem(dueDate("2026-03-02", "abc"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("workingDays"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("整数")));
        expectProblem(dueDate("2026-03-02", "99999"), 400)
                .andExpect(jsonPath("$.errors[0].field").value("workingDays"));
    }

    @Test
    void missingParametersAre400NamingEachField() throws Exception {
        expectProblem(mvc.perform(get("/api/v1/calendar/due-date")), 400)
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("start")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("workingDays")));
        expectProblem(mvc.perform(get("/api/v1/calendar/due-date").param("start", "2026-03-02")), 400)
                .andExpect(jsonPath("$.errors[0].field").value("workingDays"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("请填写")));
    }

    @Test
    void workingDaysCountsBothEnds() throws Exception {
        mvc.perform(get("/api/v1/calendar/working-days").param("from", "2026-01-01").param("to", "2026-12-31"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value("2026-01-01"))
                .andExpect(jsonPath("$.to").value("2026-12-31"))
                .andExpect(jsonPath("$.workingDays").value(248));
        // a single working day counts as 1
        mvc.perform(get("/api/v1/calendar/working-days").param("from", "2026-02-14").param("to", "2026-02-14"))
                .andExpect(jsonPath("$.workingDays").value(1));
    }

    @Test
    void workingDaysIntoAnUnloadedYearIs422AndBadDatesAre400() throws Exception {
        expectProblem(mvc.perform(get("/api/v1/calendar/working-days").param("from", "2026-12-01").param("to", "2027-01-31")), 422)
                .andExpect(jsonPath("$.detail").value(containsString("2027")));
        expectProblem(mvc.perform(get("/api/v1/calendar/working-days").param("from", "2026-01-01").param("to", "yesterday")), 400)
                .andExpect(jsonPath("$.errors[0].field").value("to"));
    }

    @Test
    void yearsListsTheLoadedYearsWithTheirCounts() throws Exception {
        mvc.perform(get("/api/v1/calendar/years"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.year == 2026)].notice").value(hasItem("国办发明电〔2025〕7号")))
                .andExpect(jsonPath("$[?(@.year == 2026)].holidays").value(hasItem(33)))
                .andExpect(jsonPath("$[?(@.year == 2026)].workdays").value(hasItem(6)))
                .andExpect(jsonPath("$[?(@.year == 2026)].workingDays").value(hasItem(248)))
                .andExpect(jsonPath("$[?(@.year == 2025)].holidays").value(hasItem(28)))
                .andExpect(jsonPath("$[?(@.year == 2025)].workdays").value(hasItem(5)))
                .andExpect(jsonPath("$[?(@.year == 2024)].workingDays").value(hasItem(251)))
                .andExpect(jsonPath("$[*].year").value(not(hasItem(2027))));
        mvc.perform(get("/api/v1/calendar/years/2025"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.days[?(@.date == '2025-02-08')].kind").value(hasItem("WORKDAY")));
        expectProblem(mvc.perform(get("/api/v1/calendar/years/2027")), 404);
    }

    static final String TEST_YEAR_BODY = """
            {"notice":"国办发明电〔2031〕9号",
             "holidays":[{"date":"2032-01-01","name":"元旦"},{"date":"2032-01-02","name":"元旦"}],
             "workdays":[{"date":"2032-01-04","name":"元旦调休"}]}""";

    @Test
    void anAdminDefinesAYearAndThenItCanBeComputedWith() throws Exception {
        expectProblem(dueDate("2032-01-01", "1"), 422);

        mvc.perform(put("/api/v1/calendar/years/" + TEST_YEAR).with(httpBasic(admin, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(TEST_YEAR_BODY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.year").value(TEST_YEAR))
                .andExpect(jsonPath("$.holidays").value(2))
                .andExpect(jsonPath("$.workdays").value(1));

        // 2032-01-04 is a Sunday made a working day; 2032-01-02 (Friday) is off
        dueDate("2032-01-01", "1").andExpect(status().isOk()).andExpect(jsonPath("$.dueDate").value("2032-01-04"));
        dueDate("2032-01-01", "2").andExpect(jsonPath("$.dueDate").value("2032-01-05"));
        mvc.perform(get("/api/v1/calendar/working-days").param("from", "2032-01-01").param("to", "2032-01-31"))
                .andExpect(jsonPath("$.workingDays").value(21));

        // replacing the arrangement drops the old days
        mvc.perform(put("/api/v1/calendar/years/" + TEST_YEAR).with(httpBasic(admin, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"notice\":\"国办发明电〔2031〕10号\",\"holidays\":[{\"date\":\"2032-01-01\",\"name\":\"元旦\"}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.notice").value("国办发明电〔2031〕10号"))
                .andExpect(jsonPath("$.workdays").value(0));
        dueDate("2032-01-01", "1").andExpect(jsonPath("$.dueDate").value("2032-01-02"));

        Integer logged = jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE action = '录入节假日安排' AND operator = :u")
                .param("u", admin).query(Integer.class).single();
        org.assertj.core.api.Assertions.assertThat(logged).isEqualTo(2);
    }

    @Test
    void aNonAdminCannotDefineAYear() throws Exception {
        expectProblem(mvc.perform(put("/api/v1/calendar/years/" + TEST_YEAR).with(httpBasic(officer, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(TEST_YEAR_BODY)), 403)
                .andExpect(jsonPath("$.detail").value(containsString("无权访问")));
        expectProblem(dueDate("2032-01-01", "1"), 422);
    }

    @Test
    void anAnonymousCallerCannotDefineAYear() throws Exception {
        expectProblem(mvc.perform(put("/api/v1/calendar/years/" + TEST_YEAR)
                .contentType(MediaType.APPLICATION_JSON).content(TEST_YEAR_BODY)), 401);
    }

    @Test
    void invalidArrangementsAre400WithFieldErrors() throws Exception {
        // a weekday as an adjusted working day, a date outside the year, a date both off and working
        String body = """
                {"notice":"国办发明电〔2031〕9号",
                 "holidays":[{"date":"2032-01-01","name":"元旦"},{"date":"2031-12-31","name":"元旦"}],
                 "workdays":[{"date":"2032-01-05","name":"元旦调休"},{"date":"2032-01-01","name":"元旦调休"}]}""";
        expectProblem(mvc.perform(put("/api/v1/calendar/years/" + TEST_YEAR).with(httpBasic(admin, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body)), 400)
                .andExpect(jsonPath("$.errors[?(@.field == 'holidays')].message").value(hasItem("2031-12-31 不在 2032 年内")))
                .andExpect(jsonPath("$.errors[?(@.field == 'workdays')].message")
                        .value(hasItem("2032-01-05 是周一，调休上班日只能是周六或周日")))
                .andExpect(jsonPath("$.errors[?(@.field == 'workdays')].message")
                        .value(hasItem("2032-01-01 不能既是放假日又是调休上班日")));

        // missing notice and holidays: caught by Bean Validation before the module
        expectProblem(mvc.perform(put("/api/v1/calendar/years/" + TEST_YEAR).with(httpBasic(admin, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"notice\":\" \",\"holidays\":[]}")), 400)
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("notice")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("holidays")));

        // a malformed date in the body
        expectProblem(mvc.perform(put("/api/v1/calendar/years/" + TEST_YEAR).with(httpBasic(admin, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"notice\":\"x\",\"holidays\":[{\"date\":\"2032-13-01\",\"name\":\"元旦\"}]}")), 400);

        expectProblem(dueDate("2032-01-01", "1"), 422);
    }

    @Test
    void theOpenApiDocumentSaysBothEndsAreIncluded() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/calendar/working-days'].get.description").value(containsString("两端都计入")))
                .andExpect(jsonPath("$.paths['/api/v1/calendar/due-date'].get.description").value(containsString("第 0 天")));
    }
}
