package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.healthcard.offline.HealthCodes;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.PersonalData;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A resident applies for the card over the API: validation, one card per person, encryption at rest, the code. */
@ServicesIntegrationTest
class CardApplicationIntegrationTest {

    static final String PW = HcTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired Accounts accounts;
    @Autowired Hospitals hospitals;
    @Autowired JdbcClient jdbc;
    @Autowired CardIds cardIds;
    @Autowired PersonalData personalData;
    @Autowired SigningKeys keys;
    @Autowired Clock clock;

    HcTestData data;

    @BeforeEach
    void setUp() {
        data = new HcTestData(accounts, hospitals);
    }

    String body(String name, String idNumber, String phone, String city) {
        return json.writeValueAsString(Map.of("name", name, "idNumber", idNumber, "phone", phone, "homeCityCode", city));
    }

    @Test
    void aResidentGetsOneCardWhosePersonalDataIsEncryptedAndMasked() throws Exception {
        String resident = data.resident();
        String id = HcTestData.idNumber();
        String response = mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(resident, PW))
                        .contentType(MediaType.APPLICATION_JSON).content(body("欧阳明月", id, "13912345678", "430300")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.cardId").value(matchesPattern("[0-9a-f]{64}")))
                .andExpect(jsonPath("$.maskedName").value("欧***"))
                .andExpect(jsonPath("$.maskedIdNumber").value(id.substring(0, 6) + "********" + id.substring(14)))
                .andExpect(jsonPath("$.maskedPhone").value("139****5678"))
                .andExpect(jsonPath("$.homeCity").value("湘潭"))
                .andReturn().getResponse().getContentAsString();
        String cardId = json.readTree(response).get("cardId").asString();
        assertThat(cardId).isEqualTo(cardIds.idOf(id));

        String stored = jdbc.sql("SELECT id_number_enc FROM hc_card WHERE card_id = :c").param("c", cardId).query(String.class).single();
        assertThat(jdbc.sql("SELECT name_enc FROM hc_card WHERE card_id = :c").param("c", cardId).query(String.class).single())
                .doesNotContain("欧阳");
        assertThat(stored).startsWith("v1:").doesNotContain(id);
        assertThat(personalData.decrypt(stored)).isEqualTo(id);
        assertThat(auditCount("申领电子健康卡", cardId)).isEqualTo(1);

        mvc.perform(get("/api/v1/healthcard/cards/me").with(httpBasic(resident, PW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.cardId").value(cardId));
        mvc.perform(get("/api/v1/healthcard/cards/me").with(httpBasic(data.resident(), PW)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aSecondApplicationForTheSamePersonOrAccountPointsToTheExistingCard() throws Exception {
        String resident = data.resident();
        String id = HcTestData.idNumber();
        mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(resident, PW)).contentType(MediaType.APPLICATION_JSON)
                .content(body("张三", id, "13900000000", "430100"))).andExpect(status().isCreated());

        // the same account again, even with another person's number
        mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(resident, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("李四", HcTestData.idNumber(), "13900000000", "430100")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("您已申领电子健康卡")));
        // the same person from another account
        String cardId = cardIds.idOf(id);
        mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(data.resident(), PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("张三", id.toLowerCase(), "13900000001", "430100")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("已申领电子健康卡（卡号尾号 " + cardId.substring(56))));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hc_card WHERE card_id = :c").param("c", cardId).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsSaved() throws Exception {
        String resident = data.resident();
        String id = HcTestData.idNumber();
        char wrong = id.charAt(17) == '1' ? '2' : '1';
        String badCheck = id.substring(0, 17) + wrong;
        long before = jdbc.sql("SELECT COUNT(*) FROM hc_card").query(Long.class).single();
        mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(resident, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("王五", badCheck, "13900000000", "430300")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("idNumber")))
                .andExpect(jsonPath("$.errors[0].message").value("身份证号码校验位不正确，请核对"));
        mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(resident, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("王五", "430302" + "20261399" + "1234", "123", "440100")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("idNumber", "phone", "homeCityCode")));
        mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(resident, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": 5, "))
                .andExpect(status().isBadRequest());
        // a birth date in the future
        String future = "430302" + OffsetDateTime.now(clock).plusYears(1).toLocalDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "123";
        mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(resident, PW)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("王五", future + cn.onecity.shared.IdNumbers.checkCharacter(future), "13900000000", "430300")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("idNumber"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hc_card").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void onlyResidentsApplyAndSeeTheirOwnCard() throws Exception {
        String staff = TestAccounts.create(accounts, Role.CITY_STAFF);
        mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(staff, PW)).contentType(MediaType.APPLICATION_JSON)
                .content(body("赵六", HcTestData.idNumber(), "13900000000", "430100"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/healthcard/cards/me/code").with(httpBasic(staff, PW))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/healthcard/cards/me/code")).andExpect(status().isUnauthorized());
    }

    @Test
    void theCodeIsASignedPayloadValidForTheConfiguredTime() throws Exception {
        String resident = data.resident();
        mvc.perform(post("/api/v1/healthcard/cards").with(httpBasic(resident, PW)).contentType(MediaType.APPLICATION_JSON)
                .content(body("孙七", HcTestData.idNumber(), "13900000000", "430200"))).andExpect(status().isCreated());
        JsonNode code = json.readTree(mvc.perform(get("/api/v1/healthcard/cards/me/code").with(httpBasic(resident, PW)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString());
        String payload = code.get("payload").asString();
        assertThat(payload).startsWith("EHC1:");
        HealthCodes.Body body = HealthCodes.parse(payload).orElseThrow().body();
        assertThat(body.keyId()).isEqualTo(keys.currentKeyId());
        assertThat(Duration.between(body.issuedAt(), body.expiresAt())).isEqualTo(Duration.ofMinutes(5));
        assertThat(OffsetDateTime.parse(code.get("expiresAt").asString()).toInstant()).isEqualTo(body.expiresAt());
    }

    @Test
    void theApiIsInOpenApiAndOnlyAdministratorsRotateKeys() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/healthcard/cards']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/healthcard/verifications']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/healthcard/revocations']").exists());
        mvc.perform(post("/api/v1/healthcard/keys/rotation").with(httpBasic(data.resident(), PW))).andExpect(status().isForbidden());
        String before = keys.currentKeyId();
        String admin = TestAccounts.create(accounts, Role.ADMIN);
        String rotated = json.readTree(mvc.perform(post("/api/v1/healthcard/keys/rotation").with(httpBasic(admin, PW)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("keyId").asString();
        assertThat(rotated).isNotEqualTo(before).isEqualTo(keys.currentKeyId());
        assertThat(auditCount("轮换签名密钥", rotated)).isEqualTo(1);
        assertThat(keys.trustList()).extracting(k -> k.keyId()).contains(before, rotated);
    }

    int auditCount(String action, String target) {
        return jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE module = 'healthcard' AND action = :a AND target = :t")
                .param("a", action).param("t", target).query(Integer.class).single();
    }
}
