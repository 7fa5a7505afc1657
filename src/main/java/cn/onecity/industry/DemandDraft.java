package cn.onecity.industry;

/**
 * A demand as the form or API gives it. {@code kind}: PURCHASE/SUPPORT/CAPACITY/TECH_SERVICE or 采购/配套/产能/技术服务;
 * {@code deadline} yyyy-MM-dd (optional, not in the past); {@code cityCode} defaults to the enterprise's city.
 */
public record DemandDraft(String kind, String title, String description, String quantity, String deadline,
        String cityCode, Long segmentId) {
}
