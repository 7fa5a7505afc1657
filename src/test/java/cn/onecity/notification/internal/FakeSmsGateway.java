package cn.onecity.notification.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * An SMS gateway for tests: a real HTTP server on a free local port that records each request and answers with the
 * status a test sets (200 by default), after an optional delay.
 */
final class FakeSmsGateway implements AutoCloseable {

    record Request(String timestamp, String signature, String body) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile long delayMillis;
    private final HttpServer server;

    FakeSmsGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sms", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestHeaders().getFirst(HttpSmsGateway.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(HttpSmsGateway.SIGNATURE), body));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = (status / 100 == 2 ? "{\"result\":\"ok\"}" : "{\"result\":\"error\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
