package cn.onecity.industry;

/** The levels of the "世界级—国家级—省级" cluster system, highest first. */
public enum ClusterLevel {
    WORLD_POOL("世界级先进制造业集群培育池"),
    NATIONAL("国家先进制造业集群"),
    NATIONAL_SME("国家中小企业特色产业集群"),
    PROVINCIAL("省级先进制造业集群"),
    PROVINCIAL_SME("省级中小企业特色产业集群");

    private final String label;

    ClusterLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
