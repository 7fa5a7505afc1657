package cn.onecity.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;

/** A malformed page address is a page that does not exist (404 in Chinese), in every module, never a 500. */
@ServicesIntegrationTest
class PageErrorsIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;

    @Test
    void aNonNumericIdInAPageAddressIsNotFoundInEveryModule() throws Exception {
        MockHttpSession office = TestAccounts.login(mvc, TestAccounts.create(accounts, Role.JOINT_OFFICE));
        for (String path : new String[] {"/cooperation/items/abc", "/ecology/alerts/abc", "/industry/enterprises/abc"}) {
            mvc.perform(get(path).session(office)).andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("页面不存在")))
                    .andExpect(content().string(not(containsString("Exception"))));
        }
        // application numbers are text: an unknown one is simply not found
        mvc.perform(get("/services/applications/abc").session(office)).andExpect(status().isNotFound());
    }
}
