package cn.onecity.ecology.internal;

import java.io.IOException;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import cn.onecity.ecology.Readings;
import cn.onecity.ecology.ReadingsCsv;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ForbiddenException;

/** The CSV upload page for the 生态环境局 staff: every row checked, any bad row saves nothing. */
@Controller
class ReadingsUploadController {

    private final ReadingsCsv csv;

    ReadingsUploadController(ReadingsCsv csv) {
        this.csv = csv;
    }

    @GetMapping("/ecology/readings/upload")
    String form(CurrentUser user, Model model) {
        requireUploader(user);
        model.addAttribute("errors", List.of());
        return "ecology/upload";
    }

    @PostMapping("/ecology/readings/upload")
    String upload(CurrentUser user, @RequestParam(defaultValue = "water") String kind,
            @RequestParam(required = false) MultipartFile file, Model model) throws IOException {
        requireUploader(user);
        model.addAttribute("kind", kind);
        try {
            byte[] content = file == null ? null : file.getBytes();
            List<Readings.Ingested> result = "air".equals(kind) ? csv.uploadAir(user, content) : csv.uploadWater(user, content);
            model.addAttribute("result", result);
            model.addAttribute("created", result.stream().filter(Readings.Ingested::created).count());
            model.addAttribute("errors", List.of());
        } catch (BusinessException e) {
            if (e.status() != 400) {
                throw e;
            }
            model.addAttribute("summary", e.getMessage());
            model.addAttribute("errors", e.errors().isEmpty() ? List.of(e.getMessage())
                    : e.errors().stream().map(f -> f.message()).toList());
        }
        return "ecology/upload";
    }

    private static void requireUploader(CurrentUser user) {
        if (!cn.onecity.ecology.Alerts.canSee(user)) {
            throw new ForbiddenException("仅各市生态环境局工作人员和一体化办可以上传监测数据");
        }
    }
}
