package cn.courtmediation.hub.access;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2's trigger on audit_events (db/vendor/h2/V11_1): refuses every UPDATE and DELETE, as PostgreSQL's trigger function does. */
public final class AuditAppendOnly implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit_events is append-only");
    }
}
