package cn.onecity.notification.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The SMS gateway contract of the platform: {@code POST <onecity.notification.sms.url>} with
 * <pre>
 * Content-Type: application/json
 * X-OneCity-Timestamp: &lt;Unix seconds&gt;
 * X-OneCity-Signature: &lt;hex HMAC-SM3 under onecity.notification.sms.secret of "timestamp\nbody"&gt;
 *
 * {"requestId":"ntf-sms-42","phone":"13800000000","text":"【一座城】…"}
 * </pre>
 * A 2xx answer means sent. 429 and 5xx, a timeout or no connection mean try again later; any other 4xx means the
 * message is refused for good.
 */
@Component
class HttpSmsGateway implements SmsGateway {

    static final String TIMESTAMP = "X-OneCity-Timestamp";
    static final String SIGNATURE = "X-OneCity-Signature";

    private final SmsSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;

    HttpSmsGateway(SmsSettings settings, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public Outcome send(String requestId, String phone, String text) {
        String body = json.writeValueAsString(Map.of("requestId", requestId, "phone", phone, "text", text));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, signature(settings.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status / 100 == 2) {
                return Outcome.sent();
            }
            String detail = "短信网关返回 HTTP " + status + abbreviate(response.body());
            return new Outcome(status == 429 || status >= 500 ? Kind.RETRY : Kind.REFUSED, detail);
        } catch (IOException e) {
            return new Outcome(Kind.RETRY, "短信网关无法连接：" + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Kind.RETRY, "发送被中断");
        }
    }

    /** Hex HMAC-SM3 of {@code timestamp + "\n" + body}: what the gateway recomputes to check a request. */
    static String signature(String secret, String timestamp, String body) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(secret.getBytes(StandardCharsets.UTF_8)));
        byte[] data = (timestamp + "\n" + body).getBytes(StandardCharsets.UTF_8);
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return "：" + SmsOutbox.abbreviate(body.strip(), 120);
    }
}
