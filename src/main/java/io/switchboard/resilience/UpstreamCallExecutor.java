package io.switchboard.resilience;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The threads vendor calls run on while a caller waits with a Resilience4j timeout
 * ({@code timeoutExecutorService: upstreamCallExecutor}). Bounded, so a hung vendor cannot take every thread;
 * the caller's MDC (request id) travels with each call. Its use is in the metrics
 * ({@code executor_active_threads{name="upstreamCallExecutor"}} and the other {@code executor_*}).
 */
@Component("upstreamCallExecutor")
public class UpstreamCallExecutor extends ThreadPoolExecutor implements MeterBinder {

    public UpstreamCallExecutor() {
        super(4, 200, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threadFactory());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        new ExecutorServiceMetrics(this, "upstreamCallExecutor", List.of()).bindTo(registry);
    }

    @Override
    public void execute(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        super.execute(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                task.run();
            } finally {
                MDC.clear();
            }
        });
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "upstream-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
