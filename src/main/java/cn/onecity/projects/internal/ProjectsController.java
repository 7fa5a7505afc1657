package cn.onecity.projects.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.projects.InvestmentRollUp;
import cn.onecity.projects.Project;
import cn.onecity.projects.ProjectFilter;
import cn.onecity.projects.ProjectStatus;
import cn.onecity.projects.ProjectType;
import cn.onecity.projects.Projects;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import tools.jackson.databind.json.JsonMapper;

/** Pages of 重大项目: the list with filters and totals, a project with milestones and investment, the report form. */
@Controller
class ProjectsController {

    static final String VIEW_LIST = "projects/list";
    static final String VIEW_PROJECT = "projects/project";

    private final Projects projects;
    private final Region region;
    private final JsonMapper json;

    ProjectsController(Projects projects, Region region, JsonMapper json) {
        this.projects = projects;
        this.region = region;
        this.json = json;
    }

    /** The report form as typed; {@link Projects#submitReport} checks every rule again. */
    record ReportForm(String month, String amount, String note) {
        static ReportForm empty() {
            return new ReportForm("", "", "");
        }
    }

    @GetMapping("/projects")
    String list(CurrentUser user, @RequestParam(required = false) String type, @RequestParam(required = false) String city,
            @RequestParam(required = false) String status, @RequestParam(required = false) String landmark,
            @RequestParam(required = false) String late, @RequestParam(required = false) String q,
            @RequestParam(required = false) Long item, Model model) {
        ProjectStatus st = null;
        for (ProjectStatus s : ProjectStatus.values()) {
            if (s.name().equals(status)) {
                st = s;
            }
        }
        ProjectFilter filter = new ProjectFilter(ProjectType.parse(type).orElse(null), blank(city) ? null : city, st,
                blank(landmark) ? null : Boolean.valueOf(landmark), blank(late) ? null : Boolean.valueOf(late), q);
        List<Project> list = projects.list(user, filter);
        if (item != null) {
            list = list.stream().filter(p -> p.cooperationItemIds().contains(item)).toList();
        }
        model.addAttribute("projects", list);
        model.addAttribute("rollUp", InvestmentRollUp.of(list));
        model.addAttribute("types", ProjectType.values());
        model.addAttribute("statuses", ProjectStatus.values());
        model.addAttribute("cities", region.cities());
        model.addAttribute("filter", filter);
        model.addAttribute("canManage", user.isAny(Role.JOINT_OFFICE, Role.ADMIN));
        model.addAttribute("f", Map.of("type", type == null ? "" : type, "city", city == null ? "" : city,
                "status", status == null ? "" : status, "landmark", landmark == null ? "" : landmark,
                "late", late == null ? "" : late, "q", q == null ? "" : q));
        return VIEW_LIST;
    }

    @GetMapping("/projects/{id}")
    String project(CurrentUser user, @PathVariable long id, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ReportForm.empty());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        Project p = projects.get(user, id);
        var months = projects.byMonth(user, id);
        model.addAttribute("project", p);
        model.addAttribute("today", projects.today());
        model.addAttribute("months", months);
        model.addAttribute("chartJson", json.writeValueAsString(Map.of(
                "cities", p.cities().stream().map(c -> c.cityName()).toList(),
                "months", months.stream().map(m -> m.month()).toList(),
                "byCity", p.cities().stream().map(c -> months.stream().map(m -> m.byCity().get(p.cities().indexOf(c))).toList()).toList(),
                "cumulative", months.stream().map(m -> m.cumulative()).toList())));
        model.addAttribute("reportCity", projects.reportingCity(user, p).orElse(null));
        model.addAttribute("canMilestones", user.isAny(Role.JOINT_OFFICE, Role.ADMIN) || projects.reportingCity(user, p).isPresent());
        boolean staff = user.isAny(Role.JOINT_OFFICE, Role.ADMIN) || (user.is(Role.CITY_STAFF) && p.involves(user.cityCode()));
        model.addAttribute("reports", staff ? reversedReports(user, id) : List.of());
        model.addAttribute("revisions", projects.revisions(user, id));
        model.addAttribute("showReporters", staff);
        model.addAttribute("canManage", user.isAny(Role.JOINT_OFFICE, Role.ADMIN));
        return VIEW_PROJECT;
    }

    @PostMapping("/projects/{id}/reports")
    String report(CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "") String month,
            @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        try {
            Projects.ReportResult r = projects.submitReport(user, id, new Projects.ReportInput(month, amount, note));
            redirect.addFlashAttribute("flash", (r.created() ? "已报送 " : "已更正 ") + r.report().cityName() + " "
                    + r.report().month() + " 完成投资 " + r.report().amount().stripTrailingZeros().toPlainString() + " 万元。");
        } catch (BusinessException e) {
            if (e.status() != 400) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", "报送未保存：" + e.getMessage());
            redirect.addFlashAttribute("errors", e.byField());
            redirect.addFlashAttribute("form", new ReportForm(month, amount, note));
        }
        return "redirect:/projects/" + id + "#report";
    }

    @PostMapping("/projects/{id}/milestones/{milestoneId}")
    String milestone(CurrentUser user, @PathVariable long id, @PathVariable long milestoneId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate actualDate,
            RedirectAttributes redirect) {
        try {
            projects.recordMilestone(user, id, milestoneId, actualDate);
            redirect.addFlashAttribute("flash", "已更新里程碑。");
        } catch (BusinessException e) {
            if (e.status() != 400) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/projects/" + id;
    }

    private List<cn.onecity.projects.MonthlyReport> reversedReports(CurrentUser user, long id) {
        List<cn.onecity.projects.MonthlyReport> list = new java.util.ArrayList<>(projects.reports(user, id));
        java.util.Collections.reverse(list);
        return list;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
