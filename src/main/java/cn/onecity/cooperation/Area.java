package cn.onecity.cooperation;

/** The five areas of cooperation, in the order the joint meetings report them. */
public enum Area {
    INDUSTRY("产业协同"),
    INNOVATION("科创协作"),
    TRANSPORT("交通互联"),
    ECOLOGY("生态共治"),
    SERVICES("服务共享");

    private final String label;

    Area(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Area fromLabel(String label) {
        for (Area a : values()) {
            if (a.label.equals(label) || a.name().equalsIgnoreCase(label)) {
                return a;
            }
        }
        return null;
    }
}
