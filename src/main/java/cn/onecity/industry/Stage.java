package cn.onecity.industry;

/** Where a chain segment sits: 上游 / 中游 / 下游. Upstream segments supply the ones after them. */
public enum Stage {
    UP("上游"), MID("中游"), DOWN("下游");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
