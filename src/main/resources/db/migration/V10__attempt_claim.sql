-- One delivery attempt per message at a time, across consumers and replicas. The broker's duplicate detection does not
-- stop two copies of one message that are sent at the same moment (two replicas' relay sweeps re-queueing the same
-- stale ids: Artemis adds an id to its cache when the send's internal transaction commits, so both sends pass the
-- check), and two consumers then delivered it twice (LifecycleReplicasPostgresIT: 41 court deliveries for 40 cases).
-- A consumer claims the attempt until attempt_until; a second copy seen meanwhile waits and is then skipped.
alter table messages add column attempt_until timestamp with time zone;
