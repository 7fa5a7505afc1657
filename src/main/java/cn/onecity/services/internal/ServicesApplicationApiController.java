package cn.onecity.services.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import cn.onecity.identity.CurrentUser;
import cn.onecity.region.Region;
import cn.onecity.services.ApplicationView;
import cn.onecity.services.Applications;
import cn.onecity.services.NewApplication;
import cn.onecity.services.Ratings;
import cn.onecity.services.Upload;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.PageResult;

/**
 * REST API of applications (HTTP Basic): submission with materials (multipart), tracking, withdrawal, 补正 and
 * 好差评. Everyone sees only the applications in their data scope; anything else is 404.
 */
@RestController
@RequestMapping("/api/v1/services/applications")
@Tag(name = "跨市通办", description = "服务事项目录、申请、办理、好差评与统计")
class ServicesApplicationApiController {

    static final Set<String> STATUSES = Set.of("IN_PROGRESS", "DONE", "RETURNED", "REJECTED", "WITHDRAWN");

    private final Applications applications;
    private final Ratings ratings;
    private final Region region;

    ServicesApplicationApiController(Applications applications, Ratings ratings, Region region) {
        this.applications = applications;
        this.ratings = ratings;
        this.region = region;
    }

    record ApplicationPage(List<Applications.Summary> content, int page, int size, long totalElements, int totalPages) {
    }

    /** The state of an application after a command. */
    record ApplicationState(String number, String status, String stage, String stageLabel) {
    }

    record WithdrawRequest(String reason) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('RESIDENT','ENTERPRISE')")
    @Operation(summary = "提交申请（个人或企业账号，multipart）",
            description = "字段：itemId、mode（ONLINE/PROXY/JOINT 或中文名称）、acceptCity（异地代收代办的收件地）、handleCity（办理地）、"
                    + "jointCities（多地联办的城市，可重复，第一个为主办地）、applicantName、idNumber、phone；"
                    + "事项表单字段写作 form[标签] 或 form.标签；每项材料一个文件字段 material-<材料编号>（PDF、JPG 或 PNG，按内容判断，单个不超过 20 MB）。"
                    + "成功返回 201 与申请编号（Location 指向该申请）；校验失败返回 400，errors[] 逐项列出字段，如 idNumber、material-12。")
    ResponseEntity<Applications.Submitted> submit(CurrentUser user, @RequestParam(required = false) String itemId,
            @RequestParam(required = false) String mode, @RequestParam(required = false) String acceptCity,
            @RequestParam(required = false) String handleCity, @RequestParam(required = false) List<String> jointCities,
            @RequestParam(required = false) String applicantName, @RequestParam(required = false) String idNumber,
            @RequestParam(required = false) String phone, MultipartHttpServletRequest request) {
        Long item = null;
        if (itemId != null && !itemId.isBlank()) {
            try {
                item = Long.valueOf(itemId.trim());
            } catch (NumberFormatException e) {
                throw BusinessException.invalid("itemId", "服务事项编号须为整数");
            }
        }
        List<String> joint = new ArrayList<>();
        for (String c : jointCities == null ? List.<String>of() : jointCities) {
            for (String part : c.split("[,，、]")) {
                if (!part.isBlank()) {
                    String code = Cities.code(region, part);
                    joint.add(code == null ? part.trim() : code);
                }
            }
        }
        NewApplication a = new NewApplication(item, mode, city(acceptCity), city(handleCity), joint, applicantName, idNumber,
                phone, form(request));
        Applications.Submitted s = applications.submit(user, a, materials(request));
        return ResponseEntity.created(URI.create("/api/v1/services/applications/" + s.number())).body(s);
    }

    private String city(String text) {
        String code = Cities.code(region, text);
        return code == null ? text : code;
    }

    /** The item's form fields, sent as {@code form[标签]} or {@code form.标签}. */
    static Map<String, String> form(MultipartHttpServletRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            String label = null;
            if (name.startsWith("form[") && name.endsWith("]") && name.length() > 6) {
                label = name.substring(5, name.length() - 1);
            } else if (name.startsWith("form.") && name.length() > 5) {
                label = name.substring(5);
            }
            if (label != null && values.length > 0 && (!form.containsKey(label.trim()) || form.get(label.trim()).isBlank())) {
                form.put(label.trim(), values[0]);
            }
        });
        return form;
    }

    /** One upload per file part {@code material-<id>}; an empty file input (no name, no bytes) is not a file. */
    static List<Upload> materials(MultipartHttpServletRequest request) {
        List<Upload> uploads = new ArrayList<>();
        List<FieldMessage> errors = new ArrayList<>();
        request.getMultiFileMap().forEach((name, files) -> {
            Long materialId = null;
            if (name.startsWith("material-")) {
                try {
                    materialId = Long.valueOf(name.substring("material-".length()));
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            if (materialId == null) {
                errors.add(new FieldMessage(name, "未知的文件字段“" + name + "”：申请材料的字段名应为 material-<材料编号>"));
                return;
            }
            for (MultipartFile f : files) {
                if (f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank())) {
                    continue;
                }
                uploads.add(new Upload(materialId, f.getOriginalFilename(), bytes(f)));
            }
        });
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        return uploads;
    }

    static byte[] bytes(MultipartFile f) {
        try {
            return f.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping
    @Operation(summary = "数据范围内的申请：申请人本人的、本部门经办的（收件或办理）、一体化办的全部；status 为 IN_PROGRESS、DONE、RETURNED、REJECTED 或 WITHDRAWN")
    ApplicationPage list(CurrentUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String s = status == null || status.isBlank() ? null : status.trim().toUpperCase();
        if (s != null && !STATUSES.contains(s)) {
            throw BusinessException.invalid("status", "状态“" + status + "”无效，应为 IN_PROGRESS、DONE、RETURNED、REJECTED 或 WITHDRAWN");
        }
        PageResult<Applications.Summary> r = applications.list(user, s, PageResult.page(page), PageResult.size(size));
        return new ApplicationPage(r.content(), r.page(), r.size(), r.totalElements(), r.totalPages());
    }

    @GetMapping("/{number}")
    @Operation(summary = "申请详情：办理时间线（含计时）、材料、补正、联办各方、待办任务与评价；个人信息已脱敏。数据范围外 404")
    ApplicationView view(CurrentUser user, @PathVariable String number) {
        return applications.view(user, number);
    }

    @GetMapping("/{number}/materials/{materialId}")
    @Operation(summary = "下载申请材料文件（申请人及数据范围内的经办人员；记入操作日志）")
    ResponseEntity<byte[]> material(CurrentUser user, @PathVariable String number, @PathVariable long materialId) {
        return download(applications.material(user, number, materialId));
    }

    @GetMapping("/{number}/result")
    @Operation(summary = "下载结果文书（办结后）")
    ResponseEntity<byte[]> result(CurrentUser user, @PathVariable String number) {
        return download(applications.result(user, number));
    }

    static ResponseEntity<byte[]> download(Applications.Download d) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, Attachments.header(asciiName(d.name()), d.name()))
                .contentType(MediaType.parseMediaType(d.contentType()))
                .body(d.content());
    }

    /** The name without characters old clients cannot take: {@code 结果文书-CZT….pdf} → {@code CZT….pdf}. */
    static String asciiName(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._-]+", "").replaceFirst("^[-_]+", "");
        return ascii.isEmpty() || ascii.startsWith(".") ? "file" + ascii : ascii;
    }

    @PostMapping("/{number}/withdraw")
    @PreAuthorize("hasAnyRole('RESIDENT','ENTERPRISE')")
    @Operation(summary = "撤回申请（申请人本人，受理前）：{\"reason\": \"…\"}；已受理或已结束时 409")
    ApplicationState withdraw(CurrentUser user, @PathVariable String number, @RequestBody(required = false) WithdrawRequest body) {
        applications.withdraw(user, number, body == null ? null : body.reason());
        return state(user, number);
    }

    @PostMapping(path = "/{number}/supplements", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('RESIDENT','ENTERPRISE')")
    @Operation(summary = "补正材料（申请人本人，multipart）",
            description = "按补正通知所列材料的顺序，每项一个文件字段 supplement-0、supplement-1……，可附 note（补正说明）；"
                    + "缺少或格式不符的文件返回 400，errors[] 中为 supplement-<序号>。补正后计时恢复")
    ApplicationState supplement(CurrentUser user, @PathVariable String number, @RequestParam(required = false) String note,
            MultipartHttpServletRequest request) {
        Map<Integer, Upload> uploads = new LinkedHashMap<>();
        List<FieldMessage> errors = new ArrayList<>();
        request.getMultiFileMap().forEach((name, files) -> {
            Integer index = null;
            if (name.startsWith("supplement-")) {
                try {
                    index = Integer.valueOf(name.substring("supplement-".length()));
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            if (index == null || index < 0) {
                errors.add(new FieldMessage(name, "未知的文件字段“" + name + "”：补正材料的字段名应为 supplement-<序号>（从 0 开始）"));
                return;
            }
            MultipartFile f = files.get(0);
            if (!(f.isEmpty() && (f.getOriginalFilename() == null || f.getOriginalFilename().isBlank()))) {
                uploads.put(index, new Upload(null, f.getOriginalFilename(), bytes(f)));
            }
        });
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        applications.supplement(user, number, uploads, note);
        return state(user, number);
    }

    @PostMapping("/{number}/ratings")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('RESIDENT','ENTERPRISE')")
    @Operation(summary = "好差评（申请人本人，办结后一次）：{\"windowLevel\", \"windowComment\", \"departmentLevel\", \"departmentComment\"}，"
            + "等级 5 非常满意 … 1 非常不满意；收件窗口仅异地代收代办评价；不满意须写明原因，并自动生成整改任务")
    ApplicationView rate(CurrentUser user, @PathVariable String number, @RequestBody(required = false) Ratings.Rate body) {
        ratings.rate(user, number, body == null ? new Ratings.Rate(null, null, null, null) : body);
        return applications.view(user, number);
    }

    private ApplicationState state(CurrentUser user, String number) {
        ApplicationView v = applications.view(user, number);
        return new ApplicationState(v.number(), v.status(), v.stage(), v.stageLabel());
    }
}
