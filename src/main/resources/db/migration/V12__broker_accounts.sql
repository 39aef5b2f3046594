-- Broker accounts of queue partners (partner/BrokerAccounts): the user name is the partner's registry code; the
-- password is shown once when issued and kept only as a delegating-encoder hash ({bcrypt}...).
create table broker_accounts (
    code           varchar(64)  primary key,
    password_hash  varchar(200) not null,
    issued_at      timestamp with time zone not null,
    rotated_at     timestamp with time zone
);
