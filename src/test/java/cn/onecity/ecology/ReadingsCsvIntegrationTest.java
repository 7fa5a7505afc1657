package cn.onecity.ecology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;

/** CSV uploads: errors name the row and column, a bad row saves nothing, a good file is assessed and alerts. */
@ServicesIntegrationTest
class ReadingsCsvIntegrationTest {

    static final String PW = TestAccounts.PASSWORD;

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired Accounts accounts;

    String section;
    String xtEco;

    @BeforeEach
    void setUp() {
        section = "T-CSV-" + ThreadLocalRandom.current().nextInt(10_000_000, 100_000_000);
        jdbc.sql("""
                INSERT INTO eco_station (code, name, city_code, city_name, kind, water_body, water_name, target_class)
                VALUES (:c, :n, '430300', '湘潭', 'WATER', 'RIVER', '湘江', 'II')""").param("c", section).param("n", "CSV测试断面" + section).update();
        xtEco = TestAccounts.uniqueUsername(Role.CITY_STAFF);
        accounts.createAccount(new NewAccount(xtEco, "测试监测人员", PW, Role.CITY_STAFF,
                TestAccounts.organisationNamed(accounts, "湘潭市生态环境局").id(), null));
    }

    MockMultipartFile file(String csv) {
        return new MockMultipartFile("file", "readings.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    int readings() {
        return jdbc.sql("SELECT COUNT(*) FROM eco_water_reading WHERE station_code = :s").param("s", section).query(Integer.class).single();
    }

    @Test
    void aFileWithOneBadRowSavesNothingAndNamesTheRowAndColumn() throws Exception {
        String csv = "station,time,DO,NH3N,TP\n"
                + section + ",2026-05-01T08:00:00+08:00,7.0,0.4,0.08\n"
                + section + ",2026-05-01T09:00:00+08:00,7.0,-0.4,0.08\n"
                + section + ",2026-05-01T08:00:00+08:00,7.1,0.3,0.05\n";
        mvc.perform(multipart("/api/v1/ecology/readings.csv").file(file(csv)).param("kind", "water").with(httpBasic(xtEco, PW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("第 3 行 NH3N：监测值不能为负数"))
                .andExpect(jsonPath("$.errors[1].message").value(containsString("第 4 行 time：同一批数据中站点")));
        assertThat(readings()).isZero();
        mvc.perform(multipart("/api/v1/ecology/readings.csv").file(file("station,DO\nx,1\n")).with(httpBasic(xtEco, PW)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
        mvc.perform(multipart("/api/v1/ecology/readings.csv").file(new MockMultipartFile("file", "x.csv", "text/csv",
                        new byte[] {(byte) 0xC4, (byte) 0xE3, ','})).with(httpBasic(xtEco, PW)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("UTF-8")));
    }

    @Test
    void aGoodFileOnThePageIsAssessedAndASectionWorseThanItsTargetAlerts() throws Exception {
        String csv = "\uFEFFstation,time,DO,NH3N,TP\n"
                + section + ",2026-05-01T08:00:00+08:00,7.0,0.4,0.08\n"
                + section + ",2026-05-01T09:00:00+08:00,4.0,1.2,\n";
        mvc.perform(multipart("/ecology/readings/upload").file(file(csv)).param("kind", "water")
                        .session(TestAccounts.login(mvc, xtEco)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("新保存 <span>2</span> 条")))
                .andExpect(content().string(containsString("IV 类，已发出预警")));
        assertThat(readings()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM eco_alert WHERE station_code = :s AND status = 'OPEN'").param("s", section)
                .query(Integer.class).single()).isEqualTo(1);
    }
}
