package cn.onecity.healthcard;

import cn.onecity.shared.ClusterEvent;

/** The platform's health-code signing keys were rotated; {@code keyId} is the new current key. */
public record SigningKeysRotated(String keyId) implements ClusterEvent {
}
