package cn.onecity.search;

import cn.onecity.shared.ClusterEvent;

/**
 * A document of the index was added, replaced or removed on this instance. Other instances re-read it from its
 * collection's {@link SearchSource} ({@link SearchIndex#refresh}).
 */
public record SearchEntryChanged(String collection, String id) implements ClusterEvent {
}
