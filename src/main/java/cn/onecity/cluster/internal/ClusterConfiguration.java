package cn.onecity.cluster.internal;

import java.util.UUID;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RabbitMQ topology of a cluster: one durable fanout exchange, {@value #EXCHANGE}, and per instance a queue of
 * its own (named after the instance, exclusive, deleted with the instance's connection) bound to it. An instance that was down
 * misses what was sent meanwhile, and needs nothing of it: it rebuilds its search index and caches at start-up.
 * Connection settings are Spring Boot's {@code spring.rabbitmq.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "onecity.cluster", name = "enabled", havingValue = "true")
class ClusterConfiguration {

    static final String EXCHANGE = "onecity.cluster";

    /** Names this instance's queue, and the sender of its messages in their headers (for diagnosis). */
    @Bean
    ClusterInstance clusterInstance() {
        return new ClusterInstance(UUID.randomUUID().toString());
    }

    @Bean
    FanoutExchange clusterExchange() {
        return new FanoutExchange(EXCHANGE, true, false);
    }

    /** A plain classic queue: Spring AMQP's AnonymousQueue asks for a leader locator that RabbitMQ 3.x refuses. */
    @Bean
    Queue clusterQueue(ClusterInstance instance) {
        return new Queue(EXCHANGE + "." + instance.id(), false, true, true);
    }

    @Bean
    Binding clusterBinding(Queue clusterQueue, FanoutExchange clusterExchange) {
        return BindingBuilder.bind(clusterQueue).to(clusterExchange);
    }

    record ClusterInstance(String id) {
    }
}
