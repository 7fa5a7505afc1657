package cn.onecity.healthcard;

import java.time.OffsetDateTime;

/**
 * The answer to a hospital's verification.
 *
 * @param reason  OK, MALFORMED, SIGNATURE_INVALID, EXPIRED, REVOKED, UNKNOWN_KEY or UNKNOWN_CARD
 * @param message Chinese, for the screen
 * @param card    the holder, masked; only when valid
 * @param useId   the recorded use; only when valid
 */
public record VerificationResult(boolean valid, String reason, String message, Holder card, Long useId,
        OffsetDateTime verifiedAt) {

    /** What a hospital sees of a card's holder. */
    public record Holder(String cardId, String maskedName, String maskedIdNumber, String gender, int age,
            String homeCity) {
    }
}
