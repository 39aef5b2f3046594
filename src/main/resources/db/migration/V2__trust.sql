-- Trust: participant certificates issued by the hub CA, signed evidences, signature facts of each message.

create table certificates (
    serial            varchar(40)  primary key,      -- lower-case hex
    participant_code  varchar(64)  not null,
    subject           varchar(500) not null,
    suite             varchar(24)  not null,         -- ECDSA_P256_SHA256, SM2_SM3, RSA_2048_SHA256
    not_before        timestamp with time zone not null,
    not_after         timestamp with time zone not null,
    status            varchar(12)  not null,         -- VALID, REVOKED
    revoked_at        timestamp with time zone,
    revocation_reason varchar(200),
    certificate       bytea        not null,         -- DER
    issued_at         timestamp with time zone not null
);
create index certificates_participant on certificates (participant_code);
create index certificates_not_after on certificates (not_after);

-- One signed evidence per event of a message (SUBMISSION_ACCEPTED/REJECTED, RELAYED, DELIVERED, DELIVERY_FAILED).
create table evidences (
    evidence_id  varchar(36)  primary key,
    message_id   varchar(64)  not null,
    kind         varchar(24)  not null,
    recorded_at  timestamp with time zone not null,
    document     bytea        not null,   -- the evidence JSON, exact bytes that were signed
    signature    varchar(16000) not null  -- hub CMS signature over document, base64 DER
);
create index evidences_message on evidences (message_id, recorded_at);

alter table messages add column signer_serial varchar(40);
alter table messages add column signing_time timestamp with time zone;
alter table messages add column document_report bytea;   -- validation report of signed attachments (JSON)
