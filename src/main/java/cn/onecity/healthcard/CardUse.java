package cn.onecity.healthcard;

import java.time.OffsetDateTime;

/**
 * One use of a card at a hospital, as its holder sees it; {@code offline} when the hospital verified the code
 * offline and reported the use afterwards.
 */
public record CardUse(long id, OffsetDateTime usedAt, String hospital, String hospitalCityCode, String hospitalCity,
        String purpose, String department, boolean offline) {
}
