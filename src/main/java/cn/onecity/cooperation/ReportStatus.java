package cn.onecity.cooperation;

/** Review state of a progress report. */
public enum ReportStatus {
    SUBMITTED("待审核"),
    ACCEPTED("已通过"),
    RETURNED("已退回");

    private final String label;

    ReportStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
