package cn.onecity.services.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.identity.CurrentUser;
import cn.onecity.region.City;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.services.Catalogue;
import cn.onecity.services.FormField;
import cn.onecity.services.ItemDraft;
import cn.onecity.services.Material;
import cn.onecity.services.Mode;
import cn.onecity.services.ServiceItem;
import cn.onecity.services.Subject;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.PageResult;

/**
 * Catalogue maintenance (事项维护) for the joint office, administrators and the cities' 行政审批服务局: the list of
 * all items with publish/suspend, and the item form with its materials, departments and form fields.
 */
@Controller
class ItemAdminController {

    static final String VIEW_LIST = "services/admin-items";
    static final String VIEW_FORM = "services/item-form";
    /** Rows of the materials group on the form; blank rows are ignored. */
    static final int MATERIAL_ROWS = 8;

    private final Catalogue catalogue;
    private final Region region;

    ItemAdminController(Catalogue catalogue, Region region) {
        this.catalogue = catalogue;
        this.region = region;
    }

    private static void requireMaintainer(CurrentUser user) {
        if (!Catalogue.canMaintain(user)) {
            throw new ForbiddenException("只有一体化办和各市行政审批服务局可以维护服务事项");
        }
    }

    /** One row of the materials group as typed. */
    record MaterialRow(String name, String form, String copies, String required) {

        static MaterialRow blank() {
            return new MaterialRow("", "原件", "1", "必要");
        }

        boolean isBlank() {
            return name == null || name.isBlank();
        }
    }

    /** The item form as typed: numbers stay text so that what was entered comes back unchanged. */
    record ItemForm(String code, String name, String subject, String theme, String departmentKind, List<String> modes,
            String statutoryDays, String promisedDays, String fee, String legalBasis, String formFields,
            Map<String, String> departments, List<MaterialRow> materials, boolean publish) {

        public boolean mode(String m) {
            return modes != null && modes.contains(m);
        }

        public String department(String city) {
            return departments == null ? null : departments.get(city);
        }

        static ItemForm empty() {
            List<MaterialRow> rows = new ArrayList<>();
            for (int i = 0; i < MATERIAL_ROWS; i++) {
                rows.add(MaterialRow.blank());
            }
            return new ItemForm("", "", Subject.PERSONAL.name(), "", "", List.of(), "", "", "不收费", "", "", Map.of(), rows,
                    false);
        }

        static ItemForm of(ServiceItem item) {
            List<MaterialRow> rows = new ArrayList<>();
            for (Material m : item.materials()) {
                if (m.seq() < 999) { // 999: dropped from the item but kept for old applications
                    rows.add(new MaterialRow(m.name(), m.form(), String.valueOf(m.copies()), m.required() ? "必要" : "非必要"));
                }
            }
            // room for new materials: at least two blank rows
            int blanks = Math.max(2, MATERIAL_ROWS - rows.size());
            for (int i = 0; i < blanks; i++) {
                rows.add(MaterialRow.blank());
            }
            return new ItemForm(item.code(), item.name(), item.subject().name(), item.theme(), item.departmentKind(),
                    item.modes().stream().map(Mode::name).toList(), String.valueOf(item.statutoryDays()),
                    String.valueOf(item.promisedDays()), item.fee(), item.legalBasis(), FormField.format(item.formFields()),
                    new LinkedHashMap<>(item.departments()), rows, item.published());
        }

        static ItemForm read(HttpServletRequest r, List<City> cities) {
            String[] names = values(r, "materialName");
            String[] forms = values(r, "materialForm");
            String[] copies = values(r, "materialCopies");
            String[] required = values(r, "materialRequired");
            List<MaterialRow> rows = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                rows.add(new MaterialRow(names[i], at(forms, i), at(copies, i), at(required, i)));
            }
            while (rows.size() < MATERIAL_ROWS) {
                rows.add(MaterialRow.blank());
            }
            Map<String, String> departments = new LinkedHashMap<>();
            for (City c : cities) {
                String d = r.getParameter("department-" + c.code());
                departments.put(c.code(), d == null ? "" : d);
            }
            String[] modes = values(r, "modes");
            return new ItemForm(r.getParameter("code"), r.getParameter("name"), r.getParameter("subject"),
                    r.getParameter("theme"), r.getParameter("departmentKind"), List.of(modes),
                    r.getParameter("statutoryDays"), r.getParameter("promisedDays"), r.getParameter("fee"),
                    r.getParameter("legalBasis"), r.getParameter("formFields"), departments, rows,
                    "true".equals(r.getParameter("publish")));
        }

        private static String[] values(HttpServletRequest r, String name) {
            String[] v = r.getParameterValues(name);
            return v == null ? new String[0] : v;
        }

        private static String at(String[] a, int i) {
            return i < a.length ? a[i] : null;
        }

        /** The draft for the module; numbers that are not numbers become field errors. */
        ItemDraft toDraft(Map<String, String> errors) {
            List<ItemDraft.MaterialDraft> mats = new ArrayList<>();
            for (int i = 0; i < materials.size(); i++) {
                MaterialRow m = materials.get(i);
                if (m.isBlank()) {
                    continue;
                }
                Integer n = number(m.copies());
                if (n == null) {
                    errors.merge("materials", "材料“" + m.name().trim() + "”的份数应为数字", (a, b) -> a + "；" + b);
                }
                mats.add(new ItemDraft.MaterialDraft(m.name().trim(), !"复印件".equals(m.form()), n == null ? 1 : n,
                        !"非必要".equals(m.required())));
            }
            Integer statutory = number(statutoryDays);
            Integer promised = number(promisedDays);
            if (statutory == null && statutoryDays != null && !statutoryDays.isBlank()) {
                errors.put("statutoryDays", "法定时限应为数字（工作日）");
            }
            if (promised == null && promisedDays != null && !promisedDays.isBlank()) {
                errors.put("promisedDays", "承诺时限应为数字（工作日）");
            }
            Map<String, String> depts = new LinkedHashMap<>();
            if (departments != null) {
                departments.forEach((city, dept) -> {
                    if (dept != null && !dept.isBlank()) {
                        depts.put(city, dept.trim());
                    }
                });
            }
            return new ItemDraft(code, name, subject, theme, departmentKind, modes, statutory, promised, fee, legalBasis,
                    formFields, depts, mats, publish);
        }

        private static Integer number(String s) {
            if (s == null || !s.trim().matches("[0-9]{1,4}")) {
                return null;
            }
            return Integer.valueOf(s.trim());
        }
    }

    /** The departments of one city, for that city's select. */
    record CityDepartments(City city, List<Department> departments) {
    }

    @GetMapping("/services/admin/items")
    String list(CurrentUser user, @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
            Model model) {
        requireMaintainer(user);
        String text = q == null || q.isBlank() ? null : q.trim();
        model.addAttribute("page", catalogue.search(new Catalogue.ItemFilter(text, null, null, null, null, true),
                PageResult.page(page), ServicePages.PAGE_SIZE));
        model.addAttribute("q", text);
        return VIEW_LIST;
    }

    @PostMapping("/services/admin/items/{id}/status")
    String status(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String status,
            RedirectAttributes redirect) {
        requireMaintainer(user);
        ServiceItem item = catalogue.item(id);
        try {
            catalogue.setStatus(user, id, status == null ? "" : status.trim());
            redirect.addFlashAttribute("flash", ("PUBLISHED".equals(status) ? "已发布" : "SUSPENDED".equals(status) ? "已暂停"
                    : "已改为草稿") + "：" + item.name());
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/services/admin/items";
    }

    @GetMapping("/services/admin/items/new")
    String createForm(CurrentUser user, Model model) {
        requireMaintainer(user);
        return form(null, ItemForm.empty(), Map.of(), model);
    }

    @PostMapping("/services/admin/items/new")
    String create(CurrentUser user, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        requireMaintainer(user);
        ItemForm form = ItemForm.read(request, region.cities());
        Map<String, String> errors = new LinkedHashMap<>();
        ItemDraft draft = form.toDraft(errors);
        long id;
        try {
            check(draft, null, errors);
            id = catalogue.create(user, draft);
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            errors.putAll(merge(errors, ServicePages.errors(e)));
            return form(null, form, errors, model);
        }
        redirect.addFlashAttribute("flash", "已新建服务事项“" + draft.name().trim() + "”" + (draft.publish() ? "并发布。" : "（草稿）。"));
        return "redirect:/services/items/" + id;
    }

    @GetMapping("/services/admin/items/{id}/edit")
    String editForm(CurrentUser user, @PathVariable long id, Model model) {
        requireMaintainer(user);
        ServiceItem item = catalogue.item(id);
        return form(item, ItemForm.of(item), Map.of(), model);
    }

    @PostMapping("/services/admin/items/{id}/edit")
    String edit(CurrentUser user, @PathVariable long id, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        requireMaintainer(user);
        ServiceItem item = catalogue.item(id);
        ItemForm form = ItemForm.read(request, region.cities());
        Map<String, String> errors = new LinkedHashMap<>();
        ItemDraft draft = form.toDraft(errors);
        try {
            check(draft, id, errors);
            catalogue.update(user, id, draft);
        } catch (BusinessException e) {
            if (e.status() == 403 || e.status() == 404) {
                throw e;
            }
            errors.putAll(merge(errors, ServicePages.errors(e)));
            return form(item, form, errors, model);
        }
        redirect.addFlashAttribute("flash", "已保存服务事项“" + draft.name().trim() + "”。");
        return "redirect:/services/items/" + id;
    }

    /** The module's rules and the form's own conversion errors, reported together. */
    private void check(ItemDraft draft, Long id, Map<String, String> conversion) {
        List<FieldMessage> errors = new ArrayList<>(catalogue.validate(draft, id));
        conversion.forEach((f, m) -> errors.add(new FieldMessage(f, m)));
        if (!errors.isEmpty()) {
            throw new BusinessException(400, "服务事项有 " + errors.size() + " 处需要修改", errors);
        }
    }

    private static Map<String, String> merge(Map<String, String> conversion, Map<String, String> module) {
        Map<String, String> out = new LinkedHashMap<>(module);
        conversion.forEach((f, m) -> out.merge(f, m, (a, b) -> a.contains(b) ? a : a + "；" + b));
        return out;
    }

    private String form(ServiceItem item, ItemForm form, Map<String, String> errors, Model model) {
        List<CityDepartments> groups = new ArrayList<>();
        for (City c : region.cities()) {
            groups.add(new CityDepartments(c, region.departments(c.code())));
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Department d : region.departments(region.cities().get(0).code())) {
            // 长沙市住房公积金管理中心 → 住房公积金管理中心: the kind's name without the city
            String name = d.name().startsWith(region.cities().get(0).name())
                    ? d.name().substring(region.cities().get(0).name().length()) : d.name();
            kinds.put(d.kind(), name);
        }
        model.addAttribute("item", item);
        model.addAttribute("editing", item != null);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("subjects", Subject.values());
        model.addAttribute("themes", Catalogue.THEMES);
        model.addAttribute("modes", Mode.values());
        model.addAttribute("kinds", kinds);
        model.addAttribute("departmentGroups", groups);
        return VIEW_FORM;
    }
}
