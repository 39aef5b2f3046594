package cn.courtmediation.hub.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and masks resident ID numbers and phone numbers in free text, so that a refusal's detail (which echoes what a
 * parser or validator saw of the input, and which is logged and answered) never carries a party's numbers.
 */
public final class PersonalNumbers {
    /**
     * 18 characters of a resident ID number (GB 11643): 17 digits and a check character, not inside a longer token, nor
     * joined to one by a hyphen or underscore: a temporary directory's random part (hub-it-230493859858900473) passes the
     * check character one time in eleven.
     */
    private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z_-])\\d{17}[0-9Xx](?![0-9A-Za-z_-])");
    /** A mainland mobile number, optionally +86, or a landline with its area code (010-12345678, 0755 1234 5678). */
    // not next to a hyphen either: a UUID's groups ("…-0904-4151-8209-…") look like a landline number
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9A-Za-z+-])(?:(?:\\+|00)86[ -]?)?(?:1[3-9]\\d{9}|0\\d{2,3}[ -]\\d{3,4}[ -]?\\d{4})(?![0-9A-Za-z-])");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    static final String MASK = "[masked]";

    private PersonalNumbers() {
    }

    /** The text with every ID number (whose check character is right) and phone number replaced by [masked]. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return replace(replace(text, ID, true), PHONE, false);
    }

    /** Every ID number (check character right) and phone number in the text, as found. */
    public static List<String> find(String text) {
        List<String> found = new ArrayList<>();
        Matcher id = ID.matcher(text);
        while (id.find()) {
            if (isIdNumber(id.group())) {
                found.add(id.group());
            }
        }
        Matcher phone = PHONE.matcher(text);
        while (phone.find()) {
            found.add(phone.group());
        }
        return found;
    }

    private static String replace(String text, Pattern pattern, boolean checkId) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean any = false;
        while (m.find()) {
            // a match left alone (an 18-digit number that is no ID number) is copied with the text around it
            if (!checkId || isIdNumber(m.group())) {
                m.appendReplacement(out, Matcher.quoteReplacement(MASK));
                any = true;
            }
        }
        if (!any) {
            return text;
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The GB 11643 check character: 18 digits that fail it are some other number (a timestamp, a serial), left alone. */
    static boolean isIdNumber(String s) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * WEIGHTS[i];
        }
        return Character.toUpperCase(s.charAt(17)) == CHECK.charAt(sum % 11);
    }
}
