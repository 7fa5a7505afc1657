package cn.onecity.healthcard.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import cn.onecity.healthcard.offline.Verification.Reason;

class OfflineVerifierTest {

    static final String KEY_ID = "ehc-test-1";
    static final String CARD = "0123456789abcdef".repeat(4);
    static final Instant T0 = Instant.parse("2026-12-01T04:00:00Z");
    static final AsymmetricCipherKeyPair PAIR = generate();
    static final AsymmetricCipherKeyPair OTHER_PAIR = generate();
    static final TrustedKey TRUSTED = new TrustedKey(KEY_ID, HealthCodes.publicKeyHex((ECPublicKeyParameters) PAIR.getPublic()),
            T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)));

    static AsymmetricCipherKeyPair generate() {
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(HealthCodes.CURVE, new java.security.SecureRandom()));
        return g.generateKeyPair();
    }

    static String code(String keyId, Instant issuedAt, Duration validity, AsymmetricCipherKeyPair pair) {
        return HealthCodes.sign(HealthCodes.Body.create(keyId, CARD, issuedAt, issuedAt.plus(validity)),
                (ECPrivateKeyParameters) pair.getPrivate());
    }

    static String code(Instant issuedAt) {
        return code(KEY_ID, issuedAt, Duration.ofMinutes(5), PAIR);
    }

    final OfflineVerifier verifier = new OfflineVerifier(List.of(TRUSTED), Revocations.none());

    @Test
    void aFreshCodeVerifiesWithItsCardKeyAndTimes() {
        Verification v = verifier.verify(code(T0), T0.plusSeconds(1));

        assertThat(v.valid()).isTrue();
        assertThat(v.reason()).isEqualTo(Reason.OK);
        assertThat(v.message()).isEqualTo("验证通过");
        assertThat(v.cardId()).isEqualTo(CARD);
        assertThat(v.keyId()).isEqualTo(KEY_ID);
        assertThat(v.issuedAt()).isEqualTo(T0);
        assertThat(v.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void theDocumentedLayoutIsWhatIsSigned() {
        String payload = code(T0);
        byte[] body = Base64.getUrlDecoder().decode(payload.substring(5, payload.indexOf('.')));
        ByteBuffer in = ByteBuffer.wrap(body);

        assertThat(in.get()).isEqualTo((byte) 1);
        assertThat(in.get()).isEqualTo((byte) KEY_ID.length());
        in.position(2 + KEY_ID.length() + 32);
        assertThat(in.getLong()).isEqualTo(T0.getEpochSecond());
        assertThat(in.getLong()).isEqualTo(T0.getEpochSecond() + 300);
        assertThat(body).hasSize(66 + KEY_ID.length());
        assertThat(payload).doesNotContain("=");
    }

    static List<String> malformed() {
        String good = code(T0);
        String body = good.substring(5, good.indexOf('.'));
        String sig = good.substring(good.indexOf('.') + 1);
        byte[] raw = Base64.getUrlDecoder().decode(body);
        byte[] wrongVersion = raw.clone();
        wrongVersion[0] = 2;
        byte[] trailing = java.util.Arrays.copyOf(raw, raw.length + 3);
        byte[] truncated = java.util.Arrays.copyOf(raw, raw.length - 1);
        byte[] badKeyLength = raw.clone();
        badKeyLength[1] = (byte) 200;
        byte[] expiresBeforeIssued = raw.clone();
        ByteBuffer.wrap(expiresBeforeIssued).putLong(2 + KEY_ID.length() + 32 + 8, T0.getEpochSecond() - 1);
        List<String> cases = new ArrayList<>();
        cases.add(null);
        cases.add("");
        cases.add("EHC1:");
        cases.add("EHC2:" + body + "." + sig); // wrong prefix
        cases.add("ehc1:" + body + "." + sig);
        cases.add(" " + good);
        cases.add("EHC1:" + body + "!." + sig); // bad base64
        cases.add("EHC1:" + body + "." + sig + "*");
        cases.add("EHC1:" + body.replace('A', '+').replace('B', '/') + "+/." + sig);
        cases.add("EHC1:" + body + "==." + sig); // padding is not allowed
        cases.add("EHC1:" + body); // no signature
        cases.add("EHC1:" + body + ".");
        cases.add("EHC1:" + body + "." + sig + "." + sig);
        cases.add(good.substring(0, good.length() / 3)); // truncated payload
        cases.add("EHC1:" + b64(truncated) + "." + sig); // truncated body
        cases.add("EHC1:" + b64(trailing) + "." + sig); // trailing bytes
        cases.add(good + "AAAA"); // trailing garbage
        cases.add("EHC1:" + b64(wrongVersion) + "." + sig); // wrong version
        cases.add("EHC1:" + b64(badKeyLength) + "." + sig);
        cases.add("EHC1:" + b64(expiresBeforeIssued) + "." + sig);
        cases.add("EHC1:" + body.substring(0, body.length() - 1) + "." + sig); // length 4n+1 / non-canonical
        cases.add("EHC1:" + "A".repeat(1024 * 1024)); // 1 MB
        cases.add(good + "A".repeat(HealthCodes.MAX_PAYLOAD_CHARS)); // just too long
        cases.add("EHC1:\u0000\u00ff." + sig);
        cases.add("EHC1:" + body + "." + b64(new byte[64])); // a signature that is not DER
        return cases;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedPayloadsAreRefusedAsMalformedWithoutThrowing(String payload) {
        Verification v = verifier.verify(payload, T0);

        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(v.message()).isEqualTo("二维码格式无效");
        assertThat(v.cardId()).isNull();
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String good = code(T0);
        int dot = good.indexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(good.substring(dot + 1));
        sig[sig.length - 1] ^= 0x01;

        Verification v = verifier.verify(good.substring(0, dot + 1) + b64(sig), T0);

        assertThat(v.reason()).isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(v.valid()).isFalse();
        assertThat(v.cardId()).isNull();
    }

    @Test
    void aWellFramedButInvalidDerSignatureIsRefused() {
        String good = code(T0);
        byte[] bogus = new byte[70];
        bogus[0] = 0x30;
        bogus[1] = 68;
        assertThat(verifier.verify(good.substring(0, good.indexOf('.') + 1) + b64(bogus), T0).reason())
                .isEqualTo(Reason.SIGNATURE_INVALID);
    }

    @Test
    void everyTamperedBodyByteIsRefused() {
        String good = code(T0);
        int dot = good.indexOf('.');
        byte[] body = Base64.getUrlDecoder().decode(good.substring(5, dot));
        // skip version and key id (those change the reason to MALFORMED / UNKNOWN_KEY)
        for (int i = 2 + KEY_ID.length(); i < body.length; i++) {
            byte[] changed = body.clone();
            changed[i] ^= 0x01;
            Verification v = verifier.verify("EHC1:" + b64(changed) + good.substring(dot), T0);
            if (i >= 2 + KEY_ID.length() + 32 && i < body.length - 16) {
                // times: a flip may make expires-at precede issued-at, which is malformed
                assertThat(v.reason()).as("byte %d", i).isIn(Reason.SIGNATURE_INVALID, Reason.MALFORMED);
            } else {
                assertThat(v.reason()).as("byte %d", i).isEqualTo(Reason.SIGNATURE_INVALID);
            }
        }
    }

    @Test
    void aCodeSignedByAnotherKeyUnderATrustedKeyIdIsRefused() {
        Verification v = verifier.verify(code(KEY_ID, T0, Duration.ofMinutes(5), OTHER_PAIR), T0);
        assertThat(v.reason()).isEqualTo(Reason.SIGNATURE_INVALID);
    }

    @Test
    void expiredCodesAreRefusedAfterThe30SecondSkew() {
        String code = code(T0);
        Instant expiry = T0.plus(Duration.ofMinutes(5));

        assertThat(verifier.verify(code, expiry.plusSeconds(29)).reason()).isEqualTo(Reason.OK);
        Verification v = verifier.verify(code, expiry.plusSeconds(30));
        assertThat(v.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(v.valid()).isFalse();
        assertThat(v.message()).contains("过期");
        assertThat(v.cardId()).isEqualTo(CARD);
        assertThat(new OfflineVerifier(List.of(TRUSTED), Revocations.none(), Duration.ZERO).verify(code, expiry).reason())
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void codesIssuedAtOrBeforeARevocationAreRefusedAndLaterOnesWork() {
        Instant revokedAt = T0.plusSeconds(60);
        OfflineVerifier withRevocation = new OfflineVerifier(List.of(TRUSTED), Revocations.of(Map.of(CARD, revokedAt)));

        Verification before = withRevocation.verify(code(T0), T0.plusSeconds(90));
        assertThat(before.reason()).isEqualTo(Reason.REVOKED);
        assertThat(before.valid()).isFalse();
        assertThat(before.message()).contains("挂失");
        assertThat(withRevocation.verify(code(revokedAt), T0.plusSeconds(90)).reason()).isEqualTo(Reason.REVOKED);
        assertThat(withRevocation.verify(code(revokedAt.plusSeconds(1)), T0.plusSeconds(90)).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void revocationIsNotRevealedForABadSignatureAndExpiryIsCheckedFirst() {
        OfflineVerifier withRevocation = new OfflineVerifier(List.of(TRUSTED), Revocations.of(Map.of(CARD, T0.plusSeconds(60))));
        String forged = code(KEY_ID, T0, Duration.ofMinutes(5), OTHER_PAIR);

        assertThat(withRevocation.verify(forged, T0).reason()).isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(withRevocation.verify(code(T0), T0.plus(Duration.ofHours(1))).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void unknownKeyIdsAndCodesOutsideTheKeyValidityAreRefused() {
        Verification unknown = verifier.verify(code("ehc-nobody", T0, Duration.ofMinutes(5), PAIR), T0);
        assertThat(unknown.reason()).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(unknown.keyId()).isEqualTo("ehc-nobody");
        assertThat(unknown.cardId()).isNull();

        Instant afterValidity = TRUSTED.validTo();
        assertThat(verifier.verify(code(afterValidity), afterValidity).reason()).isEqualTo(Reason.UNKNOWN_KEY);
        Instant beforeValidity = TRUSTED.validFrom().minusSeconds(1);
        assertThat(verifier.verify(code(beforeValidity), beforeValidity).reason()).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void neverReturnsUnknownCardOffline() {
        assertThat(verifier.verify(code(T0), T0).reason()).isNotEqualTo(Reason.UNKNOWN_CARD);
    }

    @Test
    void oneVerifierIsSafeToShareBetweenThreads() throws Exception {
        List<String> codes = List.of(code(T0), code(T0.plusSeconds(1)), code(T0.plusSeconds(2)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 500; i++) {
                        if (verifier.verify(codes.get(i % codes.size()), T0.plusSeconds(10)).valid()) {
                            ok++;
                        }
                        // interleave failures, which must not disturb the thread's reused signer
                        if (i % 50 == 0) {
                            verifier.verify(codes.get(0).substring(0, codes.get(0).length() - 4) + "AAAA", T0);
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
