package io.switchboard.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The email of each notifying event type: the file {@code <templates><type>.txt} (classpath:notifications/ by
 * default), read once at startup. Its first line is {@code Subject: ...}, then a blank line, then the plain-text
 * body; {@code {{name}}} stands for a value of the event ({@code ticketId}, {@code orderNumber}, ... from its data) or
 * of the customer ({@code customerName}), and a name without a value for nothing.
 */
@Component
public class NotificationTemplates {

    /** One email, ready to send. */
    public record Email(String subject, String body) {
    }

    private record Template(String subject, String body) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");
    private static final String SUBJECT = "Subject:";

    private final Map<String, Template> templates = new HashMap<>();

    public NotificationTemplates(NotificationProperties settings, ResourceLoader resources) {
        for (String type : settings.events()) {
            templates.put(type, parse(type, resources.getResource(settings.templates() + type + ".txt")));
        }
    }

    /** Whether events of this type notify. */
    public boolean notifies(String eventType) {
        return templates.containsKey(eventType);
    }

    public Email render(String eventType, Map<String, String> values) {
        Template template = templates.get(eventType);
        if (template == null) {
            throw new IllegalArgumentException("no notification template for " + eventType);
        }
        return new Email(fill(template.subject(), values).replaceAll("[\\r\\n]+", " "), fill(template.body(), values));
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        return placeholder.replaceAll(match -> Matcher.quoteReplacement(values.getOrDefault(match.group(1), "")));
    }

    private static Template parse(String type, Resource file) {
        String text;
        try {
            text = file.getContentAsString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("No notification template for " + type + " at " + file, e);
        }
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        if (!first.startsWith(SUBJECT)) {
            throw new IllegalStateException("The notification template " + file + " must start with 'Subject: '");
        }
        return new Template(first.substring(SUBJECT.length()).trim(), end < 0 ? "" : text.substring(end + 1).strip() + "\n");
    }
}
