-- Case lifecycle: the hub owns each case's state (docs/lifecycle.md), its mediation time limit and an
-- append-only event log that the timeline and the statistics read. Portable SQL (H2 MODE=PostgreSQL, PostgreSQL).

alter table cases add column state varchar(32);                     -- null until a CASE_DISPATCH; see CaseState
alter table cases add column mediator_code varchar(64);             -- who mediates: organisation, partner, unit or tribunal
alter table cases add column mediator_kind varchar(24);
alter table cases add column region varchar(12);                    -- the dispatching court's division code
alter table cases add column dispatched_at timestamp with time zone;
alter table cases add column accepted_at timestamp with time zone;  -- the mediator accepted: the time limit starts
alter table cases add column policy_days integer;                   -- the court's policy, copied at dispatch
alter table cases add column max_extension_days integer;
alter table cases add column extension_days integer default 0 not null;
alter table cases add column deadline_at timestamp with time zone;  -- accepted_at + policy_days + extension_days
alter table cases add column next_warning_at timestamp with time zone; -- when the next deadline warning is due (null: none)
alter table cases add column concluded_at timestamp with time zone; -- mediation ended (succeeded, failed, refused, expired, withdrawn)
alter table cases add column outcome varchar(16);                   -- SUCCEEDED, FAILED, REFUSED, EXPIRED, WITHDRAWN
alter table cases add column filing_reason varchar(32);             -- PARTY_REFUSED, DEADLINE_EXPIRED, MEDIATION_FAILED, MEDIATOR_REQUEST
alter table cases add column court_case_number varchar(128);        -- the number the court filed the case under
create index cases_state_deadline on cases (state, deadline_at);
create index cases_next_warning on cases (next_warning_at);
create index cases_dispatched on cases (dispatched_at);

-- Every state change and deadline event of a case, in order (seq is per case, assigned under the case row lock).
create table case_events (
    case_id     varchar(64)  not null,
    seq         integer      not null,
    event       varchar(32)  not null,   -- see CaseEvent
    from_state  varchar(32),
    to_state    varchar(32),
    actor       varchar(64)  not null,   -- participant code, or HUB for the hub's own acts (expiry, warnings, transfers)
    message_id  varchar(36),             -- the message that carried the event, or the hub's own push
    at          timestamp with time zone not null,
    detail      varchar(2000),
    primary key (case_id, seq)
);
create index case_events_at on case_events (at);
