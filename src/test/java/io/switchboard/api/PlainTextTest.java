package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void dropsScriptsStylesCommentsAndTagsAndDecodesEntities() {
        String html = "<style>p{color:red}</style><p>Refunds &amp; returns<!-- hidden --> <script>alert('x')</script>"
                + "take <b>5&ndash;10</b>&nbsp;days.</p><img src=x onerror=alert(1)>";

        assertThat(PlainText.of(html, 500)).isEqualTo("Refunds & returns take 5–10 days.");
    }

    @Test
    void decodedAngleBracketsDoNotBecomeMarkup() {
        assertThat(PlainText.of("&lt;script&gt;alert(1)&lt;/script&gt; hi", 500)).doesNotContain("<", ">");
    }

    @Test
    void cutsAtAWordBoundary() {
        assertThat(PlainText.of("one two three four five", 12)).isEqualTo("one two…");
    }
}
