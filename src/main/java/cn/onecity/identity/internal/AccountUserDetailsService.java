package cn.onecity.identity.internal;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;

@Service
class AccountUserDetailsService implements UserDetailsService {

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountUserDetailsService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * What a signed-in session depends on: enabled, role, organisation and the last password change. When any of
     * them changes, {@link AccountStateFilter} ends the account's sessions on their next request.
     */
    static String stamp(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime changed = rs.getObject("password_changed_at", OffsetDateTime.class);
        return rs.getBoolean("enabled") + "|" + rs.getString("role") + "|" + rs.getLong("organisation_id") + "|"
                + (changed == null ? "" : changed.toInstant().toEpochMilli());
    }

    /** The current stamp of an account, or null when it no longer exists. */
    String currentStamp(long accountId) {
        return jdbc.sql("SELECT enabled, role, organisation_id, password_changed_at FROM idn_account WHERE id = :id")
                .param("id", accountId).query((rs, i) -> stamp(rs)).optional().orElse(null);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase();
        return jdbc.sql("""
                SELECT a.id, a.username, a.display_name, a.role, a.password_hash, a.enabled, a.locked_until, a.failed_attempts,
                       a.organisation_id, a.password_changed_at, o.id AS org_id, o.name AS org_name, o.city_code, o.department_code
                FROM idn_account a JOIN idn_organisation o ON o.id = a.organisation_id
                WHERE a.username = :u""")
                .param("u", name)
                .query((rs, i) -> {
                    CurrentUser user = new CurrentUser(rs.getLong("id"), rs.getString("username"),
                            rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getLong("org_id"),
                            rs.getString("org_name"), rs.getString("city_code"), rs.getString("department_code"));
                    OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
                    boolean nonLocked = lockedUntil == null || !lockedUntil.isAfter(OffsetDateTime.now(clock));
                    return (UserDetails) new AccountPrincipal(user, rs.getString("password_hash"),
                            rs.getBoolean("enabled"), nonLocked, stamp(rs),
                            rs.getInt("failed_attempts") > 0 || lockedUntil != null);
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
