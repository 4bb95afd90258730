package io.switchboard.api;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads the context fan-out's branches run on ({@code executorService: contextExecutor}): enough for every
 * branch of every request in flight to start at once (Camel's default pool queues beyond ten), and when even these
 * are busy a branch runs on the request's own thread rather than being refused.
 */
@Configuration(proxyBeanMethods = false)
public class ContextThreads {

    @Bean(name = "contextExecutor", destroyMethod = "shutdown")
    ExecutorService contextExecutor() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(8, 256, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "context-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
