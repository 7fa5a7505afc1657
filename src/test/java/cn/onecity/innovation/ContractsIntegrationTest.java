package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestAccounts;
import cn.onecity.identity.Role;

/** 技术合同登记: who may register, the rules (same parties, amounts, cities), flows by year, and the R&D registry. */
@cn.onecity.services.ServicesIntegrationTest
class ContractsIntegrationTest {

    static final String PW = InvTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Contracts contracts;
    @Autowired JdbcClient jdbc;

    InvTestData data;
    CurrentUser csKjj;
    int year;

    @BeforeEach
    void setUp() {
        data = new InvTestData(accounts);
        csKjj = data.kjj("430100");
        year = 2001 + ThreadLocalRandom.current().nextInt(18);
    }

    static String json(String title, String seller, String sellerCity, String buyer, String buyerCity, String amount, String on) {
        return """
                {"kind":"TRANSFER","title":"%s","sellerName":"%s","sellerCity":"%s","buyerName":"%s","buyerCity":"%s",
                 "amount":%s,"registeredOn":"%s"}""".formatted(title, seller, sellerCity, buyer, buyerCity, amount, on);
    }

    long flowContracts(String from, String to) throws Exception {
        String body = mvc.perform(get("/api/v1/innovation/statistics/flows").param("year", Integer.toString(year)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> flows = JsonPath.read(body, "$");
        return flows.stream().filter(f -> f.get("fromCity").equals(from) && f.get("toCity").equals(to))
                .mapToLong(f -> ((Number) f.get("contracts")).longValue()).sum();
    }

    @Test
    void aRegisteredContractCountsInTheFlowFromTheSellersCityToTheBuyersCity() throws Exception {
        long before = flowContracts("长沙", "湘潭");
        mvc.perform(post("/api/v1/innovation/contracts").with(httpBasic(csKjj.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(json(InvTestData.unique("转让合同"), "中南大学", "430100", InvTestData.unique("湘潭企业"), "430300",
                                "350.5", year + "-06-01")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.id").isNumber());
        assertThat(flowContracts("长沙", "湘潭")).isEqualTo(before + 1);
        String body = mvc.perform(get("/api/v1/innovation/statistics/flows").param("year", Integer.toString(year)))
                .andReturn().getResponse().getContentAsString();
        assertThat((List<Map<String, Object>>) JsonPath.read(body, "$")).allSatisfy(f ->
                assertThat(f).containsOnlyKeys("fromCity", "toCity", "contracts", "amount"));
        assertThat(contracts.turnover()).anySatisfy(t -> {
            assertThat(t.year()).isEqualTo(year);
            assertThat(t.city()).isEqualTo("长沙");
            assertThat(t.amount()).isGreaterThanOrEqualTo(new BigDecimal("350.5"));
        });
    }

    @Test
    void aContractBetweenTheSamePartyIsRefusedAndNothingIsSaved() throws Exception {
        String title = InvTestData.unique("自买自卖");
        mvc.perform(post("/api/v1/innovation/contracts").with(httpBasic(csKjj.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(json(title, "中南大学", "430100", " 中南大学 ", "430100", "10", year + "-01-02")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("buyerName"))
                .andExpect(jsonPath("$.errors[0].message", containsString("同一主体")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM inv_contract WHERE title = :t").param("t", title).query(Long.class).single()).isZero();
    }

    @Test
    void negativeAbsurdOrFutureContractsAreRefusedNamingTheField() throws Exception {
        for (String[] c : new String[][] {{"-1", "amount", "不能为负数"}, {"0", "amount", "应大于 0"},
                {"5000000", "amount", "100 亿元"}}) {
            mvc.perform(post("/api/v1/innovation/contracts").with(httpBasic(csKjj.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                            .content(json("金额", "中南大学", "430100", "某企业", "430300", c[0], year + "-01-02")))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value(c[1]))
                    .andExpect(jsonPath("$.errors[0].message", containsString(c[2])));
        }
        mvc.perform(post("/api/v1/innovation/contracts").with(httpBasic(csKjj.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(json("未来", "中南大学", "430100", "某企业", "430300", "5", "2199-01-01")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("registeredOn"));
        mvc.perform(post("/api/v1/innovation/contracts").with(httpBasic(csKjj.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(json("城市", "中南大学", "430100", "某企业", "439999", "5", year + "-01-02")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("buyerCity"));
    }

    @Test
    void onlyKjjStaffForSellersOfTheirCityOrTheJointOfficeRegister() throws Exception {
        String body = json("别市卖方", "湘潭大学", "430300", "长沙某企业", "430100", "5", year + "-01-02");
        mvc.perform(post("/api/v1/innovation/contracts").with(httpBasic(csKjj.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("sellerCity"));
        mvc.perform(post("/api/v1/innovation/contracts").with(httpBasic(data.kjj("430300").username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/innovation/contracts").with(httpBasic(data.jointOffice().username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        String otherStaff = TestAccounts.create(accounts, Role.CITY_STAFF); // 行政审批服务局, not 科技局
        mvc.perform(post("/api/v1/innovation/contracts").with(httpBasic(otherStaff, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isForbidden());
    }

    @Test
    void rdInstitutionsAreRegisteredAndCountedByFoundingYear() throws Exception {
        String name = InvTestData.unique("测试新型研发机构");
        int foundedYear = 1990 + ThreadLocalRandom.current().nextInt(5);
        long before = contracts.rdGrowth().stream().filter(g -> g.year() == foundedYear).mapToLong(Contracts.RdYear::zhuzhou).sum();
        mvc.perform(post("/api/v1/innovation/rd-institutions").with(httpBasic(data.kjj("430200").username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"%s\",\"kind\":\"NEW_TYPE\",\"cityCode\":\"430200\",\"foundedOn\":\"%d-05-01\"}"
                                .formatted(name, foundedYear)))
                .andExpect(status().isCreated());
        assertThat(contracts.rdGrowth().stream().filter(g -> g.year() == foundedYear).mapToLong(Contracts.RdYear::zhuzhou).sum())
                .isEqualTo(before + 1);
        mvc.perform(post("/api/v1/innovation/rd-institutions").with(httpBasic(data.kjj("430200").username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"kind\":\"NEW_TYPE\",\"cityCode\":\"430100\",\"foundedOn\":\"2020-05-01\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("cityCode"));
    }
}
