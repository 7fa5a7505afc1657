package cn.onecity.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** 账户管理 pages: administrators only, every command audited, every rule checked again by the module. */
@IdentityIntegrationTest
class AccountAdministrationIntegrationTest {

    private static final String NO_ACCOUNTS = "没有符合条件的账户";
    private static final String NO_SIGN_INS = "没有符合条件的登录记录";

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;

    String admin;
    MockHttpSession session;

    @BeforeEach
    void signInAsAdministrator() throws Exception {
        admin = TestAccounts.create(accounts, Role.ADMIN);
        session = TestAccounts.login(mvc, admin);
    }

    @Test
    void nonAdministratorsAreRefusedWith403() throws Exception {
        for (Role role : new Role[] {Role.CITY_STAFF, Role.JOINT_OFFICE, Role.RESIDENT}) {
            MockHttpSession other = TestAccounts.login(mvc, TestAccounts.create(accounts, role));
            mvc.perform(get("/admin/accounts").session(other)).andExpect(status().isForbidden())
                    .andExpect(content().string(containsString("无权访问")));
            mvc.perform(get("/admin/login-log").session(other)).andExpect(status().isForbidden());
            mvc.perform(get("/admin/operation-log").session(other)).andExpect(status().isForbidden());
            mvc.perform(post("/admin/accounts/1/disable").with(csrf()).session(other)).andExpect(status().isForbidden());
        }
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
        mvc.perform(get("/admin/accounts")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void theListShowsTheMaskedPhoneOnlyAndCanBeFiltered() throws Exception {
        String resident = TestAccounts.create(accounts, Role.RESIDENT, "13912345678");
        mvc.perform(get("/admin/accounts").param("q", resident).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(resident)))
                .andExpect(content().string(containsString("139****5678")))
                .andExpect(content().string(not(containsString("13912345678"))))
                .andExpect(content().string(containsString("居民")))
                .andExpect(content().string(containsString("启用")))
                .andExpect(content().string(containsString("table-responsive")));
        mvc.perform(get("/admin/accounts").param("q", resident).param("role", "ADMIN").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString(NO_ACCOUNTS)));
        mvc.perform(get("/admin/accounts").param("q", resident).param("enabled", "false").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString(NO_ACCOUNTS)));
        mvc.perform(get("/admin/accounts").param("q", resident.toUpperCase()).param("role", "RESIDENT")
                        .param("enabled", "true").param("organisationId",
                                String.valueOf(accounts.findByUsername(resident).orElseThrow().organisationId()))
                        .session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("139****5678")));
    }

    @Test
    void anAdministratorCreatesAnAccountThroughTheForm() throws Exception {
        mvc.perform(get("/admin/accounts/new").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("新建账户")));
        String username = TestAccounts.uniqueUsername(Role.CITY_STAFF);
        long org = TestAccounts.organisationNamed(accounts, "长沙市行政审批服务局").id();
        mvc.perform(post("/admin/accounts/new").with(csrf()).session(session)
                        .param("username", username).param("displayName", "新同事").param("role", "CITY_STAFF")
                        .param("organisationId", String.valueOf(org)).param("password", "Abcd2026x")
                        .param("confirmPassword", "Abcd2026x").param("phone", "13800001111"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/admin/accounts/*"))
                .andExpect(flash().attribute("flash", containsString(username)));

        assertThat(accounts.findByUsername(username)).get().satisfies(u -> {
            assertThat(u.role()).isEqualTo(Role.CITY_STAFF);
            assertThat(u.organisationId()).isEqualTo(org);
        });
        assertThat(operationLog(admin, "新建账户", username)).isEqualTo(1);
        mvc.perform(formLogin("/login").user(username).password("Abcd2026x")).andExpect(authenticated());
    }

    @Test
    void theFormShowsChineseErrorsNextToTheFieldsAndKeepsWhatWasTyped() throws Exception {
        mvc.perform(post("/admin/accounts/new").with(csrf()).session(session)
                        .param("username", "X").param("displayName", "保留的姓名").param("role", "")
                        .param("organisationId", "").param("password", "Abcd2026x")
                        .param("confirmPassword", "Abcd2026y").param("phone", "123"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("用户名须以小写字母开头")))
                .andExpect(content().string(containsString("请选择角色")))
                .andExpect(content().string(containsString("请选择所属机构")))
                .andExpect(content().string(containsString("两次输入的密码不一致")))
                .andExpect(content().string(containsString("手机号须为 11 位数字")))
                .andExpect(content().string(containsString("value=\"保留的姓名\"")))
                .andExpect(content().string(containsString("value=\"X\"")))
                .andExpect(content().string(containsString("is-invalid")));
    }

    @Test
    void theModuleRefusesAWeakPasswordAndARoleThatDoesNotFitTheOrganisation() throws Exception {
        String username = TestAccounts.uniqueUsername(Role.CITY_STAFF);
        long cityDepartment = TestAccounts.organisationNamed(accounts, "长沙市行政审批服务局").id();
        mvc.perform(post("/admin/accounts/new").with(csrf()).session(session)
                        .param("username", username).param("displayName", "弱密码").param("role", "CITY_STAFF")
                        .param("organisationId", String.valueOf(cityDepartment)).param("password", "abcdefgh")
                        .param("confirmPassword", "abcdefgh"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(PasswordPolicy.RULE)))
                .andExpect(content().string(containsString("value=\"" + username + "\"")));
        mvc.perform(post("/admin/accounts/new").with(csrf()).session(session)
                        .param("username", username).param("displayName", "错机构").param("role", "ADMIN")
                        .param("organisationId", String.valueOf(cityDepartment)).param("password", "Abcd2026x")
                        .param("confirmPassword", "Abcd2026x"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("不能归属于")));
        assertThat(accounts.findByUsername(username)).isEmpty();
    }

    @Test
    void aDuplicateUsernameIsReportedOnTheForm() throws Exception {
        String existing = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        long office = TestAccounts.organisationNamed(accounts, "长株潭一体化发展事务中心").id();
        mvc.perform(post("/admin/accounts/new").with(csrf()).session(session)
                        .param("username", existing).param("displayName", "重名").param("role", "JOINT_OFFICE")
                        .param("organisationId", String.valueOf(office)).param("password", "Abcd2026x")
                        .param("confirmPassword", "Abcd2026x"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("已被使用")));
    }

    @Test
    void anAdministratorCannotDisableThemself() throws Exception {
        long self = id(admin);
        mvc.perform(post("/admin/accounts/{id}/disable", self).with(csrf()).session(session))
                .andExpect(redirectedUrl("/admin/accounts/" + self))
                .andExpect(flash().attribute("flashError", "不能停用自己的账户"));
        assertThat(enabled(admin)).isTrue();
    }

    @Test
    void aDisabledAccountCannotSignInUntilItIsEnabledAgain() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        long id = id(staff);
        mvc.perform(post("/admin/accounts/{id}/disable", id).with(csrf()).session(session))
                .andExpect(redirectedUrl("/admin/accounts/" + id)).andExpect(flash().attributeExists("flash"));
        assertThat(enabled(staff)).isFalse();
        assertThat(operationLog(admin, "停用账户", staff)).isEqualTo(1);
        mvc.perform(formLogin("/login").user(staff).password(TestAccounts.PASSWORD))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error=disabled"));
        mvc.perform(get("/admin/accounts").param("q", staff).session(session))
                .andExpect(content().string(containsString("停用")));

        mvc.perform(post("/admin/accounts/{id}/enable", id).with(csrf()).session(session))
                .andExpect(flash().attributeExists("flash"));
        assertThat(operationLog(admin, "启用账户", staff)).isEqualTo(1);
        mvc.perform(formLogin("/login").user(staff).password(TestAccounts.PASSWORD)).andExpect(authenticated());
    }

    @Test
    void anApiClientIsRefusedOnItsNextCallOnceDisabledOrReRoledThoughItsAccountIsCached() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        long id = id(staff);
        for (int i = 0; i < 3; i++) { // the account is cached after the first call
            mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, TestAccounts.PASSWORD)))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.role").value("CITY_STAFF"));
        }
        mvc.perform(post("/admin/accounts/{id}/disable", id).with(csrf()).session(session));
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, TestAccounts.PASSWORD)))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(containsString("停用")));
        mvc.perform(post("/admin/accounts/{id}/enable", id).with(csrf()).session(session));
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, TestAccounts.PASSWORD))).andExpect(status().isOk());
        // a wrong password is still refused while the account is cached
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, "Wrong2026pass"))).andExpect(status().isUnauthorized());
        long office = TestAccounts.organisationNamed(accounts, "长株潭一体化发展事务中心").id();
        mvc.perform(post("/admin/accounts/{id}/role", id).with(csrf()).session(session)
                .param("role", "JOINT_OFFICE").param("organisationId", String.valueOf(office)));
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, TestAccounts.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.role").value("JOINT_OFFICE"));
    }

    @Test
    void resettingAPasswordChecksThePolicyAndLiftsTheLockout() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        long id = id(staff);
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, "Wrong2026pass")));
        }
        mvc.perform(get("/admin/accounts").param("q", staff).session(session))
                .andExpect(content().string(containsString("锁定至 ")));

        mvc.perform(post("/admin/accounts/{id}/password", id).with(csrf()).session(session)
                        .param("newPassword", "12345678").param("confirmPassword", "12345678"))
                .andExpect(flash().attribute("flashError", PasswordPolicy.RULE));
        mvc.perform(post("/admin/accounts/{id}/password", id).with(csrf()).session(session)
                        .param("newPassword", "Reset2026ok").param("confirmPassword", "Reset2026no"))
                .andExpect(flash().attribute("flashError", "两次输入的新密码不一致"));
        assertThat(operationLog(admin, "重置密码", staff)).isZero();

        mvc.perform(post("/admin/accounts/{id}/password", id).with(csrf()).session(session)
                        .param("newPassword", "Reset2026ok").param("confirmPassword", "Reset2026ok"))
                .andExpect(flash().attributeExists("flash"));
        assertThat(operationLog(admin, "重置密码", staff)).isEqualTo(1);
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, "Reset2026ok"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, TestAccounts.PASSWORD))).andExpect(status().isUnauthorized());
    }

    @Test
    void unlockingLiftsALockoutBeforeItsFifteenMinutesAreOver() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, "Wrong2026pass")));
        }
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, TestAccounts.PASSWORD))).andExpect(status().isUnauthorized());

        mvc.perform(post("/admin/accounts/{id}/unlock", id(staff)).with(csrf()).session(session))
                .andExpect(flash().attribute("flash", "已解除锁定"));
        assertThat(operationLog(admin, "解除锁定", staff)).isEqualTo(1);
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, TestAccounts.PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void roleAndOrganisationChangeTogetherAndMustFitEachOther() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        long id = id(staff);
        long office = TestAccounts.organisationNamed(accounts, "长株潭一体化发展事务中心").id();
        long platform = TestAccounts.organisationNamed(accounts, "一座城平台运维中心").id();

        mvc.perform(post("/admin/accounts/{id}/role", id).with(csrf()).session(session)
                        .param("role", "JOINT_OFFICE").param("organisationId", String.valueOf(platform)))
                .andExpect(flash().attribute("flashError", containsString("不能归属于")));
        assertThat(accounts.findByUsername(staff).orElseThrow().role()).isEqualTo(Role.CITY_STAFF);

        mvc.perform(post("/admin/accounts/{id}/role", id).with(csrf()).session(session)
                        .param("role", "JOINT_OFFICE").param("organisationId", String.valueOf(office)))
                .andExpect(flash().attributeExists("flash"));
        CurrentUser changed = accounts.findByUsername(staff).orElseThrow();
        assertThat(changed.role()).isEqualTo(Role.JOINT_OFFICE);
        assertThat(changed.organisationId()).isEqualTo(office);
        assertThat(operationLog(admin, "变更角色与机构", staff)).isEqualTo(1);
    }

    @Test
    void anAdministratorCannotTakeTheAdministratorRoleFromThemself() throws Exception {
        long office = TestAccounts.organisationNamed(accounts, "长株潭一体化发展事务中心").id();
        mvc.perform(post("/admin/accounts/{id}/role", id(admin)).with(csrf()).session(session)
                        .param("role", "JOINT_OFFICE").param("organisationId", String.valueOf(office)))
                .andExpect(flash().attribute("flashError", "不能取消自己的系统管理员角色"));
        assertThat(accounts.findByUsername(admin).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void readingTheFullPhoneNumberIsWrittenToTheOperationLog() throws Exception {
        String resident = TestAccounts.create(accounts, Role.RESIDENT, "13912345678");
        long id = id(resident);
        mvc.perform(get("/admin/accounts/{id}", id).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("139****5678")))
                .andExpect(content().string(not(containsString("13912345678"))))
                .andExpect(content().string(containsString("查看完整手机号")));
        assertThat(operationLog(admin, "查看个人信息", resident)).isZero();

        mvc.perform(post("/admin/accounts/{id}/phone", id).with(csrf()).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("13912345678")));
        assertThat(operationLog(admin, "查看个人信息", resident)).isEqualTo(1);
    }

    @Test
    void theLoginLogPageListsAndFiltersSignIns() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, "Wrong2026pass")));
        mvc.perform(get("/admin/login-log").param("username", staff).param("success", "false").param("channel", "API")
                        .session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(staff)))
                .andExpect(content().string(containsString("密码错误（连续第 1 次）")))
                .andExpect(content().string(containsString("table-responsive")));
        mvc.perform(get("/admin/login-log").param("username", staff).param("success", "true").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString(NO_SIGN_INS)));
        mvc.perform(get("/admin/login-log").param("username", staff).param("channel", "FORM").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString(NO_SIGN_INS)));
        mvc.perform(get("/admin/login-log").param("username", staff).param("from", "2000-01-01").param("to", "2000-01-02")
                        .session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString(NO_SIGN_INS)));
        mvc.perform(get("/admin/login-log").param("from", "not-a-date").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("筛选条件格式不正确")));
        mvc.perform(get("/admin/login-log").param("from", "2026-02-01").param("to", "2026-01-01").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("结束日期不能早于开始日期")));
    }

    @Test
    void theOperationLogPageShowsWhoDidWhatAndCanBeFiltered() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        mvc.perform(post("/admin/accounts/{id}/disable", id(staff)).with(csrf()).session(session));
        mvc.perform(get("/admin/operation-log").param("operator", admin).param("module", "identity")
                        .param("action", "停用").param("success", "true").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(admin)))
                .andExpect(content().string(containsString("停用账户")))
                .andExpect(content().string(containsString(staff)))
                .andExpect(content().string(containsString("系统管理员")));
        mvc.perform(get("/admin/operation-log").param("operator", admin).param("action", "新建").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("没有符合条件的操作记录")));
    }

    private long id(String username) {
        return accounts.findByUsername(username).orElseThrow().accountId();
    }

    private boolean enabled(String username) {
        return jdbc.sql("SELECT enabled FROM idn_account WHERE username = :u").param("u", username)
                .query(Boolean.class).single();
    }

    private int operationLog(String operator, String action, String target) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM idn_operation_log
                WHERE operator = :o AND action = :a AND target = :t AND success = TRUE""")
                .param("o", operator).param("a", action).param("t", target).query(Integer.class).single();
    }
}
