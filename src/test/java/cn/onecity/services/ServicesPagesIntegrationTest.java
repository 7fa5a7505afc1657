package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestAccounts;
import cn.onecity.shared.PageResult;

/**
 * The pages of the 跨市通办 module as their users meet them: the public catalogue, the application form with
 * its materials, the tracking page with timeline and diagram, a department's inbox and task form, the data
 * scope of another city's staff, and the catalogue maintenance form.
 */
@ServicesIntegrationTest
class ServicesPagesIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Catalogue catalogue;
    @Autowired Applications applications;
    @Autowired Handling handling;

    SvcTestData data;
    ServiceItem item;

    @BeforeEach
    void setUp() {
        data = new SvcTestData(accounts, catalogue);
        item = data.item("GJJ", "ONLINE,PROXY", 5);
    }

    MockHttpSession login(CurrentUser user) throws Exception {
        return TestAccounts.login(mvc, user.username(), SvcTestData.PASSWORD);
    }

    Material material(String name) {
        return item.materials().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** The application form of the test item, filled in for 湘潭 → 长沙 异地代收代办. */
    MockMultipartHttpServletRequestBuilder applyForm(MockHttpSession session) {
        MockMultipartHttpServletRequestBuilder b = multipart("/services/items/{id}/apply", item.id());
        b.param("mode", "PROXY").param("acceptCity", "430300").param("handleCity", "430100")
                .param("applicantName", "张三").param("idNumber", SvcTestData.ID_NUMBER).param("phone", "13900001111")
                .param("field-0", "长沙住房公积金管理中心").param("field-1", "请尽快办理");
        b.session(session).with(csrf());
        return b;
    }

    String submitProxy(CurrentUser resident) {
        return applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), SvcTestData.requiredFiles(item))
                .number();
    }

    String task(String number, String key) {
        return applications.view(data.office, number).openTasks().stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow().taskId();
    }

    @Test
    void anAnonymousVisitorSearchesTheCatalogueAndReadsAnItemButMustSignInToApply() throws Exception {
        String code = SvcTestData.uniqueCode();
        long id = catalogue.create(data.office, new ItemDraft(code, "住房公积金异地贷款缴存使用证明出具（示例" + code + "）", "个人",
                "公积金", "GJJ", List.of("ONLINE", "PROXY"), 5, 3, "不收费", "《住房公积金管理条例》", "贷款城市|必填", null,
                List.of(new ItemDraft.MaterialDraft("居民身份证", true, 1, true),
                        new ItemDraft.MaterialDraft("婚姻状况证明", false, 2, false)), true));

        mvc.perform(get("/services").param("q", "公积金 异地 贷款").param("size", "100"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/services/items/" + id + "\"")))
                .andExpect(content().string(containsString("共找到")))
                .andExpect(content().string(containsString(">示例<")));
        mvc.perform(get("/services").param("q", "公积金").param("city", "430300").param("subject", "PERSONAL")
                        .param("theme", "公积金").param("mode", "PROXY").param("size", "200"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/services/items/" + id + "\"")));

        mvc.perform(get("/services/items/{id}", id))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("住房公积金异地贷款缴存使用证明出具")))
                .andExpect(content().string(containsString("长沙市住房公积金管理中心")))
                .andExpect(content().string(containsString("婚姻状况证明")))
                .andExpect(content().string(containsString("复印件")))
                .andExpect(content().string(containsString("非必要")))
                .andExpect(content().string(containsString("登录后申请办理")))
                .andExpect(content().string(containsString("/services/processes/svcProxy.svg")));
        mvc.perform(get("/services/processes/svcProxy.svg"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
                .andExpect(content().string(containsString(">窗口收件<")));

        mvc.perform(get("/services/items/{id}/apply", id)).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void aResidentSubmitsTheFormWithItsMaterialsAndLandsOnTheConfirmation() throws Exception {
        CurrentUser resident = data.resident();
        MockHttpSession session = login(resident);
        mvc.perform(get("/services/items/{id}/apply", item.id()).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"material-" + material("异地缴存证明").id() + "\"")))
                .andExpect(content().string(containsString("accept=\".pdf,.jpg,.jpeg,.png\"")))
                .andExpect(content().string(containsString("转入地公积金中心")));

        MockMultipartHttpServletRequestBuilder form = applyForm(session);
        form.file(new MockMultipartFile("material-" + material("居民身份证").id(), "身份证.pdf", "application/pdf", SvcTestData.PDF));
        form.file(new MockMultipartFile("material-" + material("异地缴存证明").id(), "证明.png", "image/png", SvcTestData.PNG));
        form.file(new MockMultipartFile("material-" + material("委托书").id(), "", "application/octet-stream", new byte[0]));
        MvcResult result = mvc.perform(form).andExpect(status().is3xxRedirection()).andReturn();
        String location = result.getResponse().getRedirectedUrl();
        assertThat(location).matches("/services/applications/CZT\\d{16}/confirmation");
        String number = location.split("/")[3];

        mvc.perform(get(location).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("提交成功")))
                .andExpect(content().string(containsString(number)))
                .andExpect(content().string(containsString("/services/applications/" + number + "\"")));
        ApplicationView view = applications.view(resident, number);
        assertThat(view.materials()).hasSize(2);
        assertThat(view.form()).containsEntry("转入地公积金中心", "长沙住房公积金管理中心");
        mvc.perform(get("/services/mine").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(number)));
    }

    @Test
    void aMissingMaterialReRendersTheFormWithTheChineseMessageAndTheTypedValues() throws Exception {
        MockHttpSession session = login(data.resident());
        MockMultipartHttpServletRequestBuilder form = applyForm(session);
        form.file(new MockMultipartFile("material-" + material("居民身份证").id(), "身份证.pdf", "application/pdf", SvcTestData.PDF));

        mvc.perform(form)
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("缺少必要材料：异地缴存证明")))
                .andExpect(content().string(containsString("value=\"13900001111\"")))
                .andExpect(content().string(containsString("value=\"张三\"")))
                .andExpect(content().string(containsString("value=\"" + SvcTestData.ID_NUMBER + "\"")))
                .andExpect(content().string(containsString("value=\"长沙住房公积金管理中心\"")))
                .andExpect(content().string(containsString("value=\"请尽快办理\"")))
                .andExpect(content().string(containsString("重新选择全部材料文件")))
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern("(?s).*id=\"mode-PROXY\" value=\"PROXY\"[^>]*checked=\"checked\".*")));
    }

    @Test
    void theXiangtanWindowFindsTheCaseInItsInboxAndReceivesItThroughTheTaskForm() throws Exception {
        CurrentUser resident = data.resident();
        String number = submitProxy(resident);
        CurrentUser xtWindow = data.staff("430300-XZSP");
        MockHttpSession session = login(xtWindow);

        // the inbox lists the oldest tasks first; the shared database may hold older ones
        List<Handling.InboxTask> all = handling.inbox(xtWindow, 0, PageResult.MAX_SIZE).content();
        int index = all.stream().map(t -> t.application().number()).toList().indexOf(number);
        assertThat(index).isNotNegative();
        mvc.perform(get("/services/inbox").param("page", String.valueOf(index / 20)).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(number)))
                .andExpect(content().string(containsString("窗口收件")))
                .andExpect(content().string(containsString("湘潭→长沙")));

        String taskId = task(number, "windowCheck");
        mvc.perform(get("/services/applications/{n}", number).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/services/tasks/" + taskId + "\"")))
                .andExpect(content().string(containsString("收件并转交办理地")))
                .andExpect(content().string(containsString("查看完整信息")));

        // no outcome: the form comes back with the module's message and the typed comment
        mvc.perform(post("/services/tasks/{id}", taskId).param("number", number).param("comment", "材料齐全")
                        .session(session).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("该环节的办理结果应为")))
                .andExpect(content().string(containsString("材料齐全")));

        mvc.perform(post("/services/tasks/{id}", taskId).param("number", number).param("outcome", "RECEIVE")
                        .param("comment", "身份核验通过，材料齐全").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/services/applications/" + number))
                .andExpect(flash().attribute("flash", containsString("收件并转交")));
        assertThat(applications.view(resident, number).stage()).isEqualTo("accept");

        // the window still sees the case it forwarded, read-only now
        mvc.perform(get("/services/applications/{n}", number).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("窗口收件并转交")))
                .andExpect(content().string(not(containsString("/services/tasks/"))));

        // full applicant data on request, for staff only
        mvc.perform(post("/services/applications/{n}/reveal", number).session(session).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(SvcTestData.ID_NUMBER)));
        mvc.perform(post("/services/applications/{n}/reveal", number).session(login(resident)).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void zhuzhouStaffCannotSeeTheCaseNorActOnItsTask() throws Exception {
        String number = submitProxy(data.resident());
        String taskId = task(number, "windowCheck");
        MockHttpSession zhuzhou = login(data.staff("430200-XZSP"));

        mvc.perform(get("/services/applications/{n}", number).session(zhuzhou)).andExpect(status().isNotFound());
        mvc.perform(get("/services/applications/{n}/diagram.svg", number).session(zhuzhou)).andExpect(status().isNotFound());
        mvc.perform(post("/services/tasks/{id}", taskId).param("number", number).param("outcome", "RECEIVE")
                        .session(zhuzhou).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(applications.view(data.office, number).stage()).isEqualTo("windowCheck");
    }

    @Test
    void theTrackingPageShowsTheTimelineClockMaterialsAndTheDiagramWithTheCurrentStep() throws Exception {
        CurrentUser resident = data.resident();
        String number = submitProxy(resident);
        MockHttpSession session = login(resident);
        ApplicationView view = applications.view(resident, number);

        mvc.perform(get("/services/applications/{n}", number).session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("办理过程")))
                .andExpect(content().string(containsString("提交申请")))
                .andExpect(content().string(containsString("待窗口收件")))
                .andExpect(content().string(containsString("未开始计时")))
                .andExpect(content().string(containsString("湘潭市行政审批服务局")))
                .andExpect(content().string(containsString("/services/applications/" + number + "/diagram.svg")))
                .andExpect(content().string(containsString("/services/applications/" + number + "/materials/"
                        + view.materials().get(0).id())))
                .andExpect(content().string(containsString("撤回申请")))
                .andExpect(content().string(not(containsString(SvcTestData.ID_NUMBER))));

        mvc.perform(get("/services/applications/{n}/diagram.svg", number).session(session))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
                .andExpect(content().string(containsString(">窗口收件<")))
                .andExpect(content().string(containsString("data-activity-id=\"windowCheck\" data-state=\"active\"")))
                .andExpect(content().string(containsString("data-activity-id=\"start\" data-state=\"completed\"")));

        mvc.perform(get("/services/applications/{n}/materials/{id}", number, view.materials().get(0).id()).session(session))
                .andExpect(status().isOk())
                .andExpect(content().bytes(SvcTestData.PDF));

        mvc.perform(post("/services/applications/{n}/withdraw", number).param("reason", "填错了").session(session).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", containsString("撤回")));
        assertThat(applications.view(resident, number).status()).isEqualTo("WITHDRAWN");
    }

    @Test
    void theItemFormShowsThatThePromisedLimitMayNotExceedTheStatutoryOne() throws Exception {
        MockHttpSession office = login(data.office);
        mvc.perform(get("/services/admin/items/new").session(office))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"materialName\"")));
        String code = SvcTestData.uniqueCode();
        mvc.perform(post("/services/admin/items/new").session(office).with(csrf())
                        .param("code", code).param("name", "测试时限事项").param("subject", "PERSONAL").param("theme", "公积金")
                        .param("departmentKind", "GJJ").param("modes", "ONLINE").param("statutoryDays", "5")
                        .param("promisedDays", "10").param("fee", "不收费").param("legalBasis", "《住房公积金管理条例》")
                        .param("materialName", "居民身份证", "").param("materialForm", "原件", "原件")
                        .param("materialCopies", "1", "1").param("materialRequired", "必要", "必要")
                        .param("department-430100", "").param("formFields", "转入地|必填"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("承诺时限（10 个工作日）不能超过法定时限（5 个工作日）")))
                .andExpect(content().string(containsString("value=\"测试时限事项\"")))
                .andExpect(content().string(containsString("value=\"居民身份证\"")));
        assertThat(catalogue.findByCode(code)).isEmpty();

        mvc.perform(post("/services/admin/items/new").session(office).with(csrf())
                        .param("code", code).param("name", "测试时限事项（示例）").param("subject", "PERSONAL").param("theme", "公积金")
                        .param("departmentKind", "GJJ").param("modes", "ONLINE").param("statutoryDays", "5")
                        .param("promisedDays", "3").param("fee", "不收费").param("legalBasis", "《住房公积金管理条例》")
                        .param("materialName", "居民身份证", "", "").param("materialForm", "原件", "原件", "复印件")
                        .param("materialCopies", "1", "1", "1").param("materialRequired", "必要", "必要", "非必要")
                        .param("publish", "true"))
                .andExpect(status().is3xxRedirection());
        ServiceItem created = catalogue.findByCode(code).orElseThrow();
        assertThat(created.materials()).extracting(Material::name).containsExactly("居民身份证");
        assertThat(created.departments()).containsEntry("430100", "430100-GJJ");
        assertThat(created.published()).isTrue();

        // a resident may not maintain the catalogue
        mvc.perform(get("/services/admin/items").session(login(data.resident()))).andExpect(status().isForbidden());
    }
}
