package io.switchboard.helpdesk;

import io.switchboard.model.TranscriptEntry;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A ticket's priority from the customer's words, when the chat backend gives none. Deliberately small and
 * predictable: each customer message scores one point per distressed word ("angry", "refund", "lawyer", ...), two
 * per urgent word ("urgent", "immediately", "emergency", ...), and one for shouting (mostly capitals, or "!!").
 * 0 is normal, 1-2 high, 3 or more urgent; a thank-you with no distress is low.
 */
@Component
public class TranscriptSentiment {

    private static final Set<String> DISTRESSED = Set.of("angry", "furious", "upset", "terrible", "awful", "worst",
            "unacceptable", "ridiculous", "refund", "cancel", "broken", "lawyer", "complaint", "scam", "never");
    private static final Set<String> URGENT = Set.of("urgent", "urgently", "immediately", "asap", "emergency", "now");
    private static final Set<String> CONTENT = Set.of("thanks", "thank", "great", "perfect", "resolved");

    public String priority(List<TranscriptEntry> transcript) {
        int score = 0;
        boolean content = false;
        for (TranscriptEntry entry : transcript) {
            if (!"customer".equals(entry.role()) || entry.text() == null) {
                continue;
            }
            String text = entry.text();
            for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
                score += DISTRESSED.contains(word) ? 1 : URGENT.contains(word) ? 2 : 0;
                content |= CONTENT.contains(word);
            }
            if (text.contains("!!") || shouting(text)) {
                score++;
            }
        }
        if (score >= 3) {
            return "urgent";
        }
        if (score >= 1) {
            return "high";
        }
        return content ? "low" : "normal";
    }

    private static boolean shouting(String text) {
        long letters = text.chars().filter(Character::isLetter).count();
        long capitals = text.chars().filter(Character::isUpperCase).count();
        return letters >= 8 && capitals * 10 >= letters * 7;
    }
}
