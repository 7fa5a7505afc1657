package cn.onecity.healthcard.offline;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A view of revoked cards: card id (64 lower-case hex) → the instant the loss was reported. Codes issued at or before
 * that instant are refused; codes issued after it are accepted. Implementations must be thread-safe; the verifier
 * asks on every verification, so a hospital can keep a live, incrementally updated view behind this interface.
 */
@FunctionalInterface
public interface Revocations {

    Optional<Instant> revokedAt(String cardId);

    static Revocations none() {
        return cardId -> Optional.empty();
    }

    /** A fixed snapshot (the map is copied). */
    static Revocations of(Map<String, Instant> revokedAt) {
        Map<String, Instant> copy = Map.copyOf(revokedAt);
        return cardId -> Optional.ofNullable(copy.get(cardId));
    }
}
