package cn.onecity.healthcard.offline;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * The 电子健康卡 dynamic QR payload, version 1. Depends only on the JDK and Bouncy Castle.
 *
 * <h2>Payload</h2>
 * {@code EHC1:} + base64url(body) + {@code .} + base64url(signature), both base64url <em>without padding</em>
 * (RFC 4648 §5 alphabet {@code A–Z a–z 0–9 - _}). The whole payload is at most {@value #MAX_PAYLOAD_CHARS}
 * characters (a real one is about 200).
 *
 * <h2>Body (binary, big-endian, fixed order, no padding)</h2>
 * <pre>
 * offset  size  field
 * 0       1     version             = 0x01
 * 1       1     key id length L     1..32
 * 2       L     key id              US-ASCII, [A-Za-z0-9._-]
 * 2+L     32    card id             the 64-hex-character card id as 32 raw bytes
 * 34+L    8     issued-at           signed 64-bit epoch seconds (UTC)
 * 42+L    8     expires-at          signed 64-bit epoch seconds (UTC), greater than issued-at
 * 50+L    16    nonce               random bytes
 * total   66+L  (no trailing bytes allowed)
 * </pre>
 *
 * <h2>Signature</h2>
 * SM3withSM2 (GB/T 32918.2, GM/T 0003) over the exact body bytes, on the curve {@code sm2p256v1}, with the
 * <b>default user id {@code "1234567812345678"}</b> (the 16 ASCII bytes of GM/T 0009) in the Z value; encoded as the
 * DER {@code SEQUENCE { r INTEGER, s INTEGER }} of GM/T 0009 (usually 70–72 bytes). This is what Bouncy Castle's
 * {@code SM2Signer} produces with {@code ParametersWithID(key, "1234567812345678")} and its default encoding.
 *
 * <h2>Public keys</h2>
 * Public keys in trust lists are the uncompressed point {@code 04 || X || Y} (65 bytes, 130 hex characters) on
 * {@code sm2p256v1}; private keys are the 32-byte scalar d (64 hex characters).
 */
public final class HealthCodes {

    public static final String PREFIX = "EHC1:";
    public static final int VERSION = 1;
    public static final int MAX_PAYLOAD_CHARS = 512;
    public static final int MAX_KEY_ID_BYTES = 32;
    public static final int CARD_ID_BYTES = 32;
    public static final int NONCE_BYTES = 16;
    /** The default SM2 user id of GM/T 0009. */
    public static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);
    /**
     * The curve {@code sm2p256v1}, in Bouncy Castle's optimised implementation ({@code CustomNamedCurves}: fixed-size
     * integer field arithmetic). {@code GMNamedCurves} gives the same curve over generic BigInteger arithmetic, which
     * verifies about five times slower.
     */
    public static final ECDomainParameters CURVE;

    static {
        X9ECParameters x9 = CustomNamedCurves.getByName("sm2p256v1");
        CURVE = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    }

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KEY_ID_BYTES + "}");
    private static final Pattern CARD_ID = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_SIGNATURE_BYTES = 80;
    private static final SecureRandom RANDOM = new SecureRandom();

    private HealthCodes() {
    }

    /** The decoded body of a code. {@code cardId} is 64 lower-case hex characters. */
    public record Body(String keyId, String cardId, Instant issuedAt, Instant expiresAt, byte[] nonce) {

        public Body {
            if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
                throw new IllegalArgumentException("key id must be 1-32 characters of [A-Za-z0-9._-]");
            }
            if (cardId == null || !CARD_ID.matcher(cardId).matches()) {
                throw new IllegalArgumentException("card id must be 64 lower-case hex characters");
            }
            if (issuedAt == null || expiresAt == null || !expiresAt.isAfter(issuedAt)) {
                throw new IllegalArgumentException("expires-at must be after issued-at");
            }
            if (nonce == null || nonce.length != NONCE_BYTES) {
                throw new IllegalArgumentException("nonce must be 16 bytes");
            }
            issuedAt = Instant.ofEpochSecond(issuedAt.getEpochSecond());
            expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        /** A body with a fresh random nonce. */
        public static Body create(String keyId, String cardId, Instant issuedAt, Instant expiresAt) {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            return new Body(keyId, cardId, issuedAt, expiresAt, nonce);
        }
    }

    /** A syntactically valid payload: its body, the exact signed bytes, and the signature (not yet checked). */
    public record Parsed(Body body, byte[] bodyBytes, byte[] signature) {
    }

    /** The body's binary layout (see the class comment). */
    public static byte[] encode(Body body) {
        byte[] keyId = body.keyId().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(2 + keyId.length + CARD_ID_BYTES + 16 + NONCE_BYTES);
        out.put((byte) VERSION).put((byte) keyId.length).put(keyId)
                .put(HexFormat.of().parseHex(body.cardId()))
                .putLong(body.issuedAt().getEpochSecond()).putLong(body.expiresAt().getEpochSecond())
                .put(body.nonce);
        return out.array();
    }

    /**
     * Signs a body into a payload. {@code signer} must be a Bouncy Castle {@code SM2Signer} initialised for signing
     * with {@link #signingParameters}; it is reset before use, so one initialised signer can be reused per thread.
     */
    public static String sign(Body body, SM2Signer signer) {
        byte[] bytes = encode(body);
        signer.reset();
        signer.update(bytes, 0, bytes.length);
        try {
            return PREFIX + b64(bytes) + "." + b64(signer.generateSignature());
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** Signs with a fresh signer (convenient, slower: it derives the public key each time). */
    public static String sign(Body body, ECPrivateKeyParameters privateKey) {
        SM2Signer signer = new SM2Signer();
        signer.init(true, signingParameters(privateKey));
        return sign(body, signer);
    }

    /** Signing parameters with the default user id and a secure random. */
    public static ParametersWithID signingParameters(ECPrivateKeyParameters privateKey) {
        return new ParametersWithID(new ParametersWithRandom(privateKey, RANDOM), DEFAULT_USER_ID);
    }

    /**
     * The same key on a thread-private copy of its points (the public point and the curve's generator). Bouncy Castle
     * keeps precomputed multiples of a point on the point object and takes two locks on it in every multiplication;
     * with the points shared, threads verifying at the same time contend for those locks and burn CPU spinning on them
     * (measured on the platform: a verification cost ~15× its single-threaded time under 16 concurrent requests,
     * docs/benchmarks.md). Use one copy per thread, e.g. in the initialiser of a per-thread signer.
     */
    public static ECPublicKeyParameters threadPrivate(ECPublicKeyParameters key) {
        ECDomainParameters own = threadPrivate(key.getParameters());
        return new ECPublicKeyParameters(own.getCurve().decodePoint(key.getQ().getEncoded(false)), own);
    }

    /** As {@link #threadPrivate(ECPublicKeyParameters)}, for a private key (a copy of the generator). */
    public static ECPrivateKeyParameters threadPrivate(ECPrivateKeyParameters key) {
        return new ECPrivateKeyParameters(key.getD(), threadPrivate(key.getParameters()));
    }

    private static ECDomainParameters threadPrivate(ECDomainParameters p) {
        return new ECDomainParameters(p.getCurve(), p.getCurve().decodePoint(p.getG().getEncoded(false)), p.getN(), p.getH(),
                p.getSeed());
    }

    /** Verification parameters with the default user id. */
    public static ParametersWithID verifyingParameters(ECPublicKeyParameters publicKey) {
        return new ParametersWithID(publicKey, DEFAULT_USER_ID);
    }

    /**
     * Parses a payload without checking its signature. Empty for anything that is not exactly a version 1 payload:
     * null, longer than {@value #MAX_PAYLOAD_CHARS} characters (rejected before any decoding), wrong prefix, bad
     * base64url, truncated body, trailing bytes, wrong version, bad key id, expires-at not after issued-at, a signature
     * that is not framed as one DER SEQUENCE (so bytes appended to the signature are malformed too).
     * Never throws.
     */
    public static Optional<Parsed> parse(String payload) {
        if (payload == null || payload.length() > MAX_PAYLOAD_CHARS || !payload.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = payload.indexOf('.', PREFIX.length());
        if (dot < 0 || payload.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        byte[] body = unb64(payload, PREFIX.length(), dot);
        byte[] signature = unb64(payload, dot + 1, payload.length());
        if (body == null || signature == null || !derSequence(signature)) {
            return Optional.empty();
        }
        return decodeBody(body).map(b -> new Parsed(b, body, signature));
    }

    /** The outer framing of a DER {@code SEQUENCE} (short-form length covering exactly the rest), so trailing bytes are malformed. */
    private static boolean derSequence(byte[] sig) {
        return sig.length >= 8 && sig.length <= MAX_SIGNATURE_BYTES && sig[0] == 0x30 && (sig[1] & 0xff) == sig.length - 2;
    }

    private static Optional<Body> decodeBody(byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != VERSION) {
            return Optional.empty();
        }
        int keyIdLength = bytes[1] & 0xff;
        if (keyIdLength < 1 || keyIdLength > MAX_KEY_ID_BYTES || bytes.length != 2 + keyIdLength + CARD_ID_BYTES + 16 + NONCE_BYTES) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
        byte[] keyId = new byte[keyIdLength];
        byte[] cardId = new byte[CARD_ID_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(keyId).get(cardId);
        long issued = in.getLong();
        long expires = in.getLong();
        in.get(nonce);
        try {
            return Optional.of(new Body(new String(keyId, StandardCharsets.US_ASCII), HexFormat.of().formatHex(cardId),
                    Instant.ofEpochSecond(issued), Instant.ofEpochSecond(expires), nonce));
        } catch (RuntimeException e) { // bad key id characters, times out of range or in the wrong order
            return Optional.empty();
        }
    }

    /** Decodes an uncompressed (or compressed) SM2 public key point given in hex. */
    public static ECPublicKeyParameters publicKey(String hex) {
        return new ECPublicKeyParameters(CURVE.getCurve().decodePoint(HexFormat.of().parseHex(hex)), CURVE);
    }

    /** The uncompressed point {@code 04||X||Y} in hex. */
    public static String publicKeyHex(ECPublicKeyParameters key) {
        return HexFormat.of().formatHex(key.getQ().getEncoded(false));
    }

    /** A private key from its 64-hex scalar. */
    public static ECPrivateKeyParameters privateKey(String hex) {
        return new ECPrivateKeyParameters(new BigInteger(1, HexFormat.of().parseHex(hex)), CURVE);
    }

    /** The private scalar as 64 hex characters. */
    public static String privateKeyHex(ECPrivateKeyParameters key) {
        byte[] raw = key.getD().toByteArray();
        byte[] fixed = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, fixed, 32 - n, n);
        return HexFormat.of().formatHex(fixed);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Strict base64url without padding; null when the text is not exactly that. */
    private static byte[] unb64(String s, int from, int to) {
        if (to - from == 0 || (to - from) % 4 == 1) {
            return null;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return null;
            }
        }
        try {
            byte[] decoded = Base64.getUrlDecoder().decode(s.substring(from, to));
            // reject non-canonical encodings (non-zero unused bits), so one body has exactly one text form
            return Arrays.equals(Base64.getUrlEncoder().withoutPadding().encode(decoded),
                    s.substring(from, to).getBytes(StandardCharsets.US_ASCII)) ? decoded : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
