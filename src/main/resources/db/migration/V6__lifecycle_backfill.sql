-- Cases dispatched before the lifecycle existed (V5 left their state null): without this, their mediators'
-- steps would be refused as INVALID_TRANSITION (state NONE). They become DISPATCHED, with the mediator and the
-- time of their CASE_DISPATCH and their court's policy (default 30 days, at most 30 days of extension); the mediator's
-- ACCEPT starts the time limit as for any new case. Cases that never saw a dispatch keep a null state.
update cases set
    state = 'DISPATCHED',
    mediator_code = (select m.recipient from messages m where m.case_id = cases.case_id and m.type = 'CASE_DISPATCH'
                     order by m.received_at fetch first 1 rows only),
    dispatched_at = (select min(m.received_at) from messages m where m.case_id = cases.case_id and m.type = 'CASE_DISPATCH'),
    mediator_kind = (select p.kind from participants p where p.code = (select m.recipient from messages m
                     where m.case_id = cases.case_id and m.type = 'CASE_DISPATCH' order by m.received_at fetch first 1 rows only)),
    region = (select p.region from participants p where p.code = cases.court_code),
    policy_days = coalesce((select p.policy_days from participants p where p.code = cases.court_code), 30),
    max_extension_days = coalesce((select p.max_extension_days from participants p where p.code = cases.court_code), 30)
where state is null
  and exists (select 1 from messages m where m.case_id = cases.case_id and m.type = 'CASE_DISPATCH');
