package cn.onecity.healthcard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.healthcard.HcTestData;
import cn.onecity.healthcard.HealthCards;
import cn.onecity.healthcard.Hospital;
import cn.onecity.healthcard.Hospitals;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;

/** The pages: apply with errors kept, the QR image (decodable), the scanner by text and by image, the export. */
@ServicesIntegrationTest
class HealthCardPagesIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Hospitals hospitals;
    @Autowired HealthCards cards;

    HcTestData data;

    @BeforeEach
    void setUp() {
        data = new HcTestData(accounts, hospitals);
    }

    static String qrPayload(String html) {
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        assertThat(m.find()).as("a QR image in the page").isTrue();
        return QrCodes.decode(Base64.getDecoder().decode(m.group(1))).orElseThrow();
    }

    @Test
    void aResidentAppliesOnThePageAndSeesADecodableQrThatAHospitalVerifiesFromAnImage() throws Exception {
        String resident = data.resident();
        MockHttpSession session = TestAccounts.login(mvc, resident);
        mvc.perform(get("/healthcard").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("申领电子健康卡")));
        // a bad ID number: the form comes back with the message and the other values kept
        mvc.perform(post("/healthcard/apply").session(session).with(csrf()).param("name", "吴九")
                        .param("idNumber", "430302199001011234").param("phone", "13600000000").param("homeCityCode", "430300"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("身份证号码校验位不正确，请核对")))
                .andExpect(content().string(containsString("value=\"13600000000\"")));
        String id = HcTestData.idNumber();
        mvc.perform(post("/healthcard/apply").session(session).with(csrf()).param("name", "吴九").param("idNumber", id)
                .param("phone", "13600000000").param("homeCityCode", "430300")).andExpect(redirectedUrl("/healthcard"));

        String page = mvc.perform(get("/healthcard").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("吴*")))
                .andExpect(content().string(not(containsString(id))))
                .andExpect(content().string(containsString("hx-trigger=\"load delay:")))
                .andReturn().getResponse().getContentAsString();
        String payload = qrPayload(page);
        assertThat(payload).startsWith("EHC1:");
        String fragment = mvc.perform(get("/healthcard/code").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).doesNotContain("<html");
        assertThat(qrPayload(fragment)).startsWith("EHC1:");

        // the scanner: a photo of the code
        Hospital h = data.hospital("430104");
        MockHttpSession staff = TestAccounts.login(mvc, data.staff(h));
        mvc.perform(multipart("/healthcard/verify").file(new MockMultipartFile("image", "qr.png", "image/png",
                        QrCodes.png(payload, 400))).param("purpose", "就诊").param("department", "眼科").session(staff).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("核验通过")))
                .andExpect(content().string(containsString("吴*")))
                .andExpect(content().string(not(containsString(id))));
        // pasted text that was tampered with; an image without a code
        mvc.perform(multipart("/healthcard/verify").param("payload", payload.substring(0, payload.length() - 2) + "AA")
                        .param("purpose", "挂号").session(staff).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("SIGNATURE_INVALID")));
        mvc.perform(multipart("/healthcard/verify").file(new MockMultipartFile("image", "x.png", "image/png", new byte[] {1, 2, 3}))
                        .param("purpose", "挂号").session(staff).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("未能从图片中识别出二维码")));
        mvc.perform(multipart("/healthcard/verify").param("purpose", "挂号").session(staff).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("请粘贴扫码得到的二维码文本")));

        // the holder sees the use and exports it
        mvc.perform(get("/healthcard").session(session)).andExpect(content().string(containsString(h.name())));
        byte[] xlsx = mvc.perform(get("/healthcard/uses.xlsx").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(4).getCell(1).getStringCellValue()).isEqualTo(h.name());
            assertThat(sheet.getRow(4).getCell(3).getStringCellValue()).isEqualTo("就诊");
            assertThat(sheet.getRow(3).getCell(5).getStringCellValue()).isEqualTo("核验方式");
            assertThat(sheet.getRow(4).getCell(5).getStringCellValue()).isEqualTo("在线核验");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).doesNotContain(id);
        }
    }

    @Test
    void theScannerIsForConnectedHospitalStaffOnlyAndTheRegistryIsPublic() throws Exception {
        mvc.perform(get("/healthcard/verify").session(TestAccounts.login(mvc, data.resident()))).andExpect(status().isForbidden());
        mvc.perform(get("/healthcard/verify").session(TestAccounts.login(mvc, TestAccounts.create(accounts, Role.CITY_STAFF))))
                .andExpect(status().isForbidden());
        Hospital h = data.hospital("430211");
        mvc.perform(get("/healthcard/verify").session(TestAccounts.login(mvc, data.staff(h)))).andExpect(status().isOk())
                .andExpect(content().string(containsString(h.name())));
        mvc.perform(get("/healthcard/hospitals")).andExpect(status().isOk())
                .andExpect(content().string(containsString(h.name())))
                .andExpect(content().string(containsString("医院接入率")))
                .andExpect(content().string(not(containsString("登记医院</h2>"))));
        mvc.perform(get("/healthcard")).andExpect(status().is3xxRedirection());
    }

    @Test
    void theJointOfficeRegistersAndConnectsHospitalsOnThePage() throws Exception {
        MockHttpSession office = TestAccounts.login(mvc, TestAccounts.create(accounts, Role.JOINT_OFFICE));
        String name = HcTestData.uniqueName("页面登记医院");
        mvc.perform(post("/healthcard/hospitals").session(office).with(csrf()).param("name", name).param("grade", "二级甲等")
                        .param("districtCode", "430302").param("creditCode", "91430300MA4L0XXXX1"))
                .andExpect(redirectedUrl("/healthcard/hospitals#register"));
        assertThat(hospitals.list()).extracting(Hospital::name).doesNotContain(name);
        mvc.perform(post("/healthcard/hospitals").session(office).with(csrf()).param("name", name).param("grade", "二级甲等")
                .param("districtCode", "430302")).andExpect(redirectedUrl("/healthcard/hospitals#register"));
        Hospital h = hospitals.list().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        assertThat(h.connected()).isFalse();
        assertThat(h.cityCode()).isEqualTo("430300");
        mvc.perform(post("/healthcard/hospitals/{id}/connect", h.id()).session(office).with(csrf()))
                .andExpect(redirectedUrl("/healthcard/hospitals"));
        assertThat(hospitals.get(h.id()).connected()).isTrue();
        mvc.perform(post("/healthcard/hospitals").session(TestAccounts.login(mvc, data.resident())).with(csrf())
                .param("name", "x")).andExpect(status().isForbidden());
    }
}
