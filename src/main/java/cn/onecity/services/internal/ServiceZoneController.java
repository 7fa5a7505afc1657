package cn.onecity.services.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.region.City;
import cn.onecity.region.Department;
import cn.onecity.region.Region;
import cn.onecity.services.Catalogue;
import cn.onecity.services.Mode;
import cn.onecity.services.ServiceItem;
import cn.onecity.services.Subject;
import cn.onecity.shared.PageResult;

/** The public 长株潭服务专区: catalogue search, an item's details and the process diagrams of the modes. */
@Controller
class ServiceZoneController {

    static final String VIEW_CATALOGUE = "services/catalogue";
    static final String VIEW_ITEM = "services/item";
    static final int PAGE_SIZE = 10;

    private final Catalogue catalogue;
    private final Region region;
    private final ProcessDiagram diagram;

    ServiceZoneController(Catalogue catalogue, Region region, ProcessDiagram diagram) {
        this.catalogue = catalogue;
        this.region = region;
        this.diagram = diagram;
    }

    /** The search form as typed; unknown values are ignored rather than refused. */
    record SearchForm(String q, String city, String subject, String theme, String mode) {
    }

    @GetMapping("/services")
    String catalogue(@RequestParam(required = false) String q, @RequestParam(required = false) String city,
            @RequestParam(required = false) String subject, @RequestParam(required = false) String theme,
            @RequestParam(required = false) String mode, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, Model model) {
        String cityCode = city != null && region.findCity(city.trim()).isPresent() ? city.trim() : null;
        Subject s = Subject.parse(subject).orElse(null);
        String t = theme != null && Catalogue.THEMES.contains(theme.trim()) ? theme.trim() : null;
        Mode m = Mode.parse(mode).orElse(null);
        String text = q == null || q.isBlank() ? null : q.trim();
        int pageSize = size == null ? PAGE_SIZE : PageResult.size(size);
        PageResult<ServiceItem> result = catalogue.search(new Catalogue.ItemFilter(text, cityCode, s, t, m, false),
                PageResult.page(page), pageSize);
        model.addAttribute("form", new SearchForm(text, cityCode, s == null ? null : s.name(), t, m == null ? null : m.name()));
        model.addAttribute("page", result);
        model.addAttribute("cities", region.cities());
        model.addAttribute("subjects", Subject.values());
        model.addAttribute("themes", Catalogue.THEMES);
        model.addAttribute("modes", Mode.values());
        model.addAttribute("filtered", text != null || cityCode != null || s != null || t != null || m != null);
        return VIEW_CATALOGUE;
    }

    @GetMapping("/services/items/{id}")
    String item(CurrentUser user, @PathVariable long id, Model model) {
        // maintainers may look at a draft before publishing it; everyone else sees published items only
        ServiceItem item = Catalogue.canMaintain(user) ? catalogue.item(id) : catalogue.publishedItem(id);
        Map<String, String> departments = new LinkedHashMap<>();
        for (City c : region.cities()) {
            String code = item.departments().get(c.code());
            if (code != null) {
                departments.put(c.name(), region.findDepartment(code).map(Department::name).orElse(code));
            }
        }
        model.addAttribute("item", item);
        model.addAttribute("departments", departments);
        model.addAttribute("applyHint", applyHint(user, item));
        model.addAttribute("canApply", user == null || applyHint(user, item) == null);
        model.addAttribute("canMaintain", Catalogue.canMaintain(user));
        return VIEW_ITEM;
    }

    /** Why the signed-in user cannot apply for the item, or null when they can (or must first sign in). */
    static String applyHint(CurrentUser user, ServiceItem item) {
        if (user == null) {
            return null;
        }
        if (!item.published()) {
            return "该事项尚未发布，发布后才能申请。";
        }
        if (!user.isAny(Role.RESIDENT, Role.ENTERPRISE)) {
            return "申请办理需要使用个人或企业账号登录。";
        }
        if (item.subject() == Subject.LEGAL && !user.is(Role.ENTERPRISE)) {
            return "该事项面向法人，请使用企业账号申请。";
        }
        if (item.subject() == Subject.PERSONAL && !user.is(Role.RESIDENT)) {
            return "该事项面向个人，请使用个人账号申请。";
        }
        return null;
    }

    /** The diagram of a mode's process, e.g. {@code /services/processes/svcProxy.svg} or {@code PROXY.svg}. */
    @GetMapping("/services/processes/{key}.svg")
    ResponseEntity<String> processDiagram(@PathVariable String key) {
        return ServicePages.svg(diagram.definition(key));
    }
}
