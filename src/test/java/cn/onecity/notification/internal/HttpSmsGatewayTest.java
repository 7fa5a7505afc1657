package cn.onecity.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.onecity.notification.internal.SmsGateway.Kind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway contract, against a real HTTP server: signed JSON, and what each answer means. */
class HttpSmsGatewayTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T02:00:00Z"), ZoneOffset.UTC);

    final FakeSmsGateway fake = fakeGateway();

    static FakeSmsGateway fakeGateway() {
        try {
            return new FakeSmsGateway();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    HttpSmsGateway gateway(String url) {
        return new HttpSmsGateway(new SmsSettings(true, url, "网关密钥-test", "【一座城】", "跨市通办", 5, 10,
                java.time.Duration.ofSeconds(2)), JSON, CLOCK);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aMessageIsPostedAsJsonSignedWithHmacSm3OfTimestampAndBody() {
        SmsGateway.Outcome outcome = gateway(fake.url().toString()).send("ntf-sms-7", "13800000000", "【一座城】您的申请已受理");

        assertThat(outcome.kind()).isEqualTo(Kind.SENT);
        FakeSmsGateway.Request r = fake.requests.get(0);
        assertThat(r.timestamp()).isEqualTo("1796176800");
        assertThat(r.signature()).isEqualTo(HttpSmsGateway.signature("网关密钥-test", r.timestamp(), r.body()))
                .hasSize(64);
        assertThat(HttpSmsGateway.signature("另一个密钥", r.timestamp(), r.body())).isNotEqualTo(r.signature());
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("requestId").asString()).isEqualTo("ntf-sms-7");
        assertThat(body.get("phone").asString()).isEqualTo("13800000000");
        assertThat(body.get("text").asString()).isEqualTo("【一座城】您的申请已受理");
    }

    @Test
    void busyOrFailingGatewaysAreRetriedAndRefusalsAreFinal() {
        HttpSmsGateway gateway = gateway(fake.url().toString());
        fake.status = 500;
        assertThat(gateway.send("a", "13800000000", "x").kind()).isEqualTo(Kind.RETRY);
        fake.status = 429;
        assertThat(gateway.send("b", "13800000000", "x").kind()).isEqualTo(Kind.RETRY);
        fake.status = 400;
        SmsGateway.Outcome refused = gateway.send("c", "13800000000", "x");
        assertThat(refused.kind()).isEqualTo(Kind.REFUSED);
        assertThat(refused.detail()).contains("HTTP 400");
    }

    @Test
    void aGatewayOutOfReachIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(gateway("http://127.0.0.1:" + closedPort + "/sms").send("d", "13800000000", "x").kind())
                .isEqualTo(Kind.RETRY);
    }
}
