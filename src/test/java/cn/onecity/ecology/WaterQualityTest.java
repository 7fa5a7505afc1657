package cn.onecity.ecology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onecity.ecology.WaterQuality.Assessment;
import cn.onecity.ecology.WaterQuality.Parameter;

/** GB 3838-2002 single-factor classification with the national method's parameter set. */
class WaterQualityTest {

    static Map<Parameter, BigDecimal> sample(Object... kv) {
        Map<Parameter, BigDecimal> m = new EnumMap<>(Parameter.class);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((Parameter) kv[i], new BigDecimal(kv[i + 1].toString()));
        }
        return m;
    }

    @Test
    void theIssuesExampleIsClassTwoDecidedByTheParametersAtClassTwo() {
        Assessment a = WaterQuality.assess(sample(Parameter.DO, "7.0", Parameter.CODMn, "3.5", Parameter.NH3N, "0.4",
                Parameter.TP, "0.08", Parameter.pH, "7.6"), WaterBody.RIVER);
        assertThat(a.waterClass()).isEqualTo(WaterClass.II);
        assertThat(a.perParameter()).containsEntry(Parameter.DO, WaterClass.II).containsEntry(Parameter.CODMn, WaterClass.II)
                .containsEntry(Parameter.pH, WaterClass.I);
        assertThat(a.deciding()).contains(Parameter.CODMn, Parameter.DO).doesNotContain(Parameter.pH);
    }

    @Test
    void limitsAreInclusiveAndTheBestClassMetWins() {
        assertThat(WaterQuality.classify(Parameter.COD, new BigDecimal("15"), WaterBody.RIVER)).isEqualTo(WaterClass.I);
        assertThat(WaterQuality.classify(Parameter.NH3N, new BigDecimal("0.15"), WaterBody.RIVER)).isEqualTo(WaterClass.I);
        assertThat(WaterQuality.classify(Parameter.NH3N, new BigDecimal("0.151"), WaterBody.RIVER)).isEqualTo(WaterClass.II);
        assertThat(WaterQuality.classify(Parameter.NH3N, new BigDecimal("2.01"), WaterBody.RIVER)).isEqualTo(WaterClass.WORSE_THAN_V);
        assertThat(WaterQuality.classify(Parameter.Hg, new BigDecimal("0.0001"), WaterBody.RIVER)).isEqualTo(WaterClass.III);
    }

    @Test
    void dissolvedOxygenIsALowerBound() {
        assertThat(WaterQuality.classify(Parameter.DO, new BigDecimal("7.5"), WaterBody.RIVER)).isEqualTo(WaterClass.I);
        assertThat(WaterQuality.classify(Parameter.DO, new BigDecimal("5.0"), WaterBody.RIVER)).isEqualTo(WaterClass.III);
        assertThat(WaterQuality.classify(Parameter.DO, new BigDecimal("1.9"), WaterBody.RIVER)).isEqualTo(WaterClass.WORSE_THAN_V);
    }

    @Test
    void totalPhosphorusDependsOnTheWaterBody() {
        assertThat(WaterQuality.classify(Parameter.TP, new BigDecimal("0.2"), WaterBody.RIVER)).isEqualTo(WaterClass.III);
        assertThat(WaterQuality.classify(Parameter.TP, new BigDecimal("0.2"), WaterBody.LAKE)).isEqualTo(WaterClass.V);
    }

    @Test
    void phOutsideSixToNineIsWorseThanFive() {
        assertThat(WaterQuality.classify(Parameter.pH, new BigDecimal("9.0"), WaterBody.RIVER)).isEqualTo(WaterClass.I);
        assertThat(WaterQuality.classify(Parameter.pH, new BigDecimal("9.1"), WaterBody.RIVER)).isEqualTo(WaterClass.WORSE_THAN_V);
    }

    @Test
    void totalNitrogenAndFecalColiformAreReferenceOnlyAndNitrogenDoesNotApplyToRivers() {
        Assessment river = WaterQuality.assess(sample(Parameter.DO, "8", Parameter.TN, "5", Parameter.FecalColiform, "50000"),
                WaterBody.RIVER);
        assertThat(river.waterClass()).isEqualTo(WaterClass.I);
        assertThat(river.notApplicable()).containsExactly(Parameter.TN);
        assertThat(river.reference()).containsExactly(Parameter.FecalColiform);
        assertThat(river.perParameter()).containsEntry(Parameter.FecalColiform, WaterClass.WORSE_THAN_V);
        Assessment lake = WaterQuality.assess(sample(Parameter.DO, "8", Parameter.TN, "1.2"), WaterBody.LAKE);
        assertThat(lake.waterClass()).isEqualTo(WaterClass.I);
        assertThat(lake.perParameter()).containsEntry(Parameter.TN, WaterClass.IV);
        assertThat(lake.reference()).containsExactly(Parameter.TN);
    }

    @Test
    void theWorstAssessedParameterDecidesAndTiesAreAllListed() {
        Assessment a = WaterQuality.assess(sample(Parameter.CODMn, "12", Parameter.BOD5, "8", Parameter.NH3N, "0.3"),
                WaterBody.RIVER);
        assertThat(a.waterClass()).isEqualTo(WaterClass.V);
        assertThat(a.deciding()).containsExactly(Parameter.CODMn, Parameter.BOD5);
        assertThat(a.waterClass().quality()).isEqualTo("中度污染");
    }

    @Test
    void negativeValuesAndUnknownKeysAreRefused() {
        assertThatThrownBy(() -> WaterQuality.classify(Parameter.TP, new BigDecimal("-0.1"), WaterBody.RIVER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Parameter.of("Sulfide")).isInstanceOf(IllegalArgumentException.class);
        assertThat(WaterClass.parse("劣Ⅴ类")).isEqualTo(WaterClass.WORSE_THAN_V);
    }
}
