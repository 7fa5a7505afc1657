package cn.onecity.notification.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.identity.CurrentUser;
import cn.onecity.notification.Notifications;
import cn.onecity.shared.PageResult;

@Controller
class NotificationController {

    private final Notifications notifications;
    private final SmsOutbox sms;

    NotificationController(Notifications notifications, SmsOutbox sms) {
        this.notifications = notifications;
        this.sms = sms;
    }

    @GetMapping("/notifications")
    String inbox(CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("page", notifications.inbox(user, PageResult.page(page), PageResult.DEFAULT_SIZE));
        model.addAttribute("sms", sms.choice(user));
        return "notification/inbox";
    }

    /** 退订短信 / 恢复短信通知 for the signed-in user's own account. */
    @PostMapping("/notifications/sms")
    String sms(CurrentUser user, @RequestParam boolean receive, RedirectAttributes flash) {
        sms.receive(user, receive);
        flash.addFlashAttribute("flash", receive ? "已恢复短信通知" : "已退订短信通知，站内信照常送达");
        return "redirect:/notifications";
    }

    @PostMapping("/notifications/{id}/read")
    String read(CurrentUser user, @PathVariable long id) {
        String link = notifications.markRead(user, id);
        return "redirect:" + (link == null || !link.startsWith("/") ? "/notifications" : link);
    }

    @PostMapping("/notifications/read-all")
    String readAll(CurrentUser user) {
        notifications.markAllRead(user);
        return "redirect:/notifications";
    }
}
