package cn.onecity.shared;

import java.util.Optional;

/**
 * The 18-character unified social credit code of GB 32100-2015: registration authority (1), organisation kind
 * (1), administrative division code (6 digits), organisation code (9) and a check character. The character set
 * is 0–9 and A–Z without I, O, Z, S and V (31 characters); the check character is
 * {@code 31 - (Σ value(c_i) × 3^(i-1) mod 31) mod 31}, taking the weights modulo 31.
 */
public final class CreditCodes {

    /** The 31 characters, in the order of their values 0–30. */
    /** The 31 characters a code may use. */
    public static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCodes() {
    }

    /** Strips surrounding spaces and upper-cases ASCII letters; full-width characters are left for {@link #problem}. */
    public static String normalise(String code) {
        if (code == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (char c : code.strip().toCharArray()) {
            sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return sb.toString();
    }

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** What is wrong with a credit code, in Chinese, or empty when it is valid. */
    public static Optional<String> problem(String raw) {
        String code = normalise(raw);
        if (code == null || code.isEmpty()) {
            return Optional.of("请填写统一社会信用代码");
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E' || c == '\u3000') {
                return Optional.of("统一社会信用代码含全角字符“" + c + "”（第 " + (i + 1) + " 位），请使用半角数字和大写字母");
            }
        }
        if (code.length() != 18) {
            return Optional.of("统一社会信用代码应为 18 位，当前为 " + code.length() + " 位");
        }
        for (int i = 0; i < 18; i++) {
            char c = code.charAt(i);
            if ("IOZSV".indexOf(c) >= 0) {
                return Optional.of("统一社会信用代码第 " + (i + 1) + " 位为“" + c + "”：不得使用字母 I、O、Z、S、V");
            }
            if (CHARSET.indexOf(c) < 0) {
                return Optional.of("统一社会信用代码第 " + (i + 1) + " 位“" + c + "”不是有效字符（只能是数字和除 I、O、Z、S、V 外的大写字母）");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of("统一社会信用代码第 3–8 位应为登记管理机关行政区划码（6 位数字）");
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return Optional.of("统一社会信用代码校验位错误：第 18 位应为“" + expected + "”，当前为“" + code.charAt(17) + "”");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters (which must be from the character set). */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("17 characters expected");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = CHARSET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not a credit-code character: " + first17.charAt(i));
            }
            sum += v * WEIGHTS[i];
        }
        return CHARSET.charAt((31 - sum % 31) % 31);
    }

    /** The first 17 characters followed by their check character. */
    public static String withCheck(String first17) {
        return first17 + checkCharacter(first17);
    }
}
