package cn.onecity.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Every failed sign-in and every form sign-in is written to the login log, with its channel. */
@IdentityIntegrationTest
class LoginLogIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;

    record Entry(String channel, boolean success, String message) {
    }

    @Test
    void aFailedFormSignInAndASuccessfulOneAreBothLogged() throws Exception {
        String username = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        mvc.perform(formLogin("/login").user(username).password("Wrong2026pass"));
        mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD));

        assertThat(entries(username)).containsExactly(
                new Entry("FORM", false, "密码错误（连续第 1 次）"),
                new Entry("FORM", true, "登录成功"));
    }

    @Test
    void aFailedApiSignInIsLoggedWithTheApiChannel() throws Exception {
        String username = TestAccounts.create(accounts, Role.CITY_STAFF);
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, "Wrong2026pass"))).andExpect(status().isUnauthorized());

        assertThat(entries(username)).containsExactly(new Entry("API", false, "密码错误（连续第 1 次）"));
    }

    @Test
    void aSignInWithAnUnknownUsernameIsLoggedAsAFailure() throws Exception {
        String username = TestAccounts.uniqueUsername(Role.RESIDENT);
        mvc.perform(formLogin("/login").user(username).password("Wrong2026pass"));

        assertThat(entries(username)).containsExactly(new Entry("FORM", false, "用户名不存在"));
    }

    @Test
    void theFifthFailureAndTheRefusalsDuringTheLockAreLogged() throws Exception {
        String username = TestAccounts.create(accounts, Role.CITY_STAFF);
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, "Wrong2026pass")));
        }
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, TestAccounts.PASSWORD)));

        List<Entry> entries = entries(username);
        assertThat(entries).hasSize(6);
        assertThat(entries.get(4).message()).contains("账户锁定 15 分钟");
        assertThat(entries.get(5)).isEqualTo(new Entry("API", false, "账户已锁定"));
    }

    private List<Entry> entries(String username) {
        return jdbc.sql("SELECT channel, success, message FROM idn_login_log WHERE username = :u ORDER BY id")
                .param("u", username)
                .query((rs, i) -> new Entry(rs.getString("channel"), rs.getBoolean("success"), rs.getString("message")))
                .list();
    }
}
