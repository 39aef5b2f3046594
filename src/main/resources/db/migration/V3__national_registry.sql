-- National registry: court levels, time-limit policies, callbacks, and a version counter that lets every
-- replica's registry cache notice changes made by another replica.

alter table participants add column court_level varchar(16);          -- SUPREME, HIGH, INTERMEDIATE, BASIC (courts only)
alter table participants add column callback_url varchar(1000);       -- where evidences go when not the delivery endpoint
alter table participants add column policy_days integer;              -- courts: mediation time limit (default 30)
alter table participants add column max_extension_days integer;       -- courts: at most this extension (default 30)
alter table participants add column version bigint not null default 0;
create index participants_kind on participants (kind);
create index participants_region on participants (region);
create index participants_parent on participants (parent_code);

create table registry_state (
    id       integer primary key,
    version  bigint  not null
);
insert into registry_state (id, version) values (1, 0);

-- Messages held for a suspended recipient; released in order when it resumes.
alter table messages add column parked_at timestamp with time zone;
