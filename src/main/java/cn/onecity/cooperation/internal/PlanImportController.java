package cn.onecity.cooperation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.ItemView;
import cn.onecity.cooperation.PlanImport;
import cn.onecity.identity.CurrentUser;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/** Excel: the import template, the import of an action plan, and the export of the filtered item list. */
@Controller
@PreAuthorize("hasAnyRole('JOINT_OFFICE','CITY_STAFF','ADMIN')")
class PlanImportController {

    static final String VIEW = "cooperation/import";

    private final PlanImport planImport;
    private final Cooperation cooperation;
    private final Region region;
    private final Clock clock;

    PlanImportController(PlanImport planImport, Cooperation cooperation, Region region, Clock clock) {
        this.planImport = planImport;
        this.cooperation = cooperation;
        this.region = region;
        this.clock = clock;
    }

    @GetMapping("/cooperation/import-template.xlsx")
    ResponseEntity<byte[]> template() {
        return file("cooperation-import-template.xlsx", "合作事项导入模板.xlsx", CooperationWorkbooks.template(region));
    }

    @GetMapping("/cooperation/import")
    @PreAuthorize("hasAnyRole('JOINT_OFFICE','ADMIN')")
    String initImportForm(@RequestParam(required = false) Integer meeting, Model model) {
        model.addAttribute("meetings", cooperation.meetings());
        model.addAttribute("meeting", meeting);
        return VIEW;
    }

    @PostMapping("/cooperation/import")
    @PreAuthorize("hasAnyRole('JOINT_OFFICE','ADMIN')")
    String processImportForm(CurrentUser user, @RequestParam(required = false) Integer meeting,
            @RequestParam(required = false) MultipartFile file, Model model, RedirectAttributes redirect) {
        model.addAttribute("meetings", cooperation.meetings());
        model.addAttribute("meeting", meeting);
        if (meeting == null) {
            model.addAttribute("errors", List.of(new FieldMessage("meeting", "请选择联席会议")));
            return VIEW;
        }
        if (file == null || file.isEmpty()) {
            model.addAttribute("errors", List.of(new FieldMessage("file", "请选择要导入的 Excel 文件")));
            return VIEW;
        }
        int n;
        try (InputStream in = file.getInputStream()) {
            n = planImport.importPlan(user, meeting, in);
        } catch (IOException e) {
            model.addAttribute("errors", List.of(new FieldMessage("file", "文件读取失败，请重新上传")));
            return VIEW;
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            model.addAttribute("message", e.getMessage());
            model.addAttribute("errors", e.errors().isEmpty() ? List.of(new FieldMessage("file", e.getMessage())) : e.errors());
            return VIEW;
        }
        redirect.addFlashAttribute("flash", "已导入" + n + "项");
        return "redirect:/cooperation?meeting=" + meeting;
    }

    @GetMapping("/cooperation/export.xlsx")
    ResponseEntity<byte[]> export(CurrentUser user, @RequestParam(required = false) String meeting,
            @RequestParam(required = false) String area, @RequestParam(required = false) String city,
            @RequestParam(required = false) String department, @RequestParam(required = false) String status,
            @RequestParam(required = false) String light, @RequestParam(required = false) String q,
            @RequestParam(required = false) String asOf) {
        LocalDate date = SummaryParams.asOf(asOf, clock);
        List<ItemView> items = cooperation.items(user.scope(),
                SummaryParams.filter(meeting, area, city, department, status, light, q), date);
        return file("cooperation-items-" + date + ".xlsx", "合作事项（截至" + date + "）.xlsx",
                CooperationWorkbooks.export(items, region));
    }

    private static ResponseEntity<byte[]> file(String asciiName, String name, byte[] body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(asciiName, name))
                .contentType(MediaType.parseMediaType(CooperationWorkbooks.XLSX))
                .body(body);
    }
}
