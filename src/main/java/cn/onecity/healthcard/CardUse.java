package cn.onecity.healthcard;

import java.time.OffsetDateTime;

/** One use of a card at a hospital, as its holder sees it. */
public record CardUse(long id, OffsetDateTime usedAt, String hospital, String hospitalCityCode, String hospitalCity,
        String purpose, String department) {
}
