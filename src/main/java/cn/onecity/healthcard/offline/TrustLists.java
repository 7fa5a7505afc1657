package cn.onecity.healthcard.offline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * The platform's trust list as a signed text document, so that a hospital can take a new list from any channel
 * and check it with a key it already trusts. The document is UTF-8 text, one line each, LF line ends:
 * <pre>
 * EHC-TRUST-LIST 1
 * issued-at &lt;ISO-8601 instant&gt;
 * key &lt;keyId&gt; &lt;public key hex 04||X||Y&gt; &lt;valid-from instant&gt; &lt;valid-to instant or -&gt;
 * …one key line per key…
 * </pre>
 * The signature is SM3withSM2 (user id {@code 1234567812345678}, DER) over exactly those bytes, base64url without
 * padding, made with the key named in {@code signedBy}. Uses only the JDK and Bouncy Castle.
 */
public final class TrustLists {

    public static final String HEADER = "EHC-TRUST-LIST 1";

    private TrustLists() {
    }

    /** The document text for a list of keys. */
    public static String document(List<TrustedKey> keys, Instant issuedAt) {
        StringBuilder b = new StringBuilder(HEADER).append('\n').append("issued-at ").append(issuedAt).append('\n');
        for (TrustedKey k : keys) {
            b.append("key ").append(k.keyId()).append(' ').append(k.publicKeyHex()).append(' ').append(k.validFrom())
                    .append(' ').append(k.validTo() == null ? "-" : k.validTo().toString()).append('\n');
        }
        return b.toString();
    }

    /** Signs a document with a private key (the platform side). */
    public static String sign(String document, ECPrivateKeyParameters privateKey) {
        SM2Signer signer = new SM2Signer();
        signer.init(true, HealthCodes.signingParameters(privateKey));
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        signer.update(bytes, 0, bytes.length);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
        } catch (CryptoException e) {
            throw new IllegalStateException("cannot sign the trust list", e);
        }
    }

    /**
     * Checks a document's signature with a key the hospital already trusts and returns its keys; empty when the
     * signature or the document is not valid (never throws on bad input).
     */
    public static java.util.Optional<List<TrustedKey>> verify(String document, String signature, TrustedKey signer) {
        if (document == null || signature == null || signer == null || document.length() > 100_000) {
            return java.util.Optional.empty();
        }
        try {
            SM2Signer v = new SM2Signer();
            v.init(false, HealthCodes.verifyingParameters(HealthCodes.publicKey(signer.publicKeyHex())));
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            v.update(bytes, 0, bytes.length);
            if (!v.verifySignature(Base64.getUrlDecoder().decode(signature))) {
                return java.util.Optional.empty();
            }
            String[] lines = document.split("\n");
            if (lines.length < 2 || !HEADER.equals(lines[0]) || !lines[1].startsWith("issued-at ")) {
                return java.util.Optional.empty();
            }
            List<TrustedKey> keys = new ArrayList<>();
            for (int i = 2; i < lines.length; i++) {
                String[] f = lines[i].split(" ");
                if (f.length != 5 || !"key".equals(f[0])) {
                    return java.util.Optional.empty();
                }
                keys.add(new TrustedKey(f[1], f[2], Instant.parse(f[3]), "-".equals(f[4]) ? null : Instant.parse(f[4])));
            }
            return java.util.Optional.of(List.copyOf(keys));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
