package cn.onecity.shared;

import java.util.Objects;

import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * A {@link ClusterEvent} as the cluster delivers it, once it is committed and the broker has it. Every instance
 * receives it, the one that published it included: an event may be sent again by any instance (a failed send is
 * resent by whichever instance retries first), so the instance that sends it cannot be told from the one whose
 * change it reports. Listeners re-read the state it names, which costs the publishing instance one refresh of what
 * it already has. Listen for it with its type argument, e.g.
 * {@code @EventListener void on(FromCluster<SearchEntryChanged> e)}; the original event type keeps meaning changed
 * here, in this transaction.
 */
public record FromCluster<E extends ClusterEvent>(E event) implements ResolvableTypeProvider {

    public FromCluster {
        Objects.requireNonNull(event, "event");
    }

    @Override
    public ResolvableType getResolvableType() {
        return ResolvableType.forClassWithGenerics(FromCluster.class, ResolvableType.forInstance(event));
    }
}
