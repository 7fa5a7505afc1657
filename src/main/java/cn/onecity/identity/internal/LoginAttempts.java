package cn.onecity.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Lockout and the login log: 5 failed attempts in a row lock an account for 15 minutes, for form login
 * and HTTP Basic alike. Every failure and every interactive sign-in is written to the login log.
 */
@Component
class LoginAttempts {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApiAccountCache cache;

    LoginAttempts(JdbcClient jdbc, Clock clock, ApiAccountCache cache) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cache = cache;
    }

    @EventListener
    @Transactional
    public void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
        String username = username(event);
        int updated = jdbc.sql("UPDATE idn_account SET failed_attempts = failed_attempts + 1 WHERE username = :u")
                .param("u", username).update();
        if (updated == 0) {
            log(username, false, "用户名不存在");
            return;
        }
        cache.accountsChanged();
        int failures = jdbc.sql("SELECT failed_attempts FROM idn_account WHERE username = :u").param("u", username)
                .query(Integer.class).single();
        if (failures >= MAX_FAILURES) {
            jdbc.sql("UPDATE idn_account SET failed_attempts = 0, locked_until = :until WHERE username = :u")
                    .param("until", OffsetDateTime.now(clock).plus(LOCK)).param("u", username).update();
            log(username, false, "密码错误，连续 " + MAX_FAILURES + " 次失败，账户锁定 15 分钟");
        } else {
            log(username, false, "密码错误（连续第 " + failures + " 次）");
        }
    }

    @EventListener
    @Transactional
    public void onLocked(AuthenticationFailureLockedEvent event) {
        log(username(event), false, "账户已锁定");
    }

    @EventListener
    @Transactional
    public void onDisabled(AuthenticationFailureDisabledEvent event) {
        log(username(event), false, "账户已停用");
    }

    @EventListener
    public void onSuccess(AuthenticationSuccessEvent event) {
        // one statement, no transaction of its own: most sign-ins have nothing to clear and touch no connection
        if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal p && !p.failuresOnRecord()) {
            return; // nothing to clear: API clients authenticate on every request, and need not write each time
        }
        jdbc.sql("""
                UPDATE idn_account SET failed_attempts = 0, locked_until = NULL
                WHERE username = :u AND (failed_attempts > 0 OR locked_until IS NOT NULL)""")
                .param("u", event.getAuthentication().getName()).update();
        cache.accountsChanged();
    }

    @EventListener
    @Transactional
    public void onInteractiveSuccess(InteractiveAuthenticationSuccessEvent event) {
        log(event.getAuthentication().getName(), true, "登录成功");
    }

    private static String username(AbstractAuthenticationFailureEvent event) {
        Object name = event.getAuthentication().getPrincipal();
        String s = name == null ? "" : name.toString().strip().toLowerCase();
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private void log(String username, boolean success, String message) {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest() : null;
        String channel = request != null && request.getRequestURI().startsWith("/api/") ? "API" : "FORM";
        jdbc.sql("""
                INSERT INTO idn_login_log (username, at, ip, channel, success, message)
                VALUES (:u, :at, :ip, :channel, :success, :message)""")
                .param("u", username).param("at", OffsetDateTime.now(clock))
                .param("ip", request == null ? null : request.getRemoteAddr())
                .param("channel", channel).param("success", success).param("message", message)
                .update();
    }
}
