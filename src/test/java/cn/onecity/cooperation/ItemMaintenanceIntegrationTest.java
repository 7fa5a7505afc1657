package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.identity.TestAccounts;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;

/**
 * The joint office maintains meetings and items in the UI and over the API: create a meeting, create an item,
 * edit an item (parties, milestones), with every rule enforced by the module and shown in Chinese.
 */
@CooperationIntegrationTest
class ItemMaintenanceIntegrationTest {

    static final LocalDate DEADLINE = LocalDate.of(2030, 12, 31);

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CooperationManagement management;
    @Autowired Cooperation cooperation;
    @Autowired ProgressReporting reporting;
    @Autowired JdbcClient jdbc;
    @Autowired UserDetailsService users;

    CoopTestData data;
    MockHttpSession office;

    @BeforeEach
    void setUp() throws Exception {
        data = new CoopTestData(accounts, management);
        office = TestAccounts.login(mvc, data.office.username(), CoopTestData.PASSWORD);
    }

    /** A session number no meeting has yet. */
    int freeSessionNo() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int n = ThreadLocalRandom.current().nextInt(1000, 1_000_000);
            if (jdbc.sql("SELECT COUNT(*) FROM coop_meeting WHERE session_no = :n").param("n", n)
                    .query(Integer.class).single() == 0) {
                return n;
            }
        }
        throw new IllegalStateException("no free session number");
    }

    int items(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM coop_item WHERE code = :c").param("c", code).query(Integer.class).single();
    }

    List<String> parties(long itemId) {
        return jdbc.sql("SELECT department_code FROM coop_item_party WHERE item_id = :i ORDER BY lead DESC, department_code")
                .param("i", itemId).query(String.class).list();
    }

    long idOf(String code) {
        return jdbc.sql("SELECT id FROM coop_item WHERE code = :c").param("c", code).query(Long.class).single();
    }

    /** A filled-in item form of the test meeting; {@code overrides} (name, value, …) change fields to make it wrong. */
    MockHttpServletRequestBuilder itemForm(int meeting, String code, String... overrides) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("code", code);
        fields.put("title", "页面新建事项 " + code);
        fields.put("area", "TRANSPORT");
        fields.put("actionId", String.valueOf(data.action));
        fields.put("newAction", "");
        fields.put("leadDepartmentCode", "430100-JTJ");
        fields.put("coDepartmentCodes", "430300-JTJ");
        fields.put("target", "建成融城干道");
        fields.put("deadline", "2030-12-31");
        fields.put("weight", "2");
        fields.put("remark", "");
        fields.put("milestones", "完成招标@2030-03-31\n主线贯通@2030-10-31");
        for (int i = 0; i < overrides.length; i += 2) {
            fields.put(overrides[i], overrides[i + 1]);
        }
        MockHttpServletRequestBuilder request = post("/cooperation/items/new").param("meeting", String.valueOf(meeting))
                .with(csrf()).session(office);
        fields.forEach(request::param);
        return request;
    }

    ItemChange change(ItemView item, List<String> co, List<NewItem.NewMilestone> milestones) {
        return new ItemChange(item.actionId(), null, item.title(), item.area(), item.leadDepartmentCode(), co,
                item.target(), item.deadline(), item.weight(), item.remark(), milestones);
    }

    ItemView view(long id) {
        return cooperation.item(new DataScope.All(), id, LocalDate.of(2030, 1, 1));
    }

    @Test
    void officeCreatesAndEditsAMeetingThroughThePages() throws Exception {
        int n = freeSessionNo();
        mvc.perform(post("/cooperation/meetings").with(csrf()).session(office)
                        .param("sessionNo", String.valueOf(n)).param("title", "页面测试联席会议 " + n)
                        .param("heldOn", "2026-11-20").param("hostCityCode", "430200").param("theme", "融城发展")
                        .param("note", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/cooperation/meetings"))
                .andExpect(flash().attribute("flash", "已新建第" + n + "届联席会议“页面测试联席会议 " + n + "”。"));
        Meeting created = cooperation.meeting(n);
        assertThat(created.title()).isEqualTo("页面测试联席会议 " + n);
        assertThat(created.heldOn()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(created.hostCityCode()).isEqualTo("430200");
        assertThat(created.theme()).isEqualTo("融城发展");
        assertThat(created.note()).isNull();

        String list = mvc.perform(get("/cooperation/meetings").session(office))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("页面测试联席会议 " + n).contains("第" + n + "届").contains("株洲");

        mvc.perform(get("/cooperation/meetings/{n}/edit", n).session(office)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("届次不可修改")));
        mvc.perform(post("/cooperation/meetings/{n}/edit", n).with(csrf()).session(office)
                        .param("sessionNo", "1").param("title", "改名后的联席会议 " + n).param("heldOn", "2026-11-21")
                        .param("hostCityCode", "430300").param("theme", "").param("note", "备注"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/cooperation/meetings"));
        Meeting edited = cooperation.meeting(n);
        assertThat(edited.id()).isEqualTo(created.id());
        assertThat(edited.title()).isEqualTo("改名后的联席会议 " + n);
        assertThat(edited.heldOn()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(edited.hostCityCode()).isEqualTo("430300");
        assertThat(edited.theme()).isNull();
        assertThat(edited.note()).isEqualTo("备注");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM coop_meeting WHERE session_no = 1 AND title = :t")
                .param("t", "改名后的联席会议 " + n).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE action = '修改联席会议' AND target = :t")
                .param("t", "第" + n + "届").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void officeCreatesAnItemThroughThePage() throws Exception {
        mvc.perform(get("/cooperation/items/new").param("meeting", String.valueOf(data.meeting)).session(office))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("测试行动")));
        String code = data.code("P");
        String location = mvc.perform(itemForm(data.meeting, code, "actionId", "", "newAction", "页面新行动"))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long id = idOf(code);
        assertThat(location).isEqualTo("/cooperation/items/" + id);
        ItemView item = view(id);
        assertThat(item.meetingSessionNo()).isEqualTo(data.meeting);
        assertThat(item.actionName()).isEqualTo("页面新行动");
        assertThat(item.area()).isEqualTo(Area.TRANSPORT);
        assertThat(item.leadCityCode()).isEqualTo("430100");
        assertThat(item.weight()).isEqualTo(2.0);
        assertThat(parties(id)).containsExactly("430100-JTJ", "430300-JTJ");
        assertThat(cooperation.milestones(id)).extracting(Milestone::name).containsExactly("完成招标", "主线贯通");
        assertThat(cooperation.actions(data.meeting)).extracting(Cooperation.ActionPlan::name).contains("页面新行动");

        String page = mvc.perform(get("/cooperation/items/{id}", id).session(office))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("/cooperation/items/" + id + "/edit");
        String overview = mvc.perform(get("/cooperation").param("meeting", String.valueOf(data.meeting)).session(office))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(overview).contains("新建合作事项").contains("联席会议管理");
        String edit = mvc.perform(get("/cooperation/items/{id}/edit", id).session(office))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(edit).contains("完成招标@2030-03-31").contains(code);
    }

    @Test
    void officeCreatesMeetingsAndItemsOverTheApi() throws Exception {
        int n = freeSessionNo();
        mvc.perform(post("/api/v1/cooperation/meetings").with(httpBasic(data.office.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sessionNo\":" + n + ",\"title\":\"接口联席会议\",\"heldOn\":\"2026-11-30\","
                                + "\"hostCityCode\":\"430300\",\"theme\":\"接口\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.sessionNo").value(n))
                .andExpect(jsonPath("$.id").value(cooperation.meeting(n).id()));
        String code = data.code("A");
        String body = mvc.perform(post("/api/v1/cooperation/items")
                        .with(httpBasic(data.office.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"meeting\":" + n + ",\"action\":\"接口行动\",\"code\":\"" + code + "\","
                                + "\"title\":\"接口事项\",\"area\":\"生态共治\",\"leadDepartmentCode\":\"430200-JTJ\","
                                + "\"coDepartmentCodes\":[\"430100-JTJ\"],\"target\":\"接口目标\",\"deadline\":\"2030-06-30\","
                                + "\"weight\":1.5,\"milestones\":[{\"name\":\"开工\",\"dueDate\":\"2030-01-31\"}]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.code").value(code))
                .andReturn().getResponse().getContentAsString();
        long id = idOf(code);
        assertThat(body).contains("\"id\":" + id);
        ItemView item = view(id);
        assertThat(item.area()).isEqualTo(Area.ECOLOGY);
        assertThat(item.meetingSessionNo()).isEqualTo(n);
        assertThat(item.actionName()).isEqualTo("接口行动");

        String second = data.code("A");
        mvc.perform(post("/api/v1/cooperation/items").with(httpBasic(data.office.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"actionId\":" + data.action + ",\"code\":\"" + second + "\",\"title\":\"按行动编号\","
                                + "\"area\":\"INDUSTRY\",\"leadDepartmentCode\":\"430100-FGW\",\"target\":\"目标\","
                                + "\"deadline\":\"2030-06-30\"}"))
                .andExpect(status().isCreated());
        assertThat(view(idOf(second)).meetingSessionNo()).isEqualTo(data.meeting);

        mvc.perform(put("/api/v1/cooperation/items/{id}", id).with(httpBasic(data.office.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"接口事项（改）\",\"area\":\"ECOLOGY\",\"leadDepartmentCode\":\"430200-JTJ\","
                                + "\"coDepartmentCodes\":[\"430100-JTJ\",\"430300-JTJ\"],\"target\":\"接口目标\","
                                + "\"deadline\":\"2030-06-30\",\"milestones\":[{\"name\":\"开工\",\"dueDate\":\"2030-02-28\"}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(code));
        assertThat(view(id).title()).isEqualTo("接口事项（改）");
        assertThat(parties(id)).containsExactly("430200-JTJ", "430100-JTJ", "430300-JTJ");
        assertThat(cooperation.milestones(id)).extracting(Milestone::dueDate).containsExactly(LocalDate.of(2030, 2, 28));
    }

    @Test
    void cityStaffIsRefusedEverywhere() throws Exception {
        CurrentUser staff = data.staff("430100-FGW");
        int n = freeSessionNo();
        mvc.perform(get("/cooperation/meetings").with(user(users.loadUserByUsername(staff.username()))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/cooperation/meetings").with(csrf()).with(user(users.loadUserByUsername(staff.username())))
                        .param("sessionNo", String.valueOf(n)).param("title", "越权").param("heldOn", "2026-11-20")
                        .param("hostCityCode", "430100"))
                .andExpect(status().isForbidden());
        String code = data.code("F");
        mvc.perform(itemForm(data.meeting, code).session(new MockHttpSession())
                        .with(user(users.loadUserByUsername(staff.username()))))
                .andExpect(status().isForbidden());
        long existing = data.item("职责事项", "430100-FGW", List.of(), DEADLINE, List.of());
        mvc.perform(get("/cooperation/items/{id}/edit", existing).with(user(users.loadUserByUsername(staff.username()))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/cooperation/meetings").with(httpBasic(staff.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sessionNo\":" + n + ",\"title\":\"越权\",\"heldOn\":\"2026-11-30\",\"hostCityCode\":\"430100\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/cooperation/items").with(httpBasic(staff.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"actionId\":" + data.action + ",\"code\":\"" + code + "\",\"title\":\"越权\","
                                + "\"area\":\"INDUSTRY\",\"leadDepartmentCode\":\"430100-FGW\",\"target\":\"目标\","
                                + "\"deadline\":\"2030-06-30\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/cooperation/items/{id}", existing).with(httpBasic(staff.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"越权\"}"))
                .andExpect(status().isForbidden());
        assertThat(catchThrowableOfType(ForbiddenException.class, () -> management.updateItem(staff, existing,
                change(view(existing), List.of(), List.of())))).isNotNull();
        assertThat(catchThrowableOfType(ForbiddenException.class, () -> management.updateMeeting(staff, data.meeting,
                "越权", LocalDate.of(2026, 1, 1), "430100", null, null))).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM coop_meeting WHERE session_no = :n").param("n", n)
                .query(Integer.class).single()).isZero();
        assertThat(items(code)).isZero();
        assertThat(view(existing).title()).isEqualTo("职责事项");
    }

    @Test
    void invalidInputShowsChineseErrorsAndSavesNothing() throws Exception {
        String code = data.code("E");
        String html = mvc.perform(itemForm(data.meeting, code, "title", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("请填写事项名称").contains("value=\"" + code + "\"").contains("建成融城干道");
        html = mvc.perform(itemForm(data.meeting, code, "leadDepartmentCode", "430100-NOPE"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("牵头部门不存在");
        html = mvc.perform(itemForm(data.meeting, code, "coDepartmentCodes", "430300-NOPE"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("配合部门“430300-NOPE”不存在");
        html = mvc.perform(itemForm(data.meeting, code, "milestones", "完成招标@2031-03-31"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("里程碑“完成招标”的计划日期晚于事项完成时限").contains("完成招标@2031-03-31");
        html = mvc.perform(itemForm(data.meeting, code, "milestones", "完成招标 2030-03-31"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("格式应为“名称@YYYY-MM-DD”");
        html = mvc.perform(itemForm(data.meeting, code, "actionId", "", "newAction", "不应保存的行动", "title", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(items(code)).isZero();

        String existing = data.codeOf(jdbc, data.item("已有事项", "430100-FGW", List.of(), DEADLINE, List.of()));
        html = mvc.perform(itemForm(data.meeting, existing, "newAction", "不应保存的行动"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("事项编号“" + existing + "”已存在");
        assertThat(items(existing)).isEqualTo(1);
        assertThat(cooperation.actions(data.meeting)).extracting(Cooperation.ActionPlan::name)
                .doesNotContain("不应保存的行动");
        assertThat(items(code)).isZero();

        html = mvc.perform(post("/cooperation/meetings").with(csrf()).session(office)
                        .param("sessionNo", String.valueOf(data.meeting)).param("title", "重复届次")
                        .param("heldOn", "2026-11-20").param("hostCityCode", "430100"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("第" + data.meeting + "届联席会议已存在").contains("重复届次");
        mvc.perform(post("/api/v1/cooperation/meetings").with(httpBasic(data.office.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sessionNo\":" + data.meeting + ",\"title\":\"重复\",\"heldOn\":\"2026-11-30\","
                                + "\"hostCityCode\":\"430100\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("第" + data.meeting + "届联席会议已存在"));
        assertThat(cooperation.meeting(data.meeting).title()).isEqualTo("测试联席会议 " + data.meeting);

        mvc.perform(post("/api/v1/cooperation/items").with(httpBasic(data.office.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"actionId\":" + data.action + ",\"code\":\"" + code + "\",\"title\":\"\","
                                + "\"area\":\"文化旅游\",\"leadDepartmentCode\":\"430100-FGW\",\"target\":\"目标\","
                                + "\"deadline\":\"2030-06-30\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("area")));
        mvc.perform(post("/api/v1/cooperation/items").with(httpBasic(data.office.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"actionId\":" + data.action + ",\"code\":\"" + code + "\",\"title\":\"\","
                                + "\"area\":\"INDUSTRY\",\"leadDepartmentCode\":\"430100-NOPE\",\"target\":\"目标\","
                                + "\"deadline\":\"2030-06-30\",\"milestones\":[{\"name\":\"晚\",\"dueDate\":\"2031-01-01\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("title")))
                .andExpect(jsonPath("$.errors[*].message").value(hasItem("请填写事项名称")))
                .andExpect(jsonPath("$.errors[*].message").value(hasItem("牵头部门不存在")))
                .andExpect(jsonPath("$.errors[*].message").value(hasItem("里程碑“晚”的计划日期晚于事项完成时限")));
        mvc.perform(post("/api/v1/cooperation/items").with(httpBasic(data.office.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"actionId\":" + data.action + ",\"code\":\"" + existing + "\",\"title\":\"重复\","
                                + "\"area\":\"INDUSTRY\",\"leadDepartmentCode\":\"430100-FGW\",\"target\":\"目标\","
                                + "\"deadline\":\"2030-06-30\"}"))
                .andExpect(status().isConflict());
        mvc.perform(put("/api/v1/cooperation/items/{id}", Long.MAX_VALUE)
                        .with(httpBasic(data.office.username(), CoopTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"不存在\"}"))
                .andExpect(status().isNotFound());
        assertThat(items(code)).isZero();
        assertThat(items(existing)).isEqualTo(1);
    }

    @Test
    void editAddsADepartmentWhoIsNotifiedAndIsAudited() throws Exception {
        long id = data.item("编辑通知事项", "430100-JTJ", List.of(), DEADLINE,
                List.of(new NewItem.NewMilestone("完成招标", LocalDate.of(2030, 3, 31))));
        String code = data.codeOf(jdbc, id);
        long zhuzhou = accounts.organisationOfDepartment("430200-JTJ").orElseThrow().id();
        mvc.perform(post("/cooperation/items/{id}/edit", id).with(csrf()).session(office)
                        .param("title", "编辑通知事项").param("area", "TRANSPORT")
                        .param("actionId", String.valueOf(data.action)).param("newAction", "")
                        .param("leadDepartmentCode", "430100-JTJ").param("coDepartmentCodes", "430200-JTJ")
                        .param("target", "测试目标：编辑通知事项").param("deadline", "2030-12-31").param("weight", "1")
                        .param("remark", "").param("milestones", "完成招标@2030-04-30\n主线贯通@2030-10-31"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/cooperation/items/" + id));
        assertThat(parties(id)).containsExactly("430100-JTJ", "430200-JTJ");
        assertThat(cooperation.milestones(id)).extracting(Milestone::name).containsExactly("完成招标", "主线贯通");
        assertThat(cooperation.milestones(id).get(0).dueDate()).isEqualTo(LocalDate.of(2030, 4, 30));
        CoopTestData.eventually(() -> CoopTestData.messages(jdbc, zhuzhou, code) > 0, "株洲市交通运输局收到站内信");
        String body = jdbc.sql("SELECT body FROM ntf_message WHERE recipient_org_id = :o AND title LIKE :t")
                .param("o", zhuzhou).param("t", "%" + code + "%").query(String.class).list().get(0);
        assertThat(body).contains("配合部门");
        List<String> details = jdbc.sql("""
                SELECT detail FROM idn_operation_log WHERE module = 'cooperation' AND action = '修改合作事项' AND target = :c""")
                .param("c", code).query(String.class).list();
        assertThat(details).hasSize(1);
        assertThat(details.get(0)).contains("新增责任单位 株洲市交通运输局").contains("新增里程碑 主线贯通")
                .contains("调整里程碑 完成招标 2030-03-31→2030-04-30");
    }

    @Test
    void aDepartmentThatReportedCannotBeRemoved() throws Exception {
        long id = data.item("已报送事项", "430100-JTJ", List.of("430300-JTJ"), DEADLINE, List.of());
        CurrentUser xiangtan = data.staff("430300-JTJ");
        reporting.submitReport(xiangtan, id, "湘潭已开展前期工作", 10, null, List.of());

        BusinessException e = catchThrowableOfType(BusinessException.class,
                () -> management.updateItem(data.office, id, change(view(id), List.of(), List.of())));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(FieldMessage::message)
                .contains("“湘潭市交通运输局”已报送过该事项的进展报告，不能从责任单位中移除");
        String html = mvc.perform(post("/cooperation/items/{id}/edit", id).with(csrf()).session(office)
                        .param("title", "已报送事项").param("area", "TRANSPORT")
                        .param("actionId", String.valueOf(data.action)).param("leadDepartmentCode", "430100-JTJ")
                        .param("target", "测试目标").param("deadline", "2030-12-31").param("milestones", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("已报送过该事项的进展报告，不能从责任单位中移除");
        assertThat(parties(id)).containsExactly("430100-JTJ", "430300-JTJ");
        assertThat(view(id).target()).isEqualTo("测试目标：已报送事项");

        // the reporting department may become the lead: it stays a party
        management.updateItem(data.office, id, new ItemChange(null, null, "已报送事项", Area.TRANSPORT, "430300-JTJ",
                List.of("430100-JTJ"), "测试目标", DEADLINE, 1.0, null, List.of()));
        assertThat(parties(id)).containsExactly("430300-JTJ", "430100-JTJ");
        assertThat(view(id).leadCityCode()).isEqualTo("430300");
    }

    @Test
    void aReachedMilestoneCannotBeRemovedOrMoved() throws Exception {
        long id = data.item("里程碑事项", "430100-JTJ", List.of(), DEADLINE, List.of(
                new NewItem.NewMilestone("完成招标", LocalDate.of(2030, 3, 31)),
                new NewItem.NewMilestone("开工建设", LocalDate.of(2030, 6, 30))));
        long tender = cooperation.milestones(id).get(0).id();
        CurrentUser changsha = data.staff("430100-JTJ");
        long report = reporting.submitReport(changsha, id, "已完成招标", 20, tender, List.of());
        reporting.accept(data.office, report);
        assertThat(cooperation.milestones(id).get(0).doneOn()).isNotNull();

        BusinessException removed = catchThrowableOfType(BusinessException.class, () -> management.updateItem(
                data.office, id, change(view(id), List.of(),
                        List.of(new NewItem.NewMilestone("开工建设", LocalDate.of(2030, 6, 30))))));
        assertThat(removed.errors()).extracting(FieldMessage::message).anyMatch(m -> m.contains("里程碑“完成招标”已于")
                && m.endsWith("达成，不能删除"));
        BusinessException moved = catchThrowableOfType(BusinessException.class, () -> management.updateItem(
                data.office, id, change(view(id), List.of(),
                        List.of(new NewItem.NewMilestone("完成招标", LocalDate.of(2030, 4, 30))))));
        assertThat(moved.errors()).extracting(FieldMessage::message).anyMatch(m -> m.contains("不能修改计划日期"));
        assertThat(cooperation.milestones(id)).extracting(Milestone::name).containsExactly("完成招标", "开工建设");

        String html = mvc.perform(post("/cooperation/items/{id}/edit", id).with(csrf()).session(office)
                        .param("title", "里程碑事项").param("area", "TRANSPORT")
                        .param("actionId", String.valueOf(data.action)).param("leadDepartmentCode", "430100-JTJ")
                        .param("target", "测试目标").param("deadline", "2030-12-31")
                        .param("milestones", "开工建设@2030-06-30"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("达成，不能删除").contains("开工建设@2030-06-30");

        // keeping the reached one, removing an open one and adding a new one is fine
        management.updateItem(data.office, id, change(view(id), List.of(), List.of(
                new NewItem.NewMilestone("完成招标", LocalDate.of(2030, 3, 31)),
                new NewItem.NewMilestone("主线贯通", LocalDate.of(2030, 10, 31)))));
        List<Milestone> after = cooperation.milestones(id);
        assertThat(after).extracting(Milestone::name).containsExactly("完成招标", "主线贯通");
        assertThat(after.get(0).id()).isEqualTo(tender);
        assertThat(after.get(0).doneOn()).isNotNull();
    }
}
