package cn.onecity.cooperation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.CooperationManagement;
import cn.onecity.cooperation.ItemChange;
import cn.onecity.cooperation.ItemView;
import cn.onecity.cooperation.Meeting;
import cn.onecity.cooperation.Milestone;
import cn.onecity.cooperation.NewItem;
import cn.onecity.cooperation.Party;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.City;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.Times;

/** The joint office creates a single cooperation item, or edits one (all but its code and meeting). */
@Controller
@PreAuthorize("hasAnyRole('JOINT_OFFICE','ADMIN')")
class ItemFormController {

    static final String VIEW = "cooperation/item-form";
    static final Set<String> FIELDS = Set.of("code", "title", "area", "action", "leadDepartmentCode",
            "coDepartmentCodes", "target", "deadline", "weight", "remark", "milestones");

    private final Cooperation cooperation;
    private final CooperationManagement management;
    private final Region region;
    private final Clock clock;

    ItemFormController(Cooperation cooperation, CooperationManagement management, Region region, Clock clock) {
        this.cooperation = cooperation;
        this.management = management;
        this.region = region;
        this.clock = clock;
    }

    /** Validation group of the fields that only a new item has. */
    interface OnCreate {
    }

    /** The item form as typed; the module checks every rule again. */
    record ItemForm(
            @NotBlank(message = "请填写事项编号", groups = OnCreate.class)
            @Size(max = 30, message = "事项编号不能超过 30 个字符", groups = OnCreate.class) String code,
            @NotBlank(message = "请填写事项名称") @Size(max = 300, message = "事项名称不能超过 300 个字符") String title,
            @NotBlank(message = "请选择合作领域") String area,
            @Pattern(regexp = "\\s*[0-9]{0,18}\\s*", message = "请选择所属行动") String actionId,
            @Size(max = 200, message = "行动名称不能超过 200 个字符") String newAction,
            @NotBlank(message = "请选择牵头部门") String leadDepartmentCode,
            List<@Size(max = 20, message = "配合部门代码不正确") String> coDepartmentCodes,
            @NotBlank(message = "请填写既定目标任务") @Size(max = 2000, message = "既定目标任务不能超过 2000 个字符") String target,
            @NotBlank(message = "请填写完成时限")
            @Pattern(regexp = MeetingController.DATE, message = "完成时限格式应为 YYYY-MM-DD") String deadline,
            @Pattern(regexp = "\\s*([0-9]{1,3}(\\.[0-9]{1,2})?)?\\s*", message = "权重须为数字，如 1 或 1.5") String weight,
            @Size(max = 500, message = "备注不能超过 500 个字符") String remark,
            @Size(max = 10000, message = "里程碑内容过长") String milestones) {

        static ItemForm empty() {
            return new ItemForm("", "", "", "", "", "", List.of(), "", "", "1", "", "");
        }

        static ItemForm of(ItemView item, List<Milestone> milestones) {
            List<String> co = item.parties().stream().filter(p -> !p.lead()).map(Party::departmentCode).toList();
            String weight = item.weight() == Math.rint(item.weight()) ? String.valueOf((long) item.weight())
                    : String.valueOf(item.weight());
            return new ItemForm(item.code(), item.title(), item.area().name(), String.valueOf(item.actionId()), "",
                    item.leadDepartmentCode(), co, item.target(), String.valueOf(item.deadline()), weight,
                    item.remark() == null ? "" : item.remark(), MilestoneText.format(milestones));
        }

        public boolean coDepartment(String code) {
            return coDepartmentCodes != null && coDepartmentCodes.contains(code);
        }
    }

    /** The departments of one city, for an optgroup or a fieldset. */
    record CityDepartments(City city, List<Department> departments) {
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Times.ZONE));
    }

    @GetMapping("/cooperation/items/new")
    String initCreateForm(@RequestParam(required = false) Integer meeting, Model model, RedirectAttributes redirect) {
        Meeting m = meetingOrNewest(meeting);
        if (m == null) {
            redirect.addFlashAttribute("flashError", "请先新建联席会议，再添加合作事项。");
            return "redirect:/cooperation/meetings";
        }
        return form(m, null, ItemForm.empty(), Map.of(), null, model);
    }

    @PostMapping("/cooperation/items/new")
    String processCreateForm(CurrentUser user, @RequestParam int meeting,
            @Validated({Default.class, OnCreate.class}) @ModelAttribute("form") ItemForm form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        Meeting m = cooperation.meeting(meeting);
        Map<String, String> errors = MeetingController.errors(binding);
        Typed typed = typed(form, errors);
        String actionName = actionName(m, form, errors);
        if (!errors.isEmpty()) {
            return form(m, null, form, errors, null, model);
        }
        long id;
        try {
            id = management.createItem(user, m.sessionNo(), actionName, new NewItem(0, form.code(), form.title(),
                    typed.area(), form.leadDepartmentCode(), codes(form.coDepartmentCodes()), form.target(),
                    typed.deadline(), typed.weight(), form.remark(), typed.milestones()));
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            Map<String, String> moduleErrors = moduleErrors(e);
            if (e.status() == 409) {
                moduleErrors.putIfAbsent("code", e.getMessage());
            }
            return form(m, null, form, moduleErrors, MeetingController.unplaced(e, moduleErrors, FIELDS), model);
        }
        redirect.addFlashAttribute("flash", "已新建合作事项“" + form.code().strip() + " " + form.title().strip()
                + "”，并已通知牵头和配合部门。");
        return "redirect:/cooperation/items/" + id;
    }

    @GetMapping("/cooperation/items/{id}/edit")
    String initEditForm(CurrentUser user, @PathVariable long id, Model model) {
        ItemView item = cooperation.item(user.scope(), id, today());
        List<Milestone> milestones = cooperation.milestones(id);
        return form(cooperation.meeting(item.meetingSessionNo()), item, ItemForm.of(item, milestones), Map.of(), null,
                model);
    }

    @PostMapping("/cooperation/items/{id}/edit")
    String processEditForm(CurrentUser user, @PathVariable long id, @Validated @ModelAttribute("form") ItemForm form,
            BindingResult binding, Model model, RedirectAttributes redirect) {
        ItemView item = cooperation.item(user.scope(), id, today());
        Meeting m = cooperation.meeting(item.meetingSessionNo());
        Map<String, String> errors = MeetingController.errors(binding);
        Typed typed = typed(form, errors);
        boolean newAction = form.newAction() != null && !form.newAction().isBlank();
        Long actionId = newAction || form.actionId() == null || form.actionId().isBlank() || errors.containsKey("actionId")
                ? null : Long.valueOf(form.actionId().strip());
        if (!newAction && actionId == null) {
            errors.putIfAbsent("action", "请选择所属行动或填写新行动名称");
        }
        moveActionErrors(errors);
        if (!errors.isEmpty()) {
            return form(m, item, form, errors, null, model);
        }
        try {
            management.updateItem(user, id, new ItemChange(actionId, newAction ? form.newAction() : null, form.title(),
                    typed.area(), form.leadDepartmentCode(), codes(form.coDepartmentCodes()), form.target(),
                    typed.deadline(), typed.weight(), form.remark(), typed.milestones()));
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            Map<String, String> moduleErrors = moduleErrors(e);
            return form(m, item, form, moduleErrors, MeetingController.unplaced(e, moduleErrors, FIELDS), model);
        }
        redirect.addFlashAttribute("flash", "已保存合作事项“" + item.code() + " " + form.title().strip() + "”。");
        return "redirect:/cooperation/items/" + id;
    }

    private Meeting meetingOrNewest(Integer sessionNo) {
        if (sessionNo != null) {
            return cooperation.meeting(sessionNo);
        }
        List<Meeting> meetings = cooperation.meetings();
        return meetings.isEmpty() ? null : meetings.get(0);
    }

    /** The typed values converted; a value that does not convert becomes an error of its field. */
    private record Typed(Area area, LocalDate deadline, Double weight, List<NewItem.NewMilestone> milestones) {
    }

    private static Typed typed(ItemForm form, Map<String, String> errors) {
        Area area = null;
        if (form.area() != null && !form.area().isBlank()) {
            area = Area.fromLabel(form.area().strip());
            if (area == null) {
                errors.putIfAbsent("area", "请选择合作领域");
            }
        }
        LocalDate deadline = null;
        if (form.deadline() != null && !form.deadline().isBlank() && !errors.containsKey("deadline")) {
            deadline = MilestoneText.date(form.deadline());
            if (deadline == null) {
                errors.put("deadline", "完成时限不是有效日期");
            }
        }
        Double weight = null;
        if (form.weight() != null && !form.weight().isBlank() && !errors.containsKey("weight")) {
            weight = Double.valueOf(form.weight().strip());
        }
        MilestoneText.Parsed parsed = MilestoneText.parse(form.milestones());
        if (!parsed.errors().isEmpty()) {
            errors.merge("milestones", String.join("；", parsed.errors()), (a, b) -> a + "；" + b);
        }
        return new Typed(area, deadline, weight, parsed.milestones());
    }

    /** The name of the action plan to create the item under: a new one typed in, or the one chosen. */
    private String actionName(Meeting meeting, ItemForm form, Map<String, String> errors) {
        String name = null;
        if (form.newAction() != null && !form.newAction().isBlank()) {
            name = form.newAction().strip();
        } else if (form.actionId() != null && !form.actionId().isBlank() && !errors.containsKey("actionId")) {
            long id = Long.parseLong(form.actionId().strip());
            name = cooperation.actions(meeting.sessionNo()).stream().filter(a -> a.id() == id)
                    .map(Cooperation.ActionPlan::name).findFirst().orElse(null);
        }
        if (name == null) {
            errors.putIfAbsent("action", "请选择所属行动或填写新行动名称");
        }
        moveActionErrors(errors);
        return name;
    }

    /** Errors of the two action controls are shown once, under the group. */
    private static void moveActionErrors(Map<String, String> errors) {
        for (String f : List.of("actionId", "newAction")) {
            String message = errors.remove(f);
            if (message != null) {
                errors.putIfAbsent("action", message);
            }
        }
    }

    private static Map<String, String> moduleErrors(BusinessException e) {
        Map<String, String> errors = MeetingController.moduleErrors(e);
        moveActionErrors(errors);
        return errors;
    }

    private static List<String> codes(List<String> codes) {
        List<String> out = new ArrayList<>();
        if (codes != null) {
            for (String c : codes) {
                if (c != null && !c.isBlank() && !out.contains(c.strip())) {
                    out.add(c.strip());
                }
            }
        }
        return out;
    }

    private String form(Meeting meeting, ItemView item, ItemForm form, Map<String, String> errors, String globalError,
            Model model) {
        model.addAttribute("meeting", meeting);
        model.addAttribute("item", item);
        model.addAttribute("editing", item != null);
        model.addAttribute("meetings", cooperation.meetings());
        model.addAttribute("actions", cooperation.actions(meeting.sessionNo()));
        model.addAttribute("areas", Area.values());
        List<CityDepartments> groups = new ArrayList<>();
        for (City c : region.cities()) {
            groups.add(new CityDepartments(c, region.departments(c.code())));
        }
        model.addAttribute("departmentGroups", groups);
        model.addAttribute("doneMilestones", item == null ? List.of()
                : cooperation.milestones(item.id()).stream().filter(x -> x.doneOn() != null).toList());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("globalError", globalError);
        return VIEW;
    }
}
