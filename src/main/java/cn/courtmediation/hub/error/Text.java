package cn.courtmediation.hub.error;

/** Makes text that echoes a client's input safe to write in any refusal: XML (SOAP), AMQP strings and JSON alike. */
final class Text {
    private Text() {
    }

    /**
     * A lone surrogate (JSON allows "\uD800") becomes U+FFFD: Woodstox refused to write it into a SOAP fault (HTTP 200,
     * empty body) and Qpid JMS could not decode a REJECTION carrying it, so its sender never learnt the refusal.
     */
    static String wellFormed(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
