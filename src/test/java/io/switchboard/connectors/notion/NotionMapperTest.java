package io.switchboard.connectors.notion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.model.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notion's documented answers, as the sandbox serves them, to canonical articles. */
class NotionMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final NotionMapper mapper = new NotionMapper(json);

    @Test
    void aSearchsPagesAndTheirBlocksAreArticles() throws Exception {
        List<NotionMapper.Page> pages = mapper.pages(fixture("search.json"));

        assertThat(pages).extracting(NotionMapper.Page::title).containsExactly("Where is my order?", "Returns & refunds");
        Article article = mapper.article(pages.get(1), fixture("blocks-1a2b3c4d-0000-4000-8000-000000098311.json"));
        assertThat(article.snippet()).isEqualTo("You can return an item within 30 days — refunds reach you in 5–10 days"
                + " after your return arrives. Start a return from the \"My orders\" page.");
        assertThat(article.updatedAt()).isEqualTo(Instant.parse("2026-09-01T08:00:00Z"));
        assertThat(article.source()).isEqualTo("notion");
    }

    @Test
    void theSearchAsksForPagesOnlyWithinTheLimit() throws Exception {
        assertThat(json.readTree(mapper.searchBody(" returns ", 500)).toString()).isEqualTo("{\"query\":\"returns\","
                + "\"filter\":{\"property\":\"object\",\"value\":\"page\"},\"sort\":{\"direction\":\"descending\","
                + "\"timestamp\":\"last_edited_time\"},\"page_size\":100}");
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("sandbox/notion/__files", name));
    }
}
