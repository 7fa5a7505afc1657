package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.OneCityProperties;
import cn.onecity.shared.Sm3;

/** The REST API of 跨市通办 over HTTP Basic: catalogue, submission with files, scope, handling, 补正, rating. */
@ServicesIntegrationTest
class ServicesApiIntegrationTest {

    static final String PW = SvcTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Catalogue catalogue;
    @Autowired Applications applications;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired OneCityProperties properties;

    SvcTestData data;
    CurrentUser resident;
    ServiceItem item;
    Material idCard;
    Material proof;

    @BeforeEach
    void setUp() {
        data = new SvcTestData(accounts, catalogue);
        resident = data.resident();
        item = data.item("GJJ", "ONLINE,PROXY", 5);
        idCard = item.materials().get(0);
        proof = item.materials().get(1);
    }

    /** A valid 异地代收代办 submission (湘潭 window → 长沙 housing-fund centre), both form-field notations. */
    MockMultipartHttpServletRequestBuilder submission(CurrentUser user) {
        return submission(user, SvcTestData.ID_NUMBER);
    }

    MockMultipartHttpServletRequestBuilder submission(CurrentUser user, String idNumber) {
        return (MockMultipartHttpServletRequestBuilder) multipart("/api/v1/services/applications")
                .file(new MockMultipartFile("material-" + idCard.id(), "身份证.pdf", "application/pdf", SvcTestData.PDF))
                .file(new MockMultipartFile("material-" + proof.id(), "缴存证明.png", "image/png", SvcTestData.PNG))
                .param("itemId", Long.toString(item.id())).param("mode", "PROXY").param("acceptCity", "430300")
                .param("handleCity", "长沙").param("applicantName", "张示例").param("idNumber", idNumber)
                .param("phone", "13900001111").param("form[转入地公积金中心]", "长沙住房公积金管理中心")
                .param("form.备注", "API 提交").with(httpBasic(user.username(), PW));
    }

    String submit(CurrentUser user) throws Exception {
        String body = mvc.perform(submission(user)).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return JsonPath.read(body, "$.number");
    }

    long applicationsOf(CurrentUser user) {
        return jdbc.sql("SELECT COUNT(*) FROM svc_application WHERE applicant_account_id = :a").param("a", user.accountId())
                .query(Long.class).single();
    }

    /** Flowable executions of processes started for this applicant (the process variable {@code applicant}). */
    long executionsOf(CurrentUser user) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE PROC_INST_ID_ IN (
                    SELECT process_instance_id FROM svc_application WHERE applicant_account_id = :a)""")
                .param("a", user.accountId()).query(Long.class).single();
    }

    long storedFiles() throws IOException {
        Path root = properties.resolve("files");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** A PDF no other test stores, so that its key shows whether this test left it behind. */
    static byte[] uniquePdf() {
        return ("%PDF-1.4\n% " + ThreadLocalRandom.current().nextLong() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    boolean stored(byte[] pdf) {
        String sm3 = Sm3.hex(pdf);
        return Files.exists(properties.resolve("files", sm3.substring(0, 2), sm3 + ".pdf"));
    }

    String taskOf(String number, String key) {
        return applications.view(data.office, number).openTasks().stream().filter(t -> t.key().equals(key)).findFirst()
                .orElseThrow().taskId();
    }

    // ------------------------------------------------------------------------------------------ submission

    @Test
    void aValidMultipartSubmissionIs201WithTheNumberAndOnlyTheApplicantAndTheStaffInScopeCanReadIt() throws Exception {
        String body = mvc.perform(submission(resident))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.number", matchesPattern("CZT\\d{16}")))
                .andExpect(jsonPath("$.id").isNumber())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String number = JsonPath.read(body, "$.number");
        mvc.perform(submission(resident)).andExpect(header().string("Location", matchesPattern(".*/api/v1/services/applications/CZT\\d{16}")));

        mvc.perform(get("/api/v1/services/applications/{n}", number).with(httpBasic(resident.username(), PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.number").value(number))
                .andExpect(jsonPath("$.itemName").value(item.name()))
                .andExpect(jsonPath("$.stage").value("windowCheck"))
                .andExpect(jsonPath("$.applicantIdNumber").value("430304********0073"))
                .andExpect(jsonPath("$.form['转入地公积金中心']").value("长沙住房公积金管理中心"))
                .andExpect(jsonPath("$.form['备注']").value("API 提交"))
                .andExpect(jsonPath("$.materials.length()").value(2))
                .andExpect(jsonPath("$.handleCityCode").value("430100"));

        CurrentUser otherResident = data.resident();
        mvc.perform(get("/api/v1/services/applications/{n}", number).with(httpBasic(otherResident.username(), PW)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("不存在")));
        for (String zhuzhou : List.of("430200-GJJ", "430200-XZSP")) {
            CurrentUser staff = data.staff(zhuzhou);
            mvc.perform(get("/api/v1/services/applications/{n}", number).with(httpBasic(staff.username(), PW)))
                    .andExpect(status().isNotFound());
        }
        CurrentUser xtWindow = data.staff("430300-XZSP");
        mvc.perform(get("/api/v1/services/applications/{n}", number).with(httpBasic(xtWindow.username(), PW)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/services/applications").param("status", "IN_PROGRESS").with(httpBasic(resident.username(), PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(2))
                .andExpect(jsonPath("$.totalPages").value(1))
                .andExpect(jsonPath("$.content[*].number", hasItem(number)));
        mvc.perform(get("/api/v1/services/applications").param("status", "办好了").with(httpBasic(resident.username(), PW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
    }

    @Test
    void aBadCheckDigitIs400NamingIdNumberAndSavesNothing() throws Exception {
        mvc.perform(submission(resident, "430304199211200074"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("idNumber")))
                .andExpect(jsonPath("$.errors[?(@.field == 'idNumber')].message", hasItem(containsString("校验位"))));
        assertThat(applicationsOf(resident)).isZero();
    }

    @Test
    void anExeRenamedToPdfIs400NamingTheMaterial() throws Exception {
        mvc.perform(submission(resident)
                        .file(new MockMultipartFile("material-" + proof.id(), "缴存证明.pdf", "application/pdf", SvcTestData.EXE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("material-" + proof.id())))
                .andExpect(jsonPath("$.errors[?(@.field == 'material-" + proof.id() + "')].message",
                        hasItem(containsString("不是 PDF、JPG 或 PNG"))));
        assertThat(applicationsOf(resident)).isZero();
    }

    @Test
    void aMissingRequiredMaterialIs400NamingIt() throws Exception {
        mvc.perform(multipart("/api/v1/services/applications")
                        .file(new MockMultipartFile("material-" + idCard.id(), "身份证.pdf", "application/pdf", SvcTestData.PDF))
                        .param("itemId", Long.toString(item.id())).param("mode", "ONLINE").param("handleCity", "430100")
                        .param("applicantName", "张示例").param("idNumber", SvcTestData.ID_NUMBER).param("phone", "13900001111")
                        .param("form.转入地公积金中心", "长沙").with(httpBasic(resident.username(), PW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("material-" + proof.id())))
                .andExpect(jsonPath("$.errors[*].field", not(hasItem("material-" + idCard.id()))))
                .andExpect(jsonPath("$.detail", containsString("缺少必要材料")));
    }

    @Test
    void aSubmissionThatFailsLeavesNoApplicationNoProcessAndNoFile() throws Exception {
        long files = storedFiles();
        // tests run one at a time and no job executor runs in tests: the count of executions is stable
        long executions = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_EXECUTION").query(Long.class).single();
        byte[] first = uniquePdf();
        // the 2nd file is bad after the 1st was fine: every file is checked before any is stored
        mvc.perform(submission(resident)
                        .file(new MockMultipartFile("material-" + idCard.id(), "身份证.pdf", "application/pdf", first))
                        .file(new MockMultipartFile("material-" + proof.id(), "缴存证明.pdf", "application/pdf", SvcTestData.EXE)))
                .andExpect(status().isBadRequest());
        assertThat(applicationsOf(resident)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_RU_EXECUTION").query(Long.class).single()).isEqualTo(executions);
        assertThat(stored(first)).isFalse();
        assertThat(storedFiles()).isEqualTo(files);

        // a failure after the files were stored and the process started (here: the surrounding transaction fails)
        byte[] second = uniquePdf();
        String[] number = new String[1];
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            number[0] = applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"),
                    List.of(new Upload(idCard.id(), "身份证.pdf", second), new Upload(proof.id(), "证明.png", SvcTestData.PNG))).number();
            assertThat(stored(second)).isTrue();
            assertThat(executionsOf(resident)).isPositive();
            throw new IllegalStateException("a later step fails");
        })).hasMessage("a later step fails");
        assertThat(number[0]).startsWith("CZT");
        assertThat(applicationsOf(resident)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_RU_EXECUTION").query(Long.class).single()).isEqualTo(executions);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = :k").param("k", number[0])
                .query(Long.class).single()).isZero();
        assertThat(stored(second)).isFalse();
    }

    // ------------------------------------------------------------------------------------------ catalogue

    @Test
    void thePublicSearchAnswersAPageWithTotalsAndRefusesUnknownFilterValues() throws Exception {
        mvc.perform(get("/api/v1/services/items").param("q", "公积金 异地 贷款").param("subject", "个人").param("size", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").isNumber())
                .andExpect(jsonPath("$.totalPages").isNumber())
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(5))
                .andExpect(jsonPath("$.content[*].subject", everyItem(org.hamcrest.Matchers.is("PERSONAL"))));
        mvc.perform(get("/api/v1/services/items").param("q", item.code()).param("mode", "异地代收代办").param("city", "430300"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements", greaterThan(0)))
                .andExpect(jsonPath("$.content[0].code").value(item.code()))
                .andExpect(jsonPath("$.content[0].sample").value(true))
                .andExpect(jsonPath("$.content[0].modes[*]", hasItem("PROXY")))
                .andExpect(jsonPath("$.content[0].materials[0].name").value("居民身份证"))
                .andExpect(jsonPath("$.content[0].departments[?(@.cityCode == '430300')].departmentCode", hasItem("430300-GJJ")));
        mvc.perform(get("/api/v1/services/items").param("subject", "机关").param("mode", "FAX"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("subject")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("mode")));
        mvc.perform(get("/api/v1/services/items/{id}", item.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.formFields[0].label").value("转入地公积金中心"));
    }

    @Test
    void maintainersCreateItemsPromisedOverStatutoryIs400AndDraftsAreNotPublic() throws Exception {
        String code = SvcTestData.uniqueCode();
        String json = """
                {"code":"%s","name":"API 测试事项（示例）","subject":"个人","theme":"公积金","departmentKind":"GJJ",
                 "modes":["ONLINE","异地代收代办"],"statutoryDays":3,"promisedDays":%d,"fee":"不收费",
                 "legalBasis":"《住房公积金管理条例》","formFields":[{"label":"贷款银行","required":true}],
                 "materials":[{"name":"居民身份证","original":true,"copies":1,"required":true}]}""";
        mvc.perform(post("/api/v1/services/items").with(httpBasic(data.office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json.formatted(code, 5)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("promisedDays")))
                .andExpect(jsonPath("$.errors[?(@.field == 'promisedDays')].message", hasItem(containsString("不能超过法定时限"))));
        assertThat(catalogue.findByCode(code)).isEmpty();

        mvc.perform(post("/api/v1/services/items").with(httpBasic(resident.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json.formatted(code, 1)))
                .andExpect(status().isForbidden());
        String body = mvc.perform(post("/api/v1/services/items").with(httpBasic(data.office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json.formatted(code, 1)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", endsWith("/api/v1/services/items/" + catalogue.findByCode(code).orElseThrow().id())))
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        mvc.perform(get("/api/v1/services/items/{id}", id)).andExpect(status().isNotFound());

        mvc.perform(post("/api/v1/services/items/{id}/status", id).with(httpBasic(data.office.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"PUBLISHED\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PUBLISHED"));
        mvc.perform(get("/api/v1/services/items/{id}", id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.modeLabels[*]", hasItem("异地代收代办")))
                .andExpect(jsonPath("$.departments.length()").value(3));

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/services/items/{id}", id)
                        .with(httpBasic(data.office.username(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(json.formatted(code, 2).replace("API 测试事项", "API 测试事项改名")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PUBLISHED"));
        assertThat(catalogue.item(id).name()).isEqualTo("API 测试事项改名（示例）");
        assertThat(catalogue.item(id).promisedDays()).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------ handling

    @Test
    void actingOnAnotherCitysTaskIs403AndTheRightWindowActs() throws Exception {
        String number = submit(resident);
        String task = taskOf(number, "windowCheck");
        CurrentUser zzWindow = data.staff("430200-XZSP");
        CurrentUser xtWindow = data.staff("430300-XZSP");
        mvc.perform(post("/api/v1/services/tasks/{t}", task).with(httpBasic(zzWindow.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"RECEIVE\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("不是你所在部门的任务")));
        mvc.perform(post("/api/v1/services/tasks/{t}", task).with(httpBasic(resident.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"RECEIVE\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/services/tasks").param("size", "200").with(httpBasic(xtWindow.username(), PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].application.number", hasItem(number)));
        mvc.perform(post("/api/v1/services/tasks/{t}", task).with(httpBasic(xtWindow.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\":\"RECEIVE\",\"comment\":\"材料齐全\"}"))
                .andExpect(status().isNoContent());
        assertThat(applications.view(resident, number).stage()).isEqualTo("accept");
    }

    @Test
    void aWholeCaseThroughTheApiWithSupplementResultFileRatingAndRectification() throws Exception {
        String number = submit(resident);
        CurrentUser xtWindow = data.staff("430300-XZSP");
        CurrentUser csGjj = data.staff("430100-GJJ");
        act(xtWindow, taskOf(number, "windowCheck"), "{\"outcome\":\"RECEIVE\"}");
        act(csGjj, taskOf(number, "accept"), "{\"outcome\":\"SUPPLEMENT\",\"missing\":[\"异地缴存证明（盖章版）\",\"近6个月缴存明细\"]}");

        mvc.perform(multipart("/api/v1/services/applications/{n}/supplements", number)
                        .file(new MockMultipartFile("supplement-0", "a.pdf", "application/pdf", SvcTestData.PDF))
                        .with(httpBasic(resident.username(), PW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("supplement-1")));
        mvc.perform(multipart("/api/v1/services/applications/{n}/supplements", number)
                        .file(new MockMultipartFile("supplement-0", "a.pdf", "application/pdf", SvcTestData.PDF))
                        .file(new MockMultipartFile("supplement-1", "b.png", "image/png", SvcTestData.PNG))
                        .param("note", "已补齐").with(httpBasic(resident.username(), PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stage").value("accept"));

        act(csGjj, taskOf(number, "accept"), "{\"outcome\":\"ACCEPT\"}");
        act(csGjj, taskOf(number, "review"), "{\"outcome\":\"PASS\"}");
        mvc.perform(multipart("/api/v1/services/tasks/{t}", taskOf(number, "decide")).param("outcome", "APPROVE")
                        .param("decisionText", "准予出具证明").with(httpBasic(csGjj.username(), PW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("resultFile")));
        mvc.perform(multipart("/api/v1/services/tasks/{t}", taskOf(number, "decide"))
                        .file(new MockMultipartFile("resultFile", "决定书.pdf", "application/pdf", SvcTestData.PDF))
                        .param("outcome", "APPROVE").param("decisionText", "准予出具证明").with(httpBasic(csGjj.username(), PW)))
                .andExpect(status().isNoContent());
        act(csGjj, taskOf(number, "deliver"), "{\"outcome\":\"MAIL\",\"trackingNumber\":\"EMS1234567890\"}");
        mvc.perform(get("/api/v1/services/applications/{n}/result", number).with(httpBasic(resident.username(), PW)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"));

        mvc.perform(post("/api/v1/services/applications/{n}/ratings", number).with(httpBasic(resident.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"windowLevel\":5,\"departmentLevel\":2,\"departmentComment\":\"来回补正\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("DONE"))
                .andExpect(jsonPath("$.ratings.length()").value(2));
        String list = mvc.perform(get("/api/v1/services/rectifications").param("status", "OPEN").param("size", "200")
                        .with(httpBasic(csGjj.username(), PW)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Integer> ids = JsonPath.read(list, "$.content[?(@.number == '" + number + "')].id");
        assertThat(ids).hasSize(1);
        mvc.perform(post("/api/v1/services/rectifications/{id}/answer", ids.get(0)).with(httpBasic(data.staff("430200-GJJ").username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"measures\":\"x\",\"callback\":\"y\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/services/rectifications/{id}/answer", ids.get(0)).with(httpBasic(csGjj.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"measures\":\"一次性告知清单已优化\",\"callback\":\"电话回访，申请人认可\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ANSWERED"));

        mvc.perform(get("/api/v1/services/statistics")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/services/statistics").with(httpBasic(csGjj.username(), PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.publishedItems", greaterThan(0)))
                .andExpect(jsonPath("$.flows.length()").value(9));
    }

    @Test
    void theApplicantWithdrawsBeforeAcceptance() throws Exception {
        String number = submit(resident);
        mvc.perform(post("/api/v1/services/applications/{n}/withdraw", number).with(httpBasic(data.resident().username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"填错了\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/services/applications/{n}/withdraw", number).with(httpBasic(resident.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"填错了\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.stageLabel").value("已撤回"));
        mvc.perform(post("/api/v1/services/applications/{n}/withdraw", number).with(httpBasic(resident.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict());
    }

    private void act(CurrentUser staff, String task, String json) throws Exception {
        mvc.perform(post("/api/v1/services/tasks/{t}", task).with(httpBasic(staff.username(), PW))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isNoContent());
    }
}
