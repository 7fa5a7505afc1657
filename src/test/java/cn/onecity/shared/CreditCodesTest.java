package cn.onecity.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GB 32100-2015: character set without I O Z S V, weighted check character modulo 31. */
class CreditCodesTest {

    @Test
    void acceptsARealCodeAndComputesItsCheckCharacter() {
        assertThat(CreditCodes.problem("914403001922038216")).isEmpty();
        assertThat(CreditCodes.checkCharacter("91440300192203821")).isEqualTo('6');
        assertThat(CreditCodes.isValid(CreditCodes.withCheck("91430100MA4L12345"))).isTrue();
    }

    @Test
    void rejectsAWrongCheckCharacterAndSaysWhichItShouldBe() {
        assertThat(CreditCodes.problem("914403001922038217")).get().asString().contains("校验位", "“6”");
    }

    @Test
    void rejectsForbiddenLettersNamingThePosition() {
        assertThat(CreditCodes.problem("91430100MA4L1234O6")).get().asString().contains("第 17 位", "I、O、Z、S、V");
    }

    @Test
    void rejectsWrongLength() {
        assertThat(CreditCodes.problem("9144030019220382")).get().asString().contains("18 位");
        assertThat(CreditCodes.problem("")).get().asString().contains("请填写");
        assertThat(CreditCodes.problem(null)).isPresent();
    }

    @Test
    void rejectsFullWidthCharacters() {
        assertThat(CreditCodes.problem("９14403001922038216")).get().asString().contains("全角");
        assertThat(CreditCodes.problem("91440300192203821６")).get().asString().contains("全角", "第 18 位");
    }

    @Test
    void rejectsLettersInTheDivisionCode() {
        String code = CreditCodes.withCheck("9143A100MA4L12345");
        assertThat(CreditCodes.problem(code)).get().asString().contains("第 3–8 位");
    }

    @Test
    void acceptsLowerCaseAndSurroundingSpacesAsTheSameCode() {
        String code = CreditCodes.withCheck("91430100MA4L12345");
        assertThat(CreditCodes.problem("  " + code.toLowerCase() + " ")).isEmpty();
        assertThat(CreditCodes.normalise(" " + code.toLowerCase())).isEqualTo(code);
    }
}
