package cn.onecity.healthcard.offline;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.SM2Signer;

import cn.onecity.healthcard.offline.HealthCodes.Body;
import cn.onecity.healthcard.offline.HealthCodes.Parsed;
import cn.onecity.healthcard.offline.Verification.Reason;

/**
 * Verifies 电子健康卡 payloads ({@link HealthCodes}) without the platform: against a trust list and a revocation view.
 * Depends only on the JDK and Bouncy Castle; thread-safe (share one instance). Public keys are decoded once, and
 * each thread reuses one initialised {@code SM2Signer} per key, on its own copy of the curve points (so that threads
 * verifying at the same time do not contend for Bouncy Castle's locks on shared points).
 *
 * <p>Checks, in this order (the first failure decides):
 * <ol>
 * <li>format → {@code MALFORMED} (see {@link HealthCodes#parse}; over 512 characters is refused before decoding);</li>
 * <li>key id in the trust list → else {@code UNKNOWN_KEY};</li>
 * <li>SM3withSM2 signature over the body → else {@code SIGNATURE_INVALID} (so any changed body byte other than the
 * key id gives this reason);</li>
 * <li>the (now authenticated) issued-at within that key's validity → else {@code UNKNOWN_KEY};</li>
 * <li>expiry: {@code EXPIRED} when {@code now >= expiresAt + clockSkew}; the default skew is
 * {@value #DEFAULT_CLOCK_SKEW_SECONDS} s, to tolerate a hospital clock that lags the platform;</li>
 * <li>revocation: {@code REVOKED} when the card was revoked at R and the code was issued at or before R (issued-at has
 * whole seconds, so a code from the same second as the report counts as before it).</li>
 * </ol>
 * A code is never reported as revoked or expired unless its signature is valid. This class never returns
 * {@code UNKNOWN_CARD} (that is decided online) and never throws for any payload string.
 */
public final class OfflineVerifier {

    public static final long DEFAULT_CLOCK_SKEW_SECONDS = 30;

    private final Map<String, Trusted> keys;
    private final Revocations revocations;
    private final Duration clockSkew;

    public OfflineVerifier(Collection<TrustedKey> trustList, Revocations revocations) {
        this(trustList, revocations, Duration.ofSeconds(DEFAULT_CLOCK_SKEW_SECONDS));
    }

    /**
     * @throws IllegalArgumentException when a trust-list key is not a valid SM2 point or a key id appears twice
     */
    public OfflineVerifier(Collection<TrustedKey> trustList, Revocations revocations, Duration clockSkew) {
        Map<String, Trusted> byId = new HashMap<>();
        for (TrustedKey key : trustList) {
            if (byId.put(key.keyId(), new Trusted(key, HealthCodes.publicKey(key.publicKeyHex()))) != null) {
                throw new IllegalArgumentException("key id " + key.keyId() + " appears twice in the trust list");
            }
        }
        this.keys = Map.copyOf(byId);
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    }

    public Verification verify(String payload, Instant now) {
        return verify(payload, now, revocations);
    }

    /**
     * As {@link #verify(String, Instant)}, with another revocation view for this call (asked only once the signature
     * is valid and the code has not expired): the platform looks up the card's own row.
     */
    public Verification verify(String payload, Instant now, Revocations revocations) {
        Optional<Parsed> parsed = HealthCodes.parse(payload);
        if (parsed.isEmpty()) {
            return Verification.refused(Reason.MALFORMED, null, null);
        }
        Body body = parsed.get().body();
        Trusted key = keys.get(body.keyId());
        if (key == null) {
            return Verification.refused(Reason.UNKNOWN_KEY, body.keyId(), null);
        }
        if (!key.verify(parsed.get().bodyBytes(), parsed.get().signature())) {
            return Verification.refused(Reason.SIGNATURE_INVALID, body.keyId(), null);
        }
        if (!key.entry.covers(body.issuedAt())) { // decided on the signed issued-at, so a changed byte is SIGNATURE_INVALID
            return Verification.refused(Reason.UNKNOWN_KEY, body.keyId(), null);
        }
        if (!now.isBefore(body.expiresAt().plus(clockSkew))) {
            return Verification.refused(Reason.EXPIRED, body.keyId(), body);
        }
        Optional<Instant> revokedAt = revocations.revokedAt(body.cardId());
        if (revokedAt.isPresent() && !body.issuedAt().isAfter(revokedAt.get())) {
            return Verification.refused(Reason.REVOKED, body.keyId(), body);
        }
        return new Verification(true, Reason.OK, Reason.OK.message(), body.cardId(), body.keyId(), body.issuedAt(),
                body.expiresAt());
    }

    /** A trusted key with its decoded public key and one initialised verifier per thread. */
    private static final class Trusted {

        final TrustedKey entry;
        final ThreadLocal<SM2Signer> signer;

        Trusted(TrustedKey entry, ECPublicKeyParameters publicKey) {
            this.entry = entry;
            this.signer = ThreadLocal.withInitial(() -> {
                SM2Signer s = new SM2Signer();
                // the thread's own copy of the points, so that concurrent verifications do not contend for the locks
                // that guard Bouncy Castle's precomputed multiples of a shared point
                s.init(false, HealthCodes.verifyingParameters(HealthCodes.threadPrivate(publicKey)));
                return s;
            });
        }

        boolean verify(byte[] body, byte[] signature) {
            SM2Signer s = signer.get();
            try {
                s.reset(); // a previous call may have failed half-way
                s.update(body, 0, body.length);
                return s.verifySignature(signature);
            } catch (RuntimeException e) {
                s.reset();
                return false;
            }
        }
    }
}
