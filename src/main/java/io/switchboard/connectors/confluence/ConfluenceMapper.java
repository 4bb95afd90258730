package io.switchboard.connectors.confluence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.PlainText;
import io.switchboard.connectors.Timestamps;
import io.switchboard.connectors.VendorJson;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.model.Article;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Confluence Cloud's CQL search ({@code GET /wiki/rest/api/search?cql=&limit=&excerpt=highlight}) to canonical
 * articles. The question becomes {@code type = page AND text ~ "<words>"} (and {@code space = "<key>"} when
 * {@code switchboard.vendors.confluence.space} is set): the words lose Lucene's query syntax, since a chat question
 * is not a query (its "?" would be a wildcard, its "NOT" an operator), and the literal is escaped, so nothing the
 * caller types can leave the string. Pure.
 */
@Component("confluenceMapper")
public class ConfluenceMapper {

    static final int SNIPPET_LENGTH = 300;
    static final String SOURCE = "confluence";

    /** Characters with a meaning in Lucene's query syntax (Confluence's text search), replaced by spaces. */
    private static final Pattern QUERY_SYNTAX = Pattern.compile("[+\\-&|!(){}\\[\\]^\"~*?:\\\\/]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Confluence's highlight markers in titles and excerpts ({@code excerpt=highlight}). */
    private static final Pattern HIGHLIGHT = Pattern.compile("@@@(end)?hl@@@");

    private final ObjectMapper json;
    private final String space;
    private final String baseUrl;

    public ConfluenceMapper(ObjectMapper json,
                            @Value("${switchboard.vendors.confluence.space:}") String space,
                            @Value("${switchboard.vendors.confluence.base-url:}") String baseUrl) {
        this.json = json;
        this.space = space.strip();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The search's query string: the CQL, the limit, highlighted excerpts. */
    public String searchQuery(String question, int limit) {
        return "cql=" + encode(cql(question)) + "&limit=" + limit + "&excerpt=highlight";
    }

    /** The CQL for a question: pages whose text has its words, in the configured space if any. */
    public String cql(String question) {
        String words = SPACES.matcher(QUERY_SYNTAX.matcher(question == null ? "" : question).replaceAll(" "))
                .replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        if (words.isEmpty()) {
            throw new InvalidRequest("q", "words to search for");
        }
        String cql = "type = page AND text ~ " + literal(words);
        return space.isEmpty() ? cql : cql + " AND space = " + literal(space);
    }

    /** A CQL string literal: double quotes, with backslashes and double quotes inside escaped. */
    static String literal(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public List<Article> articles(String answer) {
        JsonNode root = VendorJson.read(json, answer, "Confluence");
        JsonNode results = root == null ? null : root.path("results");
        if (results == null || !results.isArray()) {
            throw new UnreadableUpstreamResponse("Confluence search without results", null);
        }
        String base = root.path("_links").path("base").asText(baseUrl.isEmpty() ? "" : baseUrl + "/wiki");
        List<Article> articles = new ArrayList<>();
        for (JsonNode result : results) {
            JsonNode content = result.path("content");
            String id = content.path("id").asText(null);
            if (id == null) {
                continue;   // not a page (a space or a user): the CQL asks for pages only
            }
            String title = content.hasNonNull("title") ? content.path("title").asText() : result.path("title").asText("");
            String webui = content.path("_links").path("webui").asText(result.path("url").asText(null));
            articles.add(new Article(
                    id,
                    PlainText.of(withoutHighlights(title), 200),
                    PlainText.of(withoutHighlights(result.path("excerpt").asText("")), SNIPPET_LENGTH),
                    absolute(base, webui),
                    Timestamps.parse(result.path("lastModified").asText(null)),
                    SOURCE));
        }
        return articles;
    }

    private static String withoutHighlights(String text) {
        return HIGHLIGHT.matcher(text).replaceAll("");
    }

    /** {@code _links.base} + {@code webui}; an absolute http(s) link as it is; anything else none. */
    private static String absolute(String base, String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        String url = link.startsWith("http://") || link.startsWith("https://") ? link
                : base.isEmpty() || !link.startsWith("/") ? null : base + link;
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
