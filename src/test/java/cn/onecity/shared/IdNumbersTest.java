package cn.onecity.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IdNumbersTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void acceptsTheStandardsWorkedExampleAndALowerCaseX() {
        assertThat(IdNumbers.problem("430304199211200073", TODAY)).isEmpty();
        assertThat(IdNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(IdNumbers.problem("11010519491231002x", TODAY)).isEmpty();
        assertThat(IdNumbers.gender("430304199211200073")).isEqualTo("男");
    }

    @Test
    void rejectsABadCheckDigitWithAChineseMessage() {
        assertThat(IdNumbers.problem("430304199211200074", TODAY)).contains("身份证号码校验位不正确，请核对");
    }

    @Test
    void rejectsImpossibleBirthDatesWrongLengthsAndFullWidthDigits() {
        assertThat(IdNumbers.problem("430304199202300070", TODAY)).contains("身份证号码中的出生日期不存在");
        assertThat(IdNumbers.problem("43030419921120007", TODAY)).contains("身份证号码应为 18 位");
        assertThat(IdNumbers.problem("４30304199211200073", TODAY)).contains("身份证号码前 17 位应为数字");
        assertThat(IdNumbers.problem("430304202712010010", TODAY)).contains("身份证号码中的出生日期不合理");
        assertThat(IdNumbers.problem(" ", TODAY)).contains("请填写身份证号码");
    }
}
