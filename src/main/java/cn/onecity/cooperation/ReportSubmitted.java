package cn.onecity.cooperation;

/** A responsible department filed a progress report; it waits for the joint office. */
public record ReportSubmitted(long reportId, long itemId, String itemCode, String itemTitle, String departmentCode,
        String departmentName, int percent) {
}
