package cn.onecity.shared;

/**
 * An event saying that some state changed of which every instance of the platform keeps a copy of its own: the
 * search index, a cache, the health-card key ring.
 * <p>
 * When the platform runs as several instances ({@code onecity.cluster.enabled}), the {@code cluster} module sends
 * each such event, once its transaction has committed, to every instance, where it is published again as a
 * {@link FromCluster}; the owner of the copy listens for that and refreshes the copy from the database (or
 * the shared key directory). On a single instance nothing else happens.
 * <p>
 * Such an event names what changed, never the new state: a receiver always re-reads it, so events that overtake
 * one another on the way still leave every instance with the state last committed. Implement it with a record of
 * JSON-friendly fields; it travels as JSON.
 */
public interface ClusterEvent {
}
