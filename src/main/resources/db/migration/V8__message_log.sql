-- Tamper-evident message log (X-Road style): every accepted message and every evidence is appended, in the
-- transaction that stores it, to one hash chain shared by all replicas; the hub signs its head periodically.
-- Portable SQL: runs on H2 (MODE=PostgreSQL) and on PostgreSQL. docs/reliability.md has the hash format.
-- The chain starts here: rows stored before this migration have no entries (no backfill; their count is
-- kept in the head row so that verification can tell them from rows inserted outside the hub later).

create table message_log (
    seq             bigint       primary key,   -- 1, 2, 3 ... without gaps: one total order across replicas
    kind            varchar(16)  not null,      -- MESSAGE, EVIDENCE
    ref_id          varchar(64)  not null,      -- messages.message_id or evidences.evidence_id
    content_sha256  char(64)     not null,      -- SHA-256 of the logged row's canonical encoding
    prev_hash       char(64)     not null,      -- entry_hash of seq - 1 (64 zeros for seq 1)
    entry_hash      char(64)     not null,      -- SHA-256(prev_hash bytes || canonical entry)
    logged_at       timestamp with time zone not null
);
create index message_log_ref on message_log (ref_id);

-- The single head row every append locks (select ... for update): it serialises appends of all replicas.
create table message_log_head (
    id                    integer  primary key,     -- always 1
    seq                   bigint   not null,        -- last appended seq (0: empty)
    entry_hash            char(64) not null,        -- its entry_hash
    preexisting_messages  bigint   not null,        -- rows stored before the log existed
    preexisting_evidences bigint   not null
);
insert into message_log_head (id, seq, entry_hash, preexisting_messages, preexisting_evidences)
    select 1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
           (select count(*) from messages), (select count(*) from evidences);

-- Signed checkpoints of the head, themselves a chain. One per head and one successor per checkpoint
-- (both unique): when replicas checkpoint at the same time one insert wins and the chain never forks.
create table message_log_checkpoints (
    seq                  bigint         primary key,  -- the head seq that was signed
    entry_hash           char(64)       not null,     -- entry_hash of that seq
    prev_checkpoint_hash char(64)       not null unique,
    checkpoint_hash      char(64)       not null,     -- SHA-256 of document
    document             bytea          not null,     -- exact bytes signed (LogHashes.checkpointDocument)
    signature            varchar(16000) not null,     -- hub CMS signature over document, base64 DER
    replica              varchar(200)   not null,
    signed_at            timestamp with time zone not null
);
