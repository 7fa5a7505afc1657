package cn.onecity.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Organisation;
import cn.onecity.identity.PasswordPolicy;
import cn.onecity.identity.PersonalData;
import cn.onecity.identity.Role;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;
import cn.onecity.shared.Times;

/**
 * Account administration (账户管理) for system administrators. Every command checks that the caller is an
 * administrator, runs in one transaction and writes its operation-log entry in that transaction; reading a
 * full phone number is a read of personal data and is logged in the same way.
 */
@Service
public class AccountAdministration {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private static final String ROW_SQL = """
            SELECT a.id, a.username, a.display_name, a.role, a.organisation_id, o.name AS org_name, a.phone_masked,
                   a.enabled, a.failed_attempts, a.locked_until, a.created_at
            FROM idn_account a JOIN idn_organisation o ON o.id = a.organisation_id""";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final Clock clock;

    private final ApiAccountCache cache;

    AccountAdministration(JdbcClient jdbc, Accounts accounts, PasswordEncoder passwords, PersonalData personalData,
            AuditLog audit, Clock clock, ApiAccountCache cache) {
        this.cache = cache;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.passwords = passwords;
        this.personalData = personalData;
        this.audit = audit;
        this.clock = clock;
    }

    /** Filters of the account list; every one is optional. {@code q} matches username or name. */
    public record Filter(String q, Role role, Long organisationId, Boolean enabled) {
        public static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    /** One account as the administrator sees it: the phone only masked. */
    public record Row(long id, String username, String displayName, Role role, long organisationId,
            String organisationName, String phoneMasked, boolean enabled, int failedAttempts,
            OffsetDateTime lockedUntil, OffsetDateTime createdAt, boolean locked) {

        /** 启用 / 停用 / 锁定至 HH:mm. */
        public String status() {
            if (!enabled) {
                return "停用";
            }
            if (locked) {
                return "锁定至 " + lockedUntil.atZoneSameInstant(Times.ZONE).format(HH_MM);
            }
            return "启用";
        }

        public String created() {
            return Times.format(createdAt);
        }
    }

    @Transactional(readOnly = true)
    public PageResult<Row> search(CurrentUser admin, Filter filter, int page, int size) {
        requireAdmin(admin);
        Filter f = filter == null ? Filter.none() : filter;
        Where where = new Where()
                .containsAny("q", f.q(), "a.username", "a.display_name")
                .and("a.role = :role", "role", f.role() == null ? null : f.role().name())
                .and("a.organisation_id = :org", "org", f.organisationId())
                .and("a.enabled = :enabled", "enabled", f.enabled());
        long total = jdbc.sql("SELECT COUNT(*) FROM idn_account a" + where.sql()).params(where.params())
                .query(Long.class).single();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Row> rows = jdbc.sql(ROW_SQL + where.sql() + " ORDER BY a.created_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
                .params(where.params(page, size))
                .query((rs, i) -> row(rs, now)).list();
        return new PageResult<>(rows, page, size, total);
    }

    @Transactional(readOnly = true)
    public Row account(CurrentUser admin, long id) {
        requireAdmin(admin);
        return find(id);
    }

    @Transactional(readOnly = true)
    public List<Organisation> organisations(CurrentUser admin) {
        requireAdmin(admin);
        return accounts.organisations();
    }

    /** Creates an account through {@link Accounts#createAccount}, which checks every rule and writes the log. */
    @Transactional
    public long create(CurrentUser admin, NewAccount account) {
        requireAdmin(admin);
        return accounts.createAccount(account);
    }

    @Transactional
    public void enable(CurrentUser admin, long id) {
        requireAdmin(admin);
        Row row = find(id);
        jdbc.sql("UPDATE idn_account SET enabled = TRUE WHERE id = :id").param("id", id).update();
        cache.accountsChanged();
        audit.record("identity", "启用账户", row.username(), row.enabled() ? "账户原已启用" : "停用 → 启用");
    }

    /** Disables an account; it can no longer sign in. An administrator cannot disable their own account. */
    @Transactional
    public void disable(CurrentUser admin, long id) {
        requireAdmin(admin);
        Row row = find(id);
        if (row.id() == admin.accountId()) {
            throw new BusinessException(400, "不能停用自己的账户");
        }
        jdbc.sql("UPDATE idn_account SET enabled = FALSE WHERE id = :id").param("id", id).update();
        cache.accountsChanged();
        audit.record("identity", "停用账户", row.username(), row.enabled() ? "启用 → 停用" : "账户原已停用");
    }

    /** Sets a new password chosen by the administrator; it must meet the policy. Clears a lockout. */
    @Transactional
    public void resetPassword(CurrentUser admin, long id, String newPassword) {
        requireAdmin(admin);
        PasswordPolicy.check("newPassword", newPassword);
        Row row = find(id);
        jdbc.sql("""
                UPDATE idn_account SET password_hash = :p, password_changed_at = :now, failed_attempts = 0,
                       locked_until = NULL WHERE id = :id""")
                .param("p", passwords.encode(newPassword)).param("now", OffsetDateTime.now(clock)).param("id", id)
                .update();
        cache.accountsChanged();
        audit.record("identity", "重置密码", row.username(), row.locked() ? "由管理员设置新密码，并解除锁定" : "由管理员设置新密码");
    }

    /**
     * Changes role and organisation together, since the organisation's kind must fit the role. An administrator
     * cannot take the administrator role away from themself.
     */
    @Transactional
    public void changeRole(CurrentUser admin, long id, Role role, Long organisationId) {
        requireAdmin(admin);
        if (role == null) {
            throw BusinessException.invalid("role", "请选择角色");
        }
        if (organisationId == null) {
            throw BusinessException.invalid("organisationId", "请选择所属机构");
        }
        Row row = find(id);
        if (row.id() == admin.accountId() && role != Role.ADMIN) {
            throw BusinessException.invalid("role", "不能取消自己的系统管理员角色");
        }
        Organisation org = accounts.organisation(organisationId);
        Accounts.checkRoleFitsOrganisation(role, org);
        jdbc.sql("UPDATE idn_account SET role = :r, organisation_id = :o WHERE id = :id")
                .param("r", role.name()).param("o", org.id()).param("id", id).update();
        cache.accountsChanged();
        audit.record("identity", "变更角色与机构", row.username(),
                row.role().label() + " / " + row.organisationName() + " → " + role.label() + " / " + org.name());
    }

    /** Lifts a lockout before its 15 minutes are over and forgets the failed attempts. */
    @Transactional
    public void unlock(CurrentUser admin, long id) {
        requireAdmin(admin);
        Row row = find(id);
        jdbc.sql("UPDATE idn_account SET failed_attempts = 0, locked_until = NULL WHERE id = :id").param("id", id).update();
        cache.accountsChanged();
        audit.record("identity", "解除锁定", row.username(),
                row.locked() ? "原锁定至 " + Times.format(row.lockedUntil()) : "账户未处于锁定状态，失败次数清零");
    }

    /** The full phone number, decrypted. A read of personal data: it is written to the operation log. */
    @Transactional
    public String revealPhone(CurrentUser admin, long id) {
        requireAdmin(admin);
        Row row = find(id);
        String encrypted = jdbc.sql("SELECT phone_enc FROM idn_account WHERE id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
        if (encrypted == null) {
            throw new BusinessException(400, "该账户未登记手机号");
        }
        String phone = personalData.decrypt(encrypted);
        audit.record("identity", "查看个人信息", row.username(), "查看完整手机号 " + row.phoneMasked());
        return phone;
    }

    private Row find(long id) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql(ROW_SQL + " WHERE a.id = :id").param("id", id).query((rs, i) -> row(rs, now)).optional()
                .orElseThrow(() -> new NotFoundException("账户不存在"));
    }

    static void requireAdmin(CurrentUser user) {
        if (user == null || user.role() != Role.ADMIN) {
            throw new ForbiddenException("仅系统管理员可以进行账户与日志管理");
        }
    }

    private static Row row(ResultSet rs, OffsetDateTime now) throws SQLException {
        OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
        return new Row(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.valueOf(rs.getString("role")), rs.getLong("organisation_id"), rs.getString("org_name"),
                rs.getString("phone_masked"), rs.getBoolean("enabled"), rs.getInt("failed_attempts"), lockedUntil,
                rs.getObject("created_at", OffsetDateTime.class), lockedUntil != null && lockedUntil.isAfter(now));
    }
}
