package cn.onecity.innovation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The score explanation on the demand page is built from the weights the matching uses, and they add up to 100. */
class DemandsScoringRuleTest {

    @Test
    void theExplainedRuleNamesTheWeightsInUseAndAFullScoreOf100() {
        assertThat(Demands.scoringRule()).contains("最高 " + (int) Demands.TEXT_MAX).contains("同一技术领域 " + (int) Demands.SAME_FIELD)
                .contains("满分 100").contains("显示得分最高的 " + Demands.SHOWN + " 项");
    }
}
