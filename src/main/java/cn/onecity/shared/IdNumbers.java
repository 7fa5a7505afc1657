package cn.onecity.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 18-character resident identity number of GB 11643-1999: a six-digit address code, the birth date
 * (YYYYMMDD), a three-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumbers() {
    }

    /** Upper-cases a trailing x and strips surrounding spaces. */
    public static String normalise(String id) {
        return id == null ? null : id.trim().toUpperCase();
    }

    /** What is wrong with an ID number, in Chinese, or empty when it is valid (as of {@code today}). */
    public static Optional<String> problem(String raw, LocalDate today) {
        String id = normalise(raw);
        if (id == null || id.isEmpty()) {
            return Optional.of("请填写身份证号码");
        }
        if (id.length() != 18) {
            return Optional.of("身份证号码应为 18 位");
        }
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.of("身份证号码前 17 位应为数字");
            }
        }
        char last = id.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return Optional.of("身份证号码最后一位应为数字或 X");
        }
        LocalDate birth = birthDate(id);
        if (birth == null) {
            return Optional.of("身份证号码中的出生日期不存在");
        }
        if (birth.isAfter(today) || birth.isBefore(LocalDate.of(1900, 1, 1))) {
            return Optional.of("身份证号码中的出生日期不合理");
        }
        if (checkCharacter(id.substring(0, 17)) != last) {
            return Optional.of("身份证号码校验位不正确，请核对");
        }
        return Optional.empty();
    }

    public static boolean isValid(String id, LocalDate today) {
        return problem(id, today).isEmpty();
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String body17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** The birth date in the number, or null when it is not a real date. */
    public static LocalDate birthDate(String id) {
        try {
            return LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** 男 for an odd sequence digit, 女 for an even one. */
    public static String gender(String id) {
        return (id.charAt(16) - '0') % 2 == 1 ? "男" : "女";
    }
}
