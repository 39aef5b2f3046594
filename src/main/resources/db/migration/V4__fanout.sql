-- Fan-out: one message to a group of recipients (all courts, the courts of a region) becomes one child
-- message per recipient, tracked individually; children point at the message they came from.
alter table messages add column fanout_id varchar(36);
create index messages_fanout on messages (fanout_id, status);
