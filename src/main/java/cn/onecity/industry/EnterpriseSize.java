package cn.onecity.industry;

import java.util.Optional;

/** 企业规模 (大 / 中 / 小 / 微). */
public enum EnterpriseSize {
    LARGE("大型"), MEDIUM("中型"), SMALL("小型"), MICRO("微型");

    private final String label;

    EnterpriseSize(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** LARGE/MEDIUM/SMALL/MICRO (any case) or 大/中/小/微 (with or without 型). */
    public static Optional<EnterpriseSize> parse(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        String t = s.strip();
        for (EnterpriseSize size : values()) {
            if (size.name().equalsIgnoreCase(t) || size.label.equals(t) || size.label.substring(0, 1).equals(t)) {
                return Optional.of(size);
            }
        }
        return Optional.empty();
    }
}
