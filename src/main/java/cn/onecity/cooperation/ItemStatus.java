package cn.onecity.cooperation;

/** Derived status of a cooperation item. */
public enum ItemStatus {
    NOT_STARTED("未启动"),
    ONGOING("推进中"),
    COMPLETED("已完成"),
    DELAYED("滞后");

    private final String label;

    ItemStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
