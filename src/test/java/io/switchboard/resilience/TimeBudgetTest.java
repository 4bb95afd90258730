package io.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped settings keep every chat answer within {@code switchboard.api.answer-budget}: per capability, the
 * vendor calls one answer makes in a row (each bounded by its breaker's timeout, retries included) add up to less
 * than the budget, with room for the hub's own work. And no route bounds a vendor call by a setting this test does
 * not count.
 */
class TimeBudgetTest {

    /** The hub's own share of an answer: parsing, the database, writing the answer. */
    private static final Duration OWN_WORK = Duration.ofMillis(100);
    private static final List<String> ORDERS = List.of("shopify", "woocommerce");
    private static final List<String> CRM = List.of("hubspot", "salesforce");
    private static final List<String> HELPDESK = List.of("zendesk", "freshdesk", "jira");
    private static final List<String> KB = List.of("zendesk", "confluence");

    private static PropertySource<?> defaults;

    @BeforeAll
    static void load() throws IOException {
        defaults = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml")).get(0);
    }

    @Test
    void everySingleCallCapabilityFitsItsVendorsTimeout() {
        for (String vendor : Stream.of(ORDERS, CRM, HELPDESK, KB).flatMap(List::stream).distinct().toList()) {
            assertThat(vendorTimeout(vendor)).as(vendor).isLessThanOrEqualTo(available());
        }
        assertThat(duration("switchboard.catalog.datasource.statement-timeout")).as("products").isLessThanOrEqualTo(available());
    }

    @Test
    void theCustomerContextWaitsLongerThanEachSourceAndLessThanTheBudget() {
        Duration fanOut = millis("switchboard.context.timeout-millis");
        for (String vendor : Stream.of(ORDERS, CRM, HELPDESK).flatMap(List::stream).toList()) {
            assertThat(vendorTimeout(vendor)).as(vendor + ", so that its own timeout marks it").isLessThan(fanOut);
        }
        assertThat(fanOut).isLessThanOrEqualTo(available());
    }

    @Test
    void aTicketsLookupCreateAndLabelFitTogether() {
        Duration inARow = millis("switchboard.helpdesk.ticket-create.lookup-timeout-millis")
                .plus(millis("switchboard.helpdesk.ticket-create.create-timeout-millis"))
                .plus(millis("switchboard.helpdesk.ticket-create.label-timeout-millis"));

        assertThat(inARow).isLessThanOrEqualTo(available());
    }

    @Test
    void theBudgetIsTheContractsTwoAndAHalfSeconds() {
        assertThat(duration("switchboard.api.answer-budget")).isEqualTo(Duration.ofMillis(2_500));
    }

    @Test
    void everyBreakerTimeoutInTheRoutesIsOneCountedHere() throws IOException {
        // routes name a breaker configuration (camel.resilience4j.configurations.<name>) and never set a timeout
        Pattern named = Pattern.compile("circuitBreaker:\\s+(?:id: \\S+\\s+)?configuration: (\\S+)");
        // the outbound template's breaker: <vendor>Call, made from switchboard.vendors.<vendor>.timeout-millis
        String template = "\"{{vendor}}Call\"";
        Pattern counted = Pattern.compile("\\$\\{(switchboard\\.vendors\\.[a-z]+\\.timeout-millis"
                + "|switchboard\\.helpdesk\\.ticket-create\\.(lookup|create|label)-timeout-millis)}");
        // the erasure job's calls: no one waits on them
        String erasure = "${switchboard.jobs.privacy-erasure.timeout-millis}";
        int breakers = 0;
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                String routes = Files.readString(file);
                assertThat(routes).as(file + ": every timeout a setting").doesNotContain("timeoutDuration");
                Matcher found = named.matcher(routes);
                int inFile = 0;
                while (found.find()) {
                    inFile++;
                    if (found.group(1).equals(template)) {
                        continue;
                    }
                    String key = "camel.resilience4j.configurations." + found.group(1);
                    assertThat(defaults.getProperty(key + ".timeout-enabled")).as(key).hasToString("true");
                    Object timeout = defaults.getProperty(key + ".timeout-duration");
                    assertThat(timeout).as(key).isNotNull();
                    if (!erasure.equals(timeout.toString())) {
                        assertThat(timeout.toString()).as(file + ": " + key).matches(counted);
                    }
                }
                assertThat(inFile).as(file + ": every breaker names its configuration")
                        .isEqualTo(routes.split("- circuitBreaker:", -1).length - 1);
                breakers += inFile;
            }
        }
        assertThat(breakers).isGreaterThan(4);
    }

    private static Duration available() {
        return duration("switchboard.api.answer-budget").minus(OWN_WORK);
    }

    private static Duration vendorTimeout(String vendor) {
        return millis("switchboard.vendors." + vendor + ".timeout-millis");
    }

    private static Duration millis(String key) {
        Object value = defaults.getProperty(key);
        assertThat(value).as(key).isNotNull();
        return Duration.ofMillis(Long.parseLong(value.toString()));
    }

    private static Duration duration(String key) {
        Object value = defaults.getProperty(key);
        assertThat(value).as(key).isNotNull();
        return DurationStyle.detectAndParse(value.toString());
    }
}
