package cn.onecity.ecology.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.onecity.ecology.EcologyReports;
import cn.onecity.shared.BusinessException;
import tools.jackson.databind.json.JsonMapper;

/** The public 生态环境质量报告 page: water by month, air by city, computed from the readings. */
@Controller
class ReportsController {

    private final EcologyReports reports;
    private final JsonMapper json;

    ReportsController(EcologyReports reports, JsonMapper json) {
        this.reports = reports;
        this.json = json;
    }

    @GetMapping("/ecology/reports")
    String reports(@RequestParam(required = false) String year, Model model) {
        int current = reports.currentYear();
        int chosen;
        try {
            chosen = reports.year(year == null || year.isBlank() ? null : Integer.valueOf(year.strip()));
        } catch (NumberFormatException | BusinessException e) {
            chosen = current;
            model.addAttribute("flashError", "年份无效，已显示 " + current + " 年");
        }
        EcologyReports.WaterReport water = reports.water(chosen);
        EcologyReports.AirReport air = reports.air(chosen);
        List<Integer> years = new ArrayList<>();
        for (int y = current; y >= current - 5; y--) {
            years.add(y);
        }
        model.addAttribute("year", chosen);
        model.addAttribute("examples", reports.exampleReadings(chosen));
        model.addAttribute("years", years);
        model.addAttribute("classes", EcologyReports.CLASSES);
        model.addAttribute("water", water);
        model.addAttribute("air", air);
        model.addAttribute("waterJson", json.writeValueAsString(water));
        model.addAttribute("airJson", json.writeValueAsString(air));
        return "ecology/reports";
    }
}
