-- Failures (console issue): refusals grouped by code, discarded dead letters, bulk replay jobs.
-- Portable SQL: runs on H2 (MODE=PostgreSQL) and on PostgreSQL.

-- The refusals of one code over a time window, newest first (the Failures page's click-through); refusals are
-- written rarely, so the index costs intake nothing that matters.
create index quarantine_code_received on quarantine (code, received_at);

-- A dead letter an operator gave up on for good (status DISCARDED): why, who, when. Never replayed.
alter table messages add column discarded_at timestamp with time zone;
alter table messages add column discard_reason varchar(500);
alter table messages add column discarded_by varchar(64);

-- A bulk replay: the ids it covers are fixed when it is made (replay_job_items), so a job replays each dead letter at
-- most once, however often it is resumed, and never the ones that fail again after it started. state: RUNNING, then
-- FINISHED or CANCELLED. The runner holds a lease (runner, lease_until): a runner that died is replaced once it lapses.
create table replay_jobs (
    job_id        varchar(36)  primary key,
    actor         varchar(64)  not null,
    selection     varchar(4000) not null,          -- the filter or the list of ids, as JSON, for the record
    rate          integer      not null,           -- replays per second at most
    state         varchar(12)  not null,
    total         integer      not null,
    replayed      integer      not null,           -- claimed and queued (FAILED -> RELAYED) by this job
    skipped       integer      not null,           -- no longer FAILED when their turn came (delivered, discarded, replayed)
    created_at    timestamp with time zone not null,
    finished_at   timestamp with time zone,
    cancelled_by  varchar(64),
    runner        varchar(64),
    lease_until   timestamp with time zone
);
create index replay_jobs_state on replay_jobs (state, created_at);
create index replay_jobs_created on replay_jobs (created_at);

-- One row per dead letter of a job; outcome null until its turn: REPLAYED (claimed in the same transaction that wrote
-- this outcome) or SKIPPED.
create table replay_job_items (
    job_id      varchar(36)  not null,
    message_id  varchar(36)  not null,
    outcome     varchar(12),
    replay      integer,                           -- the message's replay number (its duplicate-detection key)
    primary key (job_id, message_id)
);
create index replay_job_items_open on replay_job_items (job_id, outcome, message_id);
