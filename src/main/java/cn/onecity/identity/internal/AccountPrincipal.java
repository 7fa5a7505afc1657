package cn.onecity.identity.internal;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;

/** The security principal: an account and the user it stands for. */
final class AccountPrincipal implements UserDetails, CredentialsContainer, AuditLog.HasCurrentUser {

    private static final long serialVersionUID = 1L;

    private final CurrentUser user;
    private String passwordHash;
    private final boolean enabled;
    private final boolean nonLocked;
    private final String stamp;
    private final boolean failuresOnRecord;

    AccountPrincipal(CurrentUser user, String passwordHash, boolean enabled, boolean nonLocked, String stamp) {
        this(user, passwordHash, enabled, nonLocked, stamp, true);
    }

    /** @param failuresOnRecord whether the account had failed attempts or a lock when it was read */
    AccountPrincipal(CurrentUser user, String passwordHash, boolean enabled, boolean nonLocked, String stamp,
            boolean failuresOnRecord) {
        this.failuresOnRecord = failuresOnRecord;
        this.stamp = stamp;
        this.user = user;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.nonLocked = nonLocked;
    }

    /** An independent copy, so that erasing the credentials of one leaves the other intact (ApiAccountCache). */
    AccountPrincipal copy() {
        return new AccountPrincipal(user, passwordHash, enabled, nonLocked, stamp, failuresOnRecord);
    }

    /** Whether a successful sign-in has failed attempts or a lock to clear. */
    boolean failuresOnRecord() {
        return failuresOnRecord;
    }

    /** The account state this session was signed in with (see AccountUserDetailsService#stamp). */
    String stamp() {
        return stamp;
    }

    @Override
    public CurrentUser currentUser() {
        return user;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(user.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return nonLocked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
