package cn.onecity.industry;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A published demand (需求) of an enterprise; {@code segmentId} optional, the chain segment it needs supplied. */
public record Demand(long id, long enterpriseId, String enterpriseName, DemandKind kind, String title,
        String description, String quantity, LocalDate deadline, String cityCode, String cityName, Long segmentId,
        String segmentName, OffsetDateTime createdAt, long markedMatches) {
}
