package cn.onecity.identity.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.PageResult;
import cn.onecity.shared.Times;

/** The login log (登录日志) and the operation log (操作日志), newest first, for administrators only. */
@Service
public class AdminLogs {

    private final JdbcClient jdbc;

    AdminLogs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Login-log filters; all optional. {@code success} is 成功 (true) or 失败 (false); dates are inclusive. */
    public record LoginFilter(String username, Boolean success, String channel,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    }

    public record LoginEntry(long id, String username, OffsetDateTime at, String ip, String channel, boolean success,
            String message) {
        public String time() {
            return Times.format(at);
        }
    }

    /** Operation-log filters; all optional. {@code action} matches a part of the action. */
    public record OperationFilter(String operator, String module, String action, Boolean success,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    }

    public record OperationEntry(long id, OffsetDateTime at, String operator, String role, String ip, String module,
            String action, String target, String detail, boolean success) {
        public String time() {
            return Times.format(at);
        }
    }

    @Transactional(readOnly = true)
    public PageResult<LoginEntry> loginLog(CurrentUser admin, LoginFilter filter, int page, int size) {
        AccountAdministration.requireAdmin(admin);
        LoginFilter f = filter == null ? new LoginFilter(null, null, null, null, null) : filter;
        checkRange(f.from(), f.to());
        String channel = f.channel() == null || f.channel().isBlank() ? null : f.channel().strip().toUpperCase();
        Where where = new Where()
                .contains("username", "username", f.username())
                .and("success = :success", "success", f.success())
                .and("channel = :channel", "channel", channel)
                .and("at >= :from", "from", startOf(f.from()))
                .and("at < :to", "to", startOf(f.to() == null ? null : f.to().plusDays(1)));
        long total = jdbc.sql("SELECT COUNT(*) FROM idn_login_log" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<LoginEntry> rows = jdbc.sql("SELECT * FROM idn_login_log" + where.sql()
                        + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(where.params(page, size))
                .query((rs, i) -> new LoginEntry(rs.getLong("id"), rs.getString("username"),
                        rs.getObject("at", OffsetDateTime.class), rs.getString("ip"), rs.getString("channel"),
                        rs.getBoolean("success"), rs.getString("message")))
                .list();
        return new PageResult<>(rows, page, size, total);
    }

    @Transactional(readOnly = true)
    public PageResult<OperationEntry> operationLog(CurrentUser admin, OperationFilter filter, int page, int size) {
        AccountAdministration.requireAdmin(admin);
        OperationFilter f = filter == null ? new OperationFilter(null, null, null, null, null, null) : filter;
        checkRange(f.from(), f.to());
        Where where = new Where()
                .contains("operator", "operator", f.operator())
                .and("module = :module", "module", f.module())
                .contains("action", "action", f.action())
                .and("success = :success", "success", f.success())
                .and("at >= :from", "from", startOf(f.from()))
                .and("at < :to", "to", startOf(f.to() == null ? null : f.to().plusDays(1)));
        long total = jdbc.sql("SELECT COUNT(*) FROM idn_operation_log" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<OperationEntry> rows = jdbc.sql("SELECT * FROM idn_operation_log" + where.sql()
                        + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(where.params(page, size))
                .query((rs, i) -> new OperationEntry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class),
                        rs.getString("operator"), rs.getString("role"), rs.getString("ip"), rs.getString("module"),
                        rs.getString("action"), rs.getString("target"), rs.getString("detail"),
                        rs.getBoolean("success")))
                .list();
        return new PageResult<>(rows, page, size, total);
    }

    /** The modules that appear in the operation log, for the filter's choices. */
    @Transactional(readOnly = true)
    public List<String> modules(CurrentUser admin) {
        AccountAdministration.requireAdmin(admin);
        return jdbc.sql("SELECT DISTINCT module FROM idn_operation_log ORDER BY module").query(String.class).list();
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw BusinessException.invalid("to", "结束日期不能早于开始日期");
        }
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(Times.ZONE).toOffsetDateTime();
    }
}
