package cn.courtmediation.hub.cases;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form in which a party's name is compared with the names a case's dispatch gave its parties: NFKC (full-width
 * letters, compatibility forms), invisible characters removed (format characters Cf such as U+200B, U+200C, U+200D,
 * U+2060, U+FEFF, controls, and the other default-ignorable code points), any run of white space one space, trimmed,
 * and lower-cased: "张三", "张" U+200B "三" and " 张三 " compare equal, so do "ＺＨＡＮＧ San" and "zhang  san"; nothing
 * else is done (no transliteration, no pinyin).
 */
final class PartyNames {
    private PartyNames() {
    }

    /** The comparable form of a name (empty when the name is nothing but invisible characters and spaces). */
    static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        boolean space = false;
        for (int i = 0; i < nfkc.length(); ) {
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = true;
                continue;
            }
            if (invisible(cp)) {
                // does not separate words either: 张 U+200B 三 is 张三
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** The name as a refusal's detail quotes it: invisible characters as U+XXXX, at most 100 characters. */
    static String shown(String name) {
        StringBuilder out = new StringBuilder();
        String s = name == null ? "" : name;
        for (int i = 0; i < s.length() && out.length() < 100; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (invisible(cp)) {
                out.append(String.format("<U+%04X>", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return "'" + out + (out.length() >= 100 ? "…" : "") + "'";
    }

    /**
     * Format and control characters, and the other default-ignorable code points of Unicode (DerivedCoreProperties):
     * combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian and other variation selectors, tags.
     */
    static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.CONTROL
                || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F)
                || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
                || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }
}
