package cn.onecity.identity;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /api/**}: HTTP Basic, and every refusal or error as problem+json with a Chinese detail. */
@IdentityIntegrationTest
class IdentityApiIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;

    @Test
    void withoutCredentialsTheApiAnswers401ProblemJsonInChinese() throws Exception {
        mvc.perform(get("/api/v1/identity/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("需要登录：请用 HTTP Basic 提供正确的用户名和密码"));
    }

    @Test
    void theSignedInUserCanAskWhoTheyAre() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        mvc.perform(get("/api/v1/identity/me").with(httpBasic(staff, TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(staff))
                .andExpect(jsonPath("$.role").value("CITY_STAFF"))
                .andExpect(jsonPath("$.organisationName").value("长沙市行政审批服务局"));
    }

    @Test
    void aValidationFailureAnswers400WithTheFieldErrors() throws Exception {
        String admin = TestAccounts.create(accounts, Role.ADMIN);
        mvc.perform(post("/api/v1/identity/accounts").with(httpBasic(admin, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"X\",\"displayName\":\"\",\"password\":\"Abcd2026x\",\"phone\":\"123\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("提交的数据有误，请按提示修改"))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(containsInAnyOrder("username", "displayName", "role", "organisationId", "phone")))
                .andExpect(jsonPath("$.errors[?(@.field == 'role')].message").value("请选择角色"));
    }

    @Test
    void aRuleOfTheModuleAnswers400NamingTheField() throws Exception {
        String admin = TestAccounts.create(accounts, Role.ADMIN);
        long office = TestAccounts.organisationNamed(accounts, "长株潭一体化发展事务中心").id();
        String username = TestAccounts.uniqueUsername(Role.JOINT_OFFICE);
        mvc.perform(post("/api/v1/identity/accounts").with(httpBasic(admin, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username + "\",\"displayName\":\"弱密码\",\"password\":\"abcdefgh\","
                                + "\"role\":\"JOINT_OFFICE\",\"organisationId\":" + office + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(PasswordPolicy.RULE))
                .andExpect(jsonPath("$.errors[0].field").value("password"));
    }

    @Test
    void anAdministratorCreatesAnAccountOverTheApi() throws Exception {
        String admin = TestAccounts.create(accounts, Role.ADMIN);
        long office = TestAccounts.organisationNamed(accounts, "长株潭一体化发展事务中心").id();
        String username = TestAccounts.uniqueUsername(Role.JOINT_OFFICE);
        mvc.perform(post("/api/v1/identity/accounts").with(httpBasic(admin, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username + "\",\"displayName\":\"接口创建\",\"password\":\"Abcd2026x\","
                                + "\"role\":\"JOINT_OFFICE\",\"organisationId\":" + office + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value(username));
    }

    @Test
    void aRoleThatMayNotCallAnEndpointAnswers403ProblemJson() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        long office = TestAccounts.organisationNamed(accounts, "长株潭一体化发展事务中心").id();
        String username = TestAccounts.uniqueUsername(Role.JOINT_OFFICE);
        mvc.perform(post("/api/v1/identity/accounts").with(httpBasic(staff, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username + "\",\"displayName\":\"越权\",\"password\":\"Abcd2026x\","
                                + "\"role\":\"JOINT_OFFICE\",\"organisationId\":" + office + "}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("无权访问")));
    }

    @Test
    void anUnknownApiPathAnswers404ProblemJsonInChinese() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        mvc.perform(get("/api/v1/nope").with(httpBasic(staff, TestAccounts.PASSWORD)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value(containsString("请求的接口不存在")));
    }

    @Test
    void anUnsupportedMethodAnswers405ProblemJsonInChinese() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        mvc.perform(delete("/api/v1/identity/me").with(httpBasic(staff, TestAccounts.PASSWORD)))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("该接口不支持此请求方法"));
    }

    @Test
    void malformedJsonAnswers400ProblemJsonInChinese() throws Exception {
        String admin = TestAccounts.create(accounts, Role.ADMIN);
        mvc.perform(post("/api/v1/identity/accounts").with(httpBasic(admin, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(matchesPattern(".*\\p{IsHan}.*")));
    }
}
