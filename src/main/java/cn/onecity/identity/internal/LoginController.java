package cn.onecity.identity.internal;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            HttpSession session, Model model) {
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "locked" -> "账户已锁定：连续 5 次登录失败，请 15 分钟后再试。";
                case "disabled" -> "账户已停用，请联系系统管理员。";
                case "changed" -> "您的账户已被停用、重置密码或调整了角色，请重新登录。";
                default -> "用户名或密码错误。连续 5 次错误将锁定账户 15 分钟。";
            });
            Object last = session.getAttribute("LAST_USERNAME");
            model.addAttribute("username", last == null ? "" : last.toString());
        }
        if (logout != null) {
            model.addAttribute("message", "您已安全退出。");
        }
        return "identity/login";
    }
}
