package cn.onecity.dashboard.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import tools.jackson.databind.json.JsonMapper;

import cn.onecity.dashboard.Dashboard;
import cn.onecity.dashboard.Dashboard.CooperationFigures;

/** The public 一体化驾驶舱 page; no login. */
@Controller
class DashboardController {

    static final String VIEW = "dashboard/index";

    private final Dashboard dashboard;
    private final JsonMapper json;

    DashboardController(Dashboard dashboard, JsonMapper json) {
        this.dashboard = dashboard;
        this.json = json;
    }

    @GetMapping("/dashboard")
    String dashboard(Model model) {
        CooperationFigures coop = dashboard.cooperation();
        model.addAttribute("coop", coop);
        model.addAttribute("coopJson", json.writeValueAsString(coop));
        return VIEW;
    }
}
