package cn.onecity.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/** At least 8 characters with a letter and a digit; the refusal names the field and states the rule in Chinese. */
class PasswordPolicyTest {

    @ParameterizedTest(name = "refuses \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"abc123", "a1b2c3d", "abcdefgh", "ABCDEFGHIJ", "12345678", "2026202620", "密码密码密码12",
            "１２３４５６７８ab"})
    void refusesShortLettersOnlyAndDigitsOnlyPasswords(String password) {
        assertThat(PasswordPolicy.acceptable(password)).isFalse();
        assertThatThrownBy(() -> PasswordPolicy.check("password", password))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("密码至少 8 位，且须同时包含字母和数字");
                    assertThat(e.errors()).containsExactly(new FieldMessage("password", PasswordPolicy.RULE));
                });
    }

    @ParameterizedTest(name = "accepts \"{0}\"")
    @ValueSource(strings = {"abcd1234", "1234567a", "Onecity2026", "Pass word 1!", "长株潭一体化ab12"})
    void acceptsPasswordsWithALetterAndADigit(String password) {
        assertThat(PasswordPolicy.acceptable(password)).isTrue();
        assertThatCode(() -> PasswordPolicy.check("password", password)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 100})
    void refusesPasswordsLongerThan64Characters(int length) {
        assertThat(PasswordPolicy.acceptable("a1".repeat(length).substring(0, length))).isFalse();
    }
}
