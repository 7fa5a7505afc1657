/**
 * cluster: keeps several instances of the platform in step. Off by default (one instance, the embedded default);
 * with {@code onecity.cluster.enabled=true} every {@link cn.onecity.shared.ClusterEvent} is sent, after its
 * transaction commits, through RabbitMQ to every instance, which publishes it there as a
 * {@link cn.onecity.shared.FromCluster}. Sending goes through the event publication registry: an event whose
 * sending failed (broker down, instance crashed) is sent again later, so no instance is left with a stale copy.
 */
@org.springframework.modulith.ApplicationModule(displayName = "cluster")
package cn.onecity.cluster;
