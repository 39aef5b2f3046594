#!/usr/bin/env bash
# Measures the console's participant, message and alert queries (monitoring/*) on PostgreSQL at national scale:
# a scratch schema with the hub's migrations (V1..V14), 80,006 participants, 1,000,000 messages over 3,502 courts and
# 300,000 cases with Chinese case numbers; then EXPLAIN ANALYZE of each query, printing its plan's first line and
# execution time. Usage: scripts/monitoring-queries.sh [messages] (PGHOST/PGPORT/PGUSER as for psql; default
# 127.0.0.1:5432 postgres). The schema is dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
SCHEMA=monitoring_measure_$$
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
psql() { command psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
trap 'psql -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1' EXIT
psql -c "create schema $SCHEMA"
for f in $(ls src/main/resources/db/migration/V*__*.sql | sort -V); do
  psql -c "set search_path to $SCHEMA" -f "$f" >/dev/null
done
echo "migrations applied; loading $N messages"
psql <<SQL
set search_path to $SCHEMA;
insert into participants (code, kind, name, region, channel, endpoint, status, created_at, updated_at)
  select 'C' || lpad(i::text, 6, '0'), case when i <= 3502 then 'COURT' else 'GRASSROOTS_UNIT' end,
         '测试单位' || i, lpad((110000 + i % 3000)::text, 6, '0'), 'REST', 'http://127.0.0.1/x', 'ACTIVE', now(), now()
  from generate_series(1, 80006) i;
insert into cases (case_id, court_code, case_number, created_at, updated_at, state, deadline_at)
  select 'C' || lpad((1 + i % 3502)::text, 6, '0') || '-2026-' || i, 'C' || lpad((1 + i % 3502)::text, 6, '0'),
         '(2026)京' || (i % 3502) || '民诉前调' || i || '号', now(), now(),
         case when i % 10 = 0 then 'IN_MEDIATION' else 'SUCCEEDED' end, now() + (i % 40) * interval '1 day'
  from generate_series(1, 300000) i;
insert into messages (message_id, type, sender, recipient, case_id, ingress_channel, status, payload, payload_sha256,
                      received_at, delivered_at, attempts, last_error, failed_at)
  select md5(i::text)::uuid::text, case when i % 3 = 0 then 'CASE_DISPATCH' else 'NOTICE' end,
         'C' || lpad((1 + i % 3502)::text, 6, '0'), 'C' || lpad((1 + (i * 7) % 3502)::text, 6, '0'),
         'C' || lpad((1 + i % 3502)::text, 6, '0') || '-2026-' || (i % 300000 + 1),
         'REST', case when i % 1000 = 0 then 'FAILED' when i % 997 = 0 then 'RELAYED' else 'DELIVERED' end,
         convert_to('{"x":1}', 'UTF8'), repeat('0', 64),
         now() - (($N - i) * interval '1 second'), now() - (($N - i) * interval '1 second') + interval '1 second', 1,
         case when i % 1000 = 0 or i % 997 = 0 then 'HttpOperationFailedException: 503' end,
         case when i % 1000 = 0 then now() - (($N - i) * interval '1 second') end
  from generate_series(1, $N) i;
analyze;
SQL
measure() {
  local label=$1 sql=$2
  local out
  out=$(psql -c "set search_path to $SCHEMA" -c "explain (analyze, format text) $sql")
  printf '%-46s %10s ms   %s\n' "$label" "$(echo "$out" | sed -n 's/.*Execution Time: \([0-9.]*\) ms.*/\1/p')" \
    "$(echo "$out" | grep -m1 -oE '(Index Only Scan|Index Scan|Bitmap Heap Scan|Seq Scan|Bitmap Index Scan)[^(]*' || true)"
}
C='C000105'
measure "health: backlog" "select count(*) from messages where recipient = '$C' and status in ('ACCEPTED', 'RELAYED', 'PARKED')"
measure "health: last success" "select max(delivered_at) from (select delivered_at from messages where recipient = '$C' and status = 'DELIVERED' order by received_at desc fetch first 50 rows only) d"
measure "health: failing" "select count(*) from messages where recipient = '$C' and status in ('RELAYED', 'FAILED') and last_error is not null"
measure "search: case number (Chinese)" "select message_id from messages m where m.case_id in (select case_id from cases where case_number = '(2026)京105民诉前调12345号' union select case_id from cases where court_case_number = '(2026)京105民诉前调12345号') order by received_at desc, message_id desc offset 0 rows fetch next 50 rows only"
measure "search: participant, newest page" "select message_id from messages m where (m.sender = '$C' or m.recipient = '$C') order by received_at desc, message_id desc offset 0 rows fetch next 50 rows only"
measure "search: participant, count (capped)" "select count(*) from (select 1 from messages m where (m.sender = '$C' or m.recipient = '$C') fetch first 10001 rows only) c"
measure "search: status FAILED, newest page" "select message_id from messages m where m.status = 'FAILED' order by received_at desc, message_id desc offset 0 rows fetch next 50 rows only"
measure "search: last day, newest page" "select message_id from messages m where m.received_at >= now() - interval '1 day' order by received_at desc, message_id desc offset 0 rows fetch next 50 rows only"
measure "search: last day, count (capped)" "select count(*) from (select 1 from messages m where m.received_at >= now() - interval '1 day' fetch first 10001 rows only) c"
measure "search: type only, page 200 (deepest)" "select message_id from messages m where m.type = 'NOTICE' order by received_at desc, message_id desc offset 10000 rows fetch next 50 rows only"
measure "alerts: delivery failures" "select recipient, sum(attempts), count(*) from messages where status in ('RELAYED', 'FAILED') and last_error is not null and coalesce(failed_at, next_attempt_at) >= now() - interval '15 minutes' group by recipient having sum(attempts) >= 5"
measure "alerts: backlog" "select recipient, count(*), min(received_at) from messages where status in ('ACCEPTED', 'RELAYED') group by recipient having count(*) >= 100"
measure "alerts: case deadlines" "select court_code, count(*), min(deadline_at) from cases where state in ('IN_MEDIATION', 'EXTENDED') and deadline_at > now() and deadline_at <= now() + interval '3 days' and court_code is not null group by court_code"
measure "participants: name contains (80,006)" "select code from participants where name like '%单位7%' order by code offset 0 rows fetch next 50 rows only"
measure "participants: name contains, count" "select count(*) from participants where name like '%单位7%'"
measure "participants: region prefix + kind" "select code from participants where kind = 'COURT' and region like '1101%' order by code offset 0 rows fetch next 50 rows only"
