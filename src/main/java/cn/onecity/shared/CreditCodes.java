package cn.onecity.shared;

import java.util.Optional;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from {@code 0-9 A-Z} without I, O, Z, S and V; the last is a check
 * character, 31 minus the weighted sum (mod 31) of the first 17, with weights 3^i mod 31.
 */
public final class CreditCodes {

    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCodes() {
    }

    /** Upper-cases and strips surrounding spaces. */
    public static String normalise(String code) {
        return code == null ? null : code.trim().toUpperCase();
    }

    /** What is wrong with a code, in Chinese, or empty when it is valid. */
    public static Optional<String> problem(String raw) {
        String code = normalise(raw);
        if (code == null || code.isEmpty()) {
            return Optional.of("请填写统一社会信用代码");
        }
        if (code.length() != 18) {
            return Optional.of("统一社会信用代码应为 18 位");
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return Optional.of("统一社会信用代码含有无效字符“" + code.charAt(i) + "”（不使用 I、O、Z、S、V）");
            }
        }
        if (checkCharacter(code.substring(0, 17)) != code.charAt(17)) {
            return Optional.of("统一社会信用代码校验位不正确，请核对");
        }
        return Optional.empty();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** The check character for the first 17 characters (which must be from the character set). */
    public static char checkCharacter(String body17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(body17.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return CHARSET.charAt(c == 31 ? 0 : c);
    }
}
