package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.onecity.healthcard.offline.HealthCodes;
import cn.onecity.healthcard.offline.OfflineVerifier;
import cn.onecity.healthcard.offline.Revocations;
import cn.onecity.healthcard.offline.TrustedKey;
import cn.onecity.healthcard.offline.Verification;
import cn.onecity.healthcard.offline.Verification.Reason;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.ForbiddenException;

class SigningKeysTest {

    static final String CARD = "ab".repeat(32);

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T04:00:00Z"));

    SigningKeys keys() {
        return new SigningKeys(dir, Duration.ofMinutes(5), clock);
    }

    @Test
    void firstStartGeneratesAKeyFileAndSignsVerifiableCodes() throws Exception {
        SigningKeys keys = keys();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(keys.currentKeyId() + ".key");
        }
        String payload = keys.sign(CARD);
        assertThat(payload).startsWith("EHC1:").hasSizeLessThan(HealthCodes.MAX_PAYLOAD_CHARS);

        Verification v = keys.verifier(Revocations.none()).verify(payload, clock.instant());
        assertThat(v.reason()).isEqualTo(Reason.OK);
        assertThat(v.keyId()).isEqualTo(keys.currentKeyId());
        assertThat(v.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void thePlatformsVerifierIsKeptUntilARotationAndThenTrustsTheNewKey() {
        SigningKeys keys = keys();
        OfflineVerifier verifier = keys.verifier();
        assertThat(keys.verifier()).isSameAs(verifier);
        keys.rotate();
        assertThat(keys.verifier()).isNotSameAs(verifier);
        assertThat(keys.verifier().verify(keys.sign(CARD), clock.instant()).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void onlyAnAdministratorRotatesTheKeys() {
        SigningKeys keys = keys();
        String before = keys.currentKeyId();
        for (CurrentUser other : List.of(user(Role.JOINT_OFFICE), user(Role.HOSPITAL_STAFF))) {
            assertThatThrownBy(() -> keys.rotate(other)).isInstanceOf(ForbiddenException.class)
                    .hasMessage("仅系统管理员可以轮换签名密钥");
        }
        assertThatThrownBy(() -> keys.rotate(null)).isInstanceOf(ForbiddenException.class);
        assertThat(keys.currentKeyId()).isEqualTo(before);
        assertThat(keys.rotate(user(Role.ADMIN))).isNotEqualTo(before).isEqualTo(keys.currentKeyId());
    }

    static CurrentUser user(Role role) {
        return new CurrentUser(1, role.name().toLowerCase(), "测试", role, 1, "测试机构", "430100", null);
    }

    @Test
    void theTrustListIsTheSameInstanceUntilARotationSoVerifiersBuiltOverItCanBeKept() {
        SigningKeys keys = keys();
        List<TrustedKey> list = keys.trustList();
        assertThat(keys.trustList()).isSameAs(list);
        keys.rotate();
        assertThat(keys.trustList()).isNotSameAs(list).hasSize(list.size() + 1);
        assertThat(keys.trustList()).isSameAs(keys.trustList());
    }

    @Test
    void aSecondInstanceOverTheSameDirectoryUsesTheSameKeys() {
        SigningKeys first = keys();
        first.rotate();
        SigningKeys second = keys();

        assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
        assertThat(second.trustList()).containsExactlyElementsOf(first.trustList());
        assertThat(first.verifier(Revocations.none()).verify(second.sign(CARD), clock.instant()).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void afterRotationNewCodesCarryTheNewKeyAndOldCodesStayValidUntilTheyExpire() {
        SigningKeys keys = keys();
        String oldKey = keys.currentKeyId();
        String oldCode = keys.sign(CARD);

        clock.advance(Duration.ofSeconds(10));
        String newKey = keys.rotate();
        String newCode = keys.sign(CARD);
        OfflineVerifier verifier = keys.verifier(Revocations.none());

        assertThat(newKey).isNotEqualTo(oldKey).isEqualTo(keys.currentKeyId());
        assertThat(keys.trustList()).extracting(TrustedKey::keyId).containsExactlyInAnyOrder(oldKey, newKey);
        Verification newer = verifier.verify(newCode, clock.instant());
        assertThat(newer.reason()).isEqualTo(Reason.OK);
        assertThat(newer.keyId()).isEqualTo(newKey);
        Verification older = verifier.verify(oldCode, clock.instant());
        assertThat(older.reason()).isEqualTo(Reason.OK);
        assertThat(older.keyId()).isEqualTo(oldKey);

        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(oldCode, clock.instant()).reason()).isEqualTo(Reason.EXPIRED);
        assertThat(verifier.verify(keys.sign(CARD), clock.instant()).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void aRetiredKeyIsNoLongerTrustedForCodesIssuedAfterItsValidity() {
        SigningKeys keys = keys();
        String oldKey = keys.currentKeyId();
        clock.advance(Duration.ofSeconds(10));
        keys.rotate();
        TrustedKey retired = keys.trustList().stream().filter(k -> k.keyId().equals(oldKey)).findFirst().orElseThrow();

        assertThat(retired.validTo()).isEqualTo(clock.instant().plusSeconds(1));
        assertThat(retired.covers(clock.instant().plusSeconds(5))).isFalse();
    }

    @Test
    void aCodeSignedWithAKeyThatAnotherInstanceJustRotatedInIsVerifiedAfterReadingTheDirectoryAgain() {
        SigningKeys here = keys();
        SigningKeys there = keys();
        there.rotate();
        String payload = there.sign(CARD);

        assertThat(here.verifier().verify(payload, clock.instant()).reason()).isEqualTo(Reason.UNKNOWN_KEY);
        assertThat(here.verify(payload, clock.instant()).reason()).isEqualTo(Reason.OK);
        assertThat(here.currentKeyId()).isEqualTo(there.currentKeyId());
    }

    @Test
    void codesOfUnknownKeysMakeTheRingReadTheDirectoryAtMostOncePerInterval(@TempDir Path elsewhere) {
        SigningKeys here = keys();
        SigningKeys there = keys();
        String foreign = new SigningKeys(elsewhere, Duration.ofMinutes(5), clock).sign(CARD);
        assertThat(here.verify(foreign, clock.instant()).reason()).isEqualTo(Reason.UNKNOWN_KEY); // read once

        there.rotate();
        String payload = there.sign(CARD);
        assertThat(here.verify(payload, clock.instant()).reason()).as("within the interval").isEqualTo(Reason.UNKNOWN_KEY);

        clock.advance(SigningKeys.UNKNOWN_KEY_RELOAD_INTERVAL);
        assertThat(here.verify(payload, clock.instant()).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void aKeyThatRanOutIsReplacedOnceThoughTwoInstancesSignAfterwards() throws Exception {
        SigningKeys first = keys();
        SigningKeys second = keys();
        clock.advance(SigningKeys.KEY_LIFETIME.plusDays(1));

        String one = first.sign(CARD);
        String two = second.sign(CARD);

        assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(2);
        }
        assertThat(second.verify(one, clock.instant()).reason()).isEqualTo(Reason.OK);
        assertThat(first.verify(two, clock.instant()).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void codeValidityIsConfigurable() {
        SigningKeys keys = new SigningKeys(dir, Duration.ofMinutes(2), clock);
        Verification v = keys.verifier(Revocations.none()).verify(keys.sign(CARD), clock.instant());
        assertThat(v.expiresAt()).isEqualTo(v.issuedAt().plus(Duration.ofMinutes(2)));
    }
}
