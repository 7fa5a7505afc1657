package cn.onecity.healthcard;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import cn.onecity.healthcard.offline.HealthCodes;
import cn.onecity.healthcard.offline.OfflineVerifier;
import cn.onecity.healthcard.offline.Revocations;
import cn.onecity.healthcard.offline.TrustedKey;
import cn.onecity.healthcard.offline.Verification;

/**
 * JMH: raw Bouncy Castle SM3withSM2 verification of a code's signature (on BC's optimised sm2p256v1, and for
 * comparison on its generic curve arithmetic), against the whole offline verifier (decode, trust list, signature,
 * validity, expiry, revocation). Run by {@code bench/healthcard.sh}, never by the tests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HealthCodeBenchmark {

    String payload;
    byte[] body;
    byte[] signature;
    SM2Signer raw;
    SM2Signer rawGeneric;
    OfflineVerifier verifier;
    Instant now;

    @Setup
    public void setUp() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(HealthCodes.CURVE, new SecureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        ECPublicKeyParameters publicKey = (ECPublicKeyParameters) pair.getPublic();
        Instant issued = Instant.parse("2026-12-01T04:00:00Z");
        byte[] card = new byte[32];
        new SecureRandom().nextBytes(card);
        payload = HealthCodes.sign(HealthCodes.Body.create("ehc-bench", HexFormat.of().formatHex(card), issued,
                issued.plusSeconds(300)), (ECPrivateKeyParameters) pair.getPrivate());
        HealthCodes.Parsed parsed = HealthCodes.parse(payload).orElseThrow();
        body = parsed.bodyBytes();
        signature = parsed.signature();
        raw = new SM2Signer();
        raw.init(false, HealthCodes.verifyingParameters(publicKey));
        // the same key on the same curve over Bouncy Castle's generic arithmetic (GMNamedCurves), for comparison
        X9ECParameters gm = GMNamedCurves.getByName("sm2p256v1");
        ECDomainParameters generic = new ECDomainParameters(gm.getCurve(), gm.getG(), gm.getN(), gm.getH());
        rawGeneric = new SM2Signer();
        rawGeneric.init(false, HealthCodes.verifyingParameters(new ECPublicKeyParameters(
                generic.getCurve().decodePoint(publicKey.getQ().getEncoded(false)), generic)));
        TrustedKey key = new TrustedKey("ehc-bench", HealthCodes.publicKeyHex(publicKey), issued.minusSeconds(60), null);
        verifier = new OfflineVerifier(List.of(key), Revocations.none());
        now = issued.plusSeconds(10);
        if (!rawSm2Verify() || !rawSm2VerifyGenericCurve() || !offlineVerifier().valid()) {
            throw new IllegalStateException("the benchmark's code does not verify");
        }
    }

    /** The floor: one SM2 verification of the body with an initialised signer (what any verifier must do). */
    @Benchmark
    public boolean rawSm2Verify() {
        raw.update(body, 0, body.length);
        return raw.verifySignature(signature);
    }

    /** The same with the generic curve implementation, which the verifier does not use. */
    @Benchmark
    public boolean rawSm2VerifyGenericCurve() {
        rawGeneric.update(body, 0, body.length);
        return rawGeneric.verifySignature(signature);
    }

    /** What a hospital system embeds. */
    @Benchmark
    public Verification offlineVerifier() {
        return verifier.verify(payload, now);
    }
}
