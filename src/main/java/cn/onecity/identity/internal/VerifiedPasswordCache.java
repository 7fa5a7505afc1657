package cn.onecity.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a few minutes, that a presented password matched a stored hash, so that an API client that
 * sends HTTP Basic credentials on every request pays for BCrypt once, not per request (BCrypt costs ~36 ms of
 * CPU here: docs/benchmarks.md).
 *
 * <p>What it keeps is HMAC-SM3(process-local random key, stored hash | presented password): no password and no
 * reusable secret. The stored hash is part of the key, so a password change invalidates the entry at once; the
 * account's enabled and locked state are still read from the database on every request, and failures are never
 * cached, so lockout counting is unchanged. The cache is per instance and bounded.
 */
final class VerifiedPasswordCache implements PasswordEncoder {

    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final byte[] key = new byte[32];
    private final ConcurrentHashMap<String, Long> verified = new ConcurrentHashMap<>();

    VerifiedPasswordCache(PasswordEncoder delegate) {
        this.delegate = delegate;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String k = mac(encodedPassword, rawPassword);
        Long expires = verified.get(k);
        long now = System.nanoTime();
        if (expires != null && now - expires < 0) {
            return true;
        }
        boolean ok = delegate.matches(rawPassword, encodedPassword);
        if (ok) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(k, now + TTL.toNanos());
        } else if (expires != null) {
            verified.remove(k);
        }
        return ok;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    int size() {
        return verified.size();
    }

    private String mac(String encoded, CharSequence raw) {
        HMac hmac = new HMac(new SM3Digest());
        hmac.init(new KeyParameter(key));
        byte[] a = encoded.getBytes(StandardCharsets.UTF_8);
        byte[] b = raw.toString().getBytes(StandardCharsets.UTF_8);
        hmac.update(a, 0, a.length);
        hmac.update((byte) 0);
        hmac.update(b, 0, b.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
