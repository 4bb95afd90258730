package io.switchboard.connectors.notion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.VendorJson;
import io.switchboard.model.Article;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Notion's search API ({@code POST /v1/search}) and block children ({@code GET /v1/blocks/{id}/children}) to canonical
 * articles: a page's title is its {@code title} property, its snippet the plain text of its first blocks. Pure.
 */
@Component("notionMapper")
public class NotionMapper {

    static final int SNIPPET_LENGTH = 300;

    /** A page the search found, before its text is read. */
    public record Page(String id, String title, String url, Instant updatedAt) {
    }

    private final ObjectMapper json;

    public NotionMapper(ObjectMapper json) {
        this.json = json;
    }

    /** The search for pages whose title matches the question, most recently edited first. */
    public String searchBody(String question, Integer limit) {
        ObjectNode search = json.createObjectNode();
        search.put("query", question == null ? "" : question.trim());
        search.putObject("filter").put("property", "object").put("value", "page");
        search.putObject("sort").put("direction", "descending").put("timestamp", "last_edited_time");
        search.put("page_size", Math.max(1, Math.min(limit == null ? 5 : limit, 100)));
        return search.toString();
    }

    /** The pages of a search answer, archived and trashed ones left out. */
    public List<Page> pages(String answer) {
        JsonNode results = VendorJson.read(json, answer, "Notion").path("results");
        if (!results.isArray()) {
            throw new UnreadableUpstreamResponse("Notion search answer without results", null);
        }
        List<Page> pages = new ArrayList<>();
        for (JsonNode page : results) {
            if (!"page".equals(page.path("object").asText()) || page.path("archived").asBoolean(false)
                    || page.path("in_trash").asBoolean(false)) {
                continue;
            }
            pages.add(new Page(page.path("id").asText(), title(page), page.path("url").asText(null),
                    instant(page.path("last_edited_time").asText(null))));
        }
        return pages;
    }

    /** The page as an article, its snippet the plain text of its blocks (a block children answer). */
    public Article article(Page page, String children) {
        JsonNode blocks = VendorJson.read(json, children, "Notion").path("results");
        StringBuilder text = new StringBuilder();
        for (JsonNode block : blocks) {
            JsonNode richText = block.path(block.path("type").asText()).path("rich_text");
            StringBuilder line = new StringBuilder();
            richText.forEach(part -> line.append(part.path("plain_text").asText("")));
            if (!line.isEmpty()) {
                text.append(text.isEmpty() ? "" : " ").append(line);
            }
        }
        return new Article(page.id(), page.title(), snippet(text.toString()), page.url(),
                page.updatedAt(), "notion");
    }

    /** Notion's text is plain already: spaces collapsed, cut at the snippet's length. */
    private static String snippet(String text) {
        String plain = text.replaceAll("\\s+", " ").trim();
        return plain.length() <= SNIPPET_LENGTH ? plain : plain.substring(0, SNIPPET_LENGTH - 1) + "…";
    }

    /** The page's {@code title} property (the one of type title, whatever its name in a database). */
    private static String title(JsonNode page) {
        for (JsonNode property : page.path("properties")) {
            if ("title".equals(property.path("type").asText())) {
                StringBuilder title = new StringBuilder();
                property.path("title").forEach(part -> title.append(part.path("plain_text").asText("")));
                return title.toString();
            }
        }
        return "";
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
