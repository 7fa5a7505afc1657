package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;

/** Excel import: de-duplicated by credit code, errors per row and column, nothing saved when any row fails. */
@cn.onecity.services.ServicesIntegrationTest
class EnterpriseImportIntegrationTest {

    static final String PW = IndTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Enterprises enterprises;
    @Autowired EnterpriseImport enterpriseImport;

    IndTestData data;
    CurrentUser staff;

    @BeforeEach
    void setUp() {
        data = new IndTestData(accounts, enterprises);
        staff = data.gxjStaff("430300");
    }

    /** The template with the given rows filled in. */
    byte[] workbook(List<String[]> rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(enterpriseImport.template()));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.getSheet(EnterpriseImport.SHEET);
            int r = 1;
            for (String[] values : rows) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.length; c++) {
                    row.createCell(c).setCellValue(values[c]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    MockMultipartFile file(byte[] bytes) {
        return new MockMultipartFile("file", "企业.xlsx", EnterpriseImportIntegrationTest.XLSX, bytes);
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void validRowsAreCreatedAndKnownCodesSkipped() throws Exception {
        Enterprise known = data.enterprise(IndTestData.unique("测试已登记"), "430304", "电机", List.of(), List.of());
        String a = IndTestData.creditCode();
        String b = IndTestData.creditCode();
        byte[] xlsx = workbook(List.of(
                new String[] {IndTestData.unique("测试导入甲"), a, "岳塘区", "湘潭经开区", "小", "电缆", "挤出"},
                new String[] {IndTestData.unique("测试导入乙"), b.toLowerCase(), "430321", "", "MICRO", "正极材料", ""},
                new String[] {known.name(), known.creditCode(), "岳塘区", "", "中", "", ""}));
        mvc.perform(multipart("/api/v1/industry/enterprises/import").file(file(xlsx)).with(httpBasic(staff.username(), PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.skipped[0]").value(known.creditCode()));
        assertThat(enterprises.findByCreditCode(a)).get().extracting(Enterprise::parkName).isEqualTo("湘潭经开区");
        assertThat(enterprises.findByCreditCode(b)).get().extracting(Enterprise::districtName).isEqualTo("湘潭县");
    }

    @Test
    void anyBadRowSavesNothingAndEveryErrorNamesItsRow() throws Exception {
        String good = IndTestData.creditCode();
        String dup = IndTestData.creditCode();
        String badCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        byte[] xlsx = workbook(List.of(
                new String[] {IndTestData.unique("测试好行"), good, "岳塘区", "", "小", "", ""},
                new String[] {"测试坏代码", badCheck, "岳塘区", "", "小", "", ""},
                new String[] {"测试重复一", dup, "岳塘区", "", "小", "", ""},
                new String[] {"测试重复二", dup, "岳塘区", "", "巨", "", ""},
                new String[] {"测试外市", IndTestData.creditCode(), "岳麓区", "", "小", "", ""}));
        mvc.perform(multipart("/api/v1/industry/enterprises/import").file(file(xlsx)).with(httpBasic(staff.username(), PW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].message", hasItem(containsString("第3行「统一社会信用代码」"))))
                .andExpect(jsonPath("$.errors[*].message", hasItem(containsString("第5行「统一社会信用代码」：与第4行重复"))))
                .andExpect(jsonPath("$.errors[*].message", hasItem(containsString("第5行「规模」"))))
                .andExpect(jsonPath("$.errors[*].message", hasItem(containsString("第6行「区县」：只能导入本市"))));
        assertThat(enterprises.findByCreditCode(good)).isEmpty();
        assertThat(enterprises.findByCreditCode(dup)).isEmpty();
    }

    @Test
    void aFileThatIsNotAWorkbookOrHasOtherColumnsIsRefused() throws Exception {
        mvc.perform(multipart("/api/v1/industry/enterprises/import").file(file("不是表格".getBytes()))
                        .with(httpBasic(staff.username(), PW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        byte[] other;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("企业").createRow(0).createCell(0).setCellValue("名称");
            wb.write(out);
            other = out.toByteArray();
        }
        mvc.perform(multipart("/api/v1/industry/enterprises/import").file(file(other)).with(httpBasic(staff.username(), PW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("表头与模板不符")));
    }

    @Test
    void enterprisesCannotImport() throws Exception {
        CurrentUser enterprise = data.enterpriseAccount("430300");
        mvc.perform(multipart("/api/v1/industry/enterprises/import").file(file(workbook(List.of())))
                .with(httpBasic(enterprise.username(), PW))).andExpect(status().isForbidden());
    }

    @Test
    void theTemplateDownloads() throws Exception {
        mvc.perform(get("/api/v1/industry/enterprises/import-template").with(httpBasic(staff.username(), PW)))
                .andExpect(status().isOk());
    }
}
