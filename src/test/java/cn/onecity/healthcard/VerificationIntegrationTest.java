package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.onecity.healthcard.offline.HealthCodes;
import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.identity.TestClock;
import cn.onecity.services.ServicesIntegrationTest;
import cn.onecity.shared.IdNumbers;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hospital verifies codes online: a valid code answers the masked holder and records the use and an audit entry
 * before the answer; every kind of bad payload gets its reason and a 4xx; roles, hospitals and the rate limit hold.
 */
@ServicesIntegrationTest
class VerificationIntegrationTest {

    static final String PW = HcTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired Accounts accounts;
    @Autowired Hospitals hospitals;
    @Autowired HealthCards cards;
    @Autowired SigningKeys keys;
    @Autowired CardIds cardIds;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    HcTestData data;
    Hospital changsha;
    String staff;
    CurrentUser resident;
    String idNumber;
    Card card;

    @BeforeEach
    void setUp() {
        data = new HcTestData(accounts, hospitals);
        changsha = data.hospital("430105");
        staff = data.staff(changsha);
        resident = data.user(data.resident());
        idNumber = HcTestData.idNumber();
        card = cards.apply(resident, new NewCard("李小龙", idNumber, "13800138000", "430300"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ResultActions verify(String username, String payload, String purpose) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payload", payload);
        body.put("purpose", purpose);
        body.put("department", "心血管内科");
        return mvc.perform(post("/api/v1/healthcard/verifications").with(httpBasic(username, PW))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
    }

    int uses(String cardId) {
        return jdbc.sql("SELECT COUNT(*) FROM hc_use WHERE card_id = :c").param("c", cardId).query(Integer.class).single();
    }

    @Test
    void aValidCodeShowsTheMaskedHolderAndRecordsTheUseAndTheAudit() throws Exception {
        String payload = cards.code(resident).payload();
        int age = Period.between(IdNumbers.birthDate(idNumber), LocalDate.now(clock)).getYears();
        verify(staff, payload, "挂号").andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.reason").value("OK"))
                .andExpect(jsonPath("$.message").value("验证通过"))
                .andExpect(jsonPath("$.card.cardId").value(card.cardId()))
                .andExpect(jsonPath("$.card.maskedName").value("李**"))
                .andExpect(jsonPath("$.card.maskedIdNumber").value(card.maskedIdNumber()))
                .andExpect(jsonPath("$.card.gender").value(IdNumbers.gender(idNumber)))
                .andExpect(jsonPath("$.card.age").value(age))
                .andExpect(jsonPath("$.card.homeCity").value("湘潭"))
                .andExpect(jsonPath("$.card.name").doesNotExist())
                .andExpect(jsonPath("$.card.idNumber").doesNotExist());
        assertThat(uses(card.cardId())).isEqualTo(1);
        Map<String, Object> use = jdbc.sql("""
                SELECT hospital_id, hospital_city_code, home_city_code, purpose, department, verified_by FROM hc_use
                WHERE card_id = :c""").param("c", card.cardId()).query().singleRow();
        assertThat(use.values()).containsExactly(changsha.id(), "430100", "430300", "挂号", "心血管内科", staff);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM idn_operation_log WHERE module = 'healthcard' AND action = '核验电子健康卡'
                AND target = :c AND operator = :u AND success = TRUE""").param("c", card.cardId()).param("u", staff)
                .query(Integer.class).single()).isEqualTo(1);

        // the same code serves the next step of the visit; the holder sees both uses, newest first
        verify(staff, payload, "缴费").andExpect(status().isOk());
        assertThat(cards.uses(resident, 0, 20).content()).extracting(CardUse::purpose).containsExactly("缴费", "挂号");
        assertThat(cards.uses(resident, 0, 20).content().get(0).hospital()).isEqualTo(changsha.name());
        mvc.perform(get("/api/v1/healthcard/cards/me/uses").with(httpBasic(resident.username(), PW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.totalElements").value(2))
                .andExpect(jsonPath("$.content[0].hospitalCity").value("长沙"));
    }

    @Test
    void malformedPayloadsAreRefusedWith400AndTheirReason() throws Exception {
        String good = cards.code(resident).payload();
        String body = good.substring(HealthCodes.PREFIX.length(), good.indexOf('.'));
        byte[] raw = Base64.getUrlDecoder().decode(body);
        raw[0] = 2; // wrong version
        String wrongVersion = HealthCodes.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + good.substring(good.indexOf('.'));
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("bad base64", "EHC1:!!!*not-base64*.@@@");
        malformed.put("truncated", good.substring(0, good.length() / 2));
        malformed.put("wrong prefix", "EHC2:" + good.substring(5));
        malformed.put("1 MB long", "EHC1:" + "A".repeat(1024 * 1024));
        malformed.put("wrong version", wrongVersion);
        malformed.put("empty", "");
        malformed.put("not a code", "https://example.com/");
        for (Map.Entry<String, String> m : malformed.entrySet()) {
            verify(staff, m.getValue(), "就诊").andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.valid").value(false))
                    .andExpect(jsonPath("$.reason").value("MALFORMED"))
                    .andExpect(jsonPath("$.message").value("二维码格式无效"));
        }
        assertThat(uses(card.cardId())).isZero();
    }

    @Test
    void tamperedExpiredRevokedUnknownKeyAndUnknownCardCodesAreRefusedWith422() throws Exception {
        String good = cards.code(resident).payload();
        int dot = good.indexOf('.');
        // tampered signature: flip a character of the signature part
        char c = good.charAt(good.length() - 3);
        String badSignature = good.substring(0, good.length() - 3) + (c == 'A' ? 'B' : 'A') + good.substring(good.length() - 2);
        refused(badSignature, "SIGNATURE_INVALID", "二维码签名无效，可能已被篡改");
        // tampered body: another card id under the original signature
        byte[] raw = Base64.getUrlDecoder().decode(good.substring(5, dot));
        raw[raw.length - 40] ^= 0x01;
        refused(HealthCodes.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + good.substring(dot),
                "SIGNATURE_INVALID", "二维码签名无效，可能已被篡改");
        // signed by a key the platform does not trust
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(HealthCodes.CURVE, new java.security.SecureRandom()));
        AsymmetricCipherKeyPair pair = g.generateKeyPair();
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String foreign = HealthCodes.sign(HealthCodes.Body.create("ehc-forged", card.cardId(), now, now.plusSeconds(300)),
                (ECPrivateKeyParameters) pair.getPrivate());
        refused(foreign, "UNKNOWN_KEY", "二维码签名密钥不受信任或不在有效期内");
        // a well-signed code for a card the platform never issued
        refused(keys.sign(cardIds.idOf(HcTestData.idNumber())), "UNKNOWN_CARD", "电子健康卡不存在");
        // expired: 5 minutes of validity and 30 s of tolerated clock skew have passed
        clock.advance(Duration.ofMinutes(5).plusSeconds(31));
        refused(good, "EXPIRED", "二维码已过期，请刷新后重新出示");
        clock.reset();
        // revoked: reported lost after the code was issued
        clock.advance(Duration.ofSeconds(2));
        cards.reportLoss(resident);
        refused(good, "REVOKED", "该电子健康卡已挂失，此二维码不可使用");
        verify(staff, cards.code(resident).payload(), "取药").andExpect(status().isOk()).andExpect(jsonPath("$.reason").value("OK"));

        assertThat(uses(card.cardId())).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM idn_operation_log WHERE module = 'healthcard' AND action = '核验电子健康卡'
                AND operator = :u AND success = FALSE""").param("u", staff).query(Integer.class).single()).isEqualTo(6);
    }

    void refused(String payload, String reason, String message) throws Exception {
        verify(staff, payload, "检查").andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.reason").value(reason))
                .andExpect(jsonPath("$.message").value(message))
                .andExpect(jsonPath("$.card").doesNotExist());
    }

    @Test
    void aCodeIssuedBeforeAKeyRotationStaysValidUntilItExpires() throws Exception {
        String before = cards.code(resident).payload();
        String oldKey = keys.currentKeyId();
        String newKey = keys.rotate();
        String after = cards.code(resident).payload();
        assertThat(HealthCodes.parse(after).orElseThrow().body().keyId()).isEqualTo(newKey).isNotEqualTo(oldKey);
        verify(staff, before, "就诊").andExpect(status().isOk());
        verify(staff, after, "就诊").andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT key_id FROM hc_use WHERE card_id = :c ORDER BY id").param("c", card.cardId())
                .query(String.class).list()).containsExactly(oldKey, newKey);
        mvc.perform(get("/api/v1/healthcard/trust-list")).andExpect(status().isOk())
                .andExpect(jsonPath("$.keys[?(@.keyId == '" + oldKey + "')].validTo").isNotEmpty())
                .andExpect(jsonPath("$.signedBy").value(newKey));
    }

    @Test
    void onlyStaffOfAConnectedHospitalVerify() throws Exception {
        String payload = cards.code(resident).payload();
        verify(resident.username(), payload, "挂号").andExpect(status().isForbidden());
        verify(TestAccounts.create(accounts, Role.CITY_STAFF), payload, "挂号").andExpect(status().isForbidden());
        Hospital unconnected = hospitals.register(data.admin(), new NewHospital(HcTestData.uniqueName("未接入医院"), "二级甲等", "430211", null, null));
        long org = accounts.createOrganisation(HcTestData.uniqueName("同名机构"), cn.onecity.identity.OrganisationKind.HOSPITAL, "430200", null, null);
        String outsider = TestAccounts.uniqueUsername(Role.HOSPITAL_STAFF);
        accounts.createAccount(new cn.onecity.identity.NewAccount(outsider, "未接入医院人员", PW, Role.HOSPITAL_STAFF, org, null));
        verify(outsider, payload, "挂号").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("您所在的医院尚未接入电子健康卡一卡通，请联系一体化办"));
        assertThat(unconnected.connected()).isFalse();
        assertThat(uses(card.cardId())).isZero();
    }

    @Test
    void aMissingPurposeIsABadRequestNamingTheField() throws Exception {
        String payload = cards.code(resident).payload();
        verify(staff, payload, "体检").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("purpose"));
        verify(staff, payload, null).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/healthcard/verifications").with(httpBasic(staff, PW))
                .contentType(MediaType.APPLICATION_JSON).content("[1,2")).andExpect(status().isBadRequest());
        assertThat(uses(card.cardId())).isZero();
    }

    @Test
    void eachAccountIsRateLimitedWith429() throws Exception {
        // the test profile allows a burst of 25 and one more per second
        int tooMany = 0;
        for (int i = 0; i < 40 && tooMany == 0; i++) {
            int s = verify(staff, "EHC1:x.y", "挂号").andReturn().getResponse().getStatus();
            if (s == 429) {
                tooMany++;
            } else {
                assertThat(s).isEqualTo(400);
            }
        }
        assertThat(tooMany).isEqualTo(1);
        verify(staff, "EHC1:x.y", "挂号").andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.detail").value("核验过于频繁，请稍后再试"));
        // another account of the same hospital is not affected
        verify(data.staff(changsha), cards.code(resident).payload(), "挂号").andExpect(status().isOk());
    }

    @Test
    void theHolderDataNeverLeavesInPlainText() throws Exception {
        String response = verify(staff, cards.code(resident).payload(), "挂号").andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(response).doesNotContain(idNumber).doesNotContain("李小龙").doesNotContain("13800138000");
    }
}
