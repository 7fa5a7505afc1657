package cn.onecity.projects;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One city's investment completed in one month (万元); {@code revision} > 1 after corrections. */
public record MonthlyReport(long id, long projectId, String cityCode, String cityName, String month, BigDecimal amount,
        String note, String reportedBy, OffsetDateTime reportedAt, int revision) {
}
