package cn.onecity.notification.internal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.PageResult;

/** 短信记录: what was sent by SMS, to whom (masked) and what became of it. Administrators only; the outbox checks again. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class SmsAdminController {

    static final String VIEW = "notification/admin-sms";

    private final SmsOutbox outbox;

    SmsAdminController(SmsOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/admin/sms")
    String list(CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("page", outbox.list(user, PageResult.page(page), PageResult.DEFAULT_SIZE));
        model.addAttribute("enabled", outbox.enabled());
        model.addAttribute("categories", outbox.categories());
        return VIEW;
    }
}
