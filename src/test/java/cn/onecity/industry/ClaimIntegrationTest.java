package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.notification.Notifications;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.ForbiddenException;

/** An ENTERPRISE claims its enterprise by credit code; only the city's 工业和信息化局 confirms. */
@cn.onecity.services.ServicesIntegrationTest
class ClaimIntegrationTest {

    static final String PW = IndTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired Notifications notifications;

    IndTestData data;

    @BeforeEach
    void setUp() {
        data = new IndTestData(accounts, enterprises);
    }

    @Test
    void theCitysIndustryBureauConfirmsAClaimAndTheEnterpriseThenOwnsTheProfile() throws Exception {
        Enterprise e = data.enterprise(IndTestData.unique("测试认领企业"), "430302", "电机", List.of(), List.of());
        CurrentUser account = data.enterpriseAccount("430300");
        CurrentUser staff = data.gxjStaff("430300");
        long unreadBefore = notifications.unreadCount(staff);
        String created = mvc.perform(post("/api/v1/industry/claims").with(httpBasic(account.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"creditCode\":\"" + e.creditCode().toLowerCase() + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long claimId = ((Number) JsonPath.read(created, "$.id")).longValue();
        assertThat(notifications.unreadCount(staff)).isGreaterThan(unreadBefore);
        assertThat(enterprises.get(e.id()).claimed()).isFalse();

        mvc.perform(post("/api/v1/industry/claims/" + claimId + "/confirm").with(httpBasic(staff.username(), PW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CONFIRMED"));
        assertThat(enterprises.get(e.id()).organisationId()).isEqualTo(account.organisationId());
        assertThat(enterprises.ofOrganisation(account.organisationId())).map(Enterprise::id).contains(e.id());
    }

    @Test
    void anotherCitysBureauCannotConfirm() throws Exception {
        Enterprise e = data.enterprise(IndTestData.unique("测试认领企业"), "430302", "电机", List.of(), List.of());
        CurrentUser account = data.enterpriseAccount("430300");
        long claimId = enterprises.claim(account, e.creditCode());
        CurrentUser changsha = data.gxjStaff("430100");
        mvc.perform(post("/api/v1/industry/claims/" + claimId + "/confirm").with(httpBasic(changsha.username(), PW)))
                .andExpect(status().isForbidden());
        assertThat(enterprises.get(e.id()).claimed()).isFalse();
    }

    @Test
    void aClaimedEnterpriseCannotBeClaimedAgain() {
        IndTestData.Owned owned = data.owned(IndTestData.unique("测试已认领"), "430302", "430300", "电机", List.of(), List.of());
        CurrentUser other = data.enterpriseAccount("430300");
        assertThatThrownBy(() -> enterprises.claim(other, owned.enterprise().creditCode()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("已被其他机构认领");
    }

    @Test
    void aRejectionNeedsAReasonAndLeavesTheEnterpriseUnclaimed() {
        Enterprise e = data.enterprise(IndTestData.unique("测试驳回"), "430302", "电机", List.of(), List.of());
        CurrentUser account = data.enterpriseAccount("430300");
        long claimId = enterprises.claim(account, e.creditCode());
        CurrentUser staff = data.gxjStaff("430300");
        assertThatThrownBy(() -> enterprises.decideClaim(staff, claimId, false, " "))
                .hasMessageContaining("理由");
        enterprises.decideClaim(staff, claimId, false, "营业执照与申请机构不符");
        assertThat(enterprises.claim(claimId).status()).isEqualTo("REJECTED");
        assertThat(enterprises.get(e.id()).claimed()).isFalse();
    }

    @Test
    void staffOfOtherDepartmentsAreNotTheIndustryBureau() {
        Enterprise e = data.enterprise(IndTestData.unique("测试认领企业"), "430104", "软件", List.of(), List.of());
        long claimId = enterprises.claim(data.enterpriseAccount("430100"), e.creditCode());
        CurrentUser approval = accounts.findByUsername(cn.onecity.identity.TestAccounts.create(accounts,
                cn.onecity.identity.Role.CITY_STAFF)).orElseThrow(); // 长沙市行政审批服务局
        assertThatThrownBy(() -> enterprises.decideClaim(approval, claimId, true, null))
                .isInstanceOf(ForbiddenException.class);
    }
}
