package io.switchboard.connectors.zendeskguide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.VendorJson;
import io.switchboard.api.PlainText;
import io.switchboard.model.Article;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Help Center article search ({@code GET /api/v2/help_center/articles/search.json}) to canonical articles. Pure. */
@Component("zendeskGuideMapper")
public class ZendeskGuideMapper {

    static final int SNIPPET_LENGTH = 300;

    private final ObjectMapper json;

    public ZendeskGuideMapper(ObjectMapper json) {
        this.json = json;
    }

    public String searchQuery(String query, int limit) {
        return "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&per_page=" + limit;
    }

    public List<Article> articles(String answer) {
        JsonNode results = VendorJson.read(json, answer, "Zendesk Guide").path("results");
        if (!results.isArray()) {
            throw new UnreadableUpstreamResponse("Zendesk Guide search without results", null);
        }
        List<Article> articles = new ArrayList<>();
        for (JsonNode article : results) {
            String snippet = article.hasNonNull("snippet") ? article.path("snippet").asText() : article.path("body").asText(null);
            articles.add(new Article(
                    article.path("id").asText(),
                    PlainText.of(article.path("title").asText(""), 200),
                    PlainText.of(snippet, SNIPPET_LENGTH),
                    article.path("html_url").asText(null),
                    instant(article.path("updated_at").asText(null)),
                    "zendesk-guide"));
        }
        return articles;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
