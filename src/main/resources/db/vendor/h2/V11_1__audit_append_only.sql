-- The audit trail is append-only: the database itself refuses to change or remove an entry (access/AuditAppendOnly).
create trigger audit_events_no_change before update, delete on audit_events
    for each row call 'cn.courtmediation.hub.access.AuditAppendOnly';
