package cn.onecity.identity;

import cn.onecity.shared.BusinessException;

/** At least 8 characters, with at least one letter and one digit (ASCII). */
public final class PasswordPolicy {

    public static final String RULE = "密码至少 8 位，且须同时包含字母和数字";

    private PasswordPolicy() {
    }

    public static boolean acceptable(String password) {
        if (password == null || password.length() < 8 || password.length() > 64) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (char c : password.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            }
        }
        return letter && digit;
    }

    public static void check(String field, String password) {
        if (!acceptable(password)) {
            throw BusinessException.invalid(field, RULE);
        }
    }
}
