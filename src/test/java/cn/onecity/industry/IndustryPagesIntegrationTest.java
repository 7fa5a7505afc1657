package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestAccounts;

/** The 产业协同 pages in Chinese: directory, profile form with server-side errors, chain panorama, demand and matches. */
@cn.onecity.services.ServicesIntegrationTest
class IndustryPagesIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired Chains chains;
    @Autowired Matching matching;

    IndTestData data;

    @BeforeEach
    void setUp() {
        data = new IndTestData(accounts, enterprises);
    }

    MockHttpSession login(CurrentUser user) throws Exception {
        return TestAccounts.login(mvc, user.username());
    }

    @Test
    void theOverviewAndListsRenderForASignedInUser() throws Exception {
        Enterprise e = data.enterprise(IndTestData.unique("测试页面企业"), "430104", "激光雷达", List.of(), List.of());
        MockHttpSession session = login(data.gxjStaff("430100"));
        mvc.perform(get("/industry").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("长株潭产业协同发展服务平台")))
                .andExpect(content().string(containsString("产业协同")));
        mvc.perform(get("/industry/enterprises").param("q", e.name()).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString(e.name())))
                .andExpect(content().string(containsString("Excel 批量导入")));
        mvc.perform(get("/industry/enterprises/" + e.id()).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString(e.creditCode())))
                .andExpect(content().string(containsString("修改企业信息")));
        mvc.perform(get("/industry/clusters").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("国家中小企业特色产业集群")));
        mvc.perform(get("/industry/claims").session(session)).andExpect(status().isOk());
    }

    @Test
    void theDirectoryNeedsASignIn() throws Exception {
        mvc.perform(get("/industry/enterprises")).andExpect(status().is3xxRedirection());
    }

    @Test
    void aBadCreditCodeOnTheFormIsShownAndNothingIsSaved() throws Exception {
        MockHttpSession session = login(data.gxjStaff("430100"));
        String name = IndTestData.unique("测试表单企业");
        mvc.perform(post("/industry/enterprises").session(session).with(csrf()).param("name", name)
                        .param("creditCode", "91430100MA4L1234O6").param("districtCode", "430104").param("size", "SMALL"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("不得使用字母 I、O、Z、S、V")))
                .andExpect(content().string(containsString(name)));
        assertThat(enterprises.list(new EnterpriseFilter(name, null, null, null, null), 0, 10).totalElements()).isZero();
    }

    @Test
    void theFormRegistersAnEnterpriseWithItsSegments() throws Exception {
        long chain = chains.createChain(IndTestData.unique("测试表单链"), "优势产业链", null);
        long seg = chains.addSegment(chain, null, Stage.UP, "传感器");
        MockHttpSession session = login(data.gxjStaff("430200"));
        String code = IndTestData.creditCode();
        mvc.perform(post("/industry/enterprises").session(session).with(csrf()).param("name", IndTestData.unique("测试株洲传感"))
                        .param("creditCode", code).param("districtCode", "430211").param("parkCode", "ZZ-GXQ")
                        .param("size", "MICRO").param("segmentIds", Long.toString(seg)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/industry/enterprises/*"));
        Enterprise e = enterprises.findByCreditCode(code).orElseThrow();
        assertThat(e.parkName()).isEqualTo("株洲高新区");
        assertThat(e.segments()).extracting(Enterprise.SegmentRef::id).containsExactly(seg);
    }

    @Test
    void anEnterpriseCannotOpenAnotherEnterprisesEditForm() throws Exception {
        IndTestData.Owned mine = data.owned(IndTestData.unique("测试本企业"), "430302", "430300", "电机", List.of(), List.of());
        Enterprise other = data.enterprise(IndTestData.unique("测试他企业"), "430302", "电机", List.of(), List.of());
        MockHttpSession session = login(mine.account());
        mvc.perform(get("/industry/enterprises/" + other.id() + "/edit").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/industry/enterprises/" + other.id()).session(session).with(csrf()).param("name", "篡改")
                .param("districtCode", "430302").param("size", "SMALL")).andExpect(status().isForbidden());
        assertThat(enterprises.get(other.id()).name()).isEqualTo(other.name());
        mvc.perform(get("/industry/enterprises/" + mine.enterprise().id() + "/edit").session(session)).andExpect(status().isOk());
    }

    @Test
    void theChainPageDrawsThePanoramaAndListsGaps() throws Exception {
        long chain = chains.createChain(IndTestData.unique("测试图谱链"), "新兴产业链", null);
        long seg = chains.addSegment(chain, null, Stage.MID, "整机装配");
        chains.addSegment(chain, null, Stage.DOWN, "运营服务");
        data.enterprise(IndTestData.unique("测试湘潭整机"), "430304", "整机", List.of(seg), List.of());
        MockHttpSession session = login(data.gxjStaff("430300"));
        mvc.perform(get("/industry/chains/" + chain).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("chain-tree")))
                .andExpect(content().string(containsString("运营服务")))
                .andExpect(content().string(containsString("补链")))
                .andExpect(content().string(containsString("强链")));
        mvc.perform(get("/industry/chains").session(session)).andExpect(status().isOk());
        mvc.perform(get("/industry/gaps.xlsx").param("chainId", Long.toString(chain)).session(session))
                .andExpect(status().isOk());
    }

    @Test
    void anEnterprisePublishesADemandOnThePageAndMarksAMatch() throws Exception {
        String word = "测试" + IndTestData.unique("").substring(0, 4);
        IndTestData.Owned buyer = data.owned(IndTestData.unique("测试株洲买方"), "430211", "430200", "整车", List.of(), List.of());
        Enterprise supplier = data.enterprise(IndTestData.unique("测试长沙供方"), "430104", "激光焊接设备 " + word, List.of(), List.of());
        MockHttpSession session = login(buyer.account());
        mvc.perform(get("/industry/demands").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("发布需求")));
        String location = mvc.perform(post("/industry/demands").session(session).with(csrf()).param("kind", "PURCHASE")
                        .param("title", "采购激光焊接设备").param("description", "白车身激光焊接设备 " + word))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(location).session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString(supplier.name())))
                .andExpect(content().string(containsString("全文相关")))
                .andExpect(content().string(containsString("标记已合作")));
        long demandId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(post(location + "/matches/" + supplier.id()).session(session).with(csrf()).param("status", "COOPERATED"))
                .andExpect(status().is3xxRedirection());
        assertThat(matching.matches(demandId)).filteredOn(m -> m.enterpriseId() == supplier.id())
                .extracting(MatchCandidate::status).containsExactly(MatchStatus.COOPERATED);
    }

    @Test
    void aDemandWithoutTitleIsShownAgainWithTheMessage() throws Exception {
        IndTestData.Owned buyer = data.owned(IndTestData.unique("测试株洲买方"), "430211", "430200", "整车", List.of(), List.of());
        MockHttpSession session = login(buyer.account());
        mvc.perform(post("/industry/demands").session(session).with(csrf()).param("kind", "PURCHASE").param("description", "描述"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请填写需求标题")));
    }
}
