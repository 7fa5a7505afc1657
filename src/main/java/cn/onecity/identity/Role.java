package cn.onecity.identity;

/** The seven kinds of user. */
public enum Role {
    RESIDENT("居民"),
    ENTERPRISE("企业"),
    INSTITUTION("高校院所"),
    HOSPITAL_STAFF("医院工作人员"),
    CITY_STAFF("市直部门工作人员"),
    JOINT_OFFICE("一体化办"),
    ADMIN("系统管理员");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The Spring Security authority, e.g. {@code ROLE_CITY_STAFF}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
