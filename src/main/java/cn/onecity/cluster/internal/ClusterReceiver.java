package cn.onecity.cluster.internal;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import cn.onecity.shared.ClusterEvent;
import cn.onecity.shared.FromCluster;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the {@link ClusterEvent}s of the cluster here, as {@link FromCluster}: those of this instance too, as
 * any instance may be the one that sends an event (a failed send is resent by whichever instance retries first),
 * and applying one is a harmless refresh. Ignores any message that does not name a cluster event class of the
 * platform (nothing else is ever instantiated from a message). When a listener fails (the database briefly out of
 * reach), the event is published again after {@link #RETRY_DELAYS}; after that it is logged and dropped rather than
 * redelivered for ever: every listener re-reads the state it refreshes, so the next event or a restart puts it
 * right.
 */
@Component
@ConditionalOnProperty(prefix = "onecity.cluster", name = "enabled", havingValue = "true")
class ClusterReceiver {

    private static final Logger log = LoggerFactory.getLogger(ClusterReceiver.class);

    /** The waits before publishing an event again whose listeners failed. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMillis(200), Duration.ofSeconds(1));

    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    ClusterReceiver(JsonMapper json, ApplicationEventPublisher events) {
        this.json = json;
        this.events = events;
    }

    @RabbitListener(queues = "#{clusterQueue.name}")
    void receive(Message message) {
        Object origin = message.getMessageProperties().getHeaders().get(ClusterBroadcaster.ORIGIN_HEADER);
        Object type = message.getMessageProperties().getHeaders().get(ClusterBroadcaster.TYPE_HEADER);
        Class<? extends ClusterEvent> eventType = eventType(type == null ? null : type.toString());
        if (eventType == null) {
            log.warn("Ignored a cluster message of unknown type {} from {}", type, origin);
            return;
        }
        ClusterEvent event;
        try {
            event = json.readValue(message.getBody(), eventType);
        } catch (RuntimeException e) {
            log.warn("Ignored an unreadable {} from instance {}", eventType.getSimpleName(), origin, e);
            return;
        }
        for (int attempt = 0;; attempt++) {
            try {
                events.publishEvent(new FromCluster<>(event));
                return;
            } catch (RuntimeException e) {
                if (attempt >= RETRY_DELAYS.size()) {
                    log.error("Could not apply {} from instance {}", event, origin, e);
                    return;
                }
                log.warn("Could not apply {} from instance {} yet: {}", event, origin, e.toString());
                try {
                    Thread.sleep(RETRY_DELAYS.get(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The class a message names, if it is one of the platform's cluster events; null otherwise. */
    static Class<? extends ClusterEvent> eventType(String name) {
        if (name == null || !name.startsWith("cn.onecity.")) {
            return null;
        }
        try {
            Class<?> type = ClassUtils.forName(name, ClusterReceiver.class.getClassLoader());
            return ClusterEvent.class.isAssignableFrom(type) && !type.isInterface()
                    ? type.asSubclass(ClusterEvent.class) : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
