package io.switchboard.conflicts;

import java.util.Arrays;
import java.util.List;

/**
 * How a change to a field that already has a value is decided, as written in
 * {@code switchboard.conflicts.<type>.<field>}: {@code last-write-wins}, {@code source:<a>,<b>,...} (a priority list:
 * earlier sources own the field), or {@code manual}.
 */
public sealed interface ConflictRule {

    /** What becomes of a change. */
    enum Decision {
        /** the change replaces the recorded value */
        APPLY,
        /** the recorded value stays */
        KEEP,
        /** an operator decides (the review queue) */
        REVIEW
    }

    /**
     * The decision for {@code proposed} given the field's {@code current} record (null: the field has none yet, and
     * any change is applied).
     */
    default Decision decide(FieldValue current, FieldValue proposed) {
        return current == null ? Decision.APPLY : decideOver(current, proposed);
    }

    Decision decideOver(FieldValue current, FieldValue proposed);

    /** The newer change by its source's own timestamp wins; on a tie the recorded value stays. */
    record LastWriteWins() implements ConflictRule {
        @Override
        public Decision decideOver(FieldValue current, FieldValue proposed) {
            return proposed.timestamp().isAfter(current.timestamp()) ? Decision.APPLY : Decision.KEEP;
        }

        @Override
        public String toString() {
            return "last-write-wins";
        }
    }

    /**
     * A source earlier in the list wins over a later one whatever the times, and sources not in the list come after
     * all those in it; changes from sources of the same rank are decided by last-write-wins.
     */
    record SourcePriority(List<String> sources) implements ConflictRule {
        @Override
        public Decision decideOver(FieldValue current, FieldValue proposed) {
            int byRank = Integer.compare(rank(proposed.source()), rank(current.source()));
            if (byRank != 0) {
                return byRank < 0 ? Decision.APPLY : Decision.KEEP;
            }
            return new LastWriteWins().decideOver(current, proposed);
        }

        private int rank(String source) {
            int index = sources.indexOf(source);
            return index < 0 ? sources.size() : index;
        }

        @Override
        public String toString() {
            return "source:" + String.join(",", sources);
        }
    }

    /**
     * A change from another source than the one the value came from waits for an operator; a source updating its own
     * value is decided by last-write-wins.
     */
    record ManualReview() implements ConflictRule {
        @Override
        public Decision decideOver(FieldValue current, FieldValue proposed) {
            if (current.source().equals(proposed.source())) {
                return new LastWriteWins().decideOver(current, proposed);
            }
            return Decision.REVIEW;
        }

        @Override
        public String toString() {
            return "manual";
        }
    }

    /** A rule as written in the settings; anything else is refused with what is allowed. */
    static ConflictRule parse(String text) {
        String rule = text == null ? "" : text.trim();
        if (rule.equals("last-write-wins")) {
            return new LastWriteWins();
        }
        if (rule.equals("manual")) {
            return new ManualReview();
        }
        if (rule.startsWith("source:")) {
            List<String> sources = Arrays.stream(rule.substring("source:".length()).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
            if (!sources.isEmpty()) {
                return new SourcePriority(sources);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a conflict rule: last-write-wins, manual, or "
                + "source:<first>,<second>,... (a priority list)");
    }
}
