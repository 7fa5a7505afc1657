package cn.onecity.identity;

public enum OrganisationKind {
    PLATFORM("平台运维"),
    JOINT_OFFICE("一体化办"),
    CITY_DEPARTMENT("市直部门"),
    HOSPITAL("医院"),
    ENTERPRISE("企业"),
    INSTITUTION("高校院所"),
    PUBLIC("社会公众");

    private final String label;

    OrganisationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
