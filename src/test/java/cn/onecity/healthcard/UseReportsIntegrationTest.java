package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.TestClock;
import cn.onecity.services.ServicesIntegrationTest;
import cn.onecity.shared.Times;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hospital that verified codes offline reports the uses afterwards: each code is checked as it was at the time of
 * use, valid ones are recorded for the holder (once, however often the batch is resent), refused ones say why, and a
 * malformed batch records nothing.
 */
@ServicesIntegrationTest
class UseReportsIntegrationTest {

    static final String PW = HcTestData.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired Accounts accounts;
    @Autowired Hospitals hospitals;
    @Autowired HealthCards cards;
    @Autowired HealthCardStatistics statistics;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired UseReports reports;

    HcTestData data;
    Hospital zhuzhou;
    String staff;
    CurrentUser resident;
    Card card;

    @BeforeEach
    void setUp() {
        data = new HcTestData(accounts, hospitals);
        zhuzhou = data.hospital("430202");
        staff = data.staff(zhuzhou);
        resident = data.user(data.resident());
        card = cards.apply(resident, new NewCard("周示例", HcTestData.idNumber(), "13800138001", "430300"));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static Map<String, Object> use(String payload, String purpose, Instant usedAt) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("payload", payload);
        u.put("purpose", purpose);
        u.put("department", "急诊科");
        u.put("usedAt", usedAt == null ? null : OffsetDateTime.ofInstant(usedAt, Times.ZONE).toString());
        return u;
    }

    ResultActions report(String username, List<Map<String, Object>> uses) throws Exception {
        return mvc.perform(post("/api/v1/healthcard/uses").with(httpBasic(username, PW))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("uses", uses))));
    }

    int uses() {
        return jdbc.sql("SELECT COUNT(*) FROM hc_use WHERE card_id = :c").param("c", card.cardId()).query(Integer.class).single();
    }

    @Test
    void aCodeValidAtItsTimeOfUseIsRecordedForTheHolderHoursLater() throws Exception {
        CardCode code = cards.code(resident);
        Instant usedAt = clock.instant().plusSeconds(60);
        HealthCardStatistics.Figures before = statistics.figures();
        clock.advance(Duration.ofHours(3)); // the network came back; the code expired long ago
        report(staff, List.of(use(code.payload(), "挂号", usedAt), use(code.payload(), "缴费", usedAt.plusSeconds(90))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.received").value(2))
                .andExpect(jsonPath("$.recorded").value(2))
                .andExpect(jsonPath("$.refused").value(0))
                .andExpect(jsonPath("$.results[0].status").value("RECORDED"))
                .andExpect(jsonPath("$.results[1].useId").isNumber());

        List<CardUse> seen = cards.uses(resident, 0, 20).content();
        assertThat(seen).extracting(CardUse::purpose).containsExactly("缴费", "挂号");
        assertThat(seen).allMatch(CardUse::offline);
        assertThat(seen.get(1).usedAt().toInstant()).isEqualTo(usedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(seen.get(1).hospitalCity()).isEqualTo("株洲");
        assertThat(statistics.figures().uses()).isEqualTo(before.uses() + 2);
        assertThat(statistics.figures().offlineUses()).isEqualTo(before.offlineUses() + 2);
        mvc.perform(get("/api/v1/healthcard/cards/me/uses").with(httpBasic(resident.username(), PW)))
                .andExpect(jsonPath("$.content[0].offline").value(true));
        byte[] xlsx = mvc.perform(get("/api/v1/healthcard/cards/me/uses.xlsx").with(httpBasic(resident.username(), PW)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheetAt(0).getRow(4).getCell(5).getStringCellValue()).isEqualTo("离线核验（医院事后上报）");
        }
        Map<String, Object> row = jdbc.sql("""
                SELECT hospital_id, verified_by, department, reported_at FROM hc_use WHERE card_id = :c AND purpose = '挂号'""")
                .param("c", card.cardId()).query().singleRow();
        assertThat(row.get("hospital_id")).isEqualTo(zhuzhou.id());
        assertThat(row.get("verified_by")).isEqualTo(staff);
        assertThat(row.get("department")).isEqualTo("急诊科");
        assertThat(row.get("reported_at")).isNotNull();
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM idn_operation_log WHERE module = 'healthcard' AND action = '上报离线用卡记录'
                AND target = :c AND operator = :u AND success = TRUE""").param("c", card.cardId()).param("u", staff)
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aResentBatchIsRecordedOnceAndAnswersTheFirstRecords() throws Exception {
        CardCode code = cards.code(resident);
        Instant usedAt = clock.instant().plusSeconds(10);
        List<Map<String, Object>> batch = List.of(use(code.payload(), "就诊", usedAt), use(code.payload(), "就诊", usedAt));
        String first = report(staff, batch).andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value(1))
                .andExpect(jsonPath("$.duplicates").value(1))
                .andExpect(jsonPath("$.results[1].status").value("DUPLICATE"))
                .andReturn().getResponse().getContentAsString();
        long useId = json.readTree(first).get("results").get(0).get("useId").asLong();
        assertThat(json.readTree(first).get("results").get(1).get("useId").asLong()).isEqualTo(useId);

        report(staff, batch).andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value(0))
                .andExpect(jsonPath("$.duplicates").value(2))
                .andExpect(jsonPath("$.results[0].useId").value(useId));
        assertThat(uses()).isEqualTo(1);

        // the same code at another hospital, or for another purpose, is another use
        report(data.staff(data.hospital("430104")), List.of(use(code.payload(), "就诊", usedAt)))
                .andExpect(jsonPath("$.recorded").value(1));
        report(staff, List.of(use(code.payload(), "取药", usedAt))).andExpect(jsonPath("$.recorded").value(1));
        assertThat(uses()).isEqualTo(3);
    }

    @Test
    void theSameBatchSentTwiceAtOnceIsRecordedOnce() throws Exception {
        CardCode code = cards.code(resident);
        List<UseReports.ReportedUse> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(new UseReports.ReportedUse(code.payload(), "检查", "检验科",
                    OffsetDateTime.ofInstant(clock.instant().plusSeconds(i), Times.ZONE)));
        }
        clock.advance(Duration.ofMinutes(1));
        CurrentUser hospitalUser = data.user(staff);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<UseReports.Report>> sent = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return reports.report(hospitalUser, batch);
                }));
            }
            start.countDown();
            int recorded = 0;
            int duplicates = 0;
            for (var f : sent) {
                UseReports.Report r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                recorded += r.recorded();
                duplicates += r.duplicates();
            }
            assertThat(recorded).isEqualTo(50);
            assertThat(duplicates).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
        assertThat(uses()).isEqualTo(50);
    }

    @Test
    void codesThatWereNotValidAtTheTimeOfUseAreRefusedWithTheirReasonAndTheRestIsRecorded() throws Exception {
        CardCode code = cards.code(resident);
        Instant issued = clock.instant();
        String payload = code.payload();
        char c = payload.charAt(payload.length() - 3);
        String tampered = payload.substring(0, payload.length() - 3) + (c == 'A' ? 'B' : 'A') + payload.substring(payload.length() - 2);
        clock.advance(Duration.ofSeconds(5));
        cards.reportLoss(resident);                                    // the holder reports the loss 5 s after the code
        clock.advance(Duration.ofMinutes(20));

        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(use(payload, "挂号", issued.plusSeconds(2)));          // 0: used before the loss report: recorded
        batch.add(use(payload, "缴费", issued.plusSeconds(60)));         // 1: used after it: REVOKED
        batch.add(use(tampered, "挂号", issued.plusSeconds(2)));         // 2
        batch.add(use("EHC1:not-a-code", "挂号", issued));               // 3
        batch.add(use(payload, "检查", issued.plusSeconds(5 * 60 + 31))); // 4: expired at the time of use
        batch.add(use(payload, "检查", issued.minusSeconds(600)));        // 5: before the code existed
        report(staff, batch).andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value(1))
                .andExpect(jsonPath("$.refused").value(5))
                .andExpect(jsonPath("$.results[0].status").value("RECORDED"))
                .andExpect(jsonPath("$.results[1].status").value("REVOKED"))
                .andExpect(jsonPath("$.results[2].status").value("SIGNATURE_INVALID"))
                .andExpect(jsonPath("$.results[3].status").value("MALFORMED"))
                .andExpect(jsonPath("$.results[4].status").value("EXPIRED"))
                .andExpect(jsonPath("$.results[4].message").value("用卡时二维码已过期"))
                .andExpect(jsonPath("$.results[5].status").value("USED_BEFORE_ISSUED"))
                .andExpect(jsonPath("$.results[5].useId").doesNotExist());
        assertThat(uses()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM idn_operation_log WHERE module = 'healthcard' AND action = '上报离线用卡记录'
                AND operator = :u AND success = FALSE""").param("u", staff).query(Integer.class).single()).isEqualTo(5);
    }

    @Test
    void aBatchWithABadFieldIsRefusedWholeNamingEveryFieldAndRecordsNothing() throws Exception {
        String payload = cards.code(resident).payload();
        Instant now = clock.instant();
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(use(payload, "挂号", now));
        batch.add(use(payload, "体检", now));
        batch.add(use(payload, "挂号", null));
        batch.add(use(payload, "挂号", now.plus(Duration.ofHours(1))));
        batch.add(use(payload, "挂号", now.minus(Duration.ofDays(31))));
        batch.add(use(" ", "挂号", now));
        report(staff, batch).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(5))
                .andExpect(jsonPath("$.errors[0].field").value("uses[1].purpose"))
                .andExpect(jsonPath("$.errors[1].field").value("uses[2].usedAt"))
                .andExpect(jsonPath("$.errors[2].field").value("uses[3].usedAt"))
                .andExpect(jsonPath("$.errors[2].message").value("第 4 条：用卡时间晚于当前时间，请检查医院系统的时钟"))
                .andExpect(jsonPath("$.errors[3].field").value("uses[4].usedAt"))
                .andExpect(jsonPath("$.errors[4].field").value("uses[5].payload"));
        assertThat(uses()).isZero();

        report(staff, List.of()).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("uses"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= UseReports.MAX_USES; i++) {
            tooMany.add(use(payload, "挂号", now.minusSeconds(i)));
        }
        report(staff, tooMany).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("每次最多上报 500 条用卡记录，请分批上报"));
        mvc.perform(post("/api/v1/healthcard/uses").with(httpBasic(staff, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"uses\":[{\"payload\":\"x\",\"purpose\":\"挂号\",\"usedAt\":\"昨天\"}]}"))
                .andExpect(status().isBadRequest());
        assertThat(uses()).isZero();
    }

    @Test
    void onlyHospitalStaffReportUses() throws Exception {
        String payload = cards.code(resident).payload();
        report(resident.username(), List.of(use(payload, "挂号", clock.instant()))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/healthcard/uses").contentType(MediaType.APPLICATION_JSON).content("{\"uses\":[]}"))
                .andExpect(status().isUnauthorized());
        assertThat(uses()).isZero();
    }
}
