package io.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.model.TranscriptEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The priority scorer's documented rules, one by one. */
class TranscriptSentimentTest {

    private final TranscriptSentiment sentiment = new TranscriptSentiment();

    @Test
    void aNeutralQuestionIsNormal() {
        assertThat(priority("Where is my order 1002?")).isEqualTo("normal");
    }

    @Test
    void oneDistressedWordIsHigh() {
        assertThat(priority("The parcel arrived broken.")).isEqualTo("high");
    }

    @Test
    void urgencyPlusDistressIsUrgent() {
        assertThat(priority("I need a refund immediately")).isEqualTo("urgent");
    }

    @Test
    void shoutingCounts() {
        assertThat(priority("WHERE IS MY ORDER")).isEqualTo("high");
        assertThat(priority("Where is my order!!")).isEqualTo("high");
    }

    @Test
    void thanksWithoutDistressIsLow() {
        assertThat(priority("Thanks, that resolved it")).isEqualTo("low");
    }

    @Test
    void onlyTheCustomersWordsCount() {
        List<TranscriptEntry> transcript = List.of(
                new TranscriptEntry("assistant", "I am sorry this is so terrible and urgent!!", Instant.EPOCH),
                new TranscriptEntry("customer", "ok", Instant.EPOCH));

        assertThat(sentiment.priority(transcript)).isEqualTo("normal");
    }

    private String priority(String customerSays) {
        return sentiment.priority(List.of(new TranscriptEntry("customer", customerSays, Instant.EPOCH)));
    }
}
