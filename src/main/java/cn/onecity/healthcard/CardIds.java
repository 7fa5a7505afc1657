package cn.onecity.healthcard;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.onecity.shared.IdNumbers;
import cn.onecity.shared.OneCityProperties;

/**
 * Card ids (EHC ID): 64 lower-case hex characters, the HMAC-SM3 of the normalised ID number (trimmed, trailing x
 * upper-cased) under a 32-byte platform secret. Stable for a person, not reversible without the secret.
 * The secret lives in {@code <key dir>/card-id.secret} (64 hex characters), generated at first start; the key dir is
 * {@code onecity.healthcard.key-dir} or {@code <onecity.data-dir>/keys/healthcard}.
 */
@Component
public class CardIds {

    static final String SECRET_FILE = "card-id.secret";

    private final byte[] secret;

    @org.springframework.beans.factory.annotation.Autowired
    CardIds(OneCityProperties properties, @Value("${onecity.healthcard.key-dir:}") String keyDir) {
        this(SigningKeys.keyDirectory(properties, keyDir));
    }

    /** Over a key directory (the secret is created there when missing). */
    public CardIds(Path keyDirectory) {
        this.secret = KeyFiles.loadOrCreateSecret(keyDirectory.resolve(SECRET_FILE), 32);
    }

    /** The card id of an ID number. */
    public String idOf(String idNumber) {
        return of(idNumber, secret);
    }

    /** The card id of an ID number under a given secret. */
    public static String of(String idNumber, byte[] secret) {
        if (idNumber == null || idNumber.isBlank()) {
            throw new IllegalArgumentException("ID number is required");
        }
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(secret));
        byte[] in = IdNumbers.normalise(idNumber).getBytes(StandardCharsets.UTF_8);
        mac.update(in, 0, in.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
