package cn.onecity.identity;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The operation log (操作日志). A command that changes data, or reads personal data, calls {@link #record}
 * inside its own transaction, so that the entry commits or rolls back with the change it records.
 * Who and from where are taken from the current request.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a successful operation; joins the caller's transaction (and requires one). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String module, String action, String target, String detail) {
        insert(module, action, target, detail, true);
    }

    /** Records a refused or failed operation in a transaction of its own, so it survives the caller's rollback. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String module, String action, String target, String detail) {
        insert(module, action, target, detail, false);
    }

    private void insert(String module, String action, String target, String detail, boolean success) {
        String operator = "system";
        String role = null;
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof HasCurrentUser p) {
            operator = p.currentUser().username();
            role = p.currentUser().role().name();
        } else if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())) {
            operator = auth.getName();
        }
        jdbc.sql("""
                INSERT INTO idn_operation_log (at, operator, role, ip, module, action, target, detail, success)
                VALUES (:at, :operator, :role, :ip, :module, :action, :target, :detail, :success)""")
                .param("at", OffsetDateTime.now(clock))
                .param("operator", operator)
                .param("role", role)
                .param("ip", clientIp())
                .param("module", module)
                .param("action", action)
                .param("target", truncate(target, 200))
                .param("detail", truncate(detail, 2000))
                .param("success", success)
                .update();
    }

    static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Implemented by the security principal, so that the log can name the user. */
    public interface HasCurrentUser {
        CurrentUser currentUser();
    }
}
