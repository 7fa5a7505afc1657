package cn.onecity.identity;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** A signed-in session ends on its next request once its account was disabled, re-roled or had its password reset. */
@IdentityIntegrationTest
class AccountStateIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void anUnchangedAccountKeepsItsSession() throws Exception {
        String username = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        MockHttpSession session = TestAccounts.login(mvc, username);
        mvc.perform(get("/notifications").session(session)).andExpect(status().isOk());
        mvc.perform(get("/notifications").session(session)).andExpect(status().isOk());
    }

    @Test
    void disablingAnAccountEndsItsOpenSession() throws Exception {
        String username = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        MockHttpSession session = TestAccounts.login(mvc, username);
        mvc.perform(get("/notifications").session(session)).andExpect(status().isOk());
        jdbc.sql("UPDATE idn_account SET enabled = FALSE WHERE username = :u").param("u", username).update();
        mvc.perform(get("/notifications").session(session)).andExpect(redirectedUrl("/login?error=changed"));
    }

    @Test
    void aPasswordResetEndsTheSessionsSignedInWithTheOldPassword() throws Exception {
        String username = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        MockHttpSession session = TestAccounts.login(mvc, username);
        jdbc.sql("UPDATE idn_account SET password_changed_at = :t WHERE username = :u")
                .param("t", OffsetDateTime.now().plusSeconds(5)).param("u", username).update();
        mvc.perform(get("/notifications").session(session)).andExpect(redirectedUrl("/login?error=changed"));
    }

    @Test
    void aRoleChangeEndsTheSessionSoOldPermissionsDoNotLinger() throws Exception {
        String username = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        MockHttpSession session = TestAccounts.login(mvc, username);
        jdbc.sql("UPDATE idn_account SET role = 'ADMIN' WHERE username = :u").param("u", username).update();
        mvc.perform(get("/notifications").session(session)).andExpect(redirectedUrl("/login?error=changed"));
    }
}
