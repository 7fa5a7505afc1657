package cn.onecity.industry;

import java.util.Map;

/**
 * The alliance's figures, computed from the records: members, services, and "累计服务企业N家" = the number of
 * distinct enterprises served. {@code byType}: services per service type.
 */
public record AllianceStatistics(long members, long services, long enterprisesServed, Map<String, Long> byType) {
}
