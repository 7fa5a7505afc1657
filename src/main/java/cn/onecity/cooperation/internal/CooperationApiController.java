package cn.onecity.cooperation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemView;
import cn.onecity.cooperation.Milestone;
import cn.onecity.cooperation.ProgressReporting;
import cn.onecity.cooperation.ReportStatus;
import cn.onecity.cooperation.ReportView;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.PageResult;
import cn.onecity.shared.Times;

/** REST API of 协同督办 (HTTP Basic). Errors are problem+json with a Chinese detail and, for bad input, errors[]. */
@RestController
@RequestMapping("/api/v1/cooperation")
@PreAuthorize("hasAnyRole('JOINT_OFFICE','CITY_STAFF','ADMIN')")
@Tag(name = "协同督办", description = "合作事项、进展报告与审核")
class CooperationApiController {

    private final Cooperation cooperation;
    private final ProgressReporting reporting;
    private final Clock clock;

    CooperationApiController(Cooperation cooperation, ProgressReporting reporting, Clock clock) {
        this.cooperation = cooperation;
        this.reporting = reporting;
        this.clock = clock;
    }

    record ItemPage(List<ItemView> content, int page, int size, long totalElements, int totalPages) {
    }

    record ItemDetail(ItemView item, List<Milestone> milestones, List<ReportView> reports) {
    }

    record ReportResult(long id, ReportStatus status) {
    }

    record ReturnRequest(String reason) {
    }

    @GetMapping("/items")
    @Operation(summary = "合作事项列表（按数据范围，状态与预警灯按统计日期推算）")
    ItemPage items(CurrentUser user, @RequestParam(required = false) String meeting,
            @RequestParam(required = false) String area, @RequestParam(required = false) String city,
            @RequestParam(required = false) String department, @RequestParam(required = false) String status,
            @RequestParam(required = false) String light, @RequestParam(required = false) String q,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        FilterParams params = new FilterParams(meeting, area, city, department, status, light, q, asOf);
        ItemFilter filter = params.toFilter(null);
        PageResult<ItemView> result = cooperation.page(user.scope(), filter, params.asOfOr(today()),
                PageResult.page(page), PageResult.size(size));
        return new ItemPage(result.content(), result.page(), result.size(), result.totalElements(), result.totalPages());
    }

    @GetMapping("/items/{id}")
    @Operation(summary = "合作事项详情：里程碑、进展报告与佐证材料（数据范围外 403）")
    ItemDetail item(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String asOf) {
        LocalDate date = new FilterParams(null, null, null, null, null, null, null, asOf).asOfOr(today());
        ItemView item = cooperation.item(user.scope(), id, date);
        return new ItemDetail(item, cooperation.milestones(id), reporting.reports(user.scope(), id));
    }

    @PostMapping(path = "/items/{id}/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('CITY_STAFF')")
    @Operation(summary = "报送进展报告（multipart：content、percent、milestoneId、files；仅牵头或配合部门）")
    ReportResult submit(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String content,
            @RequestParam(required = false) String percent, @RequestParam(required = false) String milestoneId,
            @RequestParam(name = "files", required = false) List<MultipartFile> files) {
        int pct;
        try {
            pct = Integer.parseInt(percent == null ? "" : percent.strip());
        } catch (NumberFormatException e) {
            throw BusinessException.invalid("percent", "请填写 0 到 100 之间的整数完成百分比");
        }
        Long milestone = null;
        if (milestoneId != null && !milestoneId.isBlank()) {
            try {
                milestone = Long.valueOf(milestoneId.strip());
            } catch (NumberFormatException e) {
                throw BusinessException.invalid("milestoneId", "里程碑编号须为整数");
            }
        }
        long reportId = reporting.submitReport(user, id, content, pct, milestone, CooperationController.uploads(files));
        return new ReportResult(reportId, ReportStatus.SUBMITTED);
    }

    @PostMapping("/reports/{id}/accept")
    @PreAuthorize("hasRole('JOINT_OFFICE')")
    @Operation(summary = "通过进展报告（一体化办）")
    ReportResult accept(CurrentUser user, @PathVariable long id) {
        reporting.accept(user, id);
        return new ReportResult(id, ReportStatus.ACCEPTED);
    }

    @PostMapping("/reports/{id}/return")
    @PreAuthorize("hasRole('JOINT_OFFICE')")
    @Operation(summary = "退回进展报告并说明理由（一体化办），请求体 {\"reason\": \"…\"}")
    ReportResult returnReport(CurrentUser user, @PathVariable long id, @RequestBody(required = false) ReturnRequest body) {
        reporting.returnReport(user, id, body == null ? null : body.reason());
        return new ReportResult(id, ReportStatus.RETURNED);
    }

    @GetMapping("/reviews")
    @PreAuthorize("hasRole('JOINT_OFFICE')")
    @Operation(summary = "待审核的进展报告（一体化办）")
    Map<String, Object> reviews(CurrentUser user) {
        List<ReportView> pending = reporting.pendingReviews(user.scope());
        return Map.of("content", pending, "totalElements", pending.size());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }
}
