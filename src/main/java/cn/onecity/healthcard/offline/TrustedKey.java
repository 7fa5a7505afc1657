package cn.onecity.healthcard.offline;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the platform's trust list: an SM2 public key ({@code 04||X||Y} in hex, see {@link HealthCodes}) and the
 * period in which it may sign, {@code validFrom} inclusive to {@code validTo} exclusive ({@code null} = open-ended).
 * A code is trusted only when its issued-at lies in that period.
 */
public record TrustedKey(String keyId, String publicKeyHex, Instant validFrom, Instant validTo) {

    public TrustedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKeyHex, "publicKeyHex");
        Objects.requireNonNull(validFrom, "validFrom");
    }

    /** Whether a code issued at {@code issuedAt} lies in this key's validity. */
    public boolean covers(Instant issuedAt) {
        return !issuedAt.isBefore(validFrom) && (validTo == null || issuedAt.isBefore(validTo));
    }
}
