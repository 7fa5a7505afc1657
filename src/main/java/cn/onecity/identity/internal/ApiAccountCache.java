package cn.onecity.identity.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.userdetails.UserCache;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.onecity.identity.AccountsChanged;
import cn.onecity.shared.FromCluster;

/**
 * The accounts that HTTP Basic API clients authenticated as, kept for a short time so that a client calling many
 * times a second (a hospital's scanner desk, a city system) does not cost an account query per call. The password is
 * still checked on every call (against the cached hash, through {@link VerifiedPasswordCache}); enabled and locked
 * are checked on the cached account.
 * <p>
 * Every change of an account on this instance (failed attempts, lockout, enable/disable, password, role) empties the
 * cache at once and again after its commit, and publishes {@link AccountsChanged}: in a cluster, every instance
 * empties its cache when it reaches it. Without a cluster, or if the message is lost, a change made on another instance
 * is seen here within the time to live ({@code onecity.security.api-account-cache}, 10 s by default); 0 turns the
 * cache off.
 */
final class ApiAccountCache implements UserCache {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(UserDetails user, long expires) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ApplicationEventPublisher events;

    ApiAccountCache(Duration ttl, ApplicationEventPublisher events) {
        this(ttl, System::nanoTime, events);
    }

    ApiAccountCache(Duration ttl, LongSupplier nanoTime, ApplicationEventPublisher events) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        this.events = events;
    }

    @Override
    public UserDetails getUserFromCache(String username) {
        Entry e = username == null ? null : entries.get(username);
        if (e == null) {
            return null;
        }
        if (nanoTime.getAsLong() - e.expires() >= 0) {
            entries.remove(username, e);
            return null;
        }
        return copy(e.user());
    }

    /** The authentication manager erases the credentials of the principal it returns: never those of the cached one. */
    private static UserDetails copy(UserDetails user) {
        return user instanceof AccountPrincipal p ? p.copy() : user;
    }

    @Override
    public void putUserInCache(UserDetails user) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(user.getUsername(), new Entry(copy(user), nanoTime.getAsLong() + ttlNanos));
    }

    @Override
    public void removeUserFromCache(String username) {
        if (username != null) {
            entries.remove(username);
        }
    }

    /** Forgets every account now and, inside a transaction, once more after it commits; tells the other instances. */
    void accountsChanged() {
        entries.clear();
        events.publishEvent(new AccountsChanged());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    entries.clear();
                }
            });
        }
    }

    @EventListener
    void on(FromCluster<AccountsChanged> changed) {
        entries.clear();
    }
}
