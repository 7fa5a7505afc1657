package cn.onecity.services.internal;

import java.time.Clock;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.onecity.shared.Times;

/**
 * Flowable reads time from the platform's {@link Clock}, so timers (超期督办) fire on the same clock as the
 * working-day limits, and tests that move the clock move the engine too. Bulk inserts are off (see below).
 */
@Configuration(proxyBeanMethods = false)
class FlowableClockConfig {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> platformClock(Clock clock) {
        return configuration -> {
            configuration.setClock(new PlatformClock(clock));
            // multi-row inserts are built as dynamic MyBatis SQL on every flush; the static per-entity statements
            // cost more round trips but less CPU, and intake is CPU-bound (docs/benchmarks.md: 91 → 114/s)
            configuration.setBulkInsertEnabled(false);
        };
    }

    static final class PlatformClock implements org.flowable.common.engine.impl.runtime.Clock {

        private final Clock clock;

        PlatformClock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Date getCurrentTime() {
            return Date.from(clock.instant());
        }

        @Override
        public Calendar getCurrentCalendar() {
            return getCurrentCalendar(TimeZone.getTimeZone(Times.ZONE));
        }

        @Override
        public Calendar getCurrentCalendar(TimeZone timeZone) {
            Calendar c = new GregorianCalendar(timeZone);
            c.setTime(getCurrentTime());
            return c;
        }

        @Override
        public TimeZone getCurrentTimeZone() {
            return TimeZone.getTimeZone(Times.ZONE);
        }

        @Override
        public void setCurrentTime(Date currentTime) {
            throw new UnsupportedOperationException("the platform clock is set through java.time.Clock");
        }

        @Override
        public void setCurrentCalendar(Calendar currentTime) {
            throw new UnsupportedOperationException("the platform clock is set through java.time.Clock");
        }

        @Override
        public void reset() {
            // nothing to reset: time comes from the platform clock
        }
    }
}
