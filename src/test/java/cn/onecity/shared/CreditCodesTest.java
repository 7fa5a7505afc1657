package cn.onecity.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditCodesTest {

    @Test
    void acceptsPublishedCodesWithTheirCheckCharacter() {
        // the example in GB 32100 and a code printed on a business licence
        assertThat(CreditCodes.problem("91350100M000100Y43")).isEmpty();
        assertThat(CreditCodes.isValid("91110000600037341L")).isTrue();
        assertThat(CreditCodes.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(CreditCodes.problem(" ")).contains("请填写统一社会信用代码");
        assertThat(CreditCodes.problem("91350100M000100Y4")).contains("统一社会信用代码应为 18 位");
        assertThat(CreditCodes.problem("91350100M000100I43").orElseThrow()).contains("无效字符“I”");
        assertThat(CreditCodes.problem("91350100M000100Y44")).contains("统一社会信用代码校验位不正确，请核对");
    }

    @Test
    void lowerCaseInputIsNormalised() {
        assertThat(CreditCodes.isValid("91110000600037341l")).isTrue();
    }
}
