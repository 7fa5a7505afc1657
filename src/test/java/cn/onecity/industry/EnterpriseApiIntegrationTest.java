package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;

/** POST/PUT /api/v1/industry/enterprises: credit-code validation, duplicates, who may register and edit. */
@cn.onecity.services.ServicesIntegrationTest
class EnterpriseApiIntegrationTest {

    static final String PW = IndTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired JdbcClient jdbc;

    IndTestData data;

    @BeforeEach
    void setUp() {
        data = new IndTestData(accounts, enterprises);
    }

    static String body(String name, String code, String district, String size) {
        return """
                {"name":"%s","creditCode":"%s","districtCode":"%s","size":"%s"}""".formatted(name, code, district, size);
    }

    long rowsWithCode(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM ind_enterprise WHERE credit_code = :c").param("c", code).query(Long.class).single();
    }

    @Test
    void staffOfTheCitysIndustryBureauRegistersAnEnterpriseWithTheMinimalFields() throws Exception {
        CurrentUser staff = data.gxjStaff("430100");
        String code = IndTestData.creditCode();
        mvc.perform(post("/api/v1/industry/enterprises").with(httpBasic(staff.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(body(IndTestData.unique("测试岳麓企业"), code, "430104", "SMALL")))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.creditCode").value(code))
                .andExpect(jsonPath("$.claimStatus").value("UNCLAIMED"));
        Enterprise e = enterprises.findByCreditCode(code).orElseThrow();
        assertThat(e.cityCode()).isEqualTo("430100");
        assertThat(e.districtName()).isEqualTo("岳麓区");
        assertThat(e.size()).isEqualTo(EnterpriseSize.SMALL);
    }

    @Test
    void aWrongCheckCharacterIsA400NamingCreditCodeAndSavesNothing() throws Exception {
        CurrentUser staff = data.gxjStaff("430100");
        String good = IndTestData.creditCode();
        char wrong = good.charAt(17) == '0' ? '1' : '0';
        String bad = good.substring(0, 17) + wrong;
        mvc.perform(post("/api/v1/industry/enterprises").with(httpBasic(staff.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(body("测试坏代码企业", bad, "430104", "SMALL")))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("problem+json")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("creditCode")));
        assertThat(rowsWithCode(bad)).isZero();
    }

    @Test
    void forbiddenLettersFullWidthCharactersAndWrongLengthAreEachA400NamingCreditCode() throws Exception {
        CurrentUser staff = data.gxjStaff("430100");
        String good = IndTestData.creditCode();
        for (String bad : List.of(good.substring(0, 10) + "I" + good.substring(11), "９" + good.substring(1),
                good.substring(0, 17), good + "1")) {
            mvc.perform(post("/api/v1/industry/enterprises").with(httpBasic(staff.username(), PW))
                            .contentType(MediaType.APPLICATION_JSON).content(body("测试坏代码企业", bad, "430104", "SMALL")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field", hasItem("creditCode")));
        }
    }

    @Test
    void aKnownCreditCodeIsA409() throws Exception {
        CurrentUser staff = data.gxjStaff("430100");
        String code = IndTestData.creditCode();
        String json = body(IndTestData.unique("测试重复企业"), code, "430104", "MEDIUM");
        mvc.perform(post("/api/v1/industry/enterprises").with(httpBasic(staff.username(), PW))
                .contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/industry/enterprises").with(httpBasic(staff.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json.replace(code, code.toLowerCase())))
                .andExpect(status().isConflict());
        assertThat(rowsWithCode(code)).isEqualTo(1);
    }

    @Test
    void anUnknownSizeAndDistrictAreNamedInErrors() throws Exception {
        CurrentUser staff = data.gxjStaff("430100");
        mvc.perform(post("/api/v1/industry/enterprises").with(httpBasic(staff.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(body("测试企业", IndTestData.creditCode(), "110101", "HUGE")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("size")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("districtCode")));
    }

    @Test
    void staffOfAnotherCityCannotRegisterTheEnterprise() throws Exception {
        CurrentUser zhuzhou = data.gxjStaff("430200");
        String code = IndTestData.creditCode();
        mvc.perform(post("/api/v1/industry/enterprises").with(httpBasic(zhuzhou.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(body("测试跨市企业", code, "430104", "SMALL")))
                .andExpect(status().isForbidden());
        assertThat(rowsWithCode(code)).isZero();
    }

    @Test
    void anEnterpriseRegistersItselfAndItsClaimAwaitsTheBureau() throws Exception {
        CurrentUser account = data.enterpriseAccount("430300");
        String code = IndTestData.creditCode();
        mvc.perform(post("/api/v1/industry/enterprises").with(httpBasic(account.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(body(IndTestData.unique("测试自主登记"), code, "430304", "MICRO")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.claimStatus").value("PENDING"));
        Enterprise e = enterprises.findByCreditCode(code).orElseThrow();
        assertThat(e.claimed()).isFalse();
        assertThat(enterprises.claims(account, true)).extracting(Claim::enterpriseId).containsExactly(e.id());
    }

    @Test
    void aResidentCannotRegisterEnterprises() throws Exception {
        String resident = cn.onecity.identity.TestAccounts.create(accounts, cn.onecity.identity.Role.RESIDENT);
        mvc.perform(post("/api/v1/industry/enterprises").with(httpBasic(resident, PW))
                        .contentType(MediaType.APPLICATION_JSON).content(body("测试企业", IndTestData.creditCode(), "430104", "SMALL")))
                .andExpect(status().isForbidden());
    }

    @Test
    void theOwnerEditsItsProfileButNotAnotherEnterprises() throws Exception {
        IndTestData.Owned mine = data.owned(IndTestData.unique("测试本企业"), "430202", "430200", "硬质合金刀具", List.of(), List.of());
        Enterprise other = data.enterprise(IndTestData.unique("测试他企业"), "430202", "数控刀片", List.of(), List.of());
        String update = """
                {"name":"%s","districtCode":"430202","size":"MEDIUM","products":"硬质合金刀具、涂层刀片"}""";
        mvc.perform(put("/api/v1/industry/enterprises/" + mine.enterprise().id()).with(httpBasic(mine.account().username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(update.formatted(mine.enterprise().name())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.products").value("硬质合金刀具、涂层刀片"))
                .andExpect(jsonPath("$.size").value("MEDIUM"));
        mvc.perform(put("/api/v1/industry/enterprises/" + other.id()).with(httpBasic(mine.account().username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(update.formatted("改名企业")))
                .andExpect(status().isForbidden());
        assertThat(enterprises.get(other.id()).name()).isEqualTo(other.name());
        assertThat(enterprises.get(other.id()).products()).isEqualTo("数控刀片");
    }

    @Test
    void theDirectoryFiltersByCityAndText() throws Exception {
        String word = IndTestData.unique("测试稀有产品");
        Enterprise e = data.enterprise(IndTestData.unique("测试检索企业"), "430281", word, List.of(), List.of());
        CurrentUser staff = data.gxjStaff("430200");
        mvc.perform(get("/api/v1/industry/enterprises").param("q", word).param("city", "430200")
                        .with(httpBasic(staff.username(), PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].id").value(e.id()))
                .andExpect(jsonPath("$.content[0].district").value("醴陵市"));
    }
}
