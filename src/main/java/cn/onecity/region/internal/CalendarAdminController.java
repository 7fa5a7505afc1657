package cn.onecity.region.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.identity.CurrentUser;
import cn.onecity.region.CalendarDay;
import cn.onecity.region.CalendarYear;
import cn.onecity.region.WorkingCalendar;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.Times;

/**
 * 工作日历 administration: the loaded years, one year's days, a form that defines or replaces a year, and a
 * due-date calculator. ADMIN only; {@link WorkingCalendar#defineYear} enforces the rules again.
 */
@Controller
@RequestMapping("/admin/calendar")
@PreAuthorize("hasRole('ADMIN')")
class CalendarAdminController {

    static final String VIEW = "region/calendar";

    private final WorkingCalendar calendar;
    private final Clock clock;

    CalendarAdminController(WorkingCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * The define/replace form. Every field is text so that whatever was typed comes back with the errors;
     * holidays and workdays hold one date a line ({@link DayLines}).
     */
    record YearForm(
            @NotBlank(message = "请填写年份")
            @Pattern(regexp = "\\s*\\d{4}\\s*", message = "年份须为 4 位数字，如 2027") String year,
            @NotBlank(message = "请填写国务院办公厅通知的文号，如“国办发明电〔2026〕7号”")
            @Size(max = 100, message = "通知文号不能超过 100 个字") String notice,
            @NotBlank(message = "请至少录入一个放假日期") @Size(max = 5000, message = "内容过长") String holidays,
            @Size(max = 5000, message = "内容过长") String workdays) {

        static YearForm empty() {
            return new YearForm("", "", "", "");
        }

        static YearForm of(CalendarYear y) {
            return new YearForm(String.valueOf(y.year()), y.notice(), DayLines.format(y.holidayDays()),
                    DayLines.format(y.workdayDays()));
        }
    }

    /** The calculator (期限计算器); text fields for the same reason. */
    record DueDateForm(
            @NotBlank(message = "请填写起算日")
            @Pattern(regexp = "\\s*\\d{4}-\\d{2}-\\d{2}\\s*", message = DATE_HINT) String start,
            @NotBlank(message = "请填写工作日数")
            @Pattern(regexp = "\\s*-?\\d{1,9}\\s*", message = "须为整数") String workingDays) {

        static DueDateForm empty() {
            return new DueDateForm("", "");
        }
    }

    static final String DATE_HINT = "须为有效日期，格式 YYYY-MM-DD";

    @GetMapping
    String show(@RequestParam(required = false) String year, @RequestParam(required = false) String edit,
            Model model) {
        Integer editYear = parseYear(edit);
        YearForm form = editYear == null ? YearForm.empty()
                : calendar.findYear(editYear).map(YearForm::of).orElse(YearForm.empty());
        model.addAttribute("yearForm", form);
        model.addAttribute("dueDateForm", DueDateForm.empty());
        return page(model, parseYear(year));
    }

    @PostMapping
    String define(CurrentUser user, @Valid @ModelAttribute("yearForm") YearForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        model.addAttribute("dueDateForm", DueDateForm.empty());
        Map<String, List<String>> errors = errors(result);
        List<CalendarDay> days = new ArrayList<>();
        DayLines.Parsed holidays = DayLines.parse(form.holidays(), CalendarDay.Kind.HOLIDAY);
        DayLines.Parsed workdays = DayLines.parse(form.workdays(), CalendarDay.Kind.WORKDAY);
        holidays.errors().forEach(e -> add(errors, "holidays", e));
        workdays.errors().forEach(e -> add(errors, "workdays", e));
        if (!errors.isEmpty()) {
            model.addAttribute("yearErrors", errors);
            return page(model, null);
        }
        days.addAll(holidays.days());
        days.addAll(workdays.days());
        try {
            int year = Integer.parseInt(form.year().strip());
            boolean replaced = calendar.defineYear(user, year, form.notice(), days);
            CalendarYear saved = calendar.year(year);
            redirect.addFlashAttribute("flash", (replaced ? "已替换 " : "已录入 ") + saved.year() + " 年节假日安排：放假 "
                    + saved.holidays() + " 天，调休上班 " + saved.workdays() + " 天，全年工作日 " + saved.workingDays() + " 天。");
            return "redirect:/admin/calendar?year=" + saved.year();
        } catch (BusinessException e) {
            if (e.errors().isEmpty()) {
                add(errors, "", e.getMessage());
            }
            for (FieldMessage f : e.errors()) {
                add(errors, f.field(), f.message());
            }
            model.addAttribute("yearErrors", errors);
            return page(model, null);
        }
    }

    @GetMapping("/due-date")
    String dueDate(@Valid @ModelAttribute("dueDateForm") DueDateForm form, BindingResult result, Model model) {
        model.addAttribute("yearForm", YearForm.empty());
        Map<String, List<String>> errors = errors(result);
        LocalDate start = null;
        if (errors.isEmpty()) {
            try {
                start = LocalDate.parse(form.start().strip());
            } catch (DateTimeParseException e) {
                add(errors, "start", DATE_HINT);
            }
        }
        if (errors.isEmpty()) {
            try {
                LocalDate due = calendar.dueDate(start, Integer.parseInt(form.workingDays().strip()));
                model.addAttribute("dueDate", due);
                model.addAttribute("dueDateText", Times.chinese(due) + "（" + WorkingCalendar.weekday(due) + "）");
            } catch (BusinessException e) {
                if (e.errors().isEmpty()) {
                    add(errors, "", e.getMessage());
                }
                e.errors().forEach(f -> add(errors, f.field(), f.message()));
            }
        }
        model.addAttribute("calcErrors", errors);
        return page(model, null);
    }

    private String page(Model model, Integer selectedYear) {
        List<CalendarYear> years = calendar.years();
        model.addAttribute("years", years);
        if (selectedYear != null) {
            model.addAttribute("selectedYear", selectedYear);
            calendar.findYear(selectedYear).ifPresent(y -> model.addAttribute("selected", y));
        }
        int nextYear = LocalDate.now(clock).getYear() + 1;
        if (years.stream().noneMatch(y -> y.year() == nextYear)) {
            model.addAttribute("missingNextYear", nextYear);
        }
        if (!model.containsAttribute("yearErrors")) {
            model.addAttribute("yearErrors", Map.of());
        }
        if (!model.containsAttribute("calcErrors")) {
            model.addAttribute("calcErrors", Map.of());
        }
        return VIEW;
    }

    private static Integer parseYear(String s) {
        if (s == null || !s.strip().matches("\\d{4}")) {
            return null;
        }
        return Integer.valueOf(s.strip());
    }

    /** The Bean Validation messages (Chinese, set on the form records), grouped by field. */
    private static Map<String, List<String>> errors(BindingResult result) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (FieldError f : result.getFieldErrors()) {
            add(errors, f.getField(), f.isBindingFailure() ? "格式不正确" : f.getDefaultMessage());
        }
        return errors;
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        List<String> list = errors.computeIfAbsent(field, k -> new ArrayList<>());
        if (!list.contains(message)) {
            list.add(message);
        }
    }
}
