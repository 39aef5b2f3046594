-- Foundation store. Portable SQL: runs on H2 (MODE=PostgreSQL) and on PostgreSQL.

-- Registry: every system the hub connects. Minimal here; the registry issue grows it.
create table participants (
    code          varchar(64)  primary key,
    kind          varchar(24)  not null,   -- COURT, TRIBUNAL, PARTNER, MEDIATION_ORG, GRASSROOTS_UNIT
    name          varchar(200) not null,   -- Chinese name
    region        varchar(12),             -- administrative division code
    parent_code   varchar(64),             -- court a tribunal belongs to / court a unit is docked to
    channel       varchar(8)   not null,   -- REST, SOAP, QUEUE
    endpoint      varchar(1000),           -- URL for REST/SOAP; unused for QUEUE (addresses derive from the code)
    status        varchar(12)  not null,   -- ACTIVE, SUSPENDED
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);

-- Cases known to the hub, keyed by the dispatching court's caseId.
create table cases (
    case_id       varchar(64)  primary key,
    court_code    varchar(64),
    case_number   varchar(128),            -- the court's own number, Chinese text, byte-exact
    stage         varchar(16),
    dispute_type  varchar(32),
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);

-- Every accepted message. The row is also the delivery schedule (transactional outbox):
-- status ACCEPTED means "stored, must be queued"; the relay moves it to RELAYED, delivery to DELIVERED/FAILED.
create table messages (
    message_id       varchar(36)  primary key,
    type             varchar(32)  not null,
    sender           varchar(64)  not null,
    recipient        varchar(64)  not null,
    case_id          varchar(64)  not null,
    correlation_id   varchar(36),
    ingress_channel  varchar(8)   not null,   -- REST, SOAP, QUEUE
    status           varchar(12)  not null,   -- ACCEPTED, RELAYED, DELIVERED, FAILED
    payload          bytea        not null,   -- exact bytes received
    payload_sha256   char(64)     not null,
    sender_signature varchar(16000),          -- stored, enforced from the trust issue on
    sent_at          timestamp with time zone,
    received_at      timestamp with time zone not null,
    relayed_at       timestamp with time zone,
    delivered_at     timestamp with time zone,
    attempts         integer      not null,
    last_error       varchar(2000)
);
create index messages_status_received on messages (status, received_at);
create index messages_case on messages (case_id);

-- Refused input, kept for inspection; never delivered.
create table quarantine (
    quarantine_id   varchar(36)  primary key,
    ingress_channel varchar(8)   not null,
    source          varchar(200),             -- partner code of the queue, or remote address
    code            varchar(32)  not null,
    detail          varchar(4000) not null,
    message_id      varchar(64),
    payload         bytea,                    -- at most hub.intake.max-payload-bytes
    payload_size    bigint       not null,
    received_at     timestamp with time zone not null
);
create index quarantine_received on quarantine (received_at);
