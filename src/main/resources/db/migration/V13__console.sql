-- The operations console (console/): the Overview's per-minute counts and latency read time ranges of the last hour,
-- the audit page pages one operator's entries. Portable SQL: runs on H2 (MODE=PostgreSQL) and on PostgreSQL.
-- Cost on the hot path: one more index entry per accepted message (received_at) and per delivery (delivered_at);
-- failed_at is written only when a message is given up.
create index messages_received on messages (received_at);
create index messages_delivered on messages (delivered_at);
create index messages_failed on messages (failed_at);
create index audit_events_actor on audit_events (actor, seq);
