package cn.onecity.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.PageResult;

/** 账户管理: list, create, and the per-account commands. Administrators only; the module checks again. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AccountAdminController {

    static final String VIEW_LIST = "identity/admin/accounts";
    static final String VIEW_FORM = "identity/admin/account-form";
    static final String VIEW_DETAIL = "identity/admin/account";

    private final AccountAdministration admin;

    AccountAdminController(AccountAdministration admin) {
        this.admin = admin;
    }

    @GetMapping("/admin/accounts")
    String list(CurrentUser user, @ModelAttribute("filter") AccountAdministration.Filter filter,
            BindingResult binding, @RequestParam(required = false) Integer page, Model model) {
        AccountAdministration.Filter f = filter == null || binding.hasErrors() ? AccountAdministration.Filter.none() : filter;
        model.addAttribute("filter", f);
        model.addAttribute("page", admin.search(user, f, PageResult.page(page), PageResult.DEFAULT_SIZE));
        model.addAttribute("roles", Role.values());
        model.addAttribute("organisations", admin.organisations(user));
        return VIEW_LIST;
    }

    @GetMapping("/admin/accounts/new")
    String initCreateForm(CurrentUser user, Model model) {
        return form(user, AccountForm.empty(), Map.of(), null, model);
    }

    @PostMapping("/admin/accounts/new")
    String processCreateForm(CurrentUser user, @Valid @ModelAttribute("form") AccountForm form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        Map<String, String> errors = errors(binding);
        if (form != null && !form.passwordsMatch()) {
            errors.putIfAbsent("confirmPassword", "两次输入的密码不一致");
        }
        if (form == null || !errors.isEmpty()) {
            return form(user, form == null ? AccountForm.empty() : form, errors, null, model);
        }
        try {
            long id = admin.create(user, form.toNewAccount());
            redirect.addFlashAttribute("flash", "已创建账户“" + form.username().strip().toLowerCase() + "”");
            return "redirect:/admin/accounts/" + id;
        } catch (BusinessException e) {
            Map<String, String> moduleErrors = new LinkedHashMap<>();
            for (FieldMessage m : e.errors()) {
                moduleErrors.putIfAbsent(m.field(), m.message());
            }
            return form(user, form, moduleErrors, moduleErrors.isEmpty() ? e.getMessage() : null, model);
        }
    }

    @GetMapping("/admin/accounts/{id}")
    String show(CurrentUser user, @PathVariable long id, Model model) {
        return detail(user, id, null, model);
    }

    /** Shows the full phone number once, on this response only; the read is written to the operation log. */
    @PostMapping("/admin/accounts/{id}/phone")
    String revealPhone(CurrentUser user, @PathVariable long id, Model model, RedirectAttributes redirect) {
        String phone;
        try {
            phone = admin.revealPhone(user, id);
        } catch (BusinessException e) {
            if (e.status() == 404 || e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/admin/accounts/" + id;
        }
        return detail(user, id, phone, model);
    }

    @PostMapping("/admin/accounts/{id}/enable")
    String enable(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return command(id, redirect, "账户已启用", () -> admin.enable(user, id));
    }

    @PostMapping("/admin/accounts/{id}/disable")
    String disable(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return command(id, redirect, "账户已停用，该账户将无法登录", () -> admin.disable(user, id));
    }

    @PostMapping("/admin/accounts/{id}/unlock")
    String unlock(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        return command(id, redirect, "已解除锁定", () -> admin.unlock(user, id));
    }

    @PostMapping("/admin/accounts/{id}/password")
    String resetPassword(CurrentUser user, @PathVariable long id, @Valid @ModelAttribute("passwordForm") PasswordForm form,
            BindingResult binding, RedirectAttributes redirect) {
        if (form == null || binding.hasErrors()) {
            redirect.addFlashAttribute("flashError", firstError(binding, "请填写新密码并再次输入"));
            return "redirect:/admin/accounts/" + id;
        }
        if (!form.matches()) {
            redirect.addFlashAttribute("flashError", "两次输入的新密码不一致");
            return "redirect:/admin/accounts/" + id;
        }
        return command(id, redirect, "已重置密码；请通过安全渠道告知用户，并提醒其登录后修改", () -> admin.resetPassword(user, id, form.newPassword()));
    }

    @PostMapping("/admin/accounts/{id}/role")
    String changeRole(CurrentUser user, @PathVariable long id, @Valid @ModelAttribute("roleForm") RoleForm form,
            BindingResult binding, RedirectAttributes redirect) {
        if (form == null || binding.hasErrors()) {
            redirect.addFlashAttribute("flashError", firstError(binding, "请选择角色和所属机构"));
            return "redirect:/admin/accounts/" + id;
        }
        return command(id, redirect, "已变更角色与所属机构", () -> admin.changeRole(user, id, form.role(), form.organisationId()));
    }

    private String command(long id, RedirectAttributes redirect, String success, Runnable command) {
        try {
            command.run();
            redirect.addFlashAttribute("flash", success);
        } catch (BusinessException e) {
            if (e.status() == 404 || e.status() == 403) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/admin/accounts/" + id;
    }

    private String detail(CurrentUser user, long id, String fullPhone, Model model) {
        model.addAttribute("account", admin.account(user, id));
        model.addAttribute("roles", Role.values());
        model.addAttribute("organisations", admin.organisations(user));
        model.addAttribute("fullPhone", fullPhone);
        model.addAttribute("self", user != null && user.accountId() == id);
        return VIEW_DETAIL;
    }

    private String form(CurrentUser user, AccountForm form, Map<String, String> errors, String globalError, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("globalError", globalError);
        model.addAttribute("roles", Role.values());
        model.addAttribute("organisations", admin.organisations(user));
        return VIEW_FORM;
    }

    /** The first message per field, in Chinese; a value that could not be converted gets a generic message. */
    static Map<String, String> errors(BindingResult binding) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError e : binding.getFieldErrors()) {
            errors.putIfAbsent(e.getField(), e.isBindingFailure() ? "格式不正确" : e.getDefaultMessage());
        }
        return errors;
    }

    private static String firstError(BindingResult binding, String fallback) {
        for (FieldError e : binding.getFieldErrors()) {
            return e.isBindingFailure() ? fallback : e.getDefaultMessage();
        }
        return fallback;
    }
}
