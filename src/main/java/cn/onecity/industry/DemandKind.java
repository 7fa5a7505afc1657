package cn.onecity.industry;

import java.util.Optional;

/** 需求类型. */
public enum DemandKind {
    PURCHASE("采购"), SUPPORT("配套"), CAPACITY("产能"), TECH_SERVICE("技术服务");

    private final String label;

    DemandKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<DemandKind> parse(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        for (DemandKind k : values()) {
            if (k.name().equalsIgnoreCase(s.strip()) || k.label.equals(s.strip())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
