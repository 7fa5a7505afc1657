package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onecity.healthcard.offline.Revocations;
import cn.onecity.healthcard.offline.Verification;
import cn.onecity.services.ServicesIntegrationTest;

/** The key ring and card ids are wired from the application's configuration (default validity 5 minutes). */
@ServicesIntegrationTest
class HealthCardKeysIntegrationTest {

    @Autowired
    SigningKeys keys;

    @Autowired
    CardIds cardIds;

    @Autowired
    Clock clock;

    @Test
    void theApplicationSignsCodesThatItsTrustListVerifies() {
        String cardId = cardIds.idOf("430302199001011235");

        Verification v = keys.verifier(Revocations.none()).verify(keys.sign(cardId), clock.instant());

        assertThat(keys.codeValidity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(v.reason()).isEqualTo(Verification.Reason.OK);
        assertThat(v.cardId()).isEqualTo(cardId);
        assertThat(v.keyId()).isEqualTo(keys.currentKeyId());
    }
}
