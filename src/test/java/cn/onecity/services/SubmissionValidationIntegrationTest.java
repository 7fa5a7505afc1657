package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.OneCityProperties;

@ServicesIntegrationTest
class SubmissionValidationIntegrationTest {

    @Autowired Accounts accounts;
    @Autowired Catalogue catalogue;
    @Autowired Applications applications;
    @Autowired JdbcClient jdbc;
    @Autowired OneCityProperties properties;

    SvcTestData data;
    CurrentUser resident;
    ServiceItem item;

    @BeforeEach
    void setUp() {
        data = new SvcTestData(accounts, catalogue);
        resident = data.resident();
        item = data.item("GJJ", "ONLINE,PROXY", 5);
    }

    private List<FieldMessage> errorsOf(NewApplication a, List<Upload> files) {
        try {
            applications.submit(resident, a, files);
        } catch (BusinessException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.errors();
        }
        throw new AssertionError("the submission was accepted");
    }

    private long applicationsOfResident() {
        return jdbc.sql("SELECT COUNT(*) FROM svc_application WHERE applicant_account_id = :a").param("a", resident.accountId())
                .query(Long.class).single();
    }

    @Test
    void everyProblemIsReportedAtOnceInChineseAndNothingIsSaved() {
        Material required = item.materials().get(1);
        List<Upload> files = List.of(new Upload(item.materials().get(0).id(), "身份证.pdf", SvcTestData.EXE));
        List<FieldMessage> errors = errorsOf(new NewApplication(item.id(), "PROXY", "430300", "430300", null, "", "430304199211200074",
                "123", Map.of()), files);
        assertThat(errors).extracting(FieldMessage::field).contains("acceptCity", "applicantName", "idNumber", "phone",
                "form.转入地公积金中心", "material-" + item.materials().get(0).id(), "material-" + required.id());
        assertThat(errors).anyMatch(e -> e.message().contains("身份证号码校验位不正确"));
        assertThat(errors).anyMatch(e -> e.message().contains("不是 PDF、JPG 或 PNG 格式"));
        assertThat(errors).anyMatch(e -> e.message().contains("缺少必要材料：" + required.name()));
        assertThat(applicationsOfResident()).isZero();
    }

    @Test
    void anOversizedFileAndAModeTheItemDoesNotOfferAreRefused() {
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        System.arraycopy(SvcTestData.PDF, 0, big, 0, SvcTestData.PDF.length);
        List<Upload> files = new ArrayList<>(SvcTestData.requiredFiles(item));
        files.set(0, new Upload(files.get(0).materialId(), "大文件.pdf", big));
        assertThat(errorsOf(SvcTestData.proxy(item, "430300", "430100"), files))
                .anyMatch(e -> e.message().contains("超过 20 MB"));
        assertThat(errorsOf(new NewApplication(item.id(), "JOINT", null, null, List.of("430100", "430200"), "张三",
                SvcTestData.ID_NUMBER, "13900001111", Map.of("转入地公积金中心", "x")), SvcTestData.requiredFiles(item)))
                .anyMatch(e -> e.field().equals("mode") && e.message().contains("不支持"));
        assertThat(applicationsOfResident()).isZero();
    }

    @Test
    void aPromisedLimitAboveTheStatutoryOneIsRefused() {
        ItemDraft d = SvcTestData.draft(SvcTestData.uniqueCode(), "时限错误的事项（示例）", "GJJ", "ONLINE", 5, 8);
        assertThatThrownBy(() -> catalogue.create(data.office, d)).isInstanceOfSatisfying(BusinessException.class,
                e -> assertThat(e.errors()).anyMatch(f -> f.field().equals("promisedDays")
                        && f.message().equals("承诺时限（8 个工作日）不能超过法定时限（5 个工作日）")));
    }

    @Test
    void onlyResidentsApplyForPersonalItemsAndStaffCannotApplyAtAll() {
        CurrentUser staff = data.staff("430100-XZSP");
        assertThatThrownBy(() -> applications.submit(staff, SvcTestData.proxy(item, "430300", "430100"), SvcTestData.requiredFiles(item)))
                .hasMessageContaining("只有个人或企业用户可以申请办理");
    }

    @Test
    void aSubmissionThatFailsAfterItsFilesAndProcessWereCreatedLeavesNothingBehind() throws IOException {
        byte[] unique = (new String(SvcTestData.PDF, java.nio.charset.StandardCharsets.US_ASCII) + "% " + System.nanoTime())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<Upload> files = new ArrayList<>(SvcTestData.requiredFiles(item));
        files.set(0, new Upload(files.get(0).materialId(), "唯一.pdf", unique));
        String key = cn.onecity.shared.Sm3.hex(unique);
        long processesBefore = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_EXECUTION").query(Long.class).single();
        FailingSubmissionListener.failNext.set(true);
        try {
            assertThatThrownBy(() -> applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), files))
                    .hasMessageContaining("simulated failure");
        } finally {
            FailingSubmissionListener.failNext.set(false);
        }
        assertThat(applicationsOfResident()).isZero();
        assertThat(filesNamed(properties.resolve("files"), key)).isZero();
        // no process without an application (tests run one at a time and no job executor runs in tests, so the
        // count of running executions is stable even on a shared database)
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_RU_EXECUTION").query(Long.class).single()).isEqualTo(processesBefore);

        // the same submission without the failure succeeds and keeps its file
        String number = applications.submit(resident, SvcTestData.proxy(item, "430300", "430100"), files).number();
        assertThat(filesNamed(properties.resolve("files"), key)).isEqualTo(1);
        assertThat(applications.view(resident, number).openTasks()).hasSize(1);
    }

    private static long filesNamed(Path dir, String sm3) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(sm3)).count();
        }
    }

    private static long countFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
