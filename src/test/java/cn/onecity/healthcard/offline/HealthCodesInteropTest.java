package cn.onecity.healthcard.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.junit.jupiter.api.Test;

/** The documented signature (SM3withSM2, DER, default user id) is what a standard JCA implementation checks. */
class HealthCodesInteropTest {

    @Test
    void aPayloadSignatureVerifiesWithTheJcaSm3WithSm2Algorithm() throws Exception {
        AsymmetricCipherKeyPair pair = OfflineVerifierTest.generate();
        Instant now = Instant.parse("2026-12-01T04:00:00Z");
        String payload = HealthCodes.sign(HealthCodes.Body.create("k1", "ab".repeat(32), now, now.plus(Duration.ofMinutes(5))),
                (ECPrivateKeyParameters) pair.getPrivate());
        int dot = payload.indexOf('.');
        byte[] body = Base64.getUrlDecoder().decode(payload.substring(HealthCodes.PREFIX.length(), dot));
        byte[] signature = Base64.getUrlDecoder().decode(payload.substring(dot + 1));

        BouncyCastleProvider provider = new BouncyCastleProvider();
        ECParameterSpec curve = new ECParameterSpec(HealthCodes.CURVE.getCurve(), HealthCodes.CURVE.getG(), HealthCodes.CURVE.getN());
        PublicKey publicKey = KeyFactory.getInstance("EC", provider).generatePublic(new ECPublicKeySpec(
                HealthCodes.publicKey(HealthCodes.publicKeyHex((ECPublicKeyParameters) pair.getPublic())).getQ(), curve));
        Signature jca = Signature.getInstance("SM3withSM2", provider); // default user id 1234567812345678
        jca.initVerify(publicKey);
        jca.update(body);

        assertThat(jca.verify(signature)).isTrue();
        assertThat(HealthCodes.privateKeyHex((ECPrivateKeyParameters) pair.getPrivate())).hasSize(64);
        assertThat(HealthCodes.publicKeyHex((ECPublicKeyParameters) pair.getPublic())).hasSize(130).startsWith("04");
    }
}
