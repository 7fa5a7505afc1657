package cn.onecity.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import cn.onecity.OneCityApplication;
import cn.onecity.shared.FromCluster;

/**
 * Two instances of the platform in this JVM, as a cluster ({@code onecity.cluster.enabled}): one database (the
 * test database, or a shared in-memory H2), one key directory, one RabbitMQ broker on 127.0.0.1:5672. Instance
 * {@code a} reaches the broker through a {@link TcpProxy} that a test can cut off. Each instance takes its own
 * extra arguments ({@code --name=value}).
 */
final class TwoInstances implements AutoCloseable {

    static final int BROKER_PORT = 5672;

    final TcpProxy brokerOfA;
    final ConfigurableApplicationContext a;
    final ConfigurableApplicationContext b;

    TwoInstances(List<Object> receivedByA, List<Object> receivedByB, List<String> argsOfA, List<String> argsOfB)
            throws IOException {
        String database = System.getenv().getOrDefault("ONECITY_TEST_DB_URL",
                "jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Path keys = Files.createTempDirectory("onecity-cluster-keys");
        brokerOfA = new TcpProxy(BROKER_PORT);
        a = instance(database, keys, receivedByA, Stream.concat(Stream.of("--spring.rabbitmq.port=" + brokerOfA.port()),
                argsOfA.stream()).toArray(String[]::new));
        try {
            b = instance(database, keys, receivedByB, argsOfB.toArray(String[]::new));
        } catch (RuntimeException e) {
            a.close();
            brokerOfA.close();
            throw e;
        }
    }

    /** Whether RabbitMQ answers on its port; {@code ONECITY_TEST_RABBITMQ=required} makes its absence a failure. */
    static boolean brokerRequiredOrReachable() {
        if ("required".equalsIgnoreCase(System.getenv("ONECITY_TEST_RABBITMQ"))) {
            return true;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", BROKER_PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ConfigurableApplicationContext instance(String database, Path keyDir, List<Object> received,
            String... more) {
        ApplicationListener<ApplicationEvent> probe = event -> {
            if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof FromCluster<?> f) {
                received.add(f.event());
            }
        };
        return new SpringApplicationBuilder(OneCityApplication.class)
                .profiles("test")
                .listeners(probe)
                // arguments, not default properties: they must win over application.yml
                .run(Stream.concat(Stream.of("--server.port=0",
                        "--spring.datasource.url=" + database,
                        "--onecity.cluster.enabled=true",
                        "--onecity.healthcard.key-dir=" + keyDir), Stream.of(more)).toArray(String[]::new));
    }

    @Override
    public void close() throws IOException {
        b.close();
        a.close();
        brokerOfA.close();
    }
}
