package cn.onecity.cooperation.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.onecity.cooperation.ProgressSummary;
import cn.onecity.cooperation.ProgressSummary.Summary;

/** The generated progress report (进展报告): page and Word download. */
@Controller
@PreAuthorize("hasAnyRole('JOINT_OFFICE','CITY_STAFF','ADMIN')")
class SummaryController {

    static final String VIEW = "cooperation/summary";
    static final MediaType DOCX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private final ProgressSummary summaries;
    private final Clock clock;

    SummaryController(ProgressSummary summaries, Clock clock) {
        this.summaries = summaries;
        this.clock = clock;
    }

    @GetMapping("/cooperation/summary")
    String summary(@RequestParam(required = false) String meeting, @RequestParam(required = false) String asOf,
            Model model) {
        LocalDate date = SummaryParams.asOf(asOf, clock);
        model.addAttribute("meetings", summaries.meetings());
        if (summaries.newestMeeting().isEmpty() && (meeting == null || meeting.isBlank())) {
            model.addAttribute("asOf", date);
            return VIEW;
        }
        Summary s = summaries.summary(SummaryParams.meeting(meeting, summaries), date);
        model.addAttribute("summary", s);
        model.addAttribute("asOf", date);
        return VIEW;
    }

    @GetMapping("/cooperation/summary.docx")
    ResponseEntity<byte[]> docx(@RequestParam(required = false) String meeting,
            @RequestParam(required = false) String asOf) {
        LocalDate date = SummaryParams.asOf(asOf, clock);
        Summary s = summaries.summary(SummaryParams.meeting(meeting, summaries), date);
        String filename = "第" + s.meeting() + "届联席会议推进情况（截至" + s.asOf() + "）.docx";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        Downloads.attachment("summary-" + s.meeting() + "-" + s.asOf() + ".docx", filename))
                .contentType(DOCX)
                .body(SummaryDocument.write(s));
    }
}
