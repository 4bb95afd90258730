package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric names the dashboard and alert checks read out of PromQL expressions. */
class PromQlNamesTest {

    @Test
    void findsSelectorsBareOrWithMatchersAndSkipsFunctionsKeywordsLabelsAndStrings() {
        String expression = "histogram_quantile(0.95, sum by (integration, le) (rate(switchboard_integration_call_seconds_bucket"
                + "{integration=~\"$integration\", outcome=\"success\"}[$__rate_interval]))) > 2 "
                + "and on (integration) integration:switchboard_integration_calls:rate5m > 1/60 "
                + "unless hikaricp_connections_pending offset 5m or vector(0) * up";

        assertThat(PromQlNames.metrics(expression)).containsExactlyInAnyOrder(
                "switchboard_integration_call_seconds_bucket", "integration:switchboard_integration_calls:rate5m",
                "hikaricp_connections_pending", "up");
    }

    @Test
    void readsNumbersInScientificNotationAsNumbers() {
        assertThat(PromQlNames.metrics("rate(x_total[5m]) > 1e3 and y > 2E-2")).containsExactlyInAnyOrder("x_total", "y");
    }
}
