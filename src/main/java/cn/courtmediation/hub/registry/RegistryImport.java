package cn.courtmediation.hub.registry;

import cn.courtmediation.hub.registry.ImportReport.LineError;
import cn.courtmediation.hub.registry.Participant.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Imports registry CSV as it streams in: checks every line, upserts the valid ones in batches, reports every refused line. */
@Component
class RegistryImport {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryImport.class);
    private static final int MAX_RECORD_CHARS = 16_384;

    /** Told how far an import is, every {@code progress-every} lines and at the end. */
    @FunctionalInterface
    interface Progress {
        void at(long linesRead, long imported, long rejected);
    }

    private final Registry registry;
    private final int batchSize;
    private final int progressEvery;
    private final int maxListedErrors;

    RegistryImport(Registry registry, RegistrySettings settings) {
        this.registry = registry;
        this.batchSize = settings.bulk().batchSize();
        this.progressEvery = settings.bulk().progressEvery();
        this.maxListedErrors = settings.bulk().maxReportedErrors();
    }

    /**
     * Reads UTF-8 CSV with the registry header to its end; bad content is reported, never thrown. Valid lines go to
     * Registry.upsertAll in batches (one transaction each). A parent may be in the registry or anywhere in the file,
     * before or after its children: a line whose parent is not known yet waits for it, and is refused at the end
     * if it never comes.
     */
    ImportReport run(InputStream csv, Progress progress) throws IOException {
        Run run = new Run(progress);
        // Bytes that are not UTF-8 become U+FFFD, which ParticipantRows refuses field by field: a GBK file is
        // then reported line by line and column by column, where a decoding exception could only name a buffer.
        InputStreamReader decoder = new InputStreamReader(csv, StandardCharsets.UTF_8);
        RegistryCsv.RecordReader reader = new RegistryCsv.RecordReader(new BufferedReader(decoder, 65_536), MAX_RECORD_CHARS);
        if (run.header(reader.next())) {
            for (RegistryCsv.Record r = reader.next(); r != null; r = reader.next()) {
                run.line(ParticipantRows.parse(r));
            }
        }
        return run.finish();
    }

    /** The state of one import. */
    private final class Run {
        private final long started = System.nanoTime();
        private final Progress progress;
        /** Every well-formed code in the file, with the first line it is on and what became of it. */
        private final Map<String, Seen> seen = new HashMap<>();
        /** Valid lines waiting for their parent, by parent code (insertion order keeps the report stable). */
        private final Map<String, List<ParticipantRows.Row>> waiting = new LinkedHashMap<>();
        private final List<Participant> batch = new ArrayList<>();
        private final List<LineError> errors = new ArrayList<>();
        private long errorsNotListed;
        private long linesRead;
        private long imported;
        private long rejected;

        Run(Progress progress) {
            this.progress = progress;
        }

        boolean header(RegistryCsv.Record r) {
            if (r == null) {
                error(new LineError(1, null, null, "empty file: the first line must be the header " + RegistryCsv.HEADER));
                return false;
            }
            List<String> names = r.fields().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
            if (r.problem() != null || !names.equals(RegistryCsv.COLUMNS)) {
                error(new LineError(r.line(), null, String.join(",", r.fields()),
                        "the first line must be the header " + RegistryCsv.HEADER + "; nothing was imported"));
                return false;
            }
            return true;
        }

        void line(ParticipantRows.Row row) {
            linesRead++;
            List<LineError> problems = new ArrayList<>(row.errors());
            if (row.code() != null) {
                Seen earlier = seen.get(row.code());
                if (earlier != null) {
                    problems.add(new LineError(row.line(), "code", row.code(), "duplicate code: already on line " + earlier.line));
                } else {
                    seen.put(row.code(), new Seen(row.line(), row.valid() ? row.participant().kind() : null));
                }
            }
            if (!problems.isEmpty()) {
                reject(row, problems);
            } else {
                place(row);
            }
            if (linesRead % progressEvery == 0) {
                report();
            }
        }

        /** Imports a valid line now, or parks it until its parent is known. */
        private void place(ParticipantRows.Row row) {
            String parent = row.participant().parentCode();
            if (parent == null) {
                accept(row);
                return;
            }
            Seen inFile = seen.get(parent);
            if (inFile != null && inFile.state == State.ACCEPTED) {
                acceptUnder(row, inFile.kind);
                return;
            }
            Optional<Participant> stored = registry.find(parent);
            if (stored.isPresent()) {
                acceptUnder(row, stored.get().kind());
            } else if (inFile != null && inFile.state == State.REJECTED) {
                reject(row, List.of(new LineError(row.line(), "parent_code", parent,
                        "parent is not in the registry, and its line " + inFile.line + " in this file was rejected")));
            } else {
                waiting.computeIfAbsent(parent, k -> new ArrayList<>()).add(row);
            }
        }

        private void acceptUnder(ParticipantRows.Row row, Kind parentKind) {
            String wrong = wrongParent(row.participant().kind(), parentKind);
            if (wrong == null) {
                accept(row);
            } else {
                reject(row, List.of(new LineError(row.line(), "parent_code", row.participant().parentCode(), wrong)));
            }
        }

        /** Imports the line and, in turn, every line that was waiting for it (iteratively: chains can be long). */
        private void accept(ParticipantRows.Row first) {
            Deque<ParticipantRows.Row> ready = new ArrayDeque<>();
            ready.add(first);
            while (!ready.isEmpty()) {
                ParticipantRows.Row row = ready.poll();
                Participant p = row.participant();
                seen.get(p.code()).state = State.ACCEPTED;
                batch.add(p);
                if (batch.size() >= batchSize) {
                    flush();
                }
                List<ParticipantRows.Row> children = waiting.remove(p.code());
                if (children != null) {
                    for (ParticipantRows.Row child : children) {
                        String wrong = wrongParent(child.participant().kind(), p.kind());
                        if (wrong == null) {
                            ready.add(child);
                        } else {
                            reject(child, List.of(new LineError(child.line(), "parent_code", p.code(), wrong)));
                        }
                    }
                }
            }
        }

        /** Refuses the line and every line waiting for it (iteratively: chains can be long). */
        private void reject(ParticipantRows.Row row, List<LineError> problems) {
            rejected++;
            problems.forEach(this::error);
            Deque<ParticipantRows.Row> fallen = new ArrayDeque<>();
            fallen.add(row);
            while (!fallen.isEmpty()) {
                ParticipantRows.Row r = fallen.poll();
                Seen s = r.code() == null ? null : seen.get(r.code());
                // a duplicate line says nothing about the first line with that code, nor about lines waiting for it
                if (s == null || s.line != r.line()) {
                    continue;
                }
                s.state = State.REJECTED;
                // lines waiting for this one could only have come from the registry, which they were not in
                List<ParticipantRows.Row> children = waiting.remove(r.code());
                for (ParticipantRows.Row child : children == null ? List.<ParticipantRows.Row>of() : children) {
                    rejected++;
                    error(new LineError(child.line(), "parent_code", r.code(),
                            "parent is not in the registry, and its line " + r.line() + " in this file was rejected"));
                    fallen.add(child);
                }
            }
        }

        void error(LineError e) {
            if (errors.size() < maxListedErrors) {
                errors.add(e);
            } else {
                errorsNotListed++;
            }
        }

        private void flush() {
            if (!batch.isEmpty()) {
                registry.upsertAll(List.copyOf(batch));
                imported += batch.size();
                batch.clear();
            }
        }

        private void report() {
            LOG.info("Registry import: {} lines read, {} imported, {} rejected ({} ms)", linesRead, imported, rejected, elapsedMs());
            progress.at(linesRead, imported, rejected);
        }

        ImportReport finish() {
            // whatever still waits has a parent that is neither in the registry nor on a valid line of the file
            while (!waiting.isEmpty()) {
                String parent = waiting.keySet().iterator().next();
                Seen inFile = seen.get(parent);
                for (ParticipantRows.Row child : waiting.remove(parent)) {
                    String why = inFile == null ? "parent code is neither in this file nor in the registry"
                            : "parent is not in the registry, and its line " + inFile.line + " in this file could not be imported";
                    reject(child, List.of(new LineError(child.line(), "parent_code", parent, why)));
                }
            }
            flush();
            report();
            errors.sort(Comparator.comparingInt(LineError::line));
            LOG.info("Registry import finished: {} lines read, {} imported, {} rejected in {} ms", linesRead, imported, rejected,
                    elapsedMs());
            return new ImportReport(linesRead, imported, rejected, elapsedMs(), List.copyOf(errors), errorsNotListed);
        }

        private long elapsedMs() {
            return (System.nanoTime() - started) / 1_000_000;
        }
    }

    /** Why a parent of this kind does not fit, or null when it does. */
    static String wrongParent(Kind child, Kind parent) {
        boolean fits = switch (child) {
            case COURT, TRIBUNAL, MEDIATION_ORG -> parent == Kind.COURT;
            case GRASSROOTS_UNIT -> parent == Kind.COURT || parent == Kind.TRIBUNAL;
            case PARTNER -> true;
        };
        if (fits) {
            return null;
        }
        String needed = child == Kind.GRASSROOTS_UNIT ? "a COURT or TRIBUNAL" : "a COURT";
        return "parent is a " + parent + "; the parent of a " + child + " must be " + needed;
    }

    private enum State { PENDING, ACCEPTED, REJECTED }

    /** A code met in the file. */
    private static final class Seen {
        final int line;
        final Kind kind;
        State state = State.PENDING;

        Seen(int line, Kind kind) {
            this.line = line;
            this.kind = kind;
        }
    }
}
