package cn.onecity.cooperation;

/** Warning light: 绿 on track, 黄 a due date within 5 working days, 红 overdue. */
public enum Light {
    GREEN("绿灯"),
    YELLOW("黄灯"),
    RED("红灯");

    private final String label;

    Light(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
