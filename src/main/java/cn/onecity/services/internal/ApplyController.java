package cn.onecity.services.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.region.City;
import cn.onecity.region.Region;
import cn.onecity.services.ApplicationView;
import cn.onecity.services.Applications;
import cn.onecity.services.Catalogue;
import cn.onecity.services.FormField;
import cn.onecity.services.Material;
import cn.onecity.services.NewApplication;
import cn.onecity.services.ServiceItem;
import cn.onecity.services.Upload;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.PageResult;

/** Applying for an item (the form with its materials), the confirmation, and the applicant's own list. */
@Controller
@PreAuthorize("hasAnyRole('RESIDENT','ENTERPRISE')")
class ApplyController {

    static final String VIEW_FORM = "services/apply";
    static final String VIEW_CONFIRMATION = "services/confirmation";
    static final String VIEW_MINE = "services/mine";

    private final Catalogue catalogue;
    private final Applications applications;
    private final Region region;

    ApplyController(Catalogue catalogue, Applications applications, Region region) {
        this.catalogue = catalogue;
        this.applications = applications;
        this.region = region;
    }

    /** The application form as typed; form fields are keyed by their label. */
    record ApplyForm(String mode, String acceptCity, String handleCity, List<String> jointCities, String applicantName,
            String idNumber, String phone, Map<String, String> fields) {

        public boolean joint(String city) {
            return jointCities != null && jointCities.contains(city);
        }

        public String field(String label) {
            return fields == null ? null : fields.get(label);
        }
    }

    @GetMapping("/services/items/{id}/apply")
    String form(CurrentUser user, @PathVariable long id, Model model) {
        ServiceItem item = catalogue.publishedItem(id);
        String mode = item.modes().size() == 1 ? item.modes().get(0).name() : null;
        ApplyForm form = new ApplyForm(mode, null, null, List.of(), user.is(Role.RESIDENT) ? user.displayName() : null,
                null, null, Map.of());
        return render(user, item, form, Map.of(), model);
    }

    @PostMapping("/services/items/{id}/apply")
    String submit(CurrentUser user, @PathVariable long id, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        ServiceItem item = catalogue.publishedItem(id);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < item.formFields().size(); i++) {
            String v = request.getParameter("field-" + i);
            fields.put(item.formFields().get(i).label(), v == null ? "" : v);
        }
        String[] joint = request.getParameterValues("jointCities");
        ApplyForm form = new ApplyForm(request.getParameter("mode"), request.getParameter("acceptCity"),
                request.getParameter("handleCity"), joint == null ? List.of() : List.of(joint),
                request.getParameter("applicantName"), request.getParameter("idNumber"), request.getParameter("phone"),
                fields);
        List<Upload> uploads = new ArrayList<>();
        MultipartHttpServletRequest multipart = ServicePages.multipart(request);
        if (multipart != null) {
            for (Material m : item.materials()) {
                Upload u = ServicePages.upload(m.id(), multipart.getFile("material-" + m.id()));
                if (u != null) {
                    uploads.add(u);
                }
            }
        }
        Applications.Submitted submitted;
        try {
            submitted = applications.submit(user, new NewApplication(item.id(), form.mode(), form.acceptCity(),
                    form.handleCity(), form.jointCities(), form.applicantName(), form.idNumber(), form.phone(), fields),
                    uploads);
        } catch (BusinessException e) {
            if (!ServicePages.isInputError(e)) {
                throw e;
            }
            model.addAttribute("errorSummary", e.getMessage());
            model.addAttribute("filesChosen", !uploads.isEmpty());
            return render(user, item, form, ServicePages.errors(e), model);
        }
        redirect.addFlashAttribute("flash", "申请已提交。");
        return "redirect:/services/applications/" + submitted.number() + "/confirmation";
    }

    private String render(CurrentUser user, ServiceItem item, ApplyForm form, Map<String, String> errors, Model model) {
        List<City> cities = region.cities();
        List<City> handleCities = cities.stream().filter(c -> item.departments().containsKey(c.code())).toList();
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        for (int i = 0; i < item.formFields().size(); i++) {
            FormField f = item.formFields().get(i);
            if (errors.containsKey("form." + f.label())) {
                fieldErrors.put("field-" + i, errors.get("form." + f.label()));
            }
        }
        model.addAttribute("item", item);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("cities", cities);
        model.addAttribute("handleCities", handleCities);
        model.addAttribute("subjectHint", ServiceZoneController.applyHint(user, item));
        return VIEW_FORM;
    }

    @GetMapping("/services/applications/{number}/confirmation")
    String confirmation(CurrentUser user, @PathVariable String number, Model model) {
        ApplicationView view = applications.view(user, number);
        model.addAttribute("app", view);
        return VIEW_CONFIRMATION;
    }

    @GetMapping("/services/mine")
    String mine(CurrentUser user, @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
            Model model) {
        String s = ServicePages.status(status, ServicePages.STATUSES);
        PageResult<Applications.Summary> result = applications.list(user, s, PageResult.page(page), ServicePages.PAGE_SIZE);
        model.addAttribute("page", result);
        model.addAttribute("status", s);
        model.addAttribute("statuses", ServicePages.STATUSES);
        return VIEW_MINE;
    }
}
