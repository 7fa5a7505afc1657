package cn.onecity.cooperation;

import java.time.OffsetDateTime;
import java.util.List;

/** A progress report with its review and evidence files. */
public record ReportView(long id, long itemId, String itemCode, String itemTitle, String cityCode,
        String departmentCode, String departmentName, String reporterName, String content, int percent,
        Long milestoneId, String milestoneName, ReportStatus status, OffsetDateTime submittedAt,
        OffsetDateTime reviewedAt, String reviewerName, String reviewReason, List<EvidenceView> evidence) {
}
