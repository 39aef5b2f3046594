-- H2 only (the embedded default): the five indexes the console added on messages (V13, V14) are dropped again.
-- Why: H2 rewrites every index page a commit touches, and each of these is touched by the message's insert or its
-- status updates. scripts/ab.sh, alternating jars on fresh hubs, 2 rounds each, twice (docs/performance.md):
-- end to end 1.27x and 1.34x, hub CPU per message 35.8 -> 29.0 ms and 31.3 -> 22.8 ms without them.
-- What it costs: on H2 the console's message search, participant health, alerts and Overview read the table instead of
-- an index range, so they slow down as the history grows. PostgreSQL, the database for a long history, keeps them.
drop index messages_received;
drop index messages_delivered;
drop index messages_failed;
drop index messages_recipient_status;
drop index messages_sender;
