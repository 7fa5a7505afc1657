package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestAccounts;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;

/** Excel import of the catalogue (all rows or nothing, errors per row and column), the template and the export. */
@ServicesIntegrationTest
class CatalogueImportIntegrationTest {

    @Autowired CatalogueImport catalogueImport;
    @Autowired Catalogue catalogue;
    @Autowired Accounts accounts;
    @Autowired MockMvc mvc;

    SvcTestData data;
    String a;
    String b;

    @BeforeEach
    void setUp() {
        data = new SvcTestData(accounts, catalogue);
        a = SvcTestData.uniqueCode();
        b = SvcTestData.uniqueCode();
    }

    static String[] row(String code, String name, String statutory, String promised) {
        return new String[] {code, name, "个人", "公积金", "住房公积金管理中心", "全程网办、异地代收代办", statutory, promised, "不收费",
                "《住房公积金管理条例》第二十四条", "居民身份证|原件|1|必要;购房合同|复印件|2|必要;授权委托书|原件|1|非必要",
                "房屋坐落|必填;备注|选填"};
    }

    static byte[] xlsx(List<String[]> rows) throws Exception {
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(CatalogueImport.SHEET);
            Row header = sheet.createRow(0);
            for (int c = 0; c < CatalogueImport.HEADERS.size(); c++) {
                header.createCell(c).setCellValue(CatalogueImport.HEADERS.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).length; c++) {
                    String v = rows.get(r)[c];
                    if (v.matches("\\d+") && (c == 6 || c == 7)) {
                        row.createCell(c).setCellValue(Integer.parseInt(v)); // numbers as Excel numbers
                    } else {
                        row.createCell(c).setCellValue(v);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    CatalogueImport.Result importFile(CurrentUser user, byte[] file) {
        return catalogueImport.importWorkbook(user, new ByteArrayInputStream(file), true);
    }

    @Test
    void aFileWithOneBadRowSavesNothingThenTheGoodRowsAreCreatedAndAReimportUpdates() throws Exception {
        byte[] bad = xlsx(List.of(row(a, "导入测试甲（示例）", "5", "1"), row(b, "导入测试乙（示例）", "10", "3"),
                row(SvcTestData.uniqueCode(), "导入测试丙（示例）", "3", "5")));
        BusinessException e = catchThrowableOfType(BusinessException.class, () -> importFile(data.office, bad));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("未保存任何服务事项");
        assertThat(e.errors()).extracting(FieldMessage::field).containsExactly("row4.承诺时限");
        assertThat(e.errors().get(0).message()).startsWith("第4行「承诺时限」：").contains("不能超过法定时限");
        assertThat(catalogue.findByCode(a)).isEmpty();
        assertThat(catalogue.findByCode(b)).isEmpty();

        CatalogueImport.Result created = importFile(data.office, xlsx(List.of(row(a, "导入测试甲（示例）", "5", "1"),
                row(b, "导入测试乙（示例）", "10", "3"))));
        assertThat(created).isEqualTo(new CatalogueImport.Result(2, 0));
        ServiceItem itemA = catalogue.findByCode(a).orElseThrow();
        assertThat(itemA.published()).isTrue();
        assertThat(itemA.departmentKind()).isEqualTo("GJJ");
        assertThat(itemA.modes()).containsExactly(Mode.ONLINE, Mode.PROXY);
        assertThat(itemA.departments()).containsEntry("430200", "430200-GJJ").hasSize(3);
        assertThat(itemA.materials()).extracting(Material::name, Material::original, Material::copies, Material::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("居民身份证", true, 1, true),
                        org.assertj.core.groups.Tuple.tuple("购房合同", false, 2, true),
                        org.assertj.core.groups.Tuple.tuple("授权委托书", true, 1, false));
        assertThat(itemA.formFields()).containsExactly(new FormField("房屋坐落", true), new FormField("备注", false));
        long materialId = itemA.materials().get(0).id();

        catalogue.setStatus(data.office, catalogue.findByCode(b).orElseThrow().id(), Catalogue.SUSPENDED);
        CatalogueImport.Result updated = importFile(data.office, xlsx(List.of(row(a, "导入测试甲改名（示例）", "5", "2"),
                row(b, "导入测试乙（示例）", "10", "3"))));
        assertThat(updated).isEqualTo(new CatalogueImport.Result(0, 2));
        ServiceItem again = catalogue.findByCode(a).orElseThrow();
        assertThat(again.id()).isEqualTo(itemA.id());
        assertThat(again.name()).isEqualTo("导入测试甲改名（示例）");
        assertThat(again.promisedDays()).isEqualTo(2);
        assertThat(again.materials().get(0).id()).isEqualTo(materialId);
        assertThat(catalogue.findByCode(b).orElseThrow().status()).isEqualTo(Catalogue.SUSPENDED);
    }

    @Test
    void everyBadCellIsNamedByRowAndColumn() throws Exception {
        String[] r = row(a, "", "五", "1");
        r[2] = "机关";
        r[4] = "不存在局";
        r[5] = "网上办、多地联办";
        r[10] = "居民身份证|正本|1|必要";
        r[11] = "房屋坐落|必须";
        BusinessException e = catchThrowableOfType(BusinessException.class,
                () -> importFile(data.office, xlsx(List.of(row(b, "好的一行（示例）", "5", "1"), r))));
        assertThat(e.errors()).extracting(FieldMessage::field).containsExactlyInAnyOrder("row3.事项名称", "row3.服务对象",
                "row3.主管部门类别", "row3.办理方式", "row3.法定时限", "row3.申请材料", "row3.表单字段");
        assertThat(e.errors()).allSatisfy(m -> assertThat(m.message()).startsWith("第3行「"));
        assertThat(catalogue.findByCode(b)).isEmpty();
    }

    @Test
    void theExportHasTheTemplatesColumnsAndItsRowsImportAgain() throws Exception {
        importFile(data.office, xlsx(List.of(row(a, "导出测试甲（示例）", "5", "1"), row(b, "导出测试乙（示例）", "10", "3"))));
        byte[] export = catalogueImport.export();
        List<String[]> ours = new ArrayList<>();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(export))) {
            Sheet sheet = wb.getSheet(CatalogueImport.SHEET);
            DataFormatter fmt = new DataFormatter();
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(fmt.formatCellValue(c)));
            assertThat(header).isEqualTo(CatalogueImport.HEADERS);
            assertThat(wb.getSheet(CatalogueImport.HELP_SHEET)).isNotNull();
            for (Row row : sheet) {
                String code = fmt.formatCellValue(row.getCell(0));
                if (Set.of(a, b).contains(code)) {
                    String[] cells = new String[CatalogueImport.HEADERS.size()];
                    for (int c = 0; c < cells.length; c++) {
                        cells[c] = fmt.formatCellValue(row.getCell(c));
                    }
                    ours.add(cells);
                }
            }
        }
        assertThat(ours).hasSize(2);
        ours.sort(java.util.Comparator.comparing((String[] r) -> !r[0].equals(a))); // the export is ordered by code
        assertThat(ours.get(0)).containsExactly(a, "导出测试甲（示例）", "个人", "公积金", "住房公积金管理中心", "全程网办、异地代收代办", "5",
                "1", "不收费", "《住房公积金管理条例》第二十四条", "居民身份证|原件|1|必要;购房合同|复印件|2|必要;授权委托书|原件|1|非必要",
                "房屋坐落|必填;备注|选填");
        ServiceItem before = catalogue.findByCode(a).orElseThrow();
        assertThat(importFile(data.office, xlsx(ours))).isEqualTo(new CatalogueImport.Result(0, 2));
        ServiceItem after = catalogue.findByCode(a).orElseThrow();
        assertThat(after.materials()).isEqualTo(before.materials());
        assertThat(after.formFields()).isEqualTo(before.formFields());
        assertThat(after.departments()).isEqualTo(before.departments());
    }

    @Test
    void theTemplateHasTheHeadersAndInstructionsAndImportsAsNothing() throws Exception {
        byte[] template = catalogueImport.template();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            assertThat(wb.getSheetName(0)).isEqualTo("服务事项");
            assertThat(wb.getSheetName(1)).isEqualTo("填写说明");
            DataFormatter fmt = new DataFormatter();
            List<String> header = new ArrayList<>();
            wb.getSheetAt(0).getRow(0).forEach(c -> header.add(fmt.formatCellValue(c)));
            assertThat(header).containsExactly("事项编码", "事项名称", "服务对象", "主题", "主管部门类别", "办理方式", "法定时限", "承诺时限",
                    "收费标准", "设定依据", "申请材料", "表单字段");
            List<String> explained = new ArrayList<>();
            wb.getSheetAt(1).forEach(r -> explained.add(fmt.formatCellValue(r.getCell(0))));
            assertThat(explained).containsAll(CatalogueImport.HEADERS);
            assertThat(wb.getSheetAt(0).getDataValidations()).isNotEmpty();
        }
        BusinessException e = catchThrowableOfType(BusinessException.class, () -> importFile(data.office, template));
        assertThat(e.getMessage()).contains("没有可导入的服务事项");
        BusinessException notExcel = catchThrowableOfType(BusinessException.class,
                () -> importFile(data.office, SvcTestData.PDF));
        assertThat(notExcel.getMessage()).contains("无法读取文件");
        assertThat(catchThrowableOfType(ForbiddenException.class, () -> importFile(data.resident(), template))).isNotNull();
    }

    @Test
    void theImportPageListsTheErrorsAndReportsTheCounts() throws Exception {
        MockHttpSession office = TestAccounts.login(mvc, data.office.username(), SvcTestData.PASSWORD);
        mvc.perform(get("/services/admin/import").session(office))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("导入服务事项")))
                .andExpect(content().string(containsString("/services/admin/import/template.xlsx")));
        mvc.perform(get("/services/admin/import/template.xlsx").session(office))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("service-items-template.xlsx")))
                .andExpect(content().contentType(CatalogueImport.XLSX));
        mvc.perform(get("/services/admin/export.xlsx").session(office)).andExpect(status().isOk());

        byte[] bad = xlsx(List.of(row(a, "页面导入甲（示例）", "5", "1"), row(b, "页面导入乙（示例）", "3", "4")));
        mvc.perform(multipart("/services/admin/import").file(new MockMultipartFile("file", "items.xlsx", CatalogueImport.XLSX, bad))
                        .param("publish", "true").session(office).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("第3行「承诺时限」")))
                .andExpect(content().string(containsString("未保存任何服务事项")));
        assertThat(catalogue.findByCode(a)).isEmpty();

        byte[] good = xlsx(List.of(row(a, "页面导入甲（示例）", "5", "1"), row(b, "页面导入乙（示例）", "5", "4")));
        mvc.perform(multipart("/services/admin/import").file(new MockMultipartFile("file", "items.xlsx", CatalogueImport.XLSX, good))
                        .session(office).with(csrf()))
                .andExpect(redirectedUrl("/services/admin/import"))
                .andExpect(flash().attribute("flash", "导入成功：新建 2 项，更新 0 项服务事项"));
        assertThat(catalogue.findByCode(a).orElseThrow().status()).isEqualTo(Catalogue.DRAFT); // "publish" not ticked

        CurrentUser resident = data.resident();
        MockHttpSession residentSession = TestAccounts.login(mvc, resident.username(), SvcTestData.PASSWORD);
        mvc.perform(get("/services/admin/import").session(residentSession)).andExpect(status().isForbidden());
        mvc.perform(get("/services/admin/export.xlsx").session(residentSession)).andExpect(status().isForbidden());
    }
}
