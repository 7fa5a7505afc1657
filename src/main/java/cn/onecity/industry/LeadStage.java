package cn.onecity.industry;

import java.util.Optional;

/** The stages of an investment-promotion lead, in order: 洽谈 → 签约 → 注册 → 到资. */
public enum LeadStage {
    TALKS("洽谈"), SIGNED("签约"), REGISTERED("注册"), FUNDED("到资");

    private final String label;

    LeadStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<LeadStage> parse(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        for (LeadStage st : values()) {
            if (st.name().equalsIgnoreCase(s.strip()) || st.label.equals(s.strip())) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }
}
