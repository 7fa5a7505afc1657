package cn.onecity.projects.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.identity.CurrentUser;
import cn.onecity.projects.InvestmentRollUp;
import cn.onecity.projects.MonthlyReport;
import cn.onecity.projects.NewProject;
import cn.onecity.projects.Project;
import cn.onecity.projects.ProjectFilter;
import cn.onecity.projects.ProjectStatus;
import cn.onecity.projects.ProjectType;
import cn.onecity.projects.Projects;
import cn.onecity.shared.BusinessException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** 重大项目 API: projects with computed status and totals, monthly investment reports, the roll-up. */
@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "重大项目", description = "融城干道、轨道交通与十大标志性工程：里程碑、各市月度投资报送与汇总")
class ProjectsApiController {

    private final Projects projects;

    ProjectsApiController(Projects projects) {
        this.projects = projects;
    }

    @GetMapping
    @Operation(summary = "重大项目列表（状态与累计投资均按里程碑和月度报送计算，金额单位万元）",
            description = "筛选：type（ROAD/RAIL/INDUSTRY/LOGISTICS/ECOLOGY/PUBLIC_SERVICE/OTHER 或中文）、city（430100…）、status（NOT_STARTED/UNDER_WAY/DONE）、landmark、q")
    List<Project> list(CurrentUser user, @RequestParam(required = false) String type, @RequestParam(required = false) String city,
            @RequestParam(required = false) ProjectStatus status, @RequestParam(required = false) Boolean landmark,
            @RequestParam(required = false) String q) {
        return projects.list(user, filter(type, city, status, landmark, q));
    }

    @GetMapping("/totals")
    @Operation(summary = "投资汇总：合计、按城市、按类型（万元；investedYi 为亿元）", description = "筛选同列表；如 type=ROAD 即融城干道累计完成投资")
    InvestmentRollUp totals(CurrentUser user, @RequestParam(required = false) String type, @RequestParam(required = false) String city,
            @RequestParam(required = false) ProjectStatus status, @RequestParam(required = false) Boolean landmark,
            @RequestParam(required = false) String q) {
        return projects.rollUp(user, filter(type, city, status, landmark, q));
    }

    @GetMapping("/{id}")
    @Operation(summary = "一个重大项目：涉及城市与责任单位、里程碑、累计投资与逐月投资")
    Map<String, Object> project(CurrentUser user, @PathVariable long id) {
        return Map.of("project", projects.get(user, id), "months", projects.byMonth(user, id));
    }

    @GetMapping("/{id}/reports")
    @Operation(summary = "项目的月度投资报送（按月份、城市）")
    List<MonthlyReport> reports(CurrentUser user, @PathVariable long id) {
        return projects.reports(user, id);
    }

    @PostMapping("/{id}/reports")
    @Operation(summary = "报送本市本月完成投资（项目涉及城市的责任单位）",
            description = "{month:\"2026-05\", amount:\"1250.5\"（万元，≥0，最多两位小数）, note}。新报送 201；同一项目、城市、月份再次报送即更正，返回 200，原数据留档。"
                    + "未来月份、负数或超出合理范围的金额 400（errors[] 指明字段）；非本项目涉及城市或非责任单位 403。")
    ResponseEntity<Object> report(CurrentUser user, @PathVariable long id, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BusinessException("请求体应为 JSON 对象 {month, amount, note}");
        }
        Projects.ReportResult r = projects.submitReport(user, id, new Projects.ReportInput(text(body, "month"),
                text(body, "amount"), text(body, "note")));
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(r.report());
    }

    record MilestoneRequest(LocalDate actualDate) {
    }

    @PostMapping("/{id}/milestones/{milestoneId}")
    @Operation(summary = "填报里程碑实际完成日期（一体化办或责任单位）", description = "{actualDate:\"2026-05-20\"}；null 清除")
    Project milestone(CurrentUser user, @PathVariable long id, @PathVariable long milestoneId, @RequestBody MilestoneRequest request) {
        return projects.recordMilestone(user, id, milestoneId, request.actualDate());
    }

    record CreateRequest(String code, String name, String type, Boolean landmark, BigDecimal plannedInvestment, String description,
            String note, List<NewProject.Party> cities, List<NewProject.Step> milestones, List<Long> cooperationItemIds) {
    }

    @PostMapping
    @Operation(summary = "登记重大项目（一体化办）", description = "plannedInvestment 单位万元；cities:[{cityCode, departmentCode}]；"
            + "milestones:[{name, kind: START/OPEN/COMPLETE/OTHER, plannedDate, actualDate}]；cooperationItemIds 关联合作事项")
    ResponseEntity<Project> create(CurrentUser user, @RequestBody CreateRequest r) {
        long id = projects.create(user, newProject(r));
        return ResponseEntity.status(HttpStatus.CREATED).body(projects.get(user, id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "修改重大项目（一体化办）", description = "请求体同登记，整体替换项目信息、涉及城市、里程碑（按顺序对应原有里程碑）与关联合作事项；"
            + "月度投资报送不受影响。已有报送的城市不能移除（400，errors[].field = cities）；编号与其他项目重复 409。")
    Project update(CurrentUser user, @PathVariable long id, @RequestBody CreateRequest r) {
        projects.update(user, id, newProject(r));
        return projects.get(user, id);
    }

    private static NewProject newProject(CreateRequest r) {
        if (r == null) {
            throw new BusinessException("请求体应为 JSON 对象");
        }
        ProjectType type = ProjectType.parse(r.type()).orElse(null);
        if (r.type() != null && !r.type().isBlank() && type == null) {
            throw BusinessException.invalid("type", "未知项目类型：" + r.type());
        }
        return new NewProject(r.code(), r.name(), type, Boolean.TRUE.equals(r.landmark()), r.plannedInvestment(), r.description(),
                r.note(), r.cities(), r.milestones(), r.cooperationItemIds());
    }

    private static ProjectFilter filter(String type, String city, ProjectStatus status, Boolean landmark, String q) {
        ProjectType t = ProjectType.parse(type).orElse(null);
        if (type != null && !type.isBlank() && t == null) {
            throw BusinessException.invalid("type", "未知项目类型：" + type);
        }
        return new ProjectFilter(t, city, status, landmark, null, q);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.isNumber() ? v.decimalValue().toPlainString() : v.isValueNode() ? v.asString() : v.toString();
    }
}
