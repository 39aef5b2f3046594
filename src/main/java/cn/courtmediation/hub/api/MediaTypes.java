package cn.courtmediation.hub.api;

import java.util.Locale;

/** The media types the hub's submission endpoints take: JSON for REST, text/xml for SOAP 1.1, UTF-8 either way. */
public final class MediaTypes {
    private MediaTypes() {
    }

    /** application/json, optionally with charset=utf-8 (any case, quoted or not). */
    public static boolean isJson(String contentType) {
        return mediaType(contentType, "application/json");
    }

    /** text/xml, the SOAP 1.1 binding of CaseExchange.wsdl, optionally with charset=utf-8. */
    public static boolean isSoap11(String contentType) {
        return mediaType(contentType, "text/xml");
    }

    private static boolean mediaType(String contentType, String wanted) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals(wanted)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }
}
