package cn.onecity.web.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.onecity.shared.OneCityProperties;

/** Prints the URL to open once the server listens. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final OneCityProperties properties;

    StartupBanner(OneCityProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void onStarted(WebServerInitializedEvent event) {
        log.info("OneCity is running at http://localhost:{}  (data directory: {}, demo data: {})",
                event.getWebServer().getPort(), properties.dataDir().toAbsolutePath().normalize(),
                properties.demo().enabled() ? "on" : "off");
    }
}
