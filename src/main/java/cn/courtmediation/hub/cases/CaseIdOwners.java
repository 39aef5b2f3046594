package cn.courtmediation.hub.cases;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whose a caseId is: the participant whose registry code it begins with, followed by a hyphen (C110105-2026-000123 is
 * court C110105's). Codes may hold hyphens themselves, so every prefix before a hyphen is a candidate and the longest
 * registered one wins (LC-AB-2026-1 is LC-AB's, not LC's). One indexed query, against the registry table rather than
 * the registry's cache: the prefixes of fresh caseIds are new every time and would only crowd real entries out of it.
 */
@Component
class CaseIdOwners {
    private final JdbcTemplate jdbc;

    CaseIdOwners(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The owner's code; empty when the caseId begins with no participant's code (a free identifier). */
    Optional<String> owner(String caseId) {
        List<String> prefixes = prefixes(caseId);
        if (prefixes.isEmpty()) {
            return Optional.empty();
        }
        List<String> codes = jdbc.queryForList("select code from participants where code in ("
                + String.join(", ", Collections.nCopies(prefixes.size(), "?")) + ")", String.class, prefixes.toArray());
        return codes.stream().max(Comparator.comparingInt(String::length));
    }

    /** Every part of the caseId before one of its hyphens ("A-B-C": "A", "A-B"). */
    static List<String> prefixes(String caseId) {
        List<String> prefixes = new ArrayList<>();
        for (int i = caseId.indexOf('-'); i > 0; i = caseId.indexOf('-', i + 1)) {
            prefixes.add(caseId.substring(0, i));
        }
        return prefixes;
    }
}
