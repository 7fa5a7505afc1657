package cn.onecity.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import cn.onecity.shared.OneCityProperties;

/**
 * Personal data at rest: SM4-GCM field encryption (GB/T 32907) and masking for display.
 * The key comes from {@code onecity.security.sm4-key} (32 hex characters) or, for the embedded default,
 * is generated once into {@code <data-dir>/keys/sm4.key}. Ciphertext is {@code v1:} + base64(nonce | ciphertext | tag).
 * Decrypting is a read of personal data: callers audit it through {@link AuditLog}.
 */
@Service
public class PersonalData {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final byte[] key;

    PersonalData(OneCityProperties properties, @Value("${onecity.security.sm4-key:}") String configuredKey) {
        this.key = configuredKey.isBlank() ? loadOrCreate(properties.resolve("keys", "sm4.key")) : HexFormat.of().parseHex(configuredKey);
        if (key.length != 16) {
            throw new IllegalStateException("the SM4 key must be 16 bytes (32 hex characters)");
        }
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(true, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce));
        byte[] in = plain.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[gcm.getOutputSize(in.length)];
        int n = gcm.processBytes(in, 0, in.length, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        byte[] all = new byte[NONCE_BYTES + out.length];
        System.arraycopy(nonce, 0, all, 0, NONCE_BYTES);
        System.arraycopy(out, 0, all, NONCE_BYTES, out.length);
        return PREFIX + Base64.getEncoder().encodeToString(all);
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("unknown ciphertext format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS, java.util.Arrays.copyOf(all, NONCE_BYTES)));
        byte[] out = new byte[gcm.getOutputSize(all.length - NONCE_BYTES)];
        int n = gcm.processBytes(all, NONCE_BYTES, all.length - NONCE_BYTES, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("personal data failed its integrity check", e);
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** {@code 138****5678}. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone == null ? null : "****";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    /** {@code 430302********1234}. */
    public static String maskIdNumber(String id) {
        if (id == null || id.length() < 10) {
            return id == null ? null : "********";
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    /** {@code 张*} / {@code 欧阳**}: keeps the first character. */
    public static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 1));
    }

    private byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] k = new byte[16];
            random.nextBytes(k);
            Files.writeString(file, HexFormat.of().formatHex(k));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the SM4 key " + file, e);
        }
    }
}
