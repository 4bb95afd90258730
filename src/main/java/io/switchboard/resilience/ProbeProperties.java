package io.switchboard.resilience;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.health.probes.*}: how each configured integration's health is kept true while it is idle.
 *
 * @param every   how often each integration is looked at: when it had real calls since the last look, their outcome
 *                decides; otherwise one cheap call (the probe) does
 * @param timeout the longest a probe waits for the vendor's answer
 * @param paths   the probe's request per integration: a cheap, read-only call of the vendor's documented API
 *                ({@code GET <base-url><path>}); for Salesforce, an operation of camel-salesforce ({@code limits}:
 *                the REST API's Limits resource). Only integrations a provider setting names are probed, and only
 *                those with a path and a base URL
 */
@ConfigurationProperties("switchboard.health.probes")
public record ProbeProperties(
        @DefaultValue("30s") Duration every,
        @DefaultValue("5s") Duration timeout,
        Map<String, String> paths) {

    public ProbeProperties {
        paths = paths == null ? Map.of() : Map.copyOf(paths);
    }
}
