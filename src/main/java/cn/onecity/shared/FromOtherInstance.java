package cn.onecity.shared;

import java.util.Objects;

import org.springframework.core.ResolvableType;
import org.springframework.core.ResolvableTypeProvider;

/**
 * A {@link ClusterEvent} that another instance of the platform published, as this instance receives it. Listen
 * for it with its type argument, e.g. {@code @EventListener void on(FromOtherInstance<SearchEntryChanged> e)}:
 * the original event type keeps meaning changed here, in this transaction; this one means changed there, and
 * committed.
 */
public record FromOtherInstance<E extends ClusterEvent>(E event) implements ResolvableTypeProvider {

    public FromOtherInstance {
        Objects.requireNonNull(event, "event");
    }

    @Override
    public ResolvableType getResolvableType() {
        return ResolvableType.forClassWithGenerics(FromOtherInstance.class, ResolvableType.forInstance(event));
    }
}
