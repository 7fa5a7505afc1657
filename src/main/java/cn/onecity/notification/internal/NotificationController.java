package cn.onecity.notification.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.onecity.identity.CurrentUser;
import cn.onecity.notification.Notifications;
import cn.onecity.shared.PageResult;

@Controller
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String inbox(CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("page", notifications.inbox(user, PageResult.page(page), PageResult.DEFAULT_SIZE));
        return "notification/inbox";
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
