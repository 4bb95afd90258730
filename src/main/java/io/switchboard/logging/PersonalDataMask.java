package io.switchboard.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text: email addresses ({@code ***@example.com}: the domain stays, for debugging),
 * phone numbers in international ({@code +49 30 1234567}) or North American ({@code 555-123-4567},
 * {@code (555) 123-4567}) form, and card numbers (13 to 19 digits, spaces or dashes between groups, that pass the Luhn
 * check and start as cards do, 2 to 6; the last four stay). Digit runs that fail (order numbers, ids, epoch
 * milliseconds) are left alone.
 */
public final class PersonalDataMask {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])[2-6](?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d+\\)?){2,6}(?!\\w)"
                    + "|(?<![\\w-])(?:\\(\\d{3}\\)\\s?|\\d{3}[-. ])\\d{3}[-. ]\\d{4}(?![\\w-])");

    private PersonalDataMask() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll(match -> "***@" + Matcher.quoteReplacement(match.group(1)));
        masked = CARD.matcher(masked).replaceAll(match -> {
            String digits = match.group().replaceAll("[ -]", "");
            return luhn(digits) ? "****" + digits.substring(digits.length() - 4) : Matcher.quoteReplacement(match.group());
        });
        return PHONE.matcher(masked).replaceAll(match -> countDigits(match.group()) >= 7 ? "***phone***"
                : Matcher.quoteReplacement(match.group()));
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static int countDigits(String text) {
        return (int) text.chars().filter(Character::isDigit).count();
    }
}
