package cn.onecity.cluster.internal;

import java.time.Duration;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import cn.onecity.cluster.internal.ClusterConfiguration.ClusterInstance;
import cn.onecity.shared.ClusterEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends every {@link ClusterEvent} to every instance once its transaction has committed.
 * <p>
 * It listens as an application module listener does (asynchronously, after commit), so an event published in a
 * transaction is recorded in the event publication registry with it, and marked complete only when the broker has
 * confirmed the message (publisher confirms). A failed send (broker unreachable, no confirm within
 * {@link #CONFIRM_TIMEOUT}) leaves the publication failed, and {@link #resendFailed()} tries it again; an instance
 * that crashed before sending sends at its restart ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 * An event published outside a transaction (a failed sign-in, which counts with one statement) is sent at once, and
 * has no such record.
 */
@Component
@ConditionalOnProperty(prefix = "onecity.cluster", name = "enabled", havingValue = "true")
class ClusterBroadcaster {

    static final String TYPE_HEADER = "onecity-event-type";
    static final String ORIGIN_HEADER = "onecity-origin";
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final ClusterInstance instance;
    private final FailedEventPublications failed;
    /** Failed sends at least this old are tried again ({@code onecity.cluster.resend-after}). */
    private final Duration resendAfter;

    ClusterBroadcaster(RabbitTemplate rabbit, JsonMapper json, ClusterInstance instance, FailedEventPublications failed,
            @Value("${onecity.cluster.resend-after:PT10S}") Duration resendAfter) {
        this.rabbit = rabbit;
        this.json = json;
        this.instance = instance;
        this.failed = failed;
        this.resendAfter = resendAfter;
    }

    /**
     * Not transactional, unlike an application module listener: it uses no database, and must not hold a connection
     * while it waits for the broker's confirm.
     */
    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void on(ClusterEvent event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT); // only running instances need it
        properties.setHeader(TYPE_HEADER, event.getClass().getName());
        properties.setHeader(ORIGIN_HEADER, instance.id());
        Message message = new Message(json.writeValueAsBytes(event), properties);
        rabbit.invoke(channel -> {
            channel.send(ClusterConfiguration.EXCHANGE, "", message);
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
            return null;
        });
    }

    /**
     * Sends again what could not be sent (only cluster events: other listeners' failures are theirs to handle). The
     * registry is shared, so this resends any instance's failed sends, which is why every instance, the sending one
     * included, applies every message.
     */
    @Scheduled(fixedDelayString = "${onecity.cluster.resend-interval:PT30S}", initialDelayString = "${onecity.cluster.resend-interval:PT30S}")
    void resendFailed() {
        failed.resubmit(ResubmissionOptions.defaults()
                .withMinAge(resendAfter)
                .withFilter(publication -> publication.getEvent() instanceof ClusterEvent));
    }
}
