package cn.onecity.services.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.services.ApplicationView;
import cn.onecity.services.Applications;
import cn.onecity.services.Catalogue;
import cn.onecity.services.Handling;
import cn.onecity.services.Material;
import cn.onecity.services.Mode;
import cn.onecity.services.Ratings;
import cn.onecity.services.Upload;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.NotFoundException;

/**
 * The tracking page of an application, shared by its applicant, the departments it is routed to and the joint
 * office, with the actions each of them may take on it: withdraw, 补正 and rating for the applicant, the open
 * task's form for the department it waits in, and the audited reveal of the applicant's data for staff.
 */
@Controller
class TrackingController {

    static final String VIEW = "services/tracking";
    /** Tasks the applicant may still withdraw in: nobody has accepted the case yet. */
    static final Set<String> BEFORE_ACCEPTANCE = Set.of("windowCheck", "accept", "supplementAccept", "jointHandle");

    private final Applications applications;
    private final Handling handling;
    private final Ratings ratings;
    private final Catalogue catalogue;
    private final ProcessDiagram diagram;

    TrackingController(Applications applications, Handling handling, Ratings ratings, Catalogue catalogue,
            ProcessDiagram diagram) {
        this.applications = applications;
        this.handling = handling;
        this.ratings = ratings;
        this.catalogue = catalogue;
        this.diagram = diagram;
    }

    /** What a member of staff typed into a task's form, kept when the module refuses it. */
    record ActionForm(String taskId, String outcome, String comment, List<String> missing, String missingText,
            String decisionText, String trackingNumber) {

        static ActionForm empty() {
            return new ActionForm(null, null, null, List.of(), null, null, null);
        }

        public boolean missing(String name) {
            return missing != null && missing.contains(name);
        }
    }

    record RatingForm(String windowLevel, String windowComment, String departmentLevel, String departmentComment) {
    }

    @GetMapping("/services/applications/{number}")
    String show(CurrentUser user, @PathVariable String number, Model model) {
        return render(user, applications.view(user, number), model);
    }

    private String render(CurrentUser user, ApplicationView app, Model model) {
        boolean applicant = app.applicantAccountId() == user.accountId();
        List<ApplicationView.OpenTask> staffTasks = new ArrayList<>();
        if (user.is(Role.CITY_STAFF) && user.departmentCode() != null) {
            for (ApplicationView.OpenTask t : app.openTasks()) {
                if (!t.applicantTask() && t.departments().contains(user.departmentCode())) {
                    staffTasks.add(t);
                }
            }
        }
        boolean accepted = app.steps().stream().anyMatch(s -> "ACCEPT".equals(s.step()) || "JOINT_DONE".equals(s.step()));
        boolean canWithdraw = applicant && app.active() && !accepted
                && app.openTasks().stream().anyMatch(t -> BEFORE_ACCEPTANCE.contains(t.key()));
        ApplicationView.Supplement open = app.openSupplement();
        boolean canSupplement = applicant && app.active() && open != null
                && app.openTasks().stream().anyMatch(ApplicationView.OpenTask::applicantTask);
        boolean canRate = applicant && app.done() && app.ratings().isEmpty();
        List<String> materialNames = new ArrayList<>();
        if (!staffTasks.isEmpty()) {
            for (Material m : catalogue.item(app.itemId()).materials()) {
                materialNames.add(m.name());
            }
        }
        // 主办地 first, then the other cities in code order
        List<ApplicationView.Party> parties = new ArrayList<>(app.parties());
        parties.sort(java.util.Comparator.comparing((ApplicationView.Party p) -> !"主办地".equals(p.label()))
                .thenComparing(ApplicationView.Party::cityCode));
        model.addAttribute("app", app);
        model.addAttribute("parties", parties);
        model.addAttribute("isOffice", user.isAny(Role.JOINT_OFFICE, Role.ADMIN));
        model.addAttribute("statusLabel", ServicePages.STATUSES.getOrDefault(app.status(), app.status()));
        model.addAttribute("isApplicant", applicant);
        model.addAttribute("staffTasks", staffTasks);
        model.addAttribute("canWithdraw", canWithdraw);
        model.addAttribute("openSupplement", canSupplement ? open : null);
        model.addAttribute("canRate", canRate);
        model.addAttribute("canReveal", user.isAny(Role.CITY_STAFF, Role.JOINT_OFFICE));
        model.addAttribute("isProxy", app.mode() == Mode.PROXY);
        model.addAttribute("materialNames", materialNames);
        model.addAttribute("levels", List.of(5, 4, 3, 2, 1));
        model.addAttribute("readOnly", !applicant && staffTasks.isEmpty());
        model.addAttribute("noErrors", Map.of());
        if (!model.containsAttribute("actionForm")) {
            model.addAttribute("actionForm", ActionForm.empty());
        }
        if (!model.containsAttribute("actionErrors")) {
            model.addAttribute("actionErrors", Map.of());
        }
        if (!model.containsAttribute("supplementErrors")) {
            model.addAttribute("supplementErrors", Map.of());
        }
        if (!model.containsAttribute("ratingErrors")) {
            model.addAttribute("ratingErrors", Map.of());
        }
        if (!model.containsAttribute("ratingForm")) {
            model.addAttribute("ratingForm", new RatingForm(null, null, null, null));
        }
        return VIEW;
    }

    @GetMapping("/services/applications/{number}/diagram.svg")
    ResponseEntity<String> diagram(CurrentUser user, @PathVariable String number) {
        ApplicationView app = applications.view(user, number);
        return ServicePages.svg(diagram.instance(app.processInstanceId()));
    }

    @GetMapping("/services/applications/{number}/materials/{id}")
    ResponseEntity<byte[]> material(CurrentUser user, @PathVariable String number, @PathVariable long id) {
        ApplicationView app = applications.view(user, number);
        if (app.materials().stream().noneMatch(m -> m.id() == id)) {
            throw new NotFoundException("材料不存在");
        }
        return ServicePages.download(applications.material(user, number, id));
    }

    @GetMapping("/services/applications/{number}/result")
    ResponseEntity<byte[]> result(CurrentUser user, @PathVariable String number) {
        return ServicePages.download(applications.result(user, number));
    }

    // ------------------------------------------------------------------------------------------ applicant

    @PostMapping("/services/applications/{number}/withdraw")
    @PreAuthorize("hasAnyRole('RESIDENT','ENTERPRISE')")
    String withdraw(CurrentUser user, @PathVariable String number, @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        ApplicationView app = applications.view(user, number);
        try {
            applications.withdraw(user, app.number(), reason);
            redirect.addFlashAttribute("flash", "申请已撤回。");
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/services/applications/" + app.number();
    }

    @PostMapping("/services/applications/{number}/supplement")
    @PreAuthorize("hasAnyRole('RESIDENT','ENTERPRISE')")
    String supplement(CurrentUser user, @PathVariable String number, @RequestParam(required = false) String note,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        ApplicationView app = applications.view(user, number);
        Map<Integer, Upload> uploads = new HashMap<>();
        ApplicationView.Supplement open = app.openSupplement();
        MultipartHttpServletRequest multipart = ServicePages.multipart(request);
        if (open != null && multipart != null) {
            for (int i = 0; i < open.materials().size(); i++) {
                Upload u = ServicePages.upload(null, multipart.getFile("supplement-" + i));
                if (u != null) {
                    uploads.put(i, u);
                }
            }
        }
        return command(user, app, model, redirect, () -> applications.supplement(user, app.number(), uploads, note),
                "补正材料已提交，办理时限恢复计算。", errors -> {
                    model.addAttribute("supplementErrors", errors);
                    model.addAttribute("supplementNote", note);
                });
    }

    /**
     * Runs a command of the tracking page: on success back to the page with a flash; input errors re-render
     * the page with them (and what was typed); other refusals come back as a flash; 403 and 404 propagate.
     */
    private String command(CurrentUser user, ApplicationView app, Model model, RedirectAttributes redirect,
            Runnable command, String success, java.util.function.Consumer<Object> inputErrors) {
        try {
            command.run();
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            if (!ServicePages.isInputError(e)) {
                redirect.addFlashAttribute("flashError", e.getMessage());
                return "redirect:/services/applications/" + app.number();
            }
            inputErrors.accept(ServicePages.errors(e));
            return render(user, app, model);
        }
        redirect.addFlashAttribute("flash", success);
        return "redirect:/services/applications/" + app.number();
    }

    @PostMapping("/services/applications/{number}/rating")
    @PreAuthorize("hasAnyRole('RESIDENT','ENTERPRISE')")
    String rate(CurrentUser user, @PathVariable String number, @RequestParam(required = false) String windowLevel,
            @RequestParam(required = false) String windowComment, @RequestParam(required = false) String departmentLevel,
            @RequestParam(required = false) String departmentComment, Model model, RedirectAttributes redirect) {
        ApplicationView app = applications.view(user, number);
        RatingForm form = new RatingForm(windowLevel, windowComment, departmentLevel, departmentComment);
        return command(user, app, model, redirect, () -> ratings.rate(user, app.number(), new Ratings.Rate(level(windowLevel),
                blankToNull(windowComment), level(departmentLevel), blankToNull(departmentComment))), "感谢您的评价。", errors -> {
                    model.addAttribute("ratingErrors", errors);
                    model.addAttribute("ratingForm", form);
                });
    }

    private static Integer level(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ------------------------------------------------------------------------------------------ staff

    /** Shows the applicant's full data once, on this response only (the facade audits every reveal). */
    @PostMapping("/services/applications/{number}/reveal")
    @PreAuthorize("hasAnyRole('CITY_STAFF','JOINT_OFFICE')")
    String reveal(CurrentUser user, @PathVariable String number, Model model) {
        ApplicationView app = applications.view(user, number);
        model.addAttribute("revealed", applications.revealApplicant(user, app.number()));
        return render(user, app, model);
    }

    @PostMapping("/services/tasks/{taskId}")
    @PreAuthorize("hasRole('CITY_STAFF')")
    String act(CurrentUser user, @PathVariable String taskId, @RequestParam(required = false) String number,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String comment,
            @RequestParam(required = false) List<String> missing, @RequestParam(required = false) String missingText,
            @RequestParam(required = false) String decisionText, @RequestParam(required = false) String trackingNumber,
            @RequestParam(required = false) MultipartFile resultFile, Model model, RedirectAttributes redirect) {
        String back = ServicePages.safeNumber(number);
        List<String> all = new ArrayList<>();
        if (missing != null) {
            all.addAll(missing);
        }
        if (missingText != null) {
            for (String line : missingText.split("\\R")) {
                if (!line.isBlank() && !all.contains(line.trim())) {
                    all.add(line.trim());
                }
            }
        }
        ActionForm form = new ActionForm(taskId, outcome, comment, missing == null ? List.of() : missing, missingText,
                decisionText, trackingNumber);
        try {
            handling.act(user, taskId, new Handling.Action(outcome, comment, all, decisionText, trackingNumber),
                    ServicePages.upload(null, resultFile));
        } catch (BusinessException e) {
            if (e.status() == 403 || back == null) {
                throw e;
            }
            if (!ServicePages.isInputError(e)) {
                redirect.addFlashAttribute("flashError", e.getMessage());
                return "redirect:/services/applications/" + back;
            }
            Map<String, String> errors = new LinkedHashMap<>(ServicePages.errors(e));
            if (resultFile != null && !resultFile.isEmpty()) {
                errors.merge("resultFile", "请重新选择结果文书文件。", (a, b) -> a + "；" + b);
            }
            model.addAttribute("actionErrors", errors);
            model.addAttribute("actionForm", form);
            return render(user, applications.view(user, back), model);
        }
        redirect.addFlashAttribute("flash", "已办理：" + outcomeLabel(outcome) + "。");
        return back == null ? "redirect:/services/inbox" : "redirect:/services/applications/" + back;
    }

    static String outcomeLabel(String outcome) {
        if (outcome == null) {
            return "";
        }
        return switch (outcome.trim().toUpperCase()) {
            case "RECEIVE" -> "收件并转交";
            case "RETURN" -> "退回";
            case "ACCEPT" -> "受理";
            case "REJECT" -> "不予受理";
            case "SUPPLEMENT" -> "一次性告知补正";
            case "PASS" -> "审核通过";
            case "APPROVE" -> "准予";
            case "DENY" -> "不予";
            case "MAIL" -> "邮寄送达";
            case "WINDOW" -> "转收件窗口领取";
            case "COLLECTED" -> "已领取";
            default -> outcome;
        };
    }
}
