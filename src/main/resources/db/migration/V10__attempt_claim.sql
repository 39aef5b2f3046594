-- One delivery attempt per message at a time, across consumers and replicas. The broker's duplicate detection does not
-- stop two copies of one message that are sent at the same moment (two replicas' relay sweeps re-queueing the same
-- stale ids: Artemis adds an id to its cache when the send's internal transaction commits, so both sends pass the
-- check), and two consumers then delivered it twice (LifecycleReplicasPostgresIT: 41 court deliveries for 40 cases).
-- A consumer claims the attempt until attempt_until, as node attempt_node; a second copy seen meanwhile waits and is
-- then skipped. A node that restarts (same host, same data directory) ends the claims it held when it died.
alter table messages add column attempt_until timestamp with time zone;
alter table messages add column attempt_node varchar(64);
-- read at every start (a node ends its own claims): only in-flight attempts hold one, so the index stays small
create index messages_attempt_node on messages (attempt_node);
