package cn.onecity.cooperation.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.EvidenceFile;
import cn.onecity.cooperation.FileUpload;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemStatus;
import cn.onecity.cooperation.ItemView;
import cn.onecity.cooperation.Light;
import cn.onecity.cooperation.Meeting;
import cn.onecity.cooperation.Milestone;
import cn.onecity.cooperation.ProgressReporting;
import cn.onecity.cooperation.ReportView;
import cn.onecity.cooperation.StatusRules;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.region.Region;
import cn.onecity.region.WorkingCalendar;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.PageResult;
import cn.onecity.shared.Times;

/** Pages of 协同督办: the joint-office overview, an item with its reports, and the review queue. */
@Controller
@PreAuthorize("hasAnyRole('JOINT_OFFICE','CITY_STAFF','ADMIN')")
class CooperationController {

    static final String VIEW_OVERVIEW = "cooperation/overview";
    static final String VIEW_ITEM = "cooperation/item";
    static final String VIEW_REVIEWS = "cooperation/reviews";
    static final int PAGE_SIZE = 20;

    private final Cooperation cooperation;
    private final ProgressReporting reporting;
    private final Region region;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<cn.onecity.cooperation.ItemProgressContributor> contributors;

    CooperationController(Cooperation cooperation, ProgressReporting reporting, Region region,
            WorkingCalendar calendar, Clock clock,
            org.springframework.beans.factory.ObjectProvider<cn.onecity.cooperation.ItemProgressContributor> contributors) {
        this.contributors = contributors;
        this.cooperation = cooperation;
        this.reporting = reporting;
        this.region = region;
        this.calendar = calendar;
        this.clock = clock;
    }

    @InitBinder("form")
    void initBinder(WebDataBinder binder) {
        binder.setDisallowedFields("id", "itemId", "files");
    }

    /** The report form as typed; the module checks every rule again. */
    record ReportForm(
            @NotBlank(message = "请填写进展说明") @Size(max = ProgressReporting.MAX_CONTENT, message = "进展说明不能超过 4000 个字") String content,
            @NotBlank(message = "请填写完成百分比") @Pattern(regexp = "\\s*[0-9]{1,3}\\s*", message = "完成百分比须为 0 到 100 之间的整数") String percent,
            String milestoneId) {

        static ReportForm empty() {
            return new ReportForm("", "", "");
        }
    }

    record RollUp(String name, int items, double progress) {
    }

    /** A milestone on the timeline: done, late (past due, not done) or due. */
    record TimelineEntry(Milestone milestone, String state) {
        public String stateLabel() {
            return switch (state) {
                case "done" -> "已达成";
                case "late" -> "已逾期";
                default -> "待完成";
            };
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    @GetMapping("/cooperation")
    String overview(CurrentUser user, FilterParams params, @RequestParam(required = false) Integer page,
            HttpServletRequest request, Model model) {
        List<Meeting> meetings = cooperation.meetings();
        Integer newest = meetings.isEmpty() ? null : meetings.get(0).sessionNo();
        ItemFilter filter = params.toFilter(newest);
        LocalDate asOf = params.asOfOr(today());
        List<ItemView> items = cooperation.items(user.scope(), filter, asOf);

        Map<ItemStatus, Long> statusCounts = new EnumMap<>(ItemStatus.class);
        for (ItemStatus s : ItemStatus.values()) {
            statusCounts.put(s, items.stream().filter(i -> i.status() == s).count());
        }
        Map<Light, Long> lightCounts = new EnumMap<>(Light.class);
        for (Light l : Light.values()) {
            lightCounts.put(l, items.stream().filter(i -> i.light() == l).count());
        }
        Map<String, List<ItemView>> byAction = new LinkedHashMap<>();
        for (ItemView i : items) {
            String name = filter.meeting() == null ? "第" + i.meetingSessionNo() + "届 · " + i.actionName() : i.actionName();
            byAction.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
        }
        List<RollUp> actionRollUps = byAction.entrySet().stream()
                .map(e -> new RollUp(e.getKey(), e.getValue().size(), StatusRules.rollUp(e.getValue()))).toList();
        List<RollUp> areaRollUps = new ArrayList<>();
        for (Area a : Area.values()) {
            List<ItemView> inArea = items.stream().filter(i -> i.area() == a).toList();
            if (!inArea.isEmpty()) {
                areaRollUps.add(new RollUp(a.label(), inArea.size(), StatusRules.rollUp(inArea)));
            }
        }
        Meeting meeting = filter.meeting() == null ? null
                : meetings.stream().filter(m -> m.sessionNo() == filter.meeting()).findFirst().orElse(null);
        if (meeting != null) {
            List<ItemView> ofMeeting = cooperation.items(user.scope(), ItemFilter.meeting(meeting.sessionNo()), asOf);
            model.addAttribute("meetingProgress", StatusRules.rollUp(ofMeeting));
            model.addAttribute("meetingItems", ofMeeting.size());
        }
        int p = PageResult.page(page);
        int from = Math.min(p * PAGE_SIZE, items.size());
        PageResult<ItemView> result = new PageResult<>(items.subList(from, Math.min(from + PAGE_SIZE, items.size())),
                p, PAGE_SIZE, items.size());

        model.addAttribute("meetings", meetings);
        model.addAttribute("meeting", meeting);
        model.addAttribute("filter", filter);
        model.addAttribute("params", params);
        model.addAttribute("asOf", asOf);
        model.addAttribute("areas", Area.values());
        model.addAttribute("statuses", ItemStatus.values());
        model.addAttribute("lights", Light.values());
        model.addAttribute("cities", region.cities());
        model.addAttribute("departments", filter.cityCode() == null ? region.departments()
                : region.departments(filter.cityCode()));
        model.addAttribute("statusCounts", statusCounts);
        model.addAttribute("lightCounts", lightCounts);
        model.addAttribute("total", items.size());
        model.addAttribute("actionRollUps", actionRollUps);
        model.addAttribute("areaRollUps", areaRollUps);
        model.addAttribute("filteredProgress", StatusRules.rollUp(items));
        model.addAttribute("page", result);
        model.addAttribute("exportQuery", query(request));
        model.addAttribute("isOffice", user.isAny(Role.JOINT_OFFICE, Role.ADMIN));
        if (user.is(Role.JOINT_OFFICE)) {
            model.addAttribute("pendingCount", reporting.pendingCount(user.scope()));
        }
        return VIEW_OVERVIEW;
    }

    /** The current filters as a query string ({@code meeting=5&area=TRANSPORT}), without the page. */
    static String query(HttpServletRequest request) {
        StringBuilder sb = new StringBuilder();
        request.getParameterMap().forEach((name, values) -> {
            if (!"page".equals(name) && !"_csrf".equals(name)) {
                for (String v : values) {
                    sb.append(sb.isEmpty() ? "" : "&").append(UriUtils.encodeQueryParam(name, StandardCharsets.UTF_8))
                            .append('=').append(UriUtils.encodeQueryParam(v, StandardCharsets.UTF_8));
                }
            }
        });
        return sb.toString();
    }

    @GetMapping("/cooperation/items/{id}")
    String item(CurrentUser user, @PathVariable long id, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ReportForm.empty());
        }
        return showItem(user, id, model);
    }

    private String showItem(CurrentUser user, long id, Model model) {
        LocalDate asOf = today();
        ItemView item = cooperation.item(user.scope(), id, asOf);
        List<Milestone> milestones = cooperation.milestones(id);
        List<TimelineEntry> timeline = milestones.stream().map(m -> new TimelineEntry(m,
                m.doneOn() != null ? "done" : StatusRules.overdue(m.dueDate(), asOf, calendar) ? "late" : "due"))
                .toList();
        List<ReportView> reports = reporting.reports(user.scope(), id);
        boolean canReport = user.is(Role.CITY_STAFF) && user.departmentCode() != null
                && item.involvesDepartment(user.departmentCode()) && item.status() != ItemStatus.COMPLETED;
        boolean hasOpenReport = canReport && reports.stream().anyMatch(r -> r.departmentCode().equals(user.departmentCode())
                && r.status() == cn.onecity.cooperation.ReportStatus.SUBMITTED);
        model.addAttribute("item", item);
        model.addAttribute("timeline", timeline);
        model.addAttribute("openMilestones", milestones.stream().filter(m -> m.doneOn() == null).toList());
        model.addAttribute("reports", reports);
        model.addAttribute("canReport", canReport);
        model.addAttribute("hasOpenReport", hasOpenReport);
        model.addAttribute("canReview", user.is(Role.JOINT_OFFICE));
        model.addAttribute("canEdit", user.isAny(Role.JOINT_OFFICE, Role.ADMIN));
        Map<String, String> departmentNames = new LinkedHashMap<>();
        for (var party : item.parties()) {
            departmentNames.put(party.departmentCode(), region.findDepartment(party.departmentCode())
                    .map(d -> d.name()).orElse(party.departmentCode()));
        }
        model.addAttribute("departmentNames", departmentNames);
        // sections of modules that follow this item (e.g. a major project's milestones and investment)
        model.addAttribute("progressSections", contributors.orderedStream().flatMap(c -> c.sections(id, asOf).stream()).toList());
        return VIEW_ITEM;
    }

    @PostMapping("/cooperation/items/{id}/reports")
    @PreAuthorize("hasRole('CITY_STAFF')")
    String submit(CurrentUser user, @PathVariable long id, @Valid @ModelAttribute("form") ReportForm form,
            BindingResult binding, @RequestParam(name = "files", required = false) List<MultipartFile> files,
            Model model, RedirectAttributes redirect) {
        Long milestoneId = null;
        if (form.milestoneId() != null && !form.milestoneId().isBlank()) {
            try {
                milestoneId = Long.valueOf(form.milestoneId().strip());
            } catch (NumberFormatException e) {
                binding.rejectValue("milestoneId", "invalid", "请选择该事项的里程碑");
            }
        }
        if (binding.hasErrors()) {
            return showItem(user, id, model);
        }
        try {
            reporting.submitReport(user, id, form.content(), Integer.parseInt(form.percent().strip()), milestoneId,
                    uploads(files));
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            if (e.errors().isEmpty()) {
                binding.reject("business", e.getMessage());
            }
            for (FieldMessage f : e.errors()) {
                if (List.of("content", "percent", "milestoneId").contains(f.field())) {
                    binding.rejectValue(f.field(), "business", f.message());
                } else {
                    model.addAttribute("filesError", f.message());
                }
            }
            return showItem(user, id, model);
        }
        redirect.addFlashAttribute("flash", "进展报告已提交，等待一体化办审核。");
        return "redirect:/cooperation/items/" + id;
    }

    static List<FileUpload> uploads(List<MultipartFile> files) {
        List<FileUpload> out = new ArrayList<>();
        if (files == null) {
            return out;
        }
        for (MultipartFile f : files) {
            boolean unnamed = f.getOriginalFilename() == null || f.getOriginalFilename().isBlank();
            if (f.isEmpty() && unnamed) {
                continue; // the browser sends an empty part when no file was chosen
            }
            try {
                out.add(new FileUpload(f.getOriginalFilename(), f.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @PostMapping("/cooperation/reports/{id}/accept")
    @PreAuthorize("hasRole('JOINT_OFFICE')")
    String accept(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        ReportView report = reporting.report(user.scope(), id);
        try {
            reporting.accept(user, id);
            redirect.addFlashAttribute("flash", "已通过 " + report.departmentName() + " 的进展报告（" + report.percent() + "%）。");
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/cooperation/items/" + report.itemId();
    }

    @PostMapping("/cooperation/reports/{id}/return")
    @PreAuthorize("hasRole('JOINT_OFFICE')")
    String returnReport(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        ReportView report = reporting.report(user.scope(), id);
        try {
            reporting.returnReport(user, id, reason);
            redirect.addFlashAttribute("flash", "已退回 " + report.departmentName() + " 的进展报告。");
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/cooperation/items/" + report.itemId();
    }

    @GetMapping("/cooperation/reviews")
    @PreAuthorize("hasRole('JOINT_OFFICE')")
    String reviews(CurrentUser user, Model model) {
        model.addAttribute("reports", reporting.pendingReviews(user.scope()));
        return VIEW_REVIEWS;
    }

    @GetMapping("/cooperation/evidence/{id}")
    ResponseEntity<byte[]> evidence(CurrentUser user, @PathVariable long id) {
        EvidenceFile file = reporting.evidence(user.scope(), id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.meta().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.meta().name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-SM3", file.meta().sm3())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.bytes());
    }
}
