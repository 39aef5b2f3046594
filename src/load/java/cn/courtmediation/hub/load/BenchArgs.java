package cn.courtmediation.hub.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** The benchmark tools' command lines: --name value (or --name=value) pairs and the flag --help, with no other dependency. */
final class BenchArgs {
    private BenchArgs() {
    }

    /** --name value pairs (and the flag --help) into a map. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isBlank()) {
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String name = a.substring(2);
            if (name.equals("help")) {
                m.put("help", "true");
            } else if (name.contains("=")) {
                m.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                m.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return m;
    }
}
