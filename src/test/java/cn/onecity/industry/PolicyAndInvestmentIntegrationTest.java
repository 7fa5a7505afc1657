package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
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
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ForbiddenException;

/** §7: 政策找企业 / 我可享受的政策 by cities, chains and sizes; leads move 洽谈→到资 and 湘商回归 figures follow. */
@cn.onecity.services.ServicesIntegrationTest
class PolicyAndInvestmentIntegrationTest {

    static final String PW = IndTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired Chains chains;
    @Autowired Policies policies;
    @Autowired Investment investment;

    IndTestData data;
    CurrentUser office;
    long chain;
    long segment;

    @BeforeEach
    void setUp() {
        data = new IndTestData(accounts, enterprises);
        office = accounts.findByUsername(TestAccounts.create(accounts, Role.JOINT_OFFICE)).orElseThrow();
        chain = chains.createChain(IndTestData.unique("测试政策链"), "新兴产业链", null);
        segment = chains.addSegment(chain, null, Stage.UP, "芯片");
    }

    Enterprise enterprise(String district, String size, boolean inChain) {
        long id = enterprises.registerAsSystem(new EnterpriseDraft(IndTestData.unique("测试政策企业"), IndTestData.creditCode(),
                district, null, size, "", "", inChain ? List.of(segment) : List.of(), List.of()));
        return enterprises.get(id);
    }

    @Test
    void aPolicyFindsTheEnterprisesThatMeetAllItsConditionsAndTheyFindIt() throws Exception {
        Enterprise fits = enterprise("430104", "SMALL", true);
        Enterprise otherCity = enterprise("430211", "SMALL", true);
        Enterprise tooLarge = enterprise("430104", "LARGE", true);
        Enterprise otherChain = enterprise("430104", "SMALL", false);
        long id = policies.create(office, new PolicyDraft(IndTestData.unique("测试芯片政策"), "测试〔2024〕1号", "测试机关",
                "CHAIN", "条款", List.of("430100"), List.of(chain), List.of("小")));
        assertThat(policies.qualifyingEnterprises(id, 0, 50).content()).extracting(Enterprise::id).containsExactly(fits.id());
        mvc.perform(get("/api/v1/industry/policies/" + id + "/enterprises").with(httpBasic(office.username(), PW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(1));
        assertThat(policies.applicableTo(fits.id())).extracting(Policy::id).contains(id);
        for (Enterprise e : List.of(otherCity, tooLarge, otherChain)) {
            assertThat(policies.applicableTo(e.id())).extracting(Policy::id).doesNotContain(id);
        }
        assertThat(policies.get(id).conditions()).isEqualTo("城市：长沙；产业链：" + chains.get(chain).name() + "；规模：小型");
    }

    @Test
    void aPolicyNeedsAKnownAreaAndOnlyStaffRecordPolicies() throws Exception {
        mvc.perform(post("/api/v1/industry/policies").with(httpBasic(office.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"测试\",\"docNumber\":\"1\",\"issuer\":\"x\",\"areaCode\":\"NONE\",\"clauses\":\"x\",\"sizes\":[\"HUGE\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("areaCode")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("sizes")));
        CurrentUser enterprise = data.enterpriseAccount("430100");
        assertThatThrownBy(() -> policies.create(enterprise, new PolicyDraft("测试", "1", "x", "CHAIN", "x", null, null, null)))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aXiangshangLeadCountsWhenRegisteredAndItsFundsWhenInPlace() throws Exception {
        InvestmentStatistics before = investment.statistics();
        long id = investment.create(office, new Investment.LeadDraft("测试湘商", IndTestData.unique("测试回归项目"), segment,
                "430300", "5000", "洽谈", true, null));
        assertThat(investment.leads(segment, false, 10)).extracting(Lead::id).containsExactly(id);
        assertThat(investment.leadCountsBySegment()).containsEntry(segment, 1L);
        mvc.perform(post("/api/v1/industry/leads/" + id + "/advance").with(httpBasic(office.username(), PW))
                .contentType(MediaType.APPLICATION_JSON).content("{\"stage\":\"REGISTERED\"}")).andExpect(status().isOk());
        InvestmentStatistics registered = investment.statistics();
        assertThat(registered.xiangshangRegistrations()).isEqualTo(before.xiangshangRegistrations() + 1);
        assertThat(registered.xiangshangRegistrationsByCity().get("湘潭")).isEqualTo(before.xiangshangRegistrationsByCity().get("湘潭") + 1);
        mvc.perform(post("/api/v1/industry/leads/" + id + "/advance").with(httpBasic(office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"stage\":\"到资\",\"inPlaceWan\":\"4200.50\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stage").value("FUNDED"));
        InvestmentStatistics funded = investment.statistics();
        assertThat(funded.xiangshangRegistrations()).isEqualTo(registered.xiangshangRegistrations());
        assertThat(funded.xiangshangFundsWan().subtract(before.xiangshangFundsWan())).isEqualByComparingTo(new BigDecimal("4200.50"));
        assertThat(funded.byStage().get(LeadStage.FUNDED)).isEqualTo(before.byStage().get(LeadStage.FUNDED) + 1);
    }

    @Test
    void aLeadNeverMovesBackAndOnlyTheTargetCitysBureauMaintainsIt() {
        long id = investment.create(office, new Investment.LeadDraft("测试投资方", IndTestData.unique("测试项目"), null,
                "430100", "100", "SIGNED", false, null));
        assertThatThrownBy(() -> investment.advance(office, id, LeadStage.TALKS, null)).isInstanceOf(BusinessException.class)
                .hasMessageContaining("之后的阶段");
        CurrentUser zhuzhou = data.gxjStaff("430200");
        assertThatThrownBy(() -> investment.advance(zhuzhou, id, LeadStage.REGISTERED, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> investment.create(office, new Investment.LeadDraft("x", "y", null, "430100", "-1", "签字", false, null)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("万元");
    }

    @Test
    void thePolicyAndInvestmentPagesRender() throws Exception {
        long id = policies.create(office, new PolicyDraft(IndTestData.unique("测试页面政策"), "测试〔2024〕2号", "测试机关",
                "FACTORS", "条款", List.of(), List.of(), List.of()));
        var session = TestAccounts.login(mvc, office.username());
        mvc.perform(get("/industry/policies").session(session)).andExpect(status().isOk());
        mvc.perform(get("/industry/policies/" + id).session(session)).andExpect(status().isOk());
        mvc.perform(get("/industry/investment").session(session)).andExpect(status().isOk());
        mvc.perform(get("/industry/investment").param("segmentId", Long.toString(segment)).session(session)).andExpect(status().isOk());
    }
}
