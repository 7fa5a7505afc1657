package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.shared.ForbiddenException;

/** §5 alliance services ("累计服务企业N家" counts distinct enterprises) and §6 the park fund's computed totals. */
@cn.onecity.services.ServicesIntegrationTest
class AllianceAndFundIntegrationTest {

    static final String PW = IndTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired Alliance alliance;
    @Autowired ParkFund fund;

    IndTestData data;
    CurrentUser office;

    @BeforeEach
    void setUp() {
        data = new IndTestData(accounts, enterprises);
        office = accounts.findByUsername(TestAccounts.create(accounts, Role.JOINT_OFFICE)).orElseThrow();
    }

    @Test
    void enterprisesServedCountsDistinctEnterprises() {
        long member = alliance.admit(office, IndTestData.unique("测试检测服务中心"), "430200", "检验检测", null, null, null);
        Enterprise a = data.enterprise(IndTestData.unique("测试服务对象甲"), "430202", "刀具", List.of(), List.of());
        Enterprise b = data.enterprise(IndTestData.unique("测试服务对象乙"), "430202", "刀具", List.of(), List.of());
        AllianceStatistics before = alliance.statistics();
        alliance.recordService(office, member, a.id(), "检验检测", "2024-05-01", "出具检测报告");
        alliance.recordService(office, member, a.id(), "标准认证", "2024-06-01", "通过认证");
        alliance.recordService(office, member, b.id(), "检验检测", "2024-07-01", "出具检测报告");
        AllianceStatistics after = alliance.statistics();
        assertThat(after.services()).isEqualTo(before.services() + 3);
        assertThat(after.enterprisesServed()).isEqualTo(before.enterprisesServed() + 2);
        assertThat(alliance.member(member).enterprisesServed()).isEqualTo(2);
        assertThat(alliance.member(member).services()).isEqualTo(3);
    }

    @Test
    void aMembersOwnAccountRecordsItsServicesButNotAnotherMembers() throws Exception {
        CurrentUser account = data.enterpriseAccount("430100");
        long mine = alliance.admit(office, IndTestData.unique("测试设计服务中心"), "430100", "工业设计", account.organisationId(), null, null);
        long other = alliance.admit(office, IndTestData.unique("测试法律服务中心"), "430100", "法律服务", null, null, null);
        Enterprise e = data.enterprise(IndTestData.unique("测试设计对象"), "430104", "外观设计", List.of(), List.of());
        String json = "{\"memberId\":%d,\"enterpriseId\":%d,\"serviceType\":\"工业设计\",\"servedOn\":\"2024-08-08\",\"outcome\":\"完成外观设计\"}";
        mvc.perform(post("/api/v1/industry/alliance/services").with(httpBasic(account.username(), PW))
                .contentType(MediaType.APPLICATION_JSON).content(json.formatted(mine, e.id()))).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/industry/alliance/services").with(httpBasic(account.username(), PW))
                .contentType(MediaType.APPLICATION_JSON).content(json.formatted(other, e.id()))).andExpect(status().isForbidden());
        assertThat(alliance.member(other).services()).isZero();
    }

    @Test
    void staffOfAnotherCityCannotRecordAndAFutureDateIsRefused() {
        long member = alliance.admit(office, IndTestData.unique("测试融资担保中心"), "430300", "融资担保", null, null, null);
        Enterprise e = data.enterprise(IndTestData.unique("测试融资对象"), "430304", "电机", List.of(), List.of());
        CurrentUser changsha = data.gxjStaff("430100");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alliance.recordService(changsha, member, e.id(), "融资担保",
                "2024-01-01", "担保贷款")).isInstanceOf(ForbiddenException.class);
        CurrentUser xiangtan = data.gxjStaff("430300");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alliance.recordService(xiangtan, member, e.id(), "融资担保",
                LocalDate.now().plusYears(5).toString(), "担保贷款")).hasMessageContaining("不能晚于今天");
    }

    @Test
    void theFundTotalsAreComputedFromItsInvestments() throws Exception {
        FundTotals before = fund.totals();
        String json = "{\"project\":\"%s\",\"parkCode\":\"%s\",\"amountWan\":\"%s\",\"investedOn\":\"2024-03-01\"}";
        mvc.perform(post("/api/v1/industry/fund/investments").with(httpBasic(office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json.formatted(IndTestData.unique("测试项目"), "ZZ-LLJKQ", "860.50")))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/industry/fund/investments").with(httpBasic(office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json.formatted(IndTestData.unique("测试项目"), "XT-JKQ", "1000")))
                .andExpect(status().isCreated());
        FundTotals after = fund.totals();
        assertThat(after.projects()).isEqualTo(before.projects() + 2);
        assertThat(after.totalWan().subtract(before.totalWan())).isEqualByComparingTo(new BigDecimal("1860.50"));
        assertThat(after.byCity().get("株洲").subtract(before.byCity().get("株洲"))).isEqualByComparingTo("860.50");
        mvc.perform(get("/api/v1/industry/fund").with(httpBasic(office.username(), PW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totals.projects").value((int) after.projects()));
    }

    @Test
    void aBadAmountIsNamedAndEnterprisesCannotRecordInvestments() throws Exception {
        mvc.perform(post("/api/v1/industry/fund/investments").with(httpBasic(office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"project\":\"测试\",\"parkCode\":\"CS-JKQ\",\"amountWan\":\"-5\",\"investedOn\":\"2024-03-01\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[*].field", hasItem("amountWan")));
        CurrentUser enterprise = data.enterpriseAccount("430100");
        mvc.perform(post("/api/v1/industry/fund/investments").with(httpBasic(enterprise.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"project\":\"测试\",\"parkCode\":\"CS-JKQ\",\"amountWan\":\"5\",\"investedOn\":\"2024-03-01\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theAllianceAndFundPagesRender() throws Exception {
        var session = TestAccounts.login(mvc, office.username());
        mvc.perform(get("/industry/alliance").session(session)).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("累计服务企业")));
        mvc.perform(get("/industry/fund").session(session)).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("累计投资金额")));
    }
}
