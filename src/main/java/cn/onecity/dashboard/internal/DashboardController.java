package cn.onecity.dashboard.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

import cn.onecity.dashboard.Dashboard;
import cn.onecity.dashboard.Dashboard.CooperationFigures;

/** The public 一体化驾驶舱 page; no login. */
@Controller
class DashboardController {

    static final String VIEW = "dashboard/index";

    private final Dashboard dashboard;
    private final JsonMapper json;
    private final Clock clock;

    DashboardController(Dashboard dashboard, JsonMapper json, Clock clock) {
        this.dashboard = dashboard;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam(required = false) Integer meeting, Model model) {
        CooperationFigures coop = dashboard.cooperation(meeting, LocalDate.now(clock));
        model.addAttribute("meetings", dashboard.meetings());
        model.addAttribute("coop", coop);
        model.addAttribute("coopJson", json.writeValueAsString(coop));
        var services = dashboard.services();
        model.addAttribute("svc", services);
        model.addAttribute("svcJson", json.writeValueAsString(services));
        var healthCards = dashboard.healthCards();
        model.addAttribute("hc", healthCards);
        model.addAttribute("hcJson", json.writeValueAsString(healthCards));
        var industry = dashboard.industry();
        model.addAttribute("ind", industry);
        model.addAttribute("indJson", json.writeValueAsString(industry));
        var ecology = dashboard.ecology();
        model.addAttribute("eco", ecology);
        model.addAttribute("ecoJson", json.writeValueAsString(ecology));
        var projects = dashboard.projects();
        model.addAttribute("prj", projects);
        model.addAttribute("prjJson", json.writeValueAsString(projects));
        var innovation = dashboard.innovation();
        model.addAttribute("inv", innovation);
        model.addAttribute("invJson", json.writeValueAsString(innovation));
        return VIEW;
    }
}
