package io.switchboard.conflicts;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The rules of {@code switchboard.conflicts.<type>.<field>} (application.yaml), read once at startup: a field
 * without a rule of its own takes its type's {@code default}, and a type without one last-write-wins. A rule that
 * does not parse stops the hub, naming the setting.
 */
@Component
public class ConflictRules {

    /** The field name that gives a type's rule for its other fields. */
    public static final String DEFAULT_FIELD = "default";
    private static final ConflictRule FALLBACK = new ConflictRule.LastWriteWins();

    private final Map<String, Map<String, ConflictRule>> rules = new LinkedHashMap<>();

    @Autowired
    public ConflictRules(Environment environment) {
        this(bind(environment));
    }

    public ConflictRules(Map<String, Map<String, String>> settings) {
        settings.forEach((type, fields) -> {
            Map<String, ConflictRule> parsed = new LinkedHashMap<>();
            fields.forEach((field, rule) -> {
                try {
                    parsed.put(field, ConflictRule.parse(rule));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("switchboard.conflicts." + type + "." + field + ": "
                            + e.getMessage());
                }
            });
            rules.put(type, parsed);
        });
    }

    private static Map<String, Map<String, String>> bind(Environment environment) {
        ResolvableType type = ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
                ResolvableType.forClassWithGenerics(Map.class, String.class, String.class));
        return Binder.get(environment).<Map<String, Map<String, String>>>bind("switchboard.conflicts",
                Bindable.of(type)).orElse(Map.of());
    }

    /** The rule for a data type's field; a part of a field ({@code address.city}) takes the field's rule. */
    public ConflictRule rule(String type, String field) {
        Map<String, ConflictRule> fields = rules.getOrDefault(type, Map.of());
        ConflictRule whole = fields.getOrDefault(field.split("\\.", 2)[0],
                fields.getOrDefault(DEFAULT_FIELD, FALLBACK));
        return fields.getOrDefault(field, whole);
    }

    /** Every configured rule, by type and field, for operators. */
    public Map<String, Map<String, String>> describe() {
        Map<String, Map<String, String>> described = new LinkedHashMap<>();
        rules.forEach((type, fields) -> {
            Map<String, String> byField = new LinkedHashMap<>();
            fields.forEach((field, rule) -> byField.put(field, rule.toString()));
            described.put(type, byField);
        });
        return described;
    }
}
