package cn.onecity.industry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The score explanation on the demand page is built from the weights the matching uses, and they add up to 100. */
class MatchingScoringRuleTest {

    @Test
    void theExplainedRuleNamesTheWeightsInUseAndAFullScoreOf100() {
        assertThat(Matching.scoringRule()).contains("上游供给 " + (int) Matching.UPSTREAM).contains("同集群加分 " + (int) Matching.SAME_CLUSTER)
                .contains("满分 100");
    }
}
