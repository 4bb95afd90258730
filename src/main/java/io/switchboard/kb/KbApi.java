package io.switchboard.kb;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.model.Article;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** {@code GET /api/v1/kb/search?q=&limit=}: the query checked, the answer shaped. */
@Component("kbApi")
public class KbApi {

    public static final int MAX_LIMIT = 20;

    /** A question has at least one word: a letter or a digit, in any script. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    public String query(String q) {
        if (q == null || q.isBlank() || q.length() > 200) {
            throw new InvalidRequest("q", "1 to 200 characters");
        }
        if (!WORD.matcher(q).find()) {
            throw new InvalidRequest("q", "a question with at least one word");
        }
        return q.strip();
    }

    public int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 5;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequest("limit", "1 to " + MAX_LIMIT);
    }

    public Map<String, Object> answer(List<Article> articles) {
        return Map.of("results", articles);
    }
}
