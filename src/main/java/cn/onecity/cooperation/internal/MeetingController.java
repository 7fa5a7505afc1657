package cn.onecity.cooperation.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.CooperationManagement;
import cn.onecity.cooperation.Meeting;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/** 联席会议管理: the list of joint meetings, creating one, and editing one (its 届次 never changes). */
@Controller
@PreAuthorize("hasAnyRole('JOINT_OFFICE','ADMIN')")
class MeetingController {

    static final String VIEW_LIST = "cooperation/meetings";
    static final String VIEW_FORM = "cooperation/meeting-form";
    static final java.util.Set<String> FIELDS = java.util.Set.of("sessionNo", "title", "heldOn", "hostCityCode", "theme",
            "note");
    static final String DATE = "\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\\s*";

    private final Cooperation cooperation;
    private final CooperationManagement management;
    private final Region region;

    MeetingController(Cooperation cooperation, CooperationManagement management, Region region) {
        this.cooperation = cooperation;
        this.management = management;
        this.region = region;
    }

    /** Validation group of the fields that only a new meeting has. */
    interface OnCreate {
    }

    record MeetingForm(
            @NotBlank(message = "请填写届次", groups = OnCreate.class)
            @Pattern(regexp = "\\s*[0-9]{1,6}\\s*", message = "届次须为正整数", groups = OnCreate.class) String sessionNo,
            @NotBlank(message = "请填写会议名称") @Size(max = 200, message = "会议名称不能超过 200 个字符") String title,
            @NotBlank(message = "请填写召开日期") @Pattern(regexp = DATE, message = "召开日期格式应为 YYYY-MM-DD") String heldOn,
            @NotBlank(message = "请选择轮值方城市") String hostCityCode,
            @Size(max = 500, message = "主题不能超过 500 个字符") String theme,
            @Size(max = 500, message = "备注不能超过 500 个字符") String note) {

        static MeetingForm empty() {
            return new MeetingForm("", "", "", "", "", "");
        }

        static MeetingForm of(Meeting m) {
            return new MeetingForm(String.valueOf(m.sessionNo()), m.title(), String.valueOf(m.heldOn()),
                    m.hostCityCode(), m.theme() == null ? "" : m.theme(), m.note() == null ? "" : m.note());
        }
    }

    @GetMapping("/cooperation/meetings")
    String list(CurrentUser user, Model model) {
        return list(user, MeetingForm.empty(), Map.of(), null, model);
    }

    @PostMapping("/cooperation/meetings")
    String create(CurrentUser user, @Validated({Default.class, OnCreate.class}) @ModelAttribute("form") MeetingForm form,
            BindingResult binding, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = errors(binding);
        LocalDate heldOn = date(form.heldOn(), errors);
        if (!errors.isEmpty()) {
            return list(user, form, errors, null, model);
        }
        int sessionNo = Integer.parseInt(form.sessionNo().strip());
        try {
            management.createMeeting(user, sessionNo, form.title(), heldOn, form.hostCityCode(), form.theme(), form.note());
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            Map<String, String> moduleErrors = moduleErrors(e);
            if (e.status() == 409) {
                moduleErrors.putIfAbsent("sessionNo", e.getMessage());
            }
            return list(user, form, moduleErrors, unplaced(e, moduleErrors, FIELDS), model);
        }
        redirect.addFlashAttribute("flash", "已新建第" + sessionNo + "届联席会议“" + form.title().strip() + "”。");
        return "redirect:/cooperation/meetings";
    }

    @GetMapping("/cooperation/meetings/{sessionNo}/edit")
    String initEditForm(CurrentUser user, @PathVariable int sessionNo, Model model) {
        Meeting meeting = cooperation.meeting(sessionNo);
        return form(meeting, MeetingForm.of(meeting), Map.of(), null, model);
    }

    @PostMapping("/cooperation/meetings/{sessionNo}/edit")
    String processEditForm(CurrentUser user, @PathVariable int sessionNo,
            @Validated @ModelAttribute("form") MeetingForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        Meeting meeting = cooperation.meeting(sessionNo);
        Map<String, String> errors = errors(binding);
        LocalDate heldOn = date(form.heldOn(), errors);
        if (!errors.isEmpty()) {
            return form(meeting, form, errors, null, model);
        }
        try {
            management.updateMeeting(user, sessionNo, form.title(), heldOn, form.hostCityCode(), form.theme(), form.note());
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            Map<String, String> moduleErrors = moduleErrors(e);
            return form(meeting, form, moduleErrors, unplaced(e, moduleErrors, FIELDS), model);
        }
        redirect.addFlashAttribute("flash", "已保存第" + sessionNo + "届联席会议。");
        return "redirect:/cooperation/meetings";
    }

    private String list(CurrentUser user, MeetingForm form, Map<String, String> errors, String globalError, Model model) {
        model.addAttribute("meetings", cooperation.meetings());
        model.addAttribute("itemCounts", cooperation.itemCounts(user.scope()));
        Map<String, String> cityNames = new LinkedHashMap<>();
        region.cities().forEach(c -> cityNames.put(c.code(), c.shortName()));
        model.addAttribute("cityNames", cityNames);
        model.addAttribute("cities", region.cities());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("globalError", globalError);
        return VIEW_LIST;
    }

    private String form(Meeting meeting, MeetingForm form, Map<String, String> errors, String globalError, Model model) {
        model.addAttribute("meeting", meeting);
        model.addAttribute("cities", region.cities());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("globalError", globalError);
        return VIEW_FORM;
    }

    /** A date the pattern let through but that does not exist (2026-02-30) is an error of that field. */
    static LocalDate date(String text, Map<String, String> errors) {
        if (text == null || text.isBlank() || errors.containsKey("heldOn")) {
            return null;
        }
        LocalDate d = MilestoneText.date(text);
        if (d == null) {
            errors.put("heldOn", "召开日期不是有效日期");
        }
        return d;
    }

    /** The first message per field, in Chinese; a value that could not be converted gets a generic message. */
    static Map<String, String> errors(BindingResult binding) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError e : binding.getFieldErrors()) {
            errors.putIfAbsent(e.getField(), e.isBindingFailure() ? "格式不正确" : e.getDefaultMessage());
        }
        return errors;
    }

    /**
     * The message to show above the form for what no field of it shows: the exception's message when it names no
     * field, else the messages of fields the form does not have (null when every message has its field).
     */
    static String unplaced(BusinessException e, Map<String, String> errors, java.util.Set<String> fields) {
        if (errors.isEmpty()) {
            return e.getMessage();
        }
        java.util.List<String> other = errors.entrySet().stream().filter(x -> !fields.contains(x.getKey()))
                .map(Map.Entry::getValue).toList();
        return other.isEmpty() ? null : String.join("；", other);
    }

    /** The module's messages per field; several for one field are joined. */
    static Map<String, String> moduleErrors(BusinessException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldMessage m : e.errors()) {
            errors.merge(m.field(), m.message(), (a, b) -> a.contains(b) ? a : a + "；" + b);
        }
        return errors;
    }
}
