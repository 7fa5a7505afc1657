package cn.onecity.industry;

import java.util.Optional;

/** The 对接 state of a candidate: recommended by the platform, then marked by either side. */
public enum MatchStatus {
    PROPOSED("推荐"), NEGOTIATING("洽谈中"), COOPERATED("已合作"), FAILED("未成");

    private final String label;

    MatchStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The states a side may mark (not PROPOSED); English or Chinese names. */
    public static Optional<MatchStatus> parseMark(String s) {
        if (s == null || s.isBlank()) {
            return Optional.empty();
        }
        for (MatchStatus m : values()) {
            if (m != PROPOSED && (m.name().equalsIgnoreCase(s.strip()) || m.label.equals(s.strip()))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
