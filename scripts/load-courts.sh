#!/usr/bin/env bash
# Load test of delivery to courts: the load tool (LoadTool --to-courts, src/load/java, profile "load") starts an
# in-process court simulator trusting the hub CA, loads the national registry (3,502 courts) pointed at it, and sends
# signed NOTICE messages from PBOC over REST: (a) all to one court, (b) round-robin over every court,
# (c) round-robin with every 10th court down. Prints throughput and end-to-end latency percentiles per run.
#
#   scripts/load-courts.sh [tool options]                                 start a fresh hub, run, stop it
#   scripts/load-courts.sh --url URL --tls-url URL --ca-file FILE --admin-password-file FILE [options]
#                                               run against a hub that is already running (its plain and HTTPS ports,
#                                               its CA <data>/pki/hub-ca.pem, a file with the admin operator's password)
#
# Tool options: --messages N (3502) --concurrency C (16) --rate R (0: as fast as possible) --warmup N (300) --sender CODE (PBOC) --court CODE (C110105)
#   --down-every K (10) --timeout SECONDS (120) --down-grace SECONDS (5) --seed N (2026) --runs a,b,c --template FILE
# Environment: as scripts/load.sh (LOAD_HTTP_PORT, LOAD_BROKER_PORT, LOAD_TLS_PORT, LOAD_KEEP_DATA, LOAD_START_TIMEOUT,
#   LOAD_HUB_JVM_ARGS, HUB_*); the started hub gets a generated admin password and raised rate limits, as there. Exit code: 0 every message to a healthy court delivered, 1 some not, 3 setup.
# It is scripts/load.sh in its --to-courts mode: one script starts, watches and stops the hub for both.
LOAD_SCRIPT_NAME=load-courts.sh exec "$(dirname "$0")/load.sh" --to-courts "$@"
