package cn.onecity.dashboard.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.dashboard.Dashboard;
import cn.onecity.dashboard.Dashboard.CooperationFigures;

/** Public JSON of the dashboard's figures ({@code GET /api/v1/dashboard/**} needs no login). */
@RestController
class DashboardApiController {

    private final Dashboard dashboard;
    private final Clock clock;

    DashboardApiController(Dashboard dashboard, Clock clock) {
        this.dashboard = dashboard;
        this.clock = clock;
    }

    /** 协同督办 of a joint meeting (default: the newest), as of a date (default: today). */
    @GetMapping("/api/v1/dashboard/healthcard")
    @io.swagger.v3.oas.annotations.Operation(summary = "电子健康卡一卡通：发卡、用卡、跨市就医矩阵与医院接入率")
    cn.onecity.healthcard.HealthCardStatistics.Figures healthCards() {
        return dashboard.healthCards();
    }

    @GetMapping("/api/v1/dashboard/services")
    @io.swagger.v3.oas.annotations.Operation(summary = "跨市通办汇总：事项、城市间办件流向、按时办结率、平均用时、满意率")
    cn.onecity.services.ServiceStatistics.Figures services() {
        return dashboard.services();
    }

    @GetMapping("/api/v1/dashboard/industry")
    @io.swagger.v3.oas.annotations.Operation(summary = "产业协同汇总：集群按级别、累计服务企业、园区合作基金、跨市对接与合作、招商按阶段、湘商回归")
    cn.onecity.industry.IndustryStatistics.Figures industry() {
        return dashboard.industry();
    }

    @GetMapping("/api/v1/dashboard/ecology")
    @io.swagger.v3.oas.annotations.Operation(summary = "生态共治汇总：最近一月断面达标比例与类别、湘江干流断面、各城市优良天数比例与 PM2.5 均值、未关闭的联防联控预警数")
    cn.onecity.ecology.EcologyReports.Figures ecology() {
        return dashboard.ecology();
    }

    @GetMapping("/api/v1/dashboard/projects")
    @io.swagger.v3.oas.annotations.Operation(summary = "交通互联：融城干道累计完成投资与通车/在建数、标志性工程按状态、各市完成投资（按月度报送计算）")
    cn.onecity.projects.ProjectStatistics.Figures projects() {
        return dashboard.projects();
    }

    @GetMapping("/api/v1/dashboard/innovation")
    @io.swagger.v3.oas.annotations.Operation(summary = "科技成果转化汇总：成果、需求、经纪签约、服务机构、揭榜挂帅按阶段、技术合同成交额与城市流向、研发机构增长")
    cn.onecity.innovation.InnovationStatistics.Figures innovation() {
        return dashboard.innovation();
    }

    @GetMapping("/api/v1/dashboard/cooperation")
    CooperationFigures cooperation(@RequestParam(required = false) Integer meeting,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return dashboard.cooperation(meeting, asOf == null ? LocalDate.now(clock) : asOf);
    }
}
