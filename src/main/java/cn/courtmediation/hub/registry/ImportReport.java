package cn.courtmediation.hub.registry;

import java.util.List;

/** What a registry CSV import did: lines read, imported, rejected, time, and why each rejected line was refused. */
// errorsNotListed counts the errors beyond hub.registry.bulk.max-reported-errors
record ImportReport(long linesRead, long imported, long rejected, long elapsedMs, List<LineError> errors, long errorsNotListed) {

    /** One refusal: the line the record starts on, the column (null: the whole line), the value as read, and why. */
    record LineError(int line, String column, String value, String message) {
    }
}
