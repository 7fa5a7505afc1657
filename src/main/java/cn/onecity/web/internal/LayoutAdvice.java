package cn.onecity.web.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriUtils;

import cn.onecity.identity.CurrentUser;
import cn.onecity.notification.Notifications;

/** What every page's layout needs: the user, their unread messages, and the query string for pagers. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final Notifications notifications;

    LayoutAdvice(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute
    void layout(CurrentUser user, HttpServletRequest request, Model model) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return; // REST controllers are @Controllers too, but render no layout
        }
        model.addAttribute("currentUser", user);
        if (user != null) {
            model.addAttribute("unreadCount", notifications.unreadCount(user));
        }
        model.addAttribute("pageBase", pageBase(request));
    }

    /** {@code ?a=1&b=2&}: the current query without its page parameter, ready to append {@code page=N}. */
    static String pageBase(HttpServletRequest request) {
        StringBuilder sb = new StringBuilder("?");
        request.getParameterMap().forEach((name, values) -> {
            if (!"page".equals(name) && !"_csrf".equals(name)) {
                for (String v : values) {
                    sb.append(UriUtils.encodeQueryParam(name, "UTF-8")).append('=')
                            .append(UriUtils.encodeQueryParam(v, "UTF-8")).append('&');
                }
            }
        });
        return sb.toString();
    }
}
