package cn.onecity.cooperation;

import java.time.LocalDate;

/** An item reached 100% through an accepted report: its target has been accepted (已完成). */
public record ItemCompleted(long itemId, String itemCode, String itemTitle, String leadDepartmentCode,
        LocalDate completedOn) {
}
