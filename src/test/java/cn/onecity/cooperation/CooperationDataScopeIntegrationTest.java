package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.Times;

/** A 株洲 staff member can neither read nor change a 长沙 item, through pages, the API or the module. */
@CooperationIntegrationTest
class CooperationDataScopeIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CooperationManagement management;
    @Autowired Cooperation cooperation;
    @Autowired ProgressReporting reporting;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;

    static CoopTestData data;
    static CurrentUser zhuzhou;
    static CurrentUser changsha;
    static long changshaOnly;
    static long zhuzhouLed;
    static long joint;
    static long evidenceId;

    @BeforeEach
    void setUp() {
        if (data != null) {
            return;
        }
        data = new CoopTestData(accounts, management);
        zhuzhou = data.staff("430200-FGW");
        changsha = data.staff("430100-FGW");
        LocalDate deadline = LocalDate.of(2026, 12, 31);
        changshaOnly = data.item("长沙独办事项", "430100-FGW", List.of("430100-JTJ"), deadline, List.of());
        zhuzhouLed = data.item("株洲牵头事项", "430200-FGW", List.of(), deadline, List.of());
        joint = data.item("长株共办事项", "430100-FGW", List.of("430200-FGW"), deadline, List.of());
        long report = reporting.submitReport(changsha, changshaOnly, "长沙的进展", 10, null,
                List.of(new FileUpload("长沙材料.pdf", CoopTestData.PDF)));
        evidenceId = reporting.report(new DataScope.All(), report).evidence().get(0).id();
    }

    String code(long id) {
        return data.codeOf(jdbc, id);
    }

    @Test
    void aZhuzhouStaffMemberGets403OnTheItemPageOfAChangshaOnlyItem() throws Exception {
        mvc.perform(get("/cooperation/items/{id}", changshaOnly).with(user(users.loadUserByUsername(zhuzhou.username()))))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("无权查看该合作事项")))
                .andExpect(content().string(not(containsString("长沙独办事项"))));
        mvc.perform(get("/cooperation/evidence/{id}", evidenceId).with(user(users.loadUserByUsername(zhuzhou.username()))))
                .andExpect(status().isForbidden());
        // the joint item is theirs too
        mvc.perform(get("/cooperation/items/{id}", joint).with(user(users.loadUserByUsername(zhuzhou.username()))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("长株共办事项")));
    }

    @Test
    void aZhuzhouStaffMemberGets403ProblemJsonFromTheApi() throws Exception {
        mvc.perform(get("/api/v1/cooperation/items/{id}", changshaOnly).with(httpBasic(zhuzhou.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("无权查看该合作事项")));
        mvc.perform(get("/api/v1/cooperation/items/{id}", Long.MAX_VALUE).with(httpBasic(zhuzhou.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/cooperation/items/{id}", changshaOnly).with(httpBasic(changsha.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.item.code").value(code(changshaOnly)))
                .andExpect(jsonPath("$.reports[0].evidence[0].sm3").value(cn.onecity.shared.Sm3.hex(CoopTestData.PDF)));
    }

    @Test
    void aZhuzhouStaffMemberCannotFileAReportOnAChangshaItem() throws Exception {
        int before = jdbc.sql("SELECT COUNT(*) FROM coop_report WHERE item_id = :i").param("i", changshaOnly)
                .query(Integer.class).single();
        mvc.perform(multipart("/api/v1/cooperation/items/{id}/reports", changshaOnly)
                        .file(new MockMultipartFile("files", "a.pdf", "application/pdf", CoopTestData.PDF))
                        .param("content", "越权报送").param("percent", "50")
                        .with(httpBasic(zhuzhou.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(multipart("/cooperation/items/{id}/reports", changshaOnly)
                        .param("content", "越权报送").param("percent", "50")
                        .with(csrf()).with(user(users.loadUserByUsername(zhuzhou.username()))))
                .andExpect(status().isForbidden());
        assertThatThrownBy(() -> reporting.submitReport(zhuzhou, changshaOnly, "越权报送", 50, null, List.of()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reporting.reports(zhuzhou.scope(), changshaOnly)).isInstanceOf(ForbiddenException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM coop_report WHERE item_id = :i").param("i", changshaOnly)
                .query(Integer.class).single()).isEqualTo(before);
        // nor review one: only the joint office reviews
        long report = jdbc.sql("SELECT MAX(id) FROM coop_report WHERE item_id = :i").param("i", changshaOnly)
                .query(Long.class).single();
        mvc.perform(post("/api/v1/cooperation/reports/{id}/return", report).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"越权\"}").with(httpBasic(zhuzhou.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theListForZhuzhouStaffHoldsOnlyItemsWithAZhuzhouParty() throws Exception {
        mvc.perform(get("/api/v1/cooperation/items").param("meeting", String.valueOf(data.meeting)).param("size", "200")
                        .with(httpBasic(zhuzhou.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(2))
                .andExpect(jsonPath("$.content[*].code").value(hasItems(code(zhuzhouLed), code(joint))))
                .andExpect(jsonPath("$.content[*].code").value(not(hasItem(code(changshaOnly)))));
        // across all meetings too: every item listed has a 株洲 party
        List<ItemView> all = cooperation.items(zhuzhou.scope(), ItemFilter.none(), LocalDate.now(Times.ZONE));
        assertThat(all).isNotEmpty().allSatisfy(i -> assertThat(i.involvesCity("430200")).isTrue());
        // the joint office sees all three
        mvc.perform(get("/api/v1/cooperation/items").param("meeting", String.valueOf(data.meeting))
                        .with(httpBasic(data.office.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.totalPages").value(1));
        // the overview page lists the same
        mvc.perform(get("/cooperation").param("meeting", String.valueOf(data.meeting))
                        .with(user(users.loadUserByUsername(zhuzhou.username()))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("株洲牵头事项")))
                .andExpect(content().string(not(containsString("长沙独办事项"))));
    }

    @Test
    void badFiltersAreA400WithFieldErrors() throws Exception {
        mvc.perform(get("/api/v1/cooperation/items").param("status", "FINISHED").param("asOf", "2026-13-01")
                        .with(httpBasic(data.office.username(), CoopTestData.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(hasItems("status", "asOf")));
    }

    @Test
    void aQueryWithoutAScopeFailsClosed() {
        LocalDate today = LocalDate.now(Times.ZONE);
        assertThatThrownBy(() -> cooperation.items(null, ItemFilter.none(), today)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cooperation.item(null, changshaOnly, today)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reporting.reports(null, changshaOnly)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reporting.pendingReviews(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reporting.evidence(null, evidenceId)).isInstanceOf(IllegalArgumentException.class);
        // a scope that reaches nothing finds nothing
        assertThat(cooperation.items(new DataScope.Nothing(), ItemFilter.none(), today)).isEmpty();
        assertThatThrownBy(() -> cooperation.item(new DataScope.Nothing(), changshaOnly, today))
                .isInstanceOf(ForbiddenException.class);
    }
}
