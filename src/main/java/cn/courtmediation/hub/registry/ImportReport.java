package cn.courtmediation.hub.registry;

import java.util.List;

/**
 * What a registry CSV import did: data lines read, imported, rejected, how long it took, and why each rejected
 * line was refused ({@code errorsNotListed} counts errors beyond the listed maximum).
 */
record ImportReport(long linesRead, long imported, long rejected, long elapsedMs, List<LineError> errors, long errorsNotListed) {

    /** One refusal: the line the record starts on, the column (null: the whole line), the value as read, and why. */
    record LineError(int line, String column, String value, String message) {
    }
}
