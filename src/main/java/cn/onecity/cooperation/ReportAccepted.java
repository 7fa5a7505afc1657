package cn.onecity.cooperation;

import java.time.LocalDate;

/** The joint office accepted a progress report (on {@code acceptedOn}, Beijing date). */
public record ReportAccepted(long reportId, long itemId, String itemCode, String itemTitle, String departmentCode,
        int percent, Long milestoneId, LocalDate acceptedOn) {
}
