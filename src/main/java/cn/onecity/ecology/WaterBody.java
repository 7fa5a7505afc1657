package cn.onecity.ecology;

/** The kind of water at a section: total phosphorus has other limits in lakes and reservoirs, and TN applies only there. */
public enum WaterBody {
    RIVER("河流"), LAKE("湖库");

    private final String label;

    WaterBody(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
