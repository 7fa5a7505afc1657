package cn.onecity.cooperation;

/** The joint office returned a progress report to its department, with a reason. */
public record ReportReturned(long reportId, long itemId, String itemCode, String itemTitle, String departmentCode,
        String reason) {
}
