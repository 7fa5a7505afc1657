package cn.onecity.services;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A test-only listener that makes the next submission fail at its very end, after its files were stored and its
 * process started, to show that the transaction leaves nothing behind.
 */
@Component
class FailingSubmissionListener {

    static final AtomicBoolean failNext = new AtomicBoolean();

    @EventListener
    void on(ApplicationSubmitted event) {
        if (failNext.getAndSet(false)) {
            throw new IllegalStateException("simulated failure after the process started");
        }
    }
}
