package cn.onecity.projects;

/** What a milestone means for the project's status: 开工 starts it, 通车/建成 finish it. */
public enum MilestoneKind {
    START("开工"), OPEN("通车"), COMPLETE("建成"), OTHER("其他节点");

    private final String label;

    MilestoneKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean finishes() {
        return this == OPEN || this == COMPLETE;
    }
}
