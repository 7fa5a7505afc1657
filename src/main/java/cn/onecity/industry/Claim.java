package cn.onecity.industry;

import java.time.OffsetDateTime;

/** An ENTERPRISE organisation's claim of an enterprise; status PENDING / CONFIRMED / REJECTED. */
public record Claim(long id, long enterpriseId, String enterpriseName, String creditCode, String cityCode,
        long organisationId, String organisationName, String status, String note, OffsetDateTime createdAt) {

    public String statusLabel() {
        return switch (status) {
            case "PENDING" -> "待确认";
            case "CONFIRMED" -> "已确认";
            case "REJECTED" -> "已驳回";
            default -> status;
        };
    }
}
