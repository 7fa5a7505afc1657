package cn.onecity.cooperation.internal;

import java.time.Clock;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.cooperation.ProgressSummary;
import cn.onecity.cooperation.ProgressSummary.Summary;

/** {@code GET /api/v1/cooperation/summary}: the generated progress report as JSON. */
@RestController
@PreAuthorize("hasAnyRole('JOINT_OFFICE','CITY_STAFF','ADMIN')")
class SummaryApiController {

    private final ProgressSummary summaries;
    private final Clock clock;

    SummaryApiController(ProgressSummary summaries, Clock clock) {
        this.summaries = summaries;
        this.clock = clock;
    }

    /** Defaults: the newest meeting, today. Unknown meeting → 404; a malformed date → 400 (problem+json). */
    @GetMapping("/api/v1/cooperation/summary")
    Summary summary(@RequestParam(required = false) String meeting, @RequestParam(required = false) String asOf) {
        return summaries.summary(SummaryParams.meeting(meeting, summaries), SummaryParams.asOf(asOf, clock));
    }
}
