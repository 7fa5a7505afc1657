package cn.onecity.industry;

import java.time.LocalDate;

/** A service an alliance member gave an enterprise. */
public record ServiceRecord(long id, long memberId, String memberName, long enterpriseId, String enterpriseName,
        String enterpriseCityCode, String serviceType, LocalDate servedOn, String outcome) {
}
