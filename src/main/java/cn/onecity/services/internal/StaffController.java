package cn.onecity.services.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.services.Applications;
import cn.onecity.services.Handling;
import cn.onecity.services.Ratings;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.PageResult;

/**
 * The staff side of the service zone: a department's 待办 (the joint office sees every department's, read-only),
 * the applications in scope, and 差评整改 with appeals that the joint office decides.
 */
@Controller
@PreAuthorize("hasAnyRole('CITY_STAFF','JOINT_OFFICE','ADMIN')")
class StaffController {

    static final String VIEW_INBOX = "services/inbox";
    static final String VIEW_APPLICATIONS = "services/applications";
    static final String VIEW_RECTIFICATIONS = "services/rectifications";

    private final Handling handling;
    private final Applications applications;
    private final Ratings ratings;
    private final Region region;

    StaffController(Handling handling, Applications applications, Ratings ratings, Region region) {
        this.handling = handling;
        this.applications = applications;
        this.ratings = ratings;
        this.region = region;
    }

    @GetMapping("/services/inbox")
    String inbox(CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
        PageResult<Handling.InboxTask> result = handling.inbox(user, PageResult.page(page), ServicePages.PAGE_SIZE);
        Map<String, String> departmentNames = new LinkedHashMap<>();
        for (Handling.InboxTask t : result.content()) {
            if (t.department() != null) {
                departmentNames.computeIfAbsent(t.department(),
                        code -> region.findDepartment(code).map(Department::name).orElse(code));
            }
        }
        model.addAttribute("page", result);
        model.addAttribute("departmentNames", departmentNames);
        model.addAttribute("canAct", user.is(Role.CITY_STAFF));
        return VIEW_INBOX;
    }

    @GetMapping("/services/applications")
    String applications(CurrentUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, Model model) {
        String s = ServicePages.status(status, ServicePages.STATUSES);
        model.addAttribute("page", applications.list(user, s, PageResult.page(page), ServicePages.PAGE_SIZE));
        model.addAttribute("status", s);
        model.addAttribute("statuses", ServicePages.STATUSES);
        return VIEW_APPLICATIONS;
    }

    // ------------------------------------------------------------------------------------------ 差评整改

    @GetMapping("/services/rectifications")
    String rectifications(CurrentUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, Model model) {
        return renderRectifications(user, status, page, null, Map.of(), Map.of(), model);
    }

    private String renderRectifications(CurrentUser user, String status, Integer page, Long errorId,
            Map<String, String> errors, Map<String, String> typed, Model model) {
        String s = ServicePages.status(status, ServicePages.RECTIFICATION_STATUSES);
        model.addAttribute("page", ratings.rectifications(user, s, PageResult.page(page), ServicePages.PAGE_SIZE));
        model.addAttribute("status", s);
        model.addAttribute("statuses", ServicePages.RECTIFICATION_STATUSES);
        model.addAttribute("isOffice", user.is(Role.JOINT_OFFICE));
        model.addAttribute("department", user.is(Role.CITY_STAFF) ? user.departmentCode() : null);
        model.addAttribute("errorId", errorId);
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        return VIEW_RECTIFICATIONS;
    }

    @PostMapping("/services/rectifications/{id}/answer")
    @PreAuthorize("hasRole('CITY_STAFF')")
    String answer(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String measures,
            @RequestParam(required = false) String callback, Model model, RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("measures", measures);
        typed.put("callback", callback);
        return rectificationAction(user, id, () -> ratings.answer(user, id, measures, callback), "整改措施和回访记录已提交。",
                typed, model, redirect);
    }

    @PostMapping("/services/rectifications/{id}/appeal")
    @PreAuthorize("hasRole('CITY_STAFF')")
    String appeal(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String reason, Model model,
            RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("reason", reason);
        return rectificationAction(user, id, () -> ratings.appeal(user, id, reason), "申诉已提交一体化办审核。", typed, model,
                redirect);
    }

    @PostMapping("/services/rectifications/{id}/decision")
    @PreAuthorize("hasRole('JOINT_OFFICE')")
    String decide(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String upheld,
            @RequestParam(required = false) String decision, Model model, RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("upheld", upheld);
        typed.put("decision", decision);
        if (!"true".equals(upheld) && !"false".equals(upheld)) {
            return renderRectifications(user, null, null, id, Map.of("upheld", "请选择申诉是否成立"), typed, model);
        }
        boolean ok = Boolean.parseBoolean(upheld);
        return rectificationAction(user, id, () -> ratings.decideAppeal(user, id, ok, decision),
                ok ? "已认定申诉成立，该评价不计入满意度。" : "已驳回申诉，部门需继续整改。", typed, model, redirect);
    }

    private String rectificationAction(CurrentUser user, long id, Runnable action, String done, Map<String, String> typed,
            Model model, RedirectAttributes redirect) {
        try {
            action.run();
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            if (!ServicePages.isInputError(e)) {
                redirect.addFlashAttribute("flashError", e.getMessage());
                return "redirect:/services/rectifications";
            }
            return renderRectifications(user, null, null, id, ServicePages.errors(e), typed, model);
        }
        redirect.addFlashAttribute("flash", done);
        return "redirect:/services/rectifications";
    }
}
