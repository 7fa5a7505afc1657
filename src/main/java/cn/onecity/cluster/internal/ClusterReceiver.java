package cn.onecity.cluster.internal;

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
 * platform (nothing else is ever instantiated from a message). A listener that fails is logged; the message is not
 * redelivered, as every listener re-reads the state it refreshes and the next event or restart puts it right.
 */
@Component
@ConditionalOnProperty(prefix = "onecity.cluster", name = "enabled", havingValue = "true")
class ClusterReceiver {

    private static final Logger log = LoggerFactory.getLogger(ClusterReceiver.class);

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
        try {
            ClusterEvent event = json.readValue(message.getBody(), eventType);
            events.publishEvent(new FromCluster<>(event));
        } catch (RuntimeException e) {
            log.error("Could not apply {} from instance {}", eventType.getSimpleName(), origin, e);
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
