package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import cn.onecity.healthcard.offline.OfflineVerifier;
import cn.onecity.healthcard.offline.Revocations;
import cn.onecity.healthcard.offline.TrustLists;
import cn.onecity.healthcard.offline.TrustedKey;
import cn.onecity.healthcard.offline.Verification;
import cn.onecity.services.ServicesIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A hospital fetches the trust list without signing in, checks its signature, and verifies a code with it. */
@ServicesIntegrationTest
class TrustListApiIntegrationTest {

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired SigningKeys keys;
    @Autowired CardIds cardIds;
    @Autowired Clock clock;

    @Test
    void theTrustListIsPublicSignedAndVerifiesTheCodesThePlatformIssues() throws Exception {
        JsonNode list = json.readTree(mvc.perform(get("/api/v1/healthcard/trust-list")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        String document = list.get("document").asString();
        String signature = list.get("signature").asString();
        TrustedKey signer = keys.trustList().stream().filter(k -> k.keyId().equals(list.get("signedBy").asString()))
                .findFirst().orElseThrow();

        List<TrustedKey> trusted = TrustLists.verify(document, signature, signer).orElseThrow();
        assertThat(trusted).extracting(TrustedKey::keyId).contains(keys.currentKeyId());
        assertThat(list.get("keys")).hasSize(trusted.size());

        String cardId = cardIds.idOf("430302199001011235");
        Verification v = new OfflineVerifier(trusted, Revocations.none()).verify(keys.sign(cardId), clock.instant());
        assertThat(v.reason()).isEqualTo(Verification.Reason.OK);

        // a changed document or a signature by another key is refused
        assertThat(TrustLists.verify(document.replace("key ", "key x"), signature, signer)).isEmpty();
        assertThat(TrustLists.verify(document, signature.substring(0, signature.length() - 4) + "AAAA", signer)).isEmpty();
        assertThat(TrustLists.verify("garbage", "!!", signer)).isEmpty();
    }
}
