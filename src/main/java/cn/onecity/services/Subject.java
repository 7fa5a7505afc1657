package cn.onecity.services;

import java.util.Arrays;
import java.util.Optional;

/** Who a service item is for: 个人 (residents) or 法人 (enterprises and other organisations). */
public enum Subject {
    PERSONAL("个人"), LEGAL("法人");

    private final String label;

    Subject(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Subject> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim();
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(t) || v.label.equals(t)).findFirst();
    }
}
