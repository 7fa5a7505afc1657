package cn.onecity.ecology;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;

/**
 * §4 reports from readings: a section's month is classed from the month's means (so two class II–III samples can make
 * a class III month), the share meeting target and the class distribution; a city's good-day share and mean PM2.5.
 * Each test takes a year of its own (2000–2019) so no other test's readings enter its figures.
 */
@ServicesIntegrationTest
class EcologyReportsIntegrationTest {

    static final String PW = TestAccounts.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Accounts accounts;

    String n;
    String office;
    int year;

    @BeforeEach
    void setUp() {
        n = String.valueOf(ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000));
        office = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        year = 2000 + ThreadLocalRandom.current().nextInt(20);
    }

    String station(String code, String city, String kind, String body, String target) {
        jdbc.sql("""
                INSERT INTO eco_station (code, name, city_code, city_name, kind, water_body, water_name, target_class)
                VALUES (:c, :n, :city, '株洲', :k, :b, '湘江', :t)""")
                .param("c", code).param("n", "报告测试" + code).param("city", city).param("k", kind).param("b", body)
                .param("t", target).update();
        return code;
    }

    void push(String path, String body) throws Exception {
        mvc.perform(post("/api/v1/ecology/" + path).with(httpBasic(office, PW)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
    }

    @Test
    void aMonthIsClassedFromItsMeansAndTheShareMeetingTargetIsCountedPerSection() throws Exception {
        String river = station("T-RW-" + n, "430200", "WATER", "RIVER", "II");
        String lake = station("T-RL-" + n, "430200", "WATER", "LAKE", "II");
        String m = year + "-03-";
        // the river: NH3N 0.4 (II) and 0.8 (III) → mean 0.6, class III, below its target II
        push("water-readings", "[{\"station\":\"" + river + "\",\"time\":\"" + m + "01T08:00:00+08:00\",\"values\":{\"DO\":\"7.6\",\"NH3N\":\"0.4\"}},"
                + "{\"station\":\"" + river + "\",\"time\":\"" + m + "16T08:00:00+08:00\",\"values\":{\"DO\":\"7.6\",\"NH3N\":\"0.8\"}}]");
        // the lake: TP 0.02 and 0.03 → mean 0.025, exactly the lake limit of class II
        push("water-readings", "[{\"station\":\"" + lake + "\",\"time\":\"" + m + "01T08:00:00+08:00\",\"values\":{\"DO\":\"7.6\",\"TP\":\"0.02\"}},"
                + "{\"station\":\"" + lake + "\",\"time\":\"" + m + "16T08:00:00+08:00\",\"values\":{\"DO\":\"7.6\",\"TP\":\"0.03\"}}]");
        String march = "$.months[?(@.month == '" + year + "-03')]";
        mvc.perform(get("/api/v1/ecology/reports/water").param("year", String.valueOf(year)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.months.length()").value(12))
                .andExpect(jsonPath(march + ".sections").value(2))
                .andExpect(jsonPath(march + ".meeting").value(1))
                .andExpect(jsonPath(march + ".share").value(50.0))
                .andExpect(jsonPath(march + ".classes.II").value(1))
                .andExpect(jsonPath(march + ".classes.III").value(1))
                .andExpect(jsonPath(march + ".detail[?(@.code == '" + river + "')].waterClass").value("III"))
                .andExpect(jsonPath(march + ".detail[?(@.code == '" + lake + "')].meetsTarget").value(true))
                .andExpect(jsonPath("$.months[?(@.month == '" + year + "-04')].sections").value(0))
                .andExpect(jsonPath("$.latest.month").value(year + "-03"));
    }

    @Test
    void aCityGoodDayShareAndMeanPm25ComeFromItsDailyCityAqi() throws Exception {
        String air = station("T-RA-" + n, "430200", "AIR", null, null);
        // PM2.5 20, 60, 130 µg/m³ → AQI 29, 82, 172 (HJ 633-2012): two good days of three; mean PM2.5 70.0
        int[] pm25 = {20, 60, 130};
        for (int i = 0; i < pm25.length; i++) {
            push("air-readings", "{\"station\":\"" + air + "\",\"date\":\"" + year + "-06-0" + (i + 1)
                    + "\",\"report\":\"daily\",\"values\":{\"PM2.5_24h\":" + pm25[i] + ",\"PM10_24h\":" + (pm25[i] + 20) + "}}");
        }
        String zz = "$.cities[?(@.cityCode == '430200')]";
        mvc.perform(get("/api/v1/ecology/reports/air").param("year", String.valueOf(year)))
                .andExpect(status().isOk())
                .andExpect(jsonPath(zz + ".days").value(3))
                .andExpect(jsonPath(zz + ".goodDays").value(2))
                .andExpect(jsonPath(zz + ".goodShare").value(66.7))
                .andExpect(jsonPath(zz + ".meanPm25").value(70.0))
                .andExpect(jsonPath(zz + ".monthlyPm25['" + year + "-06']").value(70.0))
                .andExpect(jsonPath("$.cities[?(@.cityCode == '360300')].partner").value(true));
    }

    @Test
    void reportsArePublicAndABadYearIsRefusedClearly() throws Exception {
        mvc.perform(get("/api/v1/ecology/reports/water").param("year", "1999"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("year"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("年份应在 2000 至")));
        mvc.perform(get("/ecology/reports").param("year", "abc")).andExpect(status().isOk())
                .andExpect(content().string(containsString("年份无效")))
                .andExpect(content().string(containsString("生态环境质量报告")));
        mvc.perform(get("/api/v1/dashboard/ecology")).andExpect(status().isOk())
                .andExpect(jsonPath("$.air.length()").value(4));
    }
}
