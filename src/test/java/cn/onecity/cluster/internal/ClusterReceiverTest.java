package cn.onecity.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.onecity.healthcard.SigningKeysRotated;
import cn.onecity.search.SearchEntryChanged;

/** A message names the class it is read as: only the platform's cluster events are ever instantiated. */
class ClusterReceiverTest {

    @Test
    void theClusterEventsOfThePlatformAreRead() {
        assertThat(ClusterReceiver.eventType(SearchEntryChanged.class.getName())).isEqualTo(SearchEntryChanged.class);
        assertThat(ClusterReceiver.eventType(SigningKeysRotated.class.getName())).isEqualTo(SigningKeysRotated.class);
    }

    @Test
    void anyOtherClassIsRefused() {
        assertThat(ClusterReceiver.eventType(null)).isNull();
        assertThat(ClusterReceiver.eventType("java.lang.ProcessBuilder")).isNull();
        assertThat(ClusterReceiver.eventType("cn.onecity.shared.ClusterEvent")).as("the interface itself").isNull();
        assertThat(ClusterReceiver.eventType("cn.onecity.search.SearchIndex")).as("not a cluster event").isNull();
        assertThat(ClusterReceiver.eventType("cn.onecity.NoSuchEvent")).isNull();
    }
}
