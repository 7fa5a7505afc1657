package cn.onecity.identity.internal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.PageResult;

/** 登录日志 and 操作日志. Administrators only; the module checks again. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminLogController {

    static final String VIEW_LOGIN_LOG = "identity/admin/login-log";
    static final String VIEW_OPERATION_LOG = "identity/admin/operation-log";
    private static final String BAD_FILTER = "筛选条件格式不正确，已显示全部记录";

    private final AdminLogs logs;

    AdminLogController(AdminLogs logs) {
        this.logs = logs;
    }

    @GetMapping("/admin/login-log")
    String loginLog(CurrentUser user, @ModelAttribute("filter") AdminLogs.LoginFilter filter, BindingResult binding,
            @RequestParam(required = false) Integer page, Model model) {
        AdminLogs.LoginFilter f = filter;
        if (f == null || binding.hasErrors()) {
            f = new AdminLogs.LoginFilter(null, null, null, null, null);
            model.addAttribute("filterError", BAD_FILTER);
        }
        try {
            model.addAttribute("page", logs.loginLog(user, f, PageResult.page(page), PageResult.DEFAULT_SIZE));
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            model.addAttribute("filterError", e.getMessage());
            model.addAttribute("page", logs.loginLog(user, null, 0, PageResult.DEFAULT_SIZE));
        }
        model.addAttribute("filter", f);
        return VIEW_LOGIN_LOG;
    }

    @GetMapping("/admin/operation-log")
    String operationLog(CurrentUser user, @ModelAttribute("filter") AdminLogs.OperationFilter filter,
            BindingResult binding, @RequestParam(required = false) Integer page, Model model) {
        AdminLogs.OperationFilter f = filter;
        if (f == null || binding.hasErrors()) {
            f = new AdminLogs.OperationFilter(null, null, null, null, null, null);
            model.addAttribute("filterError", BAD_FILTER);
        }
        try {
            model.addAttribute("page", logs.operationLog(user, f, PageResult.page(page), PageResult.DEFAULT_SIZE));
        } catch (BusinessException e) {
            if (e.status() == 403) {
                throw e;
            }
            model.addAttribute("filterError", e.getMessage());
            model.addAttribute("page", logs.operationLog(user, null, 0, PageResult.DEFAULT_SIZE));
        }
        model.addAttribute("filter", f);
        model.addAttribute("modules", logs.modules(user));
        return VIEW_OPERATION_LOG;
    }
}
