package cn.onecity.ecology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onecity.ecology.AirQualityIndex.Assessment;
import cn.onecity.ecology.AirQualityIndex.Report;

/** The worked examples of the reference notes on HJ 633-2012 and HJ 633—2026, and the rules around them. */
class AirQualityIndexTest {

    static Map<String, BigDecimal> values(Object... keyValues) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], new BigDecimal(keyValues[i + 1].toString()));
        }
        return m;
    }

    static Map<String, BigDecimal> daily(Object... overrides) {
        Map<String, BigDecimal> m = values("SO2_24h", 8, "NO2_24h", 25, "CO_24h", "0.6", "PM10_24h", 40, "PM2.5_24h", 20,
                "O3_8h_max", 80, "O3_1h_max", 100);
        m.putAll(values(overrides));
        return m;
    }

    static Assessment daily2012(Map<String, BigDecimal> v) {
        return AirQualityIndex.assess(AqiEdition.HJ_633_2012, Report.DAILY, v);
    }

    static Assessment daily2026(Map<String, BigDecimal> v) {
        return AirQualityIndex.assess(AqiEdition.HJ_633_2026, Report.DAILY, v);
    }

    @Test
    void theIssuesDailyExampleIsAqi40ExcellentWithNoPrimaryPollutant() {
        Assessment a = daily2012(daily());
        assertThat(a.aqi()).isEqualTo(40);
        assertThat(a.level().level()).isEqualTo("一级");
        assertThat(a.level().category()).isEqualTo("优");
        assertThat(a.iaqi()).containsEntry("SO2", 8).containsEntry("NO2", 32).containsEntry("CO", 15)
                .containsEntry("PM10", 40).containsEntry("PM2.5", 29).containsEntry("O3", 40);
        assertThat(a.primaryPollutants()).isEmpty();
    }

    @Test
    void ceilingRoundingAtAndAfterTheBreakpointOfFifty() {
        Assessment at = daily2012(daily("PM2.5_24h", 35, "PM10_24h", 10, "O3_8h_max", 10));
        assertThat(at.aqi()).isEqualTo(50);
        assertThat(at.primaryPollutants()).as("AQI 50 has no primary pollutant").isEmpty();
        Assessment above = daily2012(daily("PM2.5_24h", 36, "PM10_24h", 10, "O3_8h_max", 10));
        assertThat(above.aqi()).isEqualTo(52); // 51.25 rounds up
        assertThat(above.level().category()).isEqualTo("良");
        assertThat(above.primaryPollutants()).containsExactly("PM2.5");
    }

    @Test
    void theTightenedParticulateBreakpointsOf2026() {
        assertThat(daily2012(daily("PM2.5_24h", 75)).aqi()).isEqualTo(100);
        Assessment pm25 = daily2026(daily("PM2.5_24h", 75));
        assertThat(pm25.aqi()).isEqualTo(114);
        assertThat(pm25.level().category()).isEqualTo("轻度污染");
        assertThat(daily2012(daily("PM10_24h", 150)).aqi()).isEqualTo(100);
        assertThat(daily2026(daily("PM10_24h", 150)).aqi()).isEqualTo(112);
    }

    @Test
    void theDailyOzoneOneHourIndicatorCountsIn2012Only() {
        Map<String, BigDecimal> v = daily("O3_1h_max", 350, "O3_8h_max", 150);
        Assessment a2012 = daily2012(v);
        assertThat(a2012.aqi()).isEqualTo(175);
        assertThat(a2012.level().category()).isEqualTo("中度污染");
        assertThat(a2012.primaryPollutants()).containsExactly("O3");
        assertThat(a2012.nonAttainment()).containsExactly("O3");
        Assessment a2026 = daily2026(v);
        assertThat(a2026.aqi()).isEqualTo(92);
        assertThat(a2026.level().category()).isEqualTo("良");
        assertThat(a2026.nonAttainment()).isEmpty();
    }

    @Test
    void ozoneEightHourAbove800FollowsEachEditionsRule() {
        Map<String, BigDecimal> v = daily("O3_8h_max", 850, "O3_1h_max", 1100);
        assertThat(daily2012(v).aqi()).isEqualTo(450);
        assertThat(daily2012(v).level().category()).isEqualTo("严重污染");
        assertThat(daily2026(v).aqi()).isEqualTo(300);
        assertThat(daily2026(v).level().category()).isEqualTo("重度污染");
    }

    @Test
    void sulphurDioxideOneHourAbove800InRealTimeReports() {
        Map<String, BigDecimal> hourly = values("SO2_1h", 900, "SO2_24h", 300, "NO2_1h", 20, "CO_1h", "0.5", "O3_1h", 50,
                "O3_8h", 40, "PM10_24h", 30, "PM2.5_24h", 20);
        Assessment a2012 = AirQualityIndex.assess(AqiEdition.HJ_633_2012, Report.HOURLY, hourly);
        assertThat(a2012.iaqi()).containsEntry("SO2", 124);
        Map<String, BigDecimal> hourly2026 = values("SO2_1h", 900, "NO2_1h", 20, "CO_1h", "0.5", "O3_1h", 50,
                "PM10_1h", 30, "PM2.5_1h", 20);
        Assessment a2026 = AirQualityIndex.assess(AqiEdition.HJ_633_2026, Report.HOURLY, hourly2026);
        assertThat(a2026.iaqi()).containsEntry("SO2", 200);
        assertThat(a2026.aqi()).isEqualTo(200);
    }

    @Test
    void exactDecimalsAvoidTheFloatingPointTrap() {
        // (100−50)/(4−2)×(2.2−2)+50 is 55.00000000000001 in double, which a naive ceiling makes 56
        assertThat(daily2012(values("CO_24h", "2.2")).iaqi()).containsEntry("CO", 55);
        assertThat(daily2026(values("CO_24h", "2.2", "SO2_24h", 1, "NO2_24h", 1, "PM10_24h", 1, "PM2.5_24h", 1,
                "O3_8h_max", 1)).aqi()).isEqualTo(55);
    }

    @Test
    void valuesAboveTheTableAreCappedAt500() {
        assertThat(daily2012(daily("PM2.5_24h", 720)).aqi()).isEqualTo(500);
        assertThat(daily2012(daily("PM2.5_24h", 720)).level().level()).isEqualTo("六级");
    }

    @Test
    void edition2026RoundsConcentrationsFirstHalfToEven() {
        // PM2.5 35.5 rounds to 36 (half to even) → 52; 34.5 rounds to 34 → 49
        assertThat(daily2026(daily("PM2.5_24h", "35.5", "PM10_24h", 10, "O3_8h_max", 10)).iaqi()).containsEntry("PM2.5", 52);
        assertThat(daily2026(daily("PM2.5_24h", "34.5", "PM10_24h", 10, "O3_8h_max", 10)).iaqi()).containsEntry("PM2.5", 49);
        assertThat(daily2012(daily("PM2.5_24h", "35.5")).iaqi()).containsEntry("PM2.5", 51);
    }

    @Test
    void edition2026WithholdsALowAqiWhenAnIndicatorIsMissing() {
        Map<String, BigDecimal> v = daily();
        v.remove("CO_24h");
        Assessment low = daily2026(v);
        assertThat(low.aqi()).isNull();
        assertThat(low.missing()).containsExactly("CO_24h");
        assertThat(low.iaqi()).containsEntry("PM10", 40);
        v.put("PM2.5_24h", new BigDecimal("150"));
        assertThat(daily2026(v).aqi()).isEqualTo(200);
        assertThat(daily2012(v).aqi()).isEqualTo(200);
    }

    @Test
    void primaryPollutantsTie() {
        Assessment a = daily2012(daily("PM10_24h", 150, "PM2.5_24h", 75));
        assertThat(a.aqi()).isEqualTo(100);
        assertThat(a.primaryPollutants()).containsExactly("PM10", "PM2.5");
    }

    @Test
    void theEditionIsChosenByTheReadingsDate() {
        assertThat(AqiEdition.forDate(LocalDate.of(2026, 2, 28))).isEqualTo(AqiEdition.HJ_633_2012);
        assertThat(AqiEdition.forDate(LocalDate.of(2026, 3, 1))).isEqualTo(AqiEdition.HJ_633_2026);
        assertThat(AqiEdition.HJ_633_2012.label()).isEqualTo("HJ 633-2012");
    }
}
