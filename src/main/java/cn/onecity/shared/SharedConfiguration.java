package cn.onecity.shared;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OneCityProperties.class)
class SharedConfiguration {

    /**
     * All dates of the platform are Beijing time; inject the clock so that tests can move it (and demo data can be
     * dated in the past, see {@link ReplayableClock}).
     */
    @Bean
    Clock clock(@Value("${onecity.demo.enabled:false}") boolean demo) {
        return new ReplayableClock(Times.ZONE, demo);
    }
}
