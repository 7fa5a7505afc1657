package cn.onecity.industry;

import java.time.OffsetDateTime;

/** A supply (供给) an enterprise publishes: a product or service and its capacity. */
public record Supply(long id, long enterpriseId, String enterpriseName, String cityCode, String title,
        String description, String capacity, OffsetDateTime createdAt) {
}
