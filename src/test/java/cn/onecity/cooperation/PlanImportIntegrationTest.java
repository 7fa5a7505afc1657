package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.identity.TestClock;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;

/** Excel import (all rows or nothing, errors per row in Chinese), the template, and the scoped export. */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
@Import(TestClock.Config.class)
class PlanImportIntegrationTest {

    @Autowired PlanImport planImport;
    @Autowired Cooperation cooperation;
    @Autowired Accounts accounts;
    @Autowired CooperationManagement management;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired MockMvc mvc;
    @Autowired UserDetailsService users;

    SummaryFixtures fx;
    CurrentUser office;
    int n;
    String p;

    @BeforeEach
    void meeting() {
        fx = new SummaryFixtures(accounts, management, jdbc, tx);
        office = fx.office();
        n = fx.meeting(office);
        p = "I" + SummaryFixtures.unique() + "-";
    }

    static String[] row(String code, String title, String area, String city, String dept, String co, String deadline,
            String milestones) {
        return new String[] {code, title, area, "测试行动", city, dept, co, "测试目标任务", deadline, "1", milestones, ""};
    }

    static byte[] xlsx(List<String[]> rows) throws Exception {
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("合作事项");
            Row h = s.createRow(0);
            for (int c = 0; c < PlanImport.HEADERS.size(); c++) {
                h.createCell(c).setCellValue(PlanImport.HEADERS.get(c));
            }
            int r = 1;
            for (String[] values : rows) {
                Row row = s.createRow(r++);
                for (int c = 0; c < values.length; c++) {
                    if (values[c] != null) {
                        row.createCell(c).setCellValue(values[c]);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    List<String[]> goodRows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(row(p + "1", "融城干道建设", "交通互联", "长沙市", "交通运输局", "湘潭市交通运输局", "2026-12-31",
                "完成招标@2026-03-31；主线贯通@2026-10-31"));
        rows.add(row(p + "2", "大气污染协同立法", "生态共治", "株洲", "株洲市生态环境局", "长沙市生态环境局、湘潭市生态环境局",
                "2026/6/30", ""));
        rows.add(row(p + "3", "跨市通办扩面", "服务共享", "湘潭市", "行政审批服务局", "", "2026-09-30", null));
        return rows;
    }

    int itemsOfMeeting() {
        return cooperation.items(new DataScope.All(), ItemFilter.meeting(n), LocalDate.of(2026, 1, 1)).size();
    }

    @Test
    void validFileImportsEveryRow() throws Exception {
        int imported = planImport.importPlan(office, n, new ByteArrayInputStream(xlsx(goodRows())));
        assertThat(imported).isEqualTo(3);
        List<ItemView> items = cooperation.items(new DataScope.All(), ItemFilter.meeting(n), LocalDate.of(2026, 1, 1));
        assertThat(items).extracting(ItemView::code).containsExactlyInAnyOrder(p + "1", p + "2", p + "3");
        ItemView road = items.stream().filter(i -> i.code().equals(p + "1")).findFirst().orElseThrow();
        assertThat(road.leadDepartmentCode()).isEqualTo("430100-JTJ");
        assertThat(road.area()).isEqualTo(Area.TRANSPORT);
        assertThat(road.actionName()).isEqualTo("测试行动");
        assertThat(road.parties()).extracting(Party::departmentCode).containsExactly("430100-JTJ", "430300-JTJ");
        assertThat(cooperation.milestones(road.id())).extracting(Milestone::name).containsExactly("完成招标", "主线贯通");
        ItemView air = items.stream().filter(i -> i.code().equals(p + "2")).findFirst().orElseThrow();
        assertThat(air.deadline()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(air.parties()).hasSize(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE action = '导入行动计划' AND target = :t")
                .param("t", "第" + n + "届").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void oneBadRowSavesNothing() throws Exception {
        List<String[]> rows = goodRows();
        rows.set(1, row(p + "2", "大气污染协同立法", "生态共治", "株洲市", "生态环境局", "", "明年六月", ""));
        BusinessException e = catchThrowableOfType(BusinessException.class,
                () -> planImport.importPlan(office, n, new ByteArrayInputStream(xlsx(rows))));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors()).extracting(FieldMessage::message).containsExactly("第3行：完成时限格式应为YYYY-MM-DD");
        assertThat(itemsOfMeeting()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM coop_item WHERE code LIKE :p").param("p", p + "%")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void duplicateCodesUnknownNamesAndBadAreasAreListedPerRow() throws Exception {
        List<String[]> rows = goodRows();
        rows.add(row(p + "1", "重复编号事项", "交通互联", "长沙市", "交通运输局", "", "2026-12-31", ""));
        rows.add(row(p + "5", "未知部门事项", "产业协同", "长沙市", "不存在局", "", "2026-12-31", ""));
        rows.add(row(p + "6", "未知配合部门", "产业协同", "长沙市", "发展和改革委员会", "岳阳市发展和改革委员会", "2026-12-31", ""));
        rows.add(row(p + "7", "错误领域", "文化旅游", "长沙", "发展和改革委员会", "", "2026-12-31", "节点一2026-01-01"));
        rows.add(row(p + "8", "", "产业协同", "长沙", "发展和改革委员会", "", "", ""));
        BusinessException e = catchThrowableOfType(BusinessException.class,
                () -> planImport.importPlan(office, n, new ByteArrayInputStream(xlsx(rows))));
        List<String> messages = e.errors().stream().map(FieldMessage::message).toList();
        assertThat(messages).contains(
                "第5行：事项编号“" + p + "1”与第2行重复",
                "第6行：牵头部门“不存在局”在长沙市不存在（可选部门见模板第二个工作表）",
                "第7行：配合部门“岳阳市发展和改革委员会”不存在：请写城市加部门全称，如“株洲市交通运输局”",
                "第8行：合作领域“文化旅游”无效，应为产业协同、科创协作、交通互联、生态共治或服务共享",
                "第8行：里程碑“节点一2026-01-01”格式应为“名称@YYYY-MM-DD”",
                "第9行：请填写事项名称",
                "第9行：请填写完成时限");
        assertThat(messages).allMatch(m -> m.startsWith("第"));
        assertThat(itemsOfMeeting()).isZero();
    }

    @Test
    void codesAlreadyInTheDatabaseAreRefused() throws Exception {
        planImport.importPlan(office, n, new ByteArrayInputStream(xlsx(goodRows().subList(0, 1))));
        BusinessException e = catchThrowableOfType(BusinessException.class,
                () -> planImport.importPlan(office, n, new ByteArrayInputStream(xlsx(goodRows()))));
        assertThat(e.errors()).extracting(FieldMessage::message)
                .containsExactly("第2行：事项编号“" + p + "1”已存在，不能重复导入");
        assertThat(itemsOfMeeting()).isEqualTo(1);
    }

    @Test
    void onlyTheJointOfficeImports() throws Exception {
        CurrentUser staff = fx.staff("430100-FGW");
        byte[] file = xlsx(goodRows());
        assertThat(catchThrowableOfType(ForbiddenException.class,
                () -> planImport.importPlan(staff, n, new ByteArrayInputStream(file)))).isNotNull();
        mvc.perform(multipart("/cooperation/import").file(new MockMultipartFile("file", "plan.xlsx", null, file))
                        .param("meeting", String.valueOf(n)).with(csrf())
                        .with(user(users.loadUserByUsername(staff.username()))))
                .andExpect(status().isForbidden());
        assertThat(itemsOfMeeting()).isZero();
    }

    @Test
    void uploadPageImportsAndRedirectsWithCount() throws Exception {
        mvc.perform(get("/cooperation/import").with(user(users.loadUserByUsername(office.username()))))
                .andExpect(status().isOk());
        mvc.perform(multipart("/cooperation/import")
                        .file(new MockMultipartFile("file", "计划.xlsx", null, xlsx(goodRows())))
                        .param("meeting", String.valueOf(n)).with(csrf())
                        .with(user(users.loadUserByUsername(office.username()))))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/cooperation?meeting=" + n))
                .andExpect(flash().attribute("flash", "已导入3项"));
        assertThat(itemsOfMeeting()).isEqualTo(3);
    }

    @Test
    void uploadPageListsRowErrors() throws Exception {
        List<String[]> rows = goodRows();
        rows.set(1, row(p + "2", "大气污染协同立法", "生态共治", "株洲市", "生态环境局", "", "2026-02-30", ""));
        String html = mvc.perform(multipart("/cooperation/import")
                        .file(new MockMultipartFile("file", "plan.xlsx", null, xlsx(rows)))
                        .param("meeting", String.valueOf(n)).with(csrf())
                        .with(user(users.loadUserByUsername(office.username()))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("第3行：完成时限格式应为YYYY-MM-DD").contains("未保存任何事项");
        assertThat(itemsOfMeeting()).isZero();
    }

    @Test
    void templateHasHeadersExampleValidationAndNames() throws Exception {
        byte[] body = mvc.perform(get("/cooperation/import-template.xlsx")
                        .with(user(users.loadUserByUsername(office.username()))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            for (int c = 0; c < PlanImport.HEADERS.size(); c++) {
                assertThat(sheet.getRow(0).getCell(c).getStringCellValue()).isEqualTo(PlanImport.HEADERS.get(c));
            }
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("交通互联");
            assertThat(sheet.getDataValidations()).isNotEmpty();
            assertThat(sheet.getDataValidations().get(0).getValidationConstraint().getExplicitListValues())
                    .containsExactly("产业协同", "科创协作", "交通互联", "生态共治", "服务共享");
            Sheet names = wb.getSheetAt(1);
            assertThat(names.getSheetName()).isEqualTo("城市与部门");
            assertThat(names.getLastRowNum()).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void exportHasTheCallersRowsOnly() throws Exception {
        long plan = management.ensureAction(office, n, "导出测试行动");
        String cs = "长沙事项" + SummaryFixtures.unique();
        String zz = "株洲事项" + SummaryFixtures.unique();
        long csItem = fx.item(office, plan, cs, Area.TRANSPORT, "430100-JTJ", List.of(), LocalDate.of(2026, 12, 31));
        fx.item(office, plan, zz, Area.INDUSTRY, "430200-GXJ", List.of("430300-GXJ"), LocalDate.of(2026, 12, 31));
        fx.accepted(csItem, "430100-JTJ", 40, LocalDate.of(2026, 3, 2));
        CurrentUser zzStaff = fx.staff("430200-JTJ");

        List<List<String>> officeRows = export(office);
        assertThat(officeRows).hasSize(3);
        assertThat(officeRows.get(0).get(0)).isEqualTo("事项编号");
        List<List<String>> staffRows = export(zzStaff);
        assertThat(staffRows).hasSize(2);
        assertThat(staffRows.get(1).get(1)).isEqualTo(zz);
        List<String> csRow = officeRows.stream().filter(r -> r.get(1).equals(cs)).findFirst().orElseThrow();
        assertThat(csRow.get(2)).isEqualTo("交通互联");
        assertThat(csRow.get(5)).isEqualTo("长沙市");
        assertThat(csRow.get(6)).isEqualTo("长沙市交通运输局");
        assertThat(csRow.get(11)).isEqualTo("推进中");
        assertThat(csRow.get(13)).isEqualTo("40");
    }

    List<List<String>> export(CurrentUser who) throws Exception {
        byte[] body = mvc.perform(get("/cooperation/export.xlsx").param("meeting", String.valueOf(n))
                        .param("asOf", "2026-06-01").with(user(users.loadUserByUsername(who.username()))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        List<List<String>> rows = new ArrayList<>();
        org.apache.poi.ss.usermodel.DataFormatter fmt = new org.apache.poi.ss.usermodel.DataFormatter();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            for (Row r : wb.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < r.getLastCellNum(); c++) {
                    cells.add(fmt.formatCellValue(r.getCell(c)));
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
