package cn.courtmediation.hub.hostile;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One hostile input of the corpus: its category, a name that says what it is, how to make it for a channel's parties,
 * and the documented code each channel answers it with (a channel without a code does not run the case).
 */
record HostileCase(String category, String name, Function<Parties, Submission> input, Map<Ch, String> expected) {

    /** A case every channel answers with the same code. */
    static HostileCase of(String category, String name, String code, Function<Parties, Submission> input) {
        Map<Ch, String> m = new EnumMap<>(Ch.class);
        for (Ch ch : Ch.values()) {
            m.put(ch, code);
        }
        return new HostileCase(category, name, input, m);
    }

    /** The same case answered with another code on one channel (null: not run there). */
    HostileCase on(Ch ch, String code) {
        Map<Ch, String> m = new EnumMap<>(expected);
        if (code == null) {
            m.remove(ch);
        } else {
            m.put(ch, code);
        }
        return new HostileCase(category, name, input, m);
    }

    /** Only on the given channels. */
    HostileCase only(Ch... channels) {
        Map<Ch, String> m = new EnumMap<>(Ch.class);
        for (Ch ch : channels) {
            m.put(ch, expected.get(ch));
        }
        return new HostileCase(category, name, input, m);
    }
}
