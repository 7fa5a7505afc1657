package cn.onecity.ecology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.ThreadLocalRandom;

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

/** The ingestion contract: assessments in the answer, idempotent repeats, all-or-nothing batches, who may push. */
@ServicesIntegrationTest
class EcologyIngestionIntegrationTest {

    static final String PW = TestAccounts.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Accounts accounts;

    String river;
    String lake;
    String air;
    String csEco;

    @BeforeEach
    void setUp() {
        String n = String.valueOf(ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000));
        river = station("T-W-" + n, "WATER", "RIVER", "II");
        lake = station("T-L-" + n, "WATER", "LAKE", "II");
        air = station("T-A-" + n, "AIR", null, null);
        csEco = staff("长沙市生态环境局");
    }

    String station(String code, String kind, String body, String target) {
        jdbc.sql("""
                INSERT INTO eco_station (code, name, city_code, city_name, kind, water_body, water_name, target_class)
                VALUES (:c, :n, '430100', '长沙', :k, :b, '测试水体', :t)""")
                .param("c", code).param("n", "测试站点" + code).param("k", kind).param("b", body).param("t", target).update();
        return code;
    }

    String staff(String organisation) {
        String username = TestAccounts.uniqueUsername(Role.CITY_STAFF);
        accounts.createAccount(new NewAccount(username, "测试监测人员", PW, Role.CITY_STAFF,
                TestAccounts.organisationNamed(accounts, organisation).id(), null));
        return username;
    }

    ResultActions push(String path, String user, String body) throws Exception {
        return mvc.perform(post("/api/v1/ecology/" + path).with(httpBasic(user, PW)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void aWaterReadingIsAssessedAndARepeatAnswersTheStoredAssessment() throws Exception {
        String body = """
                {"station":"%s","time":"2026-05-01T08:00:00+08:00","values":{"DO":"7.0","CODMn":"3.5","NH3N":"0.4","TP":"0.08","pH":"7.6"}}"""
                .formatted(river);
        push("water-readings", csEco, body).andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.waterClass").value("II"))
                .andExpect(jsonPath("$.assessment.deciding").value(hasItem("CODMn")))
                .andExpect(jsonPath("$.assessment.deciding").value(hasItem("DO")))
                .andExpect(jsonPath("$.assessment.perParameter.DO").value("II"))
                .andExpect(jsonPath("$.assessment.perParameter.pH").value("I"))
                .andExpect(jsonPath("$.assessment.meetsTarget").value(true));
        // the same station and time with other values: the stored assessment, nothing changed
        push("water-readings", csEco, body.replace("\"TP\":\"0.08\"", "\"TP\":\"0.9\"")).andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(false))
                .andExpect(jsonPath("$.assessment.waterClass").value("II"));
        // the same instant written in UTC is the same reading
        push("water-readings", csEco, body.replace("2026-05-01T08:00:00+08:00", "2026-05-01T00:00:00Z")).andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM eco_water_reading WHERE station_code = :s").param("s", river)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void totalPhosphorusInALakeIsJudgedByTheLakeLimits() throws Exception {
        push("water-readings", csEco, """
                {"station":"%s","time":"2026-05-01T08:00:00+08:00","values":{"TP":0.2,"TN":1.2,"DO":8}}""".formatted(lake))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.waterClass").value("V"))
                .andExpect(jsonPath("$.assessment.perParameter.TN").value("IV"))
                .andExpect(jsonPath("$.assessment.deciding[0]").value("TP"))
                .andExpect(jsonPath("$.assessment.meetsTarget").value(false));
    }

    @Test
    void anAirDailyReportUsesTheEditionOfItsDate() throws Exception {
        String body = """
                {"station":"%s","date":"%s","report":"daily","values":{"SO2_24h":8,"NO2_24h":25,"CO_24h":0.6,"PM10_24h":40,"PM2.5_24h":20,"O3_8h_max":80,"O3_1h_max":100}}""";
        push("air-readings", csEco, body.formatted(air, "2026-02-28")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.edition").value("HJ 633-2012"))
                .andExpect(jsonPath("$.assessment.aqi").value(40))
                .andExpect(jsonPath("$.assessment.level").value("一级"))
                .andExpect(jsonPath("$.assessment.category").value("优"))
                .andExpect(jsonPath("$.assessment.iaqi.SO2").value(8))
                .andExpect(jsonPath("$.assessment.primaryPollutants").isEmpty());
        push("air-readings", csEco, body.formatted(air, "2026-05-01")).andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.edition").value("HJ 633—2026"))
                .andExpect(jsonPath("$.assessment.aqi").value(40))
                .andExpect(jsonPath("$.assessment.ignored[0]").value("O3_1h_max"));
        push("air-readings", csEco, body.formatted(air, "2026-05-01")).andExpect(status().isOk());
        // a real-time report of 2026 with PM 1-hour values
        push("air-readings", csEco, """
                {"station":"%s","time":"2026-05-01T09:00:00+08:00","report":"hourly","values":{"SO2_1h":10,"NO2_1h":30,"CO_1h":0.7,"O3_1h":90,"PM10_1h":150,"PM2.5_1h":75}}"""
                .formatted(air)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.aqi").value(114))
                .andExpect(jsonPath("$.assessment.primaryPollutants[0]").value("PM2.5"));
    }

    @Test
    void aBatchWithOneBadReadingSavesNothingAndNamesTheItem() throws Exception {
        push("water-readings", csEco, """
                [{"station":"%s","time":"2026-05-02T08:00:00+08:00","values":{"DO":"7.0"}},
                 {"station":"%s","time":"2026-05-02T09:00:00+08:00","values":{"DO":"abc","Sulfide":"0.1"}},
                 {"station":"NOPE","time":"yesterday","values":{"DO":"-1"}}]""".formatted(river, river))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "[1].values.DO", "[1].values.Sulfide", "[2].station", "[2].time", "[2].values.DO")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM eco_water_reading WHERE station_code = :s").param("s", river)
                .query(Integer.class).single()).isZero();
        push("water-readings", csEco, """
                [{"station":"%s","time":"2026-05-02T08:00:00+08:00","values":{"DO":"7.0"}},
                 {"station":"%s","time":"2026-05-02T09:00:00+08:00","values":{"DO":"4.0"}}]""".formatted(river, river))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.readings[1].assessment.waterClass").value("IV"));
        push("air-readings", csEco, "{\"station\":\"" + river + "\",\"date\":\"2026-05-01\",\"report\":\"daily\",\"values\":{\"SO2_24h\":8}}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("station"));
        push("air-readings", csEco, "{\"station\":\"" + air + "\",\"report\":\"weekly\",\"values\":{\"SO2_24h\":8}}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("report"));
        push("water-readings", csEco, "\"text\"").andExpect(status().isBadRequest());
        push("water-readings", csEco, "{\"station\": ").andExpect(status().isBadRequest());
    }

    @Test
    void onlyTheStationCitysEcologyBureauTheJointOfficeAndAdministratorsPush() throws Exception {
        String body = "{\"station\":\"" + river + "\",\"time\":\"2026-05-03T08:00:00+08:00\",\"values\":{\"DO\":\"7.0\"}}";
        push("water-readings", staff("株洲市生态环境局"), body).andExpect(status().isForbidden());
        push("water-readings", staff("长沙市行政审批服务局"), body).andExpect(status().isForbidden());
        push("water-readings", TestAccounts.create(accounts, Role.RESIDENT), body).andExpect(status().isForbidden());
        push("water-readings", TestAccounts.create(accounts, Role.JOINT_OFFICE), body).andExpect(status().isCreated());
        mvc.perform(get("/api/v1/ecology/stations")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.code == '" + lake + "')].waterBody").value(hasItem("LAKE")))
                .andExpect(jsonPath("$[?(@.code == '" + air + "')].kind").value(hasItem("AIR")));
    }
}
