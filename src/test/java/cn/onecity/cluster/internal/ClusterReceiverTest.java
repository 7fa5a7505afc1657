package cn.onecity.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import cn.onecity.healthcard.SigningKeysRotated;
import cn.onecity.search.SearchEntryChanged;
import cn.onecity.shared.FromCluster;
import tools.jackson.databind.json.JsonMapper;

/** A message names the class it is read as: only the platform's cluster events are ever instantiated. */
class ClusterReceiverTest {

    final List<Object> published = new ArrayList<>();
    int failuresToCome;

    final ClusterReceiver receiver = new ClusterReceiver(JsonMapper.builder().build(), event -> {
        published.add(event);
        if (failuresToCome-- > 0) {
            throw new IllegalStateException("database out of reach");
        }
    });

    static Message message(String type, String json) {
        MessageProperties properties = new MessageProperties();
        properties.setHeader(ClusterBroadcaster.TYPE_HEADER, type);
        properties.setHeader(ClusterBroadcaster.ORIGIN_HEADER, "another-instance");
        return new Message(json.getBytes(StandardCharsets.UTF_8), properties);
    }

    @Test
    void aMessageIsPublishedHereAsAnEventFromTheCluster() {
        receiver.receive(message(SearchEntryChanged.class.getName(), "{\"collection\":\"industry.enterprise\",\"id\":\"7\"}"));

        assertThat(published).containsExactly(new FromCluster<>(new SearchEntryChanged("industry.enterprise", "7")));
    }

    @Test
    void anEventWhoseListenersFailIsPublishedAgainAFewTimesThenDropped() {
        failuresToCome = 1;
        receiver.receive(message(SigningKeysRotated.class.getName(), "{\"keyId\":\"ehc-1\"}"));
        assertThat(published).hasSize(2);

        published.clear();
        failuresToCome = Integer.MAX_VALUE;
        receiver.receive(message(SigningKeysRotated.class.getName(), "{\"keyId\":\"ehc-2\"}"));
        assertThat(published).hasSize(1 + ClusterReceiver.RETRY_DELAYS.size());
    }

    @Test
    void anUnreadableOrUnknownMessageIsDropped() {
        receiver.receive(message(SearchEntryChanged.class.getName(), "{not json"));
        receiver.receive(message("java.lang.ProcessBuilder", "{}"));

        assertThat(published).isEmpty();
    }

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
