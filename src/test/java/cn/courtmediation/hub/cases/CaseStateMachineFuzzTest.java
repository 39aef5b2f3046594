package cn.courtmediation.hub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the case state machine (CaseEvent, issue 12 item 6): random event sequences, applied from a
 * new case, never reach a state the documented table (docs/lifecycle.md, "Event | Sent by | ... | Allowed in | Leads to")
 * forbids, and every refusal of the code is a refusal of the table. The table is read from the doc, not copied.
 */
class CaseStateMachineFuzzTest {
    /** The documented transitions: event -> (states it is allowed in, the state it leads to; null = unchanged). */
    private static final Map<CaseEvent, Documented> TABLE = documentedTable();

    /** One row of the documented table. */
    private record Documented(Set<CaseState> allowedIn, boolean newCase, CaseState leadsTo) {
    }

    @Example
    void theDocumentedTableNamesEveryEventOfTheCode() {
        assertThat(TABLE.keySet()).containsExactlyInAnyOrder(CaseEvent.values());
    }

    @Property(tries = 2000)
    void randomEventSequencesFollowTheDocumentedTable(@ForAll("sequences") List<CaseEvent> events) {
        CaseState state = null;
        List<String> trail = new ArrayList<>();
        for (CaseEvent event : events) {
            Optional<CaseState> next = event.next(state);
            Documented doc = TABLE.get(event);
            boolean documentedFits = state == null ? doc.newCase() : doc.allowedIn().contains(state);
            trail.add(event + (next.isPresent() ? "->" + next.get() : " refused"));
            assertThat(next.isPresent()).as("%s in %s (trail %s): the table says %s", event, state, trail,
                    documentedFits ? "allowed" : "refused").isEqualTo(documentedFits);
            if (next.isPresent()) {
                CaseState expected = doc.leadsTo() == null ? state : doc.leadsTo();
                assertThat(next.get()).as("%s from %s (trail %s)", event, state, trail).isEqualTo(expected);
                state = next.get();
            }
        }
    }

    @Property(tries = 500)
    void terminalStatesAcceptNoEvent(@ForAll("sequences") List<CaseEvent> events) {
        Set<CaseState> terminal = EnumSet.of(CaseState.CONFIRMED, CaseState.DOCUMENT_ISSUED, CaseState.FILED, CaseState.WITHDRAWN);
        CaseState state = null;
        for (CaseEvent event : events) {
            if (state != null && terminal.contains(state)) {
                assertThat(event.next(state)).as("%s after the terminal state %s", event, state).isEmpty();
            }
            state = event.next(state).orElse(state);
        }
    }

    @Property(tries = 500)
    void aCaseIsDispatchedOnceAndOnlyDispatchStartsOne(@ForAll("sequences") List<CaseEvent> events) {
        CaseState state = null;
        for (CaseEvent event : events) {
            Optional<CaseState> next = event.next(state);
            if (state == null) {
                assertThat(next.isPresent()).as("%s on a new case", event).isEqualTo(event == CaseEvent.DISPATCH);
            } else if (event == CaseEvent.DISPATCH) {
                assertThat(next).as("a second DISPATCH in %s", state).isEmpty();
            }
            state = next.orElse(state);
        }
    }

    /** Sequences that mostly start with DISPATCH (else every step is refused) and then wander through the table. */
    @Provide
    Arbitrary<List<CaseEvent>> sequences() {
        Arbitrary<CaseEvent> any = Arbitraries.of(CaseEvent.class);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(9, any.list().ofMinSize(0).ofMaxSize(30).map(rest -> {
                            List<CaseEvent> l = new ArrayList<>();
                            l.add(CaseEvent.DISPATCH);
                            l.addAll(rest);
                            return l;
                        })),
                        net.jqwik.api.Tuple.of(1, any.list().ofMaxSize(10)));
    }

    /** Reads the "Event | Sent by | Carried as | Allowed in | Leads to | Also" table of docs/lifecycle.md. */
    private static Map<CaseEvent, Documented> documentedTable() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("docs/lifecycle.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<CaseEvent, Documented> table = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([A-Z_]+)` \\|[^|]*\\|[^|]*\\|([^|]*)\\|([^|]*)\\|");
        Pattern state = Pattern.compile("`([A-Z_]+)`");
        for (String line : lines) {
            Matcher m = row.matcher(line);
            if (!m.find()) {
                continue;
            }
            CaseEvent event;
            try {
                event = CaseEvent.valueOf(m.group(1));
            } catch (IllegalArgumentException notAnEvent) {
                continue;
            }
            Set<CaseState> allowed = EnumSet.noneOf(CaseState.class);
            Matcher s = state.matcher(m.group(2));
            while (s.find()) {
                allowed.add(CaseState.valueOf(s.group(1)));
            }
            boolean newCase = m.group(2).contains("a new `caseId`");
            if (newCase) {
                allowed.clear();
            }
            // "Leads to": the first state named; "(same)" for the deadline warning; REFUSE's "REFUSED, then at once
            // FILING_REQUESTED" is two events (REFUSE, then the hub's TRANSFER_TO_FILING), so REFUSE leads to REFUSED
            Matcher to = state.matcher(m.group(3));
            CaseState leadsTo = to.find() ? CaseState.valueOf(to.group(1)) : null;
            table.put(event, new Documented(allowed, newCase, leadsTo));
        }
        return table;
    }
}
