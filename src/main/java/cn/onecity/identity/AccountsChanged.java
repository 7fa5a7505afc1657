package cn.onecity.identity;

import cn.onecity.shared.ClusterEvent;

/**
 * An account changed in a way that the authentication of API clients must see at once: failed attempts, lockout,
 * enabled, password or role. Other instances forget the accounts they keep for API clients.
 */
public record AccountsChanged() implements ClusterEvent {
}
