package cn.onecity.projects;

/** The kind of a major project; roads and rail are "已通车" when done, the others "已建成". */
public enum ProjectType {
    ROAD("融城干道"), RAIL("轨道交通"), INDUSTRY("产业"), LOGISTICS("物流枢纽"), ECOLOGY("生态"), PUBLIC_SERVICE("公共服务"),
    OTHER("其他");

    private final String label;

    ProjectType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean opensToTraffic() {
        return this == ROAD || this == RAIL;
    }

    /** The type by name or by its Chinese label; empty for blank or unknown input. */
    public static java.util.Optional<ProjectType> parse(String s) {
        if (s == null || s.isBlank()) {
            return java.util.Optional.empty();
        }
        for (ProjectType t : values()) {
            if (t.name().equalsIgnoreCase(s.strip()) || t.label.equals(s.strip())) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
