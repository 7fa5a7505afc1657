package cn.onecity.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** 5 failed sign-ins in a row lock an account for 15 minutes, over HTTP Basic and the login form alike. */
@IdentityIntegrationTest
class LockoutIntegrationTest {

    private static final String WRONG = "Wrong2026pass";

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void fiveWrongPasswordsOverHttpBasicLockTheAccountUntilFifteenMinutesHavePassed() throws Exception {
        String username = TestAccounts.create(accounts, Role.CITY_STAFF);
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, TestAccounts.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.username").value(username));

        for (int i = 1; i <= 5; i++) {
            mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, WRONG)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.detail").value(containsString("需要登录")));
        }

        // the right password is refused while the lock lasts, with the lockout as the reason
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, TestAccounts.PASSWORD)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value(containsString("账户已锁定")))
                .andExpect(jsonPath("$.detail").value(containsString("15 分钟")));

        clock.advance(Duration.ofMinutes(14));
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, TestAccounts.PASSWORD)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(containsString("账户已锁定")));

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, TestAccounts.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.username").value(username));
        assertThat(lockedUntilIsSet(username)).isFalse();
    }

    @Test
    void aSuccessfulSignInResetsTheCountOfFailures() throws Exception {
        String username = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        for (int i = 0; i < 4; i++) {
            mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, WRONG))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, TestAccounts.PASSWORD))).andExpect(status().isOk());
        for (int i = 0; i < 4; i++) {
            mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, WRONG))).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(username, TestAccounts.PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void fiveWrongPasswordsOnTheLoginFormLockTheAccountAndTheLoginPageSaysSoInChinese() throws Exception {
        String username = TestAccounts.create(accounts, Role.CITY_STAFF);
        for (int i = 1; i <= 5; i++) {
            mvc.perform(formLogin("/login").user(username).password(WRONG))
                    .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error=bad"));
        }
        mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error=locked"));
        mvc.perform(get("/login").param("error", "locked"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("账户已锁定：连续 5 次登录失败，请 15 分钟后再试。")));

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD)).andExpect(authenticated());
    }

    private boolean lockedUntilIsSet(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM idn_account WHERE username = :u AND locked_until IS NOT NULL")
                .param("u", username).query(Integer.class).single() > 0;
    }
}
