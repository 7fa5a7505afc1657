package cn.onecity.services.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.identity.CurrentUser;
import cn.onecity.services.Catalogue;
import cn.onecity.services.CatalogueImport;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.Times;

/** Excel for catalogue maintainers: the import template, the import (all rows or nothing) and the export. */
@Controller
class CatalogueImportController {

    static final String VIEW = "services/admin/import";

    private final CatalogueImport catalogueImport;
    private final Clock clock;

    CatalogueImportController(CatalogueImport catalogueImport, Clock clock) {
        this.catalogueImport = catalogueImport;
        this.clock = clock;
    }

    @GetMapping("/services/admin/import/template.xlsx")
    ResponseEntity<byte[]> template(CurrentUser user) {
        requireMaintainer(user);
        return file("service-items-template.xlsx", "服务事项导入模板.xlsx", catalogueImport.template());
    }

    @GetMapping("/services/admin/export.xlsx")
    ResponseEntity<byte[]> export(CurrentUser user) {
        requireMaintainer(user);
        LocalDate today = LocalDate.now(clock.withZone(Times.ZONE));
        return file("service-items-" + today + ".xlsx", "服务事项目录（" + today + "）.xlsx", catalogueImport.export());
    }

    @GetMapping("/services/admin/import")
    String initImportForm(CurrentUser user, Model model) {
        requireMaintainer(user);
        model.addAttribute("publish", true);
        return VIEW;
    }

    @PostMapping("/services/admin/import")
    String processImportForm(CurrentUser user, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) Boolean publish, Model model, RedirectAttributes redirect) {
        requireMaintainer(user);
        boolean publishNew = Boolean.TRUE.equals(publish);
        model.addAttribute("publish", publishNew);
        if (file == null || file.isEmpty()) {
            model.addAttribute("errors", List.of(new FieldMessage("file", "请选择要导入的 Excel 文件")));
            return VIEW;
        }
        CatalogueImport.Result result;
        try (InputStream in = file.getInputStream()) {
            result = catalogueImport.importWorkbook(user, in, publishNew);
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
        redirect.addFlashAttribute("flash", "导入成功：新建 " + result.created() + " 项，更新 " + result.updated() + " 项服务事项");
        return "redirect:/services/admin/import";
    }

    private static void requireMaintainer(CurrentUser user) {
        if (!Catalogue.canMaintain(user)) {
            throw new ForbiddenException("只有一体化办和各市行政审批服务局可以维护服务事项");
        }
    }

    private static ResponseEntity<byte[]> file(String asciiName, String name, byte[] body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, Attachments.header(asciiName, name))
                .contentType(MediaType.parseMediaType(CatalogueImport.XLSX))
                .body(body);
    }
}
