package cn.onecity.projects.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemView;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.DataScope;
import cn.onecity.identity.Role;
import cn.onecity.projects.MilestoneKind;
import cn.onecity.projects.NewProject;
import cn.onecity.projects.Project;
import cn.onecity.projects.ProjectCity;
import cn.onecity.projects.ProjectMilestone;
import cn.onecity.projects.ProjectType;
import cn.onecity.projects.Projects;
import cn.onecity.region.City;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * 登记重大项目 and 编辑项目 for the joint office: one form with a row per member city (its responsible department,
 * or none), a fixed number of milestone rows, and the cooperation items to link. {@link Projects} checks every rule
 * again; this controller only turns typed text into values and puts the messages back next to the fields.
 */
@Controller
class ProjectFormController {

    static final String VIEW_FORM = "projects/form";
    /** Blank milestone rows on a new project; an edited one gets its own rows plus {@link #SPARE_MILESTONES}. */
    static final int MIN_MILESTONE_ROWS = 6;
    static final int SPARE_MILESTONES = 2;

    private final Projects projects;
    private final Region region;
    private final Cooperation cooperation;

    ProjectFormController(Projects projects, Region region, Cooperation cooperation) {
        this.projects = projects;
        this.region = region;
        this.cooperation = cooperation;
    }

    /** A city row: the city, and the responsible department code chosen for it ("" when not involved). */
    record CityRow(String cityCode, String cityName, String departmentCode) {
    }

    /** A milestone row as typed; all four blank means an unused row. */
    record StepRow(String name, String kind, String plannedDate, String actualDate) {
        boolean blank() {
            return isBlank(name) && isBlank(kind) && isBlank(plannedDate) && isBlank(actualDate);
        }
    }

    /** The form as typed, so that it comes back unchanged when a rule is broken. */
    record ProjectForm(String code, String name, String type, boolean landmark, String plannedInvestment, String description,
            String note, List<CityRow> cities, List<StepRow> milestones, List<String> cooperationItemIds) {

        public boolean linked(long itemId) {
            return cooperationItemIds.contains(String.valueOf(itemId));
        }
    }

    // ------------------------------------------------------------------------------------------------ pages

    @GetMapping("/projects/new")
    String newProject(CurrentUser user, Model model) {
        requireOffice(user, "仅一体化办可以登记重大项目");
        List<CityRow> cities = region.cities().stream().map(c -> new CityRow(c.code(), c.shortName(), "")).toList();
        ProjectForm form = new ProjectForm("", "", "", false, "", "", "", cities, blankSteps(List.of()), List.of());
        return form(user, null, form, Map.of(), model);
    }

    @PostMapping("/projects")
    String create(CurrentUser user, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        requireOffice(user, "仅一体化办可以登记重大项目");
        ProjectForm form = read(request);
        Parsed parsed = parse(form);
        long id;
        try {
            if (!parsed.errors().isEmpty()) {
                return withServerErrors(user, null, form, parsed, model);
            }
            id = projects.create(user, parsed.project());
        } catch (BusinessException e) {
            return rejected(user, null, form, parsed, e, model);
        }
        redirect.addFlashAttribute("flash", "已登记重大项目 " + form.code().strip() + " " + form.name().strip() + "。");
        return "redirect:/projects/" + id;
    }

    @GetMapping("/projects/{id}/edit")
    String edit(CurrentUser user, @PathVariable long id, Model model) {
        requireOffice(user, "仅一体化办可以修改重大项目");
        Project p = projects.get(user, id);
        return form(user, p, withAllCities(of(p)), Map.of(), model);
    }

    @PostMapping("/projects/{id}")
    String update(CurrentUser user, @PathVariable long id, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        requireOffice(user, "仅一体化办可以修改重大项目");
        Project p = projects.get(user, id);
        ProjectForm form = read(request);
        Parsed parsed = parse(form);
        try {
            if (!parsed.errors().isEmpty()) {
                return withServerErrors(user, p, form, parsed, model);
            }
            projects.update(user, id, parsed.project());
        } catch (BusinessException e) {
            return rejected(user, p, form, parsed, e, model);
        }
        redirect.addFlashAttribute("flash", "已保存项目 " + form.code().strip() + " 的修改。");
        return "redirect:/projects/" + id;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String form(CurrentUser user, Project p, ProjectForm form, Map<String, String> errors, Model model) {
        Map<String, List<cn.onecity.region.Department>> departments = new LinkedHashMap<>();
        for (City c : region.cities()) {
            departments.put(c.code(), region.departments(c.code()));
        }
        List<ItemView> items = new ArrayList<>(cooperation.items(new DataScope.All(), ItemFilter.none(), projects.today()));
        items.sort(Cooperation.BY_AREA_AND_CODE);
        model.addAttribute("project", p);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("types", ProjectType.values());
        model.addAttribute("kinds", MilestoneKind.values());
        model.addAttribute("departments", departments);
        model.addAttribute("items", items);
        model.addAttribute("today", projects.today());
        return VIEW_FORM;
    }

    /** Input that could not even be read (a date like 2026-13-01): those messages, with the server's for the rest. */
    private String withServerErrors(CurrentUser user, Project p, ProjectForm form, Parsed parsed, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            projects.check(user, p == null ? null : p.id(), parsed.project());
        } catch (BusinessException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            errors.putAll(rowFields(e.byField("code"), parsed.rows()));
        }
        errors.putAll(parsed.errors());
        return form(user, p, form, errors, model);
    }

    private String rejected(CurrentUser user, Project p, ProjectForm form, Parsed parsed, BusinessException e, Model model) {
        if (e.status() != 400 && e.status() != 409) {
            throw e;
        }
        return form(user, p, form, rowFields(e.byField("code"), parsed.rows()), model);
    }

    /** The server numbers milestones among those submitted; the form numbers its rows, blank ones included. */
    private static Map<String, String> rowFields(Map<String, String> errors, List<Integer> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        errors.forEach((field, message) -> {
            String f = field;
            if (field.startsWith("milestones[") && field.endsWith("]")) {
                try {
                    int i = Integer.parseInt(field.substring("milestones[".length(), field.length() - 1));
                    f = i < rows.size() ? "milestones[" + rows.get(i) + "]" : field;
                } catch (NumberFormatException ignored) {
                    // not an index: keep the field as named
                }
            }
            out.merge(f, message, (a, b) -> a + "；" + b);
        });
        return out;
    }

    /** The typed values as a NewProject, the form rows its milestones came from, and what could not be read. */
    private record Parsed(NewProject project, List<Integer> rows, Map<String, String> errors) {
    }

    private Parsed parse(ProjectForm f) {
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal planned = null;
        if (!isBlank(f.plannedInvestment())) {
            try {
                planned = new BigDecimal(f.plannedInvestment().strip().replace(",", "").replace("，", ""));
            } catch (NumberFormatException e) {
                errors.put("plannedInvestment", "计划总投资应为数字（单位：万元），如 125000");
            }
        }
        List<NewProject.Party> parties = new ArrayList<>();
        for (CityRow c : f.cities()) {
            if (!isBlank(c.departmentCode())) {
                parties.add(new NewProject.Party(c.cityCode(), c.departmentCode()));
            }
        }
        List<NewProject.Step> steps = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < f.milestones().size(); i++) {
            StepRow r = f.milestones().get(i);
            if (r.blank()) {
                continue;
            }
            MilestoneKind kind = null;
            for (MilestoneKind k : MilestoneKind.values()) {
                if (k.name().equals(r.kind())) {
                    kind = k;
                }
            }
            LocalDate plannedDate = date(r.plannedDate(), "计划日期", i, errors);
            LocalDate actualDate = date(r.actualDate(), "实际日期", i, errors);
            steps.add(new NewProject.Step(isBlank(r.name()) ? null : r.name(), kind, plannedDate, actualDate));
            rows.add(i);
        }
        List<Long> items = new ArrayList<>();
        for (String s : f.cooperationItemIds()) {
            try {
                items.add(Long.valueOf(s.strip()));
            } catch (NumberFormatException e) {
                errors.put("cooperationItemIds", "关联的合作事项不存在：" + s);
            }
        }
        NewProject n = new NewProject(f.code(), f.name(), ProjectType.parse(f.type()).orElse(null), f.landmark(), planned,
                f.description(), f.note(), parties, steps, items);
        return new Parsed(n, rows, errors);
    }

    private static LocalDate date(String raw, String what, int row, Map<String, String> errors) {
        if (isBlank(raw)) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            errors.merge("milestones[" + row + "]", what + "格式应为 YYYY-MM-DD，如 2026-06-30", (a, b) -> a + "；" + b);
            return null;
        }
    }

    /** Reads the form from the request: rows are parallel parameters, one value per row, blank rows included. */
    private ProjectForm read(HttpServletRequest r) {
        String[] cityCodes = values(r, "cityCode");
        String[] departmentCodes = values(r, "departmentCode");
        List<CityRow> cities = new ArrayList<>();
        for (int i = 0; i < cityCodes.length; i++) {
            String code = cityCodes[i];
            cities.add(new CityRow(code, region.cityShortName(code), i < departmentCodes.length ? departmentCodes[i] : ""));
        }
        String[] names = values(r, "msName");
        String[] kinds = values(r, "msKind");
        String[] planned = values(r, "msPlanned");
        String[] actual = values(r, "msActual");
        int n = Math.max(Math.max(names.length, kinds.length), Math.max(planned.length, actual.length));
        List<StepRow> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(new StepRow(at(names, i), at(kinds, i), at(planned, i), at(actual, i)));
        }
        return new ProjectForm(text(r, "code"), text(r, "name"), text(r, "type"), r.getParameter("landmark") != null,
                text(r, "plannedInvestment"), text(r, "description"), text(r, "note"), cities, steps,
                List.of(values(r, "cooperationItemIds")));
    }

    private static ProjectForm of(Project p) {
        List<CityRow> cities = new ArrayList<>();
        for (ProjectCity c : p.cities()) {
            cities.add(new CityRow(c.cityCode(), c.cityName(), c.departmentCode()));
        }
        List<StepRow> steps = new ArrayList<>();
        for (ProjectMilestone m : p.milestones()) {
            steps.add(new StepRow(m.name(), m.kind().name(), m.plannedDate().toString(),
                    m.actualDate() == null ? "" : m.actualDate().toString()));
        }
        return new ProjectForm(p.code(), p.name(), p.type().name(), p.landmark(), p.plannedInvestment().stripTrailingZeros().toPlainString(),
                nz(p.description()), nz(p.note()), cities, steps, p.cooperationItemIds().stream().map(String::valueOf).toList());
    }

    /** The project's cities in its order, then the member cities it does not involve (blank), for the edit form. */
    private ProjectForm withAllCities(ProjectForm f) {
        List<CityRow> cities = new ArrayList<>(f.cities());
        for (City c : region.cities()) {
            if (cities.stream().noneMatch(x -> x.cityCode().equals(c.code()))) {
                cities.add(new CityRow(c.code(), c.shortName(), ""));
            }
        }
        return new ProjectForm(f.code(), f.name(), f.type(), f.landmark(), f.plannedInvestment(), f.description(), f.note(),
                cities, blankSteps(f.milestones()), f.cooperationItemIds());
    }

    private static List<StepRow> blankSteps(List<StepRow> filled) {
        List<StepRow> rows = new ArrayList<>(filled);
        int target = Math.max(MIN_MILESTONE_ROWS, filled.size() + SPARE_MILESTONES);
        while (rows.size() < target) {
            rows.add(new StepRow("", "", "", ""));
        }
        return rows;
    }

    private static void requireOffice(CurrentUser user, String message) {
        if (user == null || !user.isAny(Role.JOINT_OFFICE, Role.ADMIN)) {
            throw new ForbiddenException(message);
        }
    }

    private static String[] values(HttpServletRequest r, String name) {
        String[] v = r.getParameterValues(name);
        return v == null ? new String[0] : v;
    }

    private static String at(String[] a, int i) {
        return i < a.length ? a[i] : "";
    }

    private static String text(HttpServletRequest r, String name) {
        return nz(r.getParameter(name));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
