package io.switchboard.api;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The pool platform-http runs Camel REST routes on (sized by {@code spring.task.execution.*}, carrying the MDC via
 * {@link MdcTaskDecorator}). Declared here because the hub's other executors would otherwise make Spring Boot
 * back off from creating it.
 */
@Configuration(proxyBeanMethods = false)
public class HttpRouteExecutor {

    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.build();
    }
}
