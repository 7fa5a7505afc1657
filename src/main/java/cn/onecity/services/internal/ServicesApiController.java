package cn.onecity.services.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.identity.CurrentUser;
import cn.onecity.region.Region;
import cn.onecity.services.Catalogue;
import cn.onecity.services.CatalogueImport;
import cn.onecity.services.FormField;
import cn.onecity.services.ItemDraft;
import cn.onecity.services.Mode;
import cn.onecity.services.ServiceItem;
import cn.onecity.services.ServiceStatistics;
import cn.onecity.services.Subject;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.PageResult;

/**
 * REST API of the 跨市通办 catalogue (HTTP Basic): the public search and item pages, item maintenance for the
 * joint office and the cities' 行政审批服务局, and the statistics. Errors are problem+json in Chinese.
 */
@RestController
@RequestMapping("/api/v1/services")
@Tag(name = "跨市通办", description = "服务事项目录、申请、办理、好差评与统计")
class ServicesApiController {

    private final Catalogue catalogue;
    private final ServiceStatistics statistics;
    private final Region region;

    ServicesApiController(Catalogue catalogue, ServiceStatistics statistics, Region region) {
        this.catalogue = catalogue;
        this.statistics = statistics;
        this.region = region;
    }

    record ItemPage(List<ItemJson> content, int page, int size, long totalElements, int totalPages) {
    }

    record DepartmentJson(String cityCode, String cityName, String departmentCode, String departmentName) {
    }

    record MaterialJson(long id, String name, String form, boolean original, int copies, boolean required) {
    }

    /** A service item as the API shows it; {@code sample} is true for invented demo items (名称含“示例”). */
    record ItemJson(long id, String code, String name, Subject subject, String subjectLabel, String theme,
            String departmentKind, List<Mode> modes, List<String> modeLabels, int statutoryDays, int promisedDays,
            String fee, String legalBasis, List<DepartmentJson> departments, List<MaterialJson> materials,
            List<FormField> formFields, String status, boolean sample) {
    }

    record MaterialRequest(String name, Boolean original, Integer copies, Boolean required) {
    }

    record FormFieldRequest(String label, Boolean required) {
    }

    /**
     * An item as JSON. {@code subject}: PERSONAL/LEGAL or 个人/法人; {@code modes}: ONLINE/PROXY/JOINT or their
     * Chinese names; {@code departments}: optional competent department code per city code; {@code publish}
     * (create: default false = 草稿; update: default keeps the current status).
     */
    record ItemRequest(String code, String name, String subject, String theme, String departmentKind, List<String> modes,
            Integer statutoryDays, Integer promisedDays, String fee, String legalBasis, List<FormFieldRequest> formFields,
            Map<String, String> departments, List<MaterialRequest> materials, Boolean publish) {

        ItemDraft toDraft(boolean publishDefault) {
            List<ItemDraft.MaterialDraft> mats = materials == null ? List.of()
                    : materials.stream().map(m -> m == null ? new ItemDraft.MaterialDraft(null, true, 1, true)
                            : new ItemDraft.MaterialDraft(m.name(), m.original() == null || m.original(),
                                    m.copies() == null ? 1 : m.copies(), m.required() == null || m.required()))
                            .toList();
            String ff = formFields == null ? "" : FormField.format(formFields.stream()
                    .filter(f -> f != null && f.label() != null && !f.label().isBlank())
                    .map(f -> new FormField(f.label().trim().replace("|", "").replace(";", ""), f.required() == null || f.required()))
                    .toList());
            return new ItemDraft(code, name, subject, theme, departmentKind, modes, statutoryDays, promisedDays, fee,
                    legalBasis, ff, departments, mats, publish == null ? publishDefault : publish);
        }
    }

    record ItemSaved(long id, String code, String status) {
    }

    record StatusRequest(String status) {
    }

    @GetMapping("/items")
    @Operation(summary = "检索服务事项（公开）：q 为中文全文检索；city 为城市代码或名称；subject 为 PERSONAL/LEGAL 或 个人/法人；"
            + "mode 为 ONLINE/PROXY/JOINT 或 全程网办/异地代收代办/多地联办；theme 为主题。未知取值返回 400")
    ItemPage items(CurrentUser user, @RequestParam(required = false) String q, @RequestParam(required = false) String city,
            @RequestParam(required = false) String subject, @RequestParam(required = false) String theme,
            @RequestParam(required = false) String mode, @RequestParam(required = false) Boolean includeUnpublished,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        List<FieldMessage> errors = new ArrayList<>();
        Subject s = null;
        if (subject != null && !subject.isBlank()) {
            s = Subject.parse(subject).orElse(null);
            if (s == null) {
                errors.add(new FieldMessage("subject", "服务对象“" + subject + "”无效，应为 PERSONAL（个人）或 LEGAL（法人）"));
            }
        }
        Mode m = null;
        if (mode != null && !mode.isBlank()) {
            m = Mode.parse(mode).orElse(null);
            if (m == null) {
                errors.add(new FieldMessage("mode", "办理方式“" + mode + "”无效，应为 ONLINE（全程网办）、PROXY（异地代收代办）或 JOINT（多地联办）"));
            }
        }
        String cityCode = null;
        if (city != null && !city.isBlank()) {
            cityCode = Cities.code(region, city);
            if (cityCode == null) {
                errors.add(new FieldMessage("city", "城市“" + city + "”无效，应为 430100（长沙）、430200（株洲）或 430300（湘潭）"));
            }
        }
        if (theme != null && !theme.isBlank() && !Catalogue.THEMES.contains(theme.trim())) {
            errors.add(new FieldMessage("theme", "主题“" + theme + "”无效，应为：" + String.join("、", Catalogue.THEMES)));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        boolean all = Boolean.TRUE.equals(includeUnpublished) && Catalogue.canMaintain(user);
        PageResult<ServiceItem> result = catalogue.search(new Catalogue.ItemFilter(q, cityCode, s, theme, m, all),
                PageResult.page(page), PageResult.size(size));
        return new ItemPage(result.content().stream().map(this::json).toList(), result.page(), result.size(),
                result.totalElements(), result.totalPages());
    }

    @GetMapping("/items/{id}")
    @Operation(summary = "服务事项详情（公开）：办理方式、时限、收费、设定依据、各市主管部门、申请材料与表单字段；未发布的事项 404（维护人员可见）")
    ItemJson item(CurrentUser user, @PathVariable long id) {
        return json(Catalogue.canMaintain(user) ? catalogue.item(id) : catalogue.publishedItem(id));
    }

    @PostMapping("/items")
    @PreAuthorize("hasAnyRole('JOINT_OFFICE','ADMIN','CITY_STAFF')")
    @Operation(summary = "新建服务事项（一体化办、各市行政审批服务局）：校验失败 400 并在 errors[] 中列出字段，如承诺时限超过法定时限时为 promisedDays")
    ResponseEntity<ItemSaved> create(CurrentUser user, @RequestBody(required = false) ItemRequest body) {
        requireMaintainer(user);
        long id = catalogue.create(user, request(body).toDraft(false));
        ServiceItem item = catalogue.item(id);
        return ResponseEntity.created(URI.create("/api/v1/services/items/" + id)).body(new ItemSaved(id, item.code(), item.status()));
    }

    @PutMapping("/items/{id}")
    @PreAuthorize("hasAnyRole('JOINT_OFFICE','ADMIN','CITY_STAFF')")
    @Operation(summary = "修改服务事项（一体化办、各市行政审批服务局）：整体替换；已被申请引用的材料保留编号；publish 省略时保持原状态")
    ItemSaved update(CurrentUser user, @PathVariable long id, @RequestBody(required = false) ItemRequest body) {
        requireMaintainer(user);
        ServiceItem old = catalogue.item(id);
        catalogue.update(user, id, request(body).toDraft(old.published()));
        if (Catalogue.SUSPENDED.equals(old.status()) && (body.publish() == null)) {
            catalogue.setStatus(user, id, Catalogue.SUSPENDED);
        }
        ServiceItem item = catalogue.item(id);
        return new ItemSaved(id, item.code(), item.status());
    }

    @PostMapping("/items/{id}/status")
    @PreAuthorize("hasAnyRole('JOINT_OFFICE','ADMIN','CITY_STAFF')")
    @Operation(summary = "发布或下架服务事项：{\"status\": \"PUBLISHED|DRAFT|SUSPENDED\"}（也可写 已发布、草稿、暂停）")
    ItemSaved status(CurrentUser user, @PathVariable long id, @RequestBody(required = false) StatusRequest body) {
        requireMaintainer(user);
        String status = body == null || body.status() == null ? "" : body.status().trim();
        status = switch (status) {
            case "已发布", "发布", "published" -> Catalogue.PUBLISHED;
            case "草稿", "draft" -> Catalogue.DRAFT;
            case "暂停", "下架", "suspended" -> Catalogue.SUSPENDED;
            default -> status;
        };
        catalogue.setStatus(user, id, status);
        ServiceItem item = catalogue.item(id);
        return new ItemSaved(id, item.code(), item.status());
    }

    @GetMapping("/statistics")
    @Operation(summary = "跨市通办统计（需登录）：各办理方式与各市事项数、三市收件地→办理地流向、按期办结率、平均用时、满意率")
    ServiceStatistics.Figures statistics() {
        return statistics.figures();
    }

    private static ItemRequest request(ItemRequest body) {
        if (body == null) {
            throw BusinessException.invalid("body", "请求体不能为空：请提交服务事项的 JSON");
        }
        return body;
    }

    private static void requireMaintainer(CurrentUser user) {
        if (!Catalogue.canMaintain(user)) {
            throw new ForbiddenException("只有一体化办和各市行政审批服务局可以维护服务事项");
        }
    }

    ItemJson json(ServiceItem i) {
        List<DepartmentJson> depts = i.departments().entrySet().stream()
                .map(e -> new DepartmentJson(e.getKey(), region.cityShortName(e.getKey()), e.getValue(),
                        region.findDepartment(e.getValue()).map(d -> d.name()).orElse(e.getValue())))
                .toList();
        List<MaterialJson> mats = CatalogueImport.askedMaterials(i).stream()
                .map(m -> new MaterialJson(m.id(), m.name(), m.form(), m.original(), m.copies(), m.required())).toList();
        return new ItemJson(i.id(), i.code(), i.name(), i.subject(), i.subject().label(), i.theme(), i.departmentKind(),
                i.modes(), i.modes().stream().map(Mode::label).toList(), i.statutoryDays(), i.promisedDays(), i.fee(),
                i.legalBasis(), depts, mats, i.formFields(), i.status(), i.isSample());
    }
}
