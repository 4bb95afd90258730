package io.switchboard.api;

import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Vendor HTML to plain text for the chat assistant: script and style content dropped, tags removed, entities
 * decoded, whitespace collapsed, cut at a word boundary. The result is text, never markup to render.
 */
public final class PlainText {

    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|noscript|template)\\b.*?</\\1\\s*>");
    private static final Pattern COMMENTS = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern TAGS = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private PlainText() {
    }

    public static String of(String html, int maxLength) {
        if (html == null) {
            return null;
        }
        String text = HIDDEN.matcher(html).replaceAll(" ");
        text = COMMENTS.matcher(text).replaceAll(" ");
        text = TAGS.matcher(text).replaceAll(" ");
        text = HtmlUtils.htmlUnescape(text).replace('<', ' ').replace('>', ' ');
        text = SPACE.matcher(text).replaceAll(" ").trim();
        if (text.length() <= maxLength) {
            return text;
        }
        int cut = text.lastIndexOf(' ', maxLength - 1);
        return text.substring(0, cut > maxLength / 2 ? cut : maxLength - 1) + "…";
    }
}
