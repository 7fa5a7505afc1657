package cn.onecity.ecology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/** Alerts fan out to the three cities' bureaus once per station and cause, close when readings recover, and are acknowledged. */
@ServicesIntegrationTest
class JointAlertsIntegrationTest {

    static final String PW = TestAccounts.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Accounts accounts;
    @Autowired JsonMapper json;

    String section;
    String air;
    String name;
    String csEco;
    String zzEco;

    @BeforeEach
    void setUp() {
        String n = String.valueOf(ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000));
        name = "预警测试断面" + n;
        section = "T-AW-" + n;
        air = "T-AA-" + n;
        jdbc.sql("""
                INSERT INTO eco_station (code, name, city_code, city_name, kind, water_body, water_name, target_class)
                VALUES (:c, :n, '430200', '株洲', 'WATER', 'RIVER', '湘江', 'II')""").param("c", section).param("n", name).update();
        jdbc.sql("""
                INSERT INTO eco_station (code, name, city_code, city_name, kind) VALUES (:c, :n, '430300', '湘潭', 'AIR')""")
                .param("c", air).param("n", "预警测试空气站" + n).update();
        csEco = staff("长沙市生态环境局");
        zzEco = staff("株洲市生态环境局");
    }

    String staff(String organisation) {
        String username = TestAccounts.uniqueUsername(Role.CITY_STAFF);
        accounts.createAccount(new NewAccount(username, "测试监测人员", PW, Role.CITY_STAFF,
                TestAccounts.organisationNamed(accounts, organisation).id(), null));
        return username;
    }

    ResultActions water(String time, String nh3n) throws Exception {
        return mvc.perform(post("/api/v1/ecology/water-readings").with(httpBasic(zzEco, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"station\":\"" + section + "\",\"time\":\"" + time + "\",\"values\":{\"DO\":\"7.0\",\"NH3N\":\"" + nh3n + "\"}}"));
    }

    int messages() {
        return jdbc.sql("SELECT COUNT(*) FROM ntf_message WHERE title LIKE :t").param("t", "%" + name + "%").query(Integer.class).single();
    }

    int bureausNotified() {
        return jdbc.sql("""
                SELECT COUNT(DISTINCT o.city_code) FROM ntf_message m JOIN idn_organisation o ON o.id = m.recipient_org_id
                WHERE m.title LIKE :t AND o.department_code LIKE '%-STHJJ'""").param("t", "%" + name + "%").query(Integer.class).single();
    }

    @Test
    void aSectionWorseThanItsTargetAlertsAllThreeCitiesOnceUntilItRecovers() throws Exception {
        long alert = json.readTree(water("2026-05-01T08:00:00+08:00", "1.2").andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.waterClass").value("IV"))
                .andReturn().getResponse().getContentAsString()).get("assessment").get("alertId").asLong();
        assertThat(messages()).isEqualTo(3);
        assertThat(bureausNotified()).isEqualTo(3);

        // still bad four hours later: folded into the same alert, nobody is messaged again
        water("2026-05-01T12:00:00+08:00", "1.6").andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.alertId").value(alert));
        assertThat(messages()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT repeats FROM eco_alert WHERE id = :id").param("id", alert).query(Integer.class).single()).isEqualTo(1);
        // a late backfill that met the target does not close it; a later reading that meets it does
        water("2026-05-01T04:00:00+08:00", "0.3").andExpect(status().isCreated());
        assertThat(alertStatus(alert)).isEqualTo("OPEN");
        water("2026-05-01T16:00:00+08:00", "0.3").andExpect(status().isCreated());
        assertThat(alertStatus(alert)).isEqualTo("CLOSED");
        // bad again: a new alert, messaged again
        water("2026-05-02T08:00:00+08:00", "2.5").andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.alertId").value(Matchers.not(alert)));
        assertThat(messages()).isEqualTo(6);
    }

    String alertStatus(long alert) {
        return jdbc.sql("SELECT status FROM eco_alert WHERE id = :id").param("id", alert).query(String.class).single();
    }

    @Test
    void eachBureauAcknowledgesWithItsResponse() throws Exception {
        long alert = json.readTree(water("2026-05-03T08:00:00+08:00", "1.9").andReturn().getResponse().getContentAsString())
                .get("assessment").get("alertId").asLong();
        ack(csEco, alert, "").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("response"));
        ack(csEco, alert, "已通知长沙段加密监测").andExpect(status().isOk())
                .andExpect(jsonPath("$.acks[?(@.organisation == '长沙市生态环境局')].response").value(Matchers.hasItem("已通知长沙段加密监测")));
        ack(zzEco, alert, "已排查上游排口").andExpect(status().isOk());
        ack(staff("长沙市行政审批服务局"), alert, "x").andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/ecology/alerts").with(httpBasic(csEco, PW))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + alert + ")].acks[*].organisation", Matchers.hasSize(3)))
                .andExpect(jsonPath("$[?(@.id == " + alert + ")].acks[*].acknowledgedBy", Matchers.hasSize(2)));
        mvc.perform(get("/api/v1/ecology/alerts").with(httpBasic(TestAccounts.create(accounts, Role.RESIDENT), PW)))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM eco_alert_ack WHERE alert_id = :id AND acknowledged_at IS NOT NULL")
                .param("id", alert).query(Integer.class).single()).isEqualTo(2);
    }

    ResultActions ack(String user, long alert, String response) throws Exception {
        return mvc.perform(post("/api/v1/ecology/alerts/{id}/acknowledgement", alert).with(httpBasic(user, PW))
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(java.util.Map.of("response", response))));
    }

    ResultActions daily(String user, String station, String date, int pm25) throws Exception {
        return mvc.perform(post("/api/v1/ecology/air-readings").with(httpBasic(user, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"station\":\"" + station + "\",\"date\":\"" + date + "\",\"report\":\"daily\",\"values\":{\"PM2.5_24h\":"
                        + pm25 + ",\"PM10_24h\":" + (pm25 + 20) + "}}"));
    }

    @Test
    void aCityAqiReachingTheAlertLevelAlertsTheThreeCitiesAndPingxiangWhichAcknowledges() throws Exception {
        String office = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        // a date of its own (2021–2025), so that no other test's 湘潭 readings enter the city mean
        String date = java.time.LocalDate.of(2021, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(1800)).toString();
        long alert = json.readTree(daily(office, air, date, 180).andExpect(status().isCreated())
                        .andExpect(jsonPath("$.assessment.aqi").value(230))
                        .andExpect(jsonPath("$.assessment.category").value("重度污染"))
                        .andExpect(jsonPath("$.assessment.cityAqi.aqi").value(230))
                        .andExpect(jsonPath("$.assessment.alertId").isNumber())
                        .andReturn().getResponse().getContentAsString())
                .get("assessment").get("alertId").asLong();
        String pxEco = staff("萍乡市生态环境局");
        mvc.perform(get("/api/v1/ecology/alerts").with(httpBasic(pxEco, PW))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + alert + ")].city").value("湘潭"))
                .andExpect(jsonPath("$[?(@.id == " + alert + ")].cause").value(Alerts.AIR))
                .andExpect(jsonPath("$[?(@.id == " + alert + ")].acks[*].organisation", Matchers.containsInAnyOrder(
                        "长沙市生态环境局", "株洲市生态环境局", "湘潭市生态环境局", "萍乡市生态环境局")));
        ack(pxEco, alert, "萍乡启动大气污染应急响应").andExpect(status().isOk());
        // 萍乡 joins for air only: a water alert is not its to acknowledge
        long water = json.readTree(water("2026-05-02T08:00:00+08:00", "1.2").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("assessment").get("alertId").asLong();
        ack(pxEco, water, "x").andExpect(status().isForbidden());
    }

    @Test
    void theCityAqiIsTheMeanOfItsStationsAndALaterStationFoldsIntoTheOpenAlert() throws Exception {
        String office = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        String second = air + "B";
        jdbc.sql("INSERT INTO eco_station (code, name, city_code, city_name, kind) VALUES (:c, :n, '430300', '湘潭', 'AIR')")
                .param("c", second).param("n", "预警测试空气站B" + second).update();
        String date = java.time.LocalDate.of(2021, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(1800)).toString();
        long alert = json.readTree(daily(office, air, date, 300).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("assessment").get("alertId").asLong();
        // (300 + 100) / 2 = 200 µg/m³ of PM2.5 → IAQI 250; PM10 (320 + 120) / 2 = 220 → 135; the station alone: 132
        daily(office, second, date, 100).andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.aqi").value(132))
                .andExpect(jsonPath("$.assessment.cityAqi.stations").value(2))
                .andExpect(jsonPath("$.assessment.cityAqi.aqi").value(250))
                .andExpect(jsonPath("$.assessment.cityAqi.primaryPollutants[0]").value("PM2.5"))
                .andExpect(jsonPath("$.assessment.alertId").value(alert));
        assertThat(jdbc.sql("SELECT aqi FROM eco_city_air WHERE city_code = '430300' AND report = 'DAILY' AND measured_at = :t")
                .param("t", java.time.LocalDate.parse(date).atStartOfDay(cn.onecity.shared.Times.ZONE).toOffsetDateTime())
                .query(Integer.class).single()).isEqualTo(250);
    }

    @Test
    void futureTimesDuplicatesInOneUploadAndWrongUnitsAreRefused() throws Exception {
        String future = OffsetDateTime.now().plusDays(1).withNano(0).toString();
        water(future, "0.3").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("time"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("晚于当前时间")));
        mvc.perform(post("/api/v1/ecology/water-readings").with(httpBasic(zzEco, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("[{\"station\":\"" + section + "\",\"time\":\"2026-05-04T08:00:00+08:00\",\"values\":{\"DO\":\"7.0\"}},"
                        + "{\"station\":\"" + section + "\",\"time\":\"2026-05-04T00:00:00Z\",\"values\":{\"DO\":\"7.1\"}}]"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("[1].time"));
        mvc.perform(post("/api/v1/ecology/water-readings").with(httpBasic(zzEco, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"station\":\"" + section + "\",\"time\":\"2026-05-04T08:00:00+08:00\",\"values\":{\"NH3N\":\"400 µg/L\",\"DO\":\"7.0 mg/L\"}}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("values.NH3N"))
                .andExpect(jsonPath("$.errors[0].message").value("单位应为 mg/L，收到的是“µg/L”"));
        mvc.perform(post("/api/v1/ecology/water-readings").with(httpBasic(zzEco, PW)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"station\":\"" + section + "\",\"time\":\"2026-05-04T08:00:00+08:00\",\"values\":{\"NH3N\":\"0.4 mg/L\",\"DO\":\"7.0\"}}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.assessment.perParameter.NH3N").value("II"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM eco_water_reading WHERE station_code = :s").param("s", section)
                .query(Integer.class).single()).isEqualTo(1);
    }
}
