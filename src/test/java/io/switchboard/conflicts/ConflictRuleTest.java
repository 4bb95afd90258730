package io.switchboard.conflicts;

import static io.switchboard.conflicts.ConflictRule.Decision.APPLY;
import static io.switchboard.conflicts.ConflictRule.Decision.KEEP;
import static io.switchboard.conflicts.ConflictRule.Decision.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules' decisions, and how they are read from the settings. */
class ConflictRuleTest {

    private static final Instant EARLY = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-20T11:00:00Z");

    private static FieldValue value(String source, Instant at) {
        return new FieldValue("v-" + source + "-" + at.getEpochSecond(), source, at);
    }

    @Test
    void lastWriteWinsByTheSourcesOwnTimestampAndKeepsTheValueOnATie() {
        ConflictRule rule = ConflictRule.parse("last-write-wins");

        assertThat(rule.decide(value("hubspot", EARLY), value("salesforce", LATE))).isEqualTo(APPLY);
        assertThat(rule.decide(value("hubspot", LATE), value("salesforce", EARLY))).isEqualTo(KEEP);
        assertThat(rule.decide(value("hubspot", LATE), value("salesforce", LATE))).isEqualTo(KEEP);
        assertThat(rule.decide(null, value("salesforce", EARLY))).as("a first value").isEqualTo(APPLY);
    }

    @Test
    void aHigherSourceWinsWhateverTheTimesAndEqualsFallBackToLastWriteWins() {
        ConflictRule rule = ConflictRule.parse("source:hubspot, salesforce");

        assertThat(rule.decide(value("salesforce", LATE), value("hubspot", EARLY))).isEqualTo(APPLY);
        assertThat(rule.decide(value("hubspot", EARLY), value("salesforce", LATE))).isEqualTo(KEEP);
        assertThat(rule.decide(value("salesforce", EARLY), value("shopify", LATE)))
                .as("an unlisted source comes after the listed ones").isEqualTo(KEEP);
        assertThat(rule.decide(value("shopify", EARLY), value("salesforce", EARLY)))
                .as("a listed source over an unlisted one").isEqualTo(APPLY);
        assertThat(rule.decide(value("hubspot", EARLY), value("hubspot", LATE))).isEqualTo(APPLY);
        assertThat(rule.decide(value("hubspot", LATE), value("hubspot", EARLY))).isEqualTo(KEEP);
        assertThat(rule.decide(value("shopify", EARLY), value("woocommerce", LATE))).isEqualTo(APPLY);
    }

    @Test
    void manualReviewHoldsBackAnotherSourcesChangeButNotASourceUpdatingItsOwnValue() {
        ConflictRule rule = ConflictRule.parse("manual");

        assertThat(rule.decide(value("hubspot", EARLY), value("salesforce", LATE))).isEqualTo(REVIEW);
        assertThat(rule.decide(value("hubspot", LATE), value("salesforce", EARLY))).isEqualTo(REVIEW);
        assertThat(rule.decide(value("hubspot", EARLY), value("hubspot", LATE))).isEqualTo(APPLY);
        assertThat(rule.decide(null, value("salesforce", EARLY))).isEqualTo(APPLY);
    }

    @Test
    void aFieldTakesItsOwnRuleThenItsTypesDefaultThenLastWriteWins() {
        ConflictRules rules = new ConflictRules(Map.of(
                "customer", Map.of("email", "source:hubspot", "default", "manual"),
                "product", Map.of("price", "manual")));

        assertThat(rules.rule("customer", "email")).isEqualTo(new ConflictRule.SourcePriority(
                java.util.List.of("hubspot")));
        assertThat(rules.rule("customer", "phone")).isInstanceOf(ConflictRule.ManualReview.class);
        assertThat(rules.rule("product", "name")).isInstanceOf(ConflictRule.LastWriteWins.class);
        assertThat(rules.rule("order", "status")).isInstanceOf(ConflictRule.LastWriteWins.class);
        assertThat(rules.describe()).containsEntry("product", Map.of("price", "manual"));
    }

    @Test
    void aRuleThatDoesNotParseStopsTheHubNamingItsSetting() {
        assertThatThrownBy(() -> new ConflictRules(Map.of("customer", Map.of("email", "crm-wins"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("switchboard.conflicts.customer.email")
                .hasMessageContaining("last-write-wins, manual, or source:");
        assertThatThrownBy(() -> ConflictRule.parse("source:")).isInstanceOf(IllegalArgumentException.class);
    }
}
