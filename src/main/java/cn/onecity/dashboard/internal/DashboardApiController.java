package cn.onecity.dashboard.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.dashboard.Dashboard;
import cn.onecity.dashboard.Dashboard.CooperationFigures;

/** Public JSON of the dashboard's figures ({@code GET /api/v1/dashboard/**} needs no login). */
@RestController
class DashboardApiController {

    private final Dashboard dashboard;

    DashboardApiController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    /** 协同督办 of the newest joint meeting, as of today. */
    @GetMapping("/api/v1/dashboard/cooperation")
    CooperationFigures cooperation() {
        return dashboard.cooperation();
    }
}
