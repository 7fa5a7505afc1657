package cn.onecity.ecology.internal;

import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.ecology.Alerts;
import cn.onecity.ecology.JointActions;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;

/** 联防联控 alerts: the list and one alert with every city's acknowledgement, as pages and as API. */
@Controller
class AlertsController {

    private final Alerts alerts;

    private final JointActions jointActions;

    AlertsController(Alerts alerts, JointActions jointActions) {
        this.alerts = alerts;
        this.jointActions = jointActions;
    }

    @GetMapping("/ecology/alerts")
    String list(CurrentUser user, @RequestParam(defaultValue = "false") boolean all, Model model) {
        model.addAttribute("alerts", alerts.list(user, all));
        model.addAttribute("all", all);
        model.addAttribute("aqiLevel", alerts.aqiLevel());
        return "ecology/alerts";
    }

    @GetMapping("/ecology/alerts/{id}")
    String alert(CurrentUser user, @PathVariable long id, Model model) {
        Alerts.Alert alert = alerts.get(user, id);
        model.addAttribute("alert", alert);
        model.addAttribute("actions", jointActions.forCause(user, alert.cause()));
        model.addAttribute("mine", user.organisationId());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "ecology/alert";
    }

    @PostMapping("/ecology/alerts/{id}/acknowledge")
    String acknowledge(CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "") String response,
            RedirectAttributes redirect) {
        try {
            alerts.acknowledge(user, id, response);
            redirect.addFlashAttribute("flash", "已确认预警并反馈处置措施。");
        } catch (BusinessException e) {
            if (e.status() != 400) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
            redirect.addFlashAttribute("errors", Map.of("response", e.getMessage()));
        }
        return "redirect:/ecology/alerts/" + id;
    }
}
