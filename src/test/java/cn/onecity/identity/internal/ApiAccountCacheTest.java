package cn.onecity.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import cn.onecity.identity.AccountsChanged;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.FromCluster;

class ApiAccountCacheTest {

    final AtomicLong now = new AtomicLong();
    final List<Object> published = new ArrayList<>();
    final ApiAccountCache cache = new ApiAccountCache(Duration.ofSeconds(10), now::get, published::add);

    static AccountPrincipal principal(String username) {
        return new AccountPrincipal(new CurrentUser(1, username, "测试", Role.HOSPITAL_STAFF, 2, "测试医院", "430100", null),
                "{bcrypt}hash", true, true, "stamp", false);
    }

    @Test
    void anAccountIsKeptForItsTimeToLiveOnly() {
        cache.putUserInCache(principal("hospital"));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(cache.getUserFromCache("hospital")).isNotNull();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(cache.getUserFromCache("hospital")).isNull();
    }

    @Test
    void erasingTheCredentialsOfAnAuthenticatedPrincipalLeavesTheCachedOneIntact() {
        AccountPrincipal signedIn = principal("hospital");
        cache.putUserInCache(signedIn);
        signedIn.eraseCredentials();
        AccountPrincipal fromCache = (AccountPrincipal) cache.getUserFromCache("hospital");
        fromCache.eraseCredentials();
        assertThat(cache.getUserFromCache("hospital").getPassword()).isEqualTo("{bcrypt}hash");
    }

    @Test
    void anyAccountChangeEmptiesTheCache() {
        cache.putUserInCache(principal("hospital"));
        cache.putUserInCache(principal("zz-hospital"));
        cache.accountsChanged();
        assertThat(cache.getUserFromCache("hospital")).isNull();
        assertThat(cache.getUserFromCache("zz-hospital")).isNull();
    }

    @Test
    void anAccountChangeIsAnnouncedToTheOtherInstances() {
        cache.accountsChanged();
        assertThat(published).containsExactly(new AccountsChanged());
    }

    @Test
    void anAccountChangeDeliveredByTheClusterEmptiesTheCache() {
        cache.putUserInCache(principal("hospital"));
        cache.on(new FromCluster<>(new AccountsChanged()));
        assertThat(cache.getUserFromCache("hospital")).isNull();
        assertThat(published).isEmpty();
    }

    @Test
    void aZeroTimeToLiveTurnsTheCacheOff() {
        ApiAccountCache off = new ApiAccountCache(Duration.ZERO, now::get, published::add);
        off.putUserInCache(principal("hospital"));
        assertThat(off.getUserFromCache("hospital")).isNull();
    }
}
