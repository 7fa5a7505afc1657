package cn.onecity.healthcard;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A card as its holder sees it: personal data masked.
 *
 * @param cardId    the EHC ID, 64 hex characters
 * @param gender    男 / 女
 * @param revokedAt the last loss report (codes issued at or before it are refused), or null
 */
public record Card(String cardId, String maskedName, String maskedIdNumber, String maskedPhone, String gender,
        LocalDate birthDate, String homeCityCode, String homeCity, OffsetDateTime issuedAt, OffsetDateTime revokedAt) {
}
