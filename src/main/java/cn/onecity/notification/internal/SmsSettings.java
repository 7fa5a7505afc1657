package cn.onecity.notification.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code onecity.notification.sms.*}: whether SMS are sent, where, and for which categories of in-app message.
 * Enabled only with a gateway URL and secret; off by default (the embedded platform has no gateway).
 */
@Component
class SmsSettings {

    private final boolean enabled;
    private final URI url;
    private final String secret;
    private final String signature;
    private final List<String> categories;
    private final int maxAttempts;
    private final int maxPerHour;
    private final Duration timeout;

    SmsSettings(@Value("${onecity.notification.sms.enabled:false}") boolean enabled,
            @Value("${onecity.notification.sms.url:}") String url,
            @Value("${onecity.notification.sms.secret:}") String secret,
            @Value("${onecity.notification.sms.signature:【一座城】}") String signature,
            @Value("${onecity.notification.sms.categories:跨市通办}") String categories,
            @Value("${onecity.notification.sms.max-attempts:5}") int maxAttempts,
            @Value("${onecity.notification.sms.max-per-hour:10}") int maxPerHour,
            @Value("${onecity.notification.sms.timeout:PT5S}") Duration timeout) {
        if (enabled && (url.isBlank() || secret.isBlank())) {
            throw new IllegalStateException("onecity.notification.sms.enabled needs onecity.notification.sms.url and .secret");
        }
        this.enabled = enabled;
        this.url = url.isBlank() ? null : URI.create(url.strip());
        this.secret = secret;
        this.signature = signature;
        this.categories = Arrays.stream(categories.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        this.maxAttempts = Math.max(1, maxAttempts);
        this.maxPerHour = Math.max(1, maxPerHour);
        this.timeout = timeout;
    }

    boolean enabled() {
        return enabled;
    }

    /** The categories of in-app message that are also sent as SMS. */
    List<String> categories() {
        return categories;
    }

    /** Whether an in-app message of this category to an account is also sent as an SMS. */
    boolean sends(String category) {
        return enabled && categories.contains(category);
    }

    URI url() {
        return url;
    }

    String secret() {
        return secret;
    }

    String signature() {
        return signature;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** The most SMS one account is sent in an hour; more are recorded as not sent. */
    int maxPerHour() {
        return maxPerHour;
    }

    Duration timeout() {
        return timeout;
    }
}
