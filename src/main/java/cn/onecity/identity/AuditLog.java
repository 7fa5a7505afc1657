package cn.onecity.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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
    private final NamedParameterJdbcTemplate namedJdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, NamedParameterJdbcTemplate namedJdbc, Clock clock) {
        this.jdbc = jdbc;
        this.namedJdbc = namedJdbc;
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
        jdbc.sql(INSERT).paramSource(row(new Entry(OffsetDateTime.now(clock), null, clientIp(), module, action, target,
                detail, success), operator, role)).update();
    }

    private static final String INSERT = """
            INSERT INTO idn_operation_log (at, operator, role, ip, module, action, target, detail, success)
            VALUES (:at, :operator, :role, :ip, :module, :action, :target, :detail, :success)""";

    /**
     * One operation-log entry prepared by the caller, for {@link #recordAll}: who ({@code user}), from where
     * ({@code ip}, see {@link #currentIp}) and when were captured while serving the request.
     */
    public record Entry(OffsetDateTime at, CurrentUser user, String ip, String module, String action, String target,
            String detail, boolean success) {
    }

    /**
     * Records many entries in one statement batch, in the caller's transaction (required): for work that commits
     * many requests' changes together (the health-card use recorder), where the request is no longer at hand.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        SqlParameterSource[] rows = entries.stream()
                .map(e -> row(e, e.user() == null ? "system" : e.user().username(), e.user() == null ? null : e.user().role().name()))
                .toArray(SqlParameterSource[]::new);
        namedJdbc.batchUpdate(INSERT, rows);
    }

    private static SqlParameterSource row(Entry e, String operator, String role) {
        return new MapSqlParameterSource()
                .addValue("at", e.at())
                .addValue("operator", operator)
                .addValue("role", role)
                .addValue("ip", e.ip())
                .addValue("module", e.module())
                .addValue("action", e.action())
                .addValue("target", truncate(e.target(), 200))
                .addValue("detail", truncate(e.detail(), 2000))
                .addValue("success", e.success());
    }

    /** The address of the client of the request being served on this thread, or null outside a request. */
    public static String currentIp() {
        return clientIp();
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
