package cn.onecity.services;

import java.util.Arrays;
import java.util.Optional;

/** How an application is handled; each mode has its own BPMN process in {@code src/main/resources/processes}. */
public enum Mode {
    ONLINE("全程网办", "svcOnline"),
    PROXY("异地代收代办", "svcProxy"),
    JOINT("多地联办", "svcJoint");

    private final String label;
    private final String processKey;

    Mode(String label, String processKey) {
        this.label = label;
        this.processKey = processKey;
    }

    public String label() {
        return label;
    }

    public String processKey() {
        return processKey;
    }

    public static Optional<Mode> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String t = s.trim();
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(t) || m.label.equals(t)).findFirst();
    }
}
