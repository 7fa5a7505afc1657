package cn.onecity.services.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.onecity.services.Ratings;
import cn.onecity.shared.Times;

/** Every morning: 差评整改 still open after their 15 working days are escalated (see {@link Ratings#escalateOverdue}). */
@Component
class RectificationJob {

    private static final Logger log = LoggerFactory.getLogger(RectificationJob.class);

    private final Ratings ratings;
    private final Clock clock;

    RectificationJob(Ratings ratings, Clock clock) {
        this.ratings = ratings;
        this.clock = clock;
    }

    @Scheduled(cron = "0 10 8 * * *", zone = "Asia/Shanghai")
    void daily() {
        int n = ratings.escalateOverdue(LocalDate.now(clock.withZone(Times.ZONE)));
        log.info("services: {} overdue rectification(s) escalated", n);
    }
}
