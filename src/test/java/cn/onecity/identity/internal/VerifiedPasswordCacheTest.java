package cn.onecity.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordCacheTest {

    /** Counts how often the expensive comparison really runs. */
    static final class CountingEncoder implements PasswordEncoder {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return "{plain}" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return encoded.equals("{plain}" + raw);
        }
    }

    @Test
    void aVerifiedPasswordIsNotVerifiedAgainWhileRemembered() {
        CountingEncoder real = new CountingEncoder();
        VerifiedPasswordCache cache = new VerifiedPasswordCache(real);
        String hash = cache.encode("secret123");
        assertThat(cache.matches("secret123", hash)).isTrue();
        assertThat(cache.matches("secret123", hash)).isTrue();
        assertThat(real.checks.get()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndNeverRemembered() {
        CountingEncoder real = new CountingEncoder();
        VerifiedPasswordCache cache = new VerifiedPasswordCache(real);
        String hash = cache.encode("secret123");
        assertThat(cache.matches("wrong1234", hash)).isFalse();
        assertThat(cache.matches("wrong1234", hash)).isFalse();
        assertThat(real.checks.get()).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aChangedPasswordHashInvalidatesWhatWasRemembered() {
        CountingEncoder real = new CountingEncoder();
        VerifiedPasswordCache cache = new VerifiedPasswordCache(real);
        assertThat(cache.matches("secret123", "{plain}secret123")).isTrue();
        // the account's password was reset: the old password no longer matches the new hash
        assertThat(cache.matches("secret123", "{plain}newpass456")).isFalse();
        assertThat(real.checks.get()).isEqualTo(2);
    }
}
