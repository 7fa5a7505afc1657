package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.identity.TestAccounts;
import cn.onecity.services.ServicesIntegrationTest;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.ForbiddenException;

/** The hospital registry and the figures counted from cards and uses (the statistics and the 驾驶舱 block). */
@ServicesIntegrationTest
class HospitalsAndStatisticsIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired Hospitals hospitals;
    @Autowired HealthCards cards;
    @Autowired Verifications verifications;
    @Autowired HealthCardStatistics statistics;

    HcTestData data;

    @BeforeEach
    void setUp() {
        data = new HcTestData(accounts, hospitals);
    }

    @Test
    void registrationChecksEveryFieldAndConnectingCountsTowardsCoverage() {
        Hospitals.Coverage before = hospitals.coverage();
        assertThatThrownBy(() -> hospitals.register(data.admin(), new NewHospital("", "一级", "440100", "123", null)))
                .isInstanceOfSatisfying(BusinessException.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field()).containsExactly("name", "grade", "districtCode", "creditCode"));
        String name = HcTestData.uniqueName("登记医院");
        Hospital h = hospitals.register(data.admin(), new NewHospital(name, "三级甲等", "430202", HcTestData.creditCode(), null));
        assertThat(h.cityCode()).isEqualTo("430200");
        assertThat(h.districtName()).isEqualTo("荷塘区");
        assertThatThrownBy(() -> hospitals.register(data.admin(), new NewHospital(name, "三级甲等", "430202", null, null)))
                .isInstanceOf(ConflictException.class);
        assertThat(hospitals.coverage().registered()).isEqualTo(before.registered() + 1);
        assertThat(hospitals.coverage().connected()).isEqualTo(before.connected());
        Hospital connected = hospitals.connect(data.admin(), h.id());
        assertThat(connected.connected()).isTrue();
        assertThat(accounts.organisation(connected.organisationId()).name()).isEqualTo(name);
        assertThat(hospitals.connect(data.admin(), h.id()).organisationId()).isEqualTo(connected.organisationId());
        assertThat(hospitals.coverage().connected()).isEqualTo(before.connected() + 1);
        assertThat(hospitals.coverage().byCity().get("430200")[1]).isEqualTo(before.byCity().get("430200")[1] + 1);

        CurrentUser resident = data.user(data.resident());
        assertThatThrownBy(() -> hospitals.register(resident, new NewHospital(name + "2", "三级", "430202", null, null)))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void theApiRegistersForTheJointOfficeAndListsForEveryone() throws Exception {
        String office = TestAccounts.create(accounts, Role.JOINT_OFFICE);
        String name = HcTestData.uniqueName("接口登记医院");
        mvc.perform(post("/api/v1/healthcard/hospitals").with(httpBasic(office, HcTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"grade\":\"三级甲等\",\"districtCode\":\"430304\",\"creditCode\":\"91430300MA4L0XXXXX\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("creditCode"));
        mvc.perform(post("/api/v1/healthcard/hospitals").with(httpBasic(office, HcTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"grade\":\"三级甲等\",\"districtCode\":\"430304\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.cityName").value("湘潭"));
        mvc.perform(post("/api/v1/healthcard/hospitals").with(httpBasic(data.resident(), HcTestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/healthcard/hospitals")).andExpect(status().isOk())
                .andExpect(jsonPath("$.hospitals[*].name").value(Matchers.hasItem(name)))
                .andExpect(jsonPath("$.registered").isNumber());
    }

    @Test
    void aCrossCityUseCountsInTheMatrixTheCitiesAndTheDashboard() throws Exception {
        HealthCardStatistics.Figures before = statistics.figures();
        CurrentUser resident = data.user(data.resident());
        cards.apply(resident, new NewCard("郑十", HcTestData.idNumber(), "13500000000", "430200")); // 株洲 resident
        Hospital xiangtan = data.hospital("430304");
        CurrentUser staff = data.user(data.staff(xiangtan));
        assertThat(verifications.verify(staff, cards.code(resident).payload(), "检查", null).valid()).isTrue();

        HealthCardStatistics.Figures after = statistics.figures();
        assertThat(after.cities()).containsExactly("长沙", "株洲", "湘潭");
        assertThat(after.cards()).isEqualTo(before.cards() + 1);
        assertThat(after.cardsByHomeCity().get(1).count()).isEqualTo(before.cardsByHomeCity().get(1).count() + 1);
        assertThat(after.usesByHospitalCity().get(2).count()).isEqualTo(before.usesByHospitalCity().get(2).count() + 1);
        assertThat(after.matrix()[1][2]).isEqualTo(before.matrix()[1][2] + 1); // 株洲 → 湘潭
        assertThat(after.crossCityUses()).isEqualTo(before.crossCityUses() + 1);
        assertThat(after.offlineUses()).isEqualTo(before.offlineUses()); // verified online
        assertThat(after.usesByPurpose().get("检查")).isEqualTo(before.usesByPurpose().get("检查") + 1);

        mvc.perform(get("/api/v1/dashboard/healthcard")).andExpect(status().isOk())
                .andExpect(jsonPath("$.matrix.length()").value(3))
                .andExpect(jsonPath("$.cities[1]").value("株洲"));
        mvc.perform(get("/api/v1/healthcard/statistics")).andExpect(status().isOk())
                .andExpect(jsonPath("$.cardsByHomeCity[1].city").value("株洲"));
        mvc.perform(get("/dashboard")).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.containsString("id=\"dash-healthcard\"")));
    }
}
