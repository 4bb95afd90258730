package io.switchboard.connectors.confluence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.ApiException;
import io.switchboard.model.Article;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Confluence's CQL search against the sandbox fixture, and the CQL built from what customers type. */
class ConfluenceMapperTest {

    private final ConfluenceMapper mapper = new ConfluenceMapper(new ObjectMapper(), "", "https://example.atlassian.net");
    private final ConfluenceMapper inSpace = new ConfluenceMapper(new ObjectMapper(), "SUP", "https://example.atlassian.net");

    @Test
    void mapsTheSandboxSearchToPlainTextArticlesWithAbsoluteLinks() throws Exception {
        List<Article> articles = mapper.articles(Files.readString(Path.of("sandbox/confluence/__files/search.json")));

        assertThat(articles).hasSize(2);
        Article first = articles.get(0);
        assertThat(first.id()).isEqualTo("98307");
        assertThat(first.title()).isEqualTo("Where is my order?");
        assertThat(first.snippet()).isEqualTo("Orders ship within 2 business days. You can track your parcel with the link"
                + " in your shipping email & on the \"My orders\" page.");
        assertThat(first.url()).isEqualTo("https://example.atlassian.net/wiki/spaces/SUP/pages/98307/Where+is+my+order");
        assertThat(first.updatedAt()).isEqualTo(Instant.parse("2026-10-14T12:30:00Z"));
        assertThat(first.source()).isEqualTo("confluence");
        assertThat(articles.get(1).title()).isEqualTo("Returns & refunds");
        assertThat(articles.get(1).snippet()).doesNotContain("@@@", "&mdash;").contains("— refunds reach you in 5–10 days");
    }

    @Test
    void theQuestionIsSearchedAsWordsInPages() {
        assertThat(mapper.cql("Where is my order?")).isEqualTo("type = page AND text ~ \"where is my order\"");
        assertThat(inSpace.cql("Where is my order?"))
                .isEqualTo("type = page AND text ~ \"where is my order\" AND space = \"SUP\"");
        assertThat(URLDecoder.decode(mapper.searchQuery("refund", 5), StandardCharsets.UTF_8))
                .isEqualTo("cql=type = page AND text ~ \"refund\"&limit=5&excerpt=highlight");
    }

    @Test
    void nothingTypedLeavesTheStringOrActsAsQuerySyntax() {
        assertThat(mapper.cql("x\" OR space = \"SECRET")).isEqualTo("type = page AND text ~ \"x or space = secret\"");
        assertThat(mapper.cql("a\\\" OR type = blogpost")).isEqualTo("type = page AND text ~ \"a or type = blogpost\"");
        assertThat(mapper.cql("NOT refund* AND (returns || ~fees)")).isEqualTo("type = page AND text ~ \"not refund and returns fees\"");
        assertThat(ConfluenceMapper.literal("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
        assertThatThrownBy(() -> mapper.cql("?!*")).isInstanceOf(ApiException.class);
    }

    @Test
    void aSpaceKeyIsALiteralToo() {
        ConfluenceMapper odd = new ConfluenceMapper(new ObjectMapper(), "A\" OR space = \"B", "");

        assertThat(odd.cql("refund")).endsWith("AND space = \"A\\\" OR space = \\\"B\"");
    }

    @Test
    void malformedOrUnexpectedAnswersAreUpstreamFailures() {
        assertThatThrownBy(() -> mapper.articles("{\"results\": [ {\"content\": ")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.articles("{\"statusCode\": 200}")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.articles("[]")).isInstanceOf(UnreadableUpstreamResponse.class);
    }

    @Test
    void resultsThatAreNotContentAndLinksThatAreNotWebLinksAreLeftOut() {
        String answer = "{\"results\":[{\"title\":\"@@@hl@@@Bob@@@endhl@@@\",\"entityType\":\"user\",\"url\":\"/people/1\"},"
                + "{\"content\":{\"id\":\"7\",\"type\":\"page\",\"title\":\"Fees\",\"_links\":{\"webui\":\"javascript:alert(1)\"}},"
                + "\"excerpt\":\"<b>fees</b>\",\"lastModified\":\"yesterday\"}],\"_links\":{\"base\":\"https://example.atlassian.net/wiki\"}}";

        List<Article> articles = mapper.articles(answer);

        assertThat(articles).hasSize(1);
        assertThat(articles.get(0).url()).isNull();
        assertThat(articles.get(0).updatedAt()).isNull();
        assertThat(articles.get(0).snippet()).isEqualTo("fees");
    }
}
