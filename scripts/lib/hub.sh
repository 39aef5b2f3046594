# Shared by the scripts that start a throw-away hub (load.sh, scenario.sh): free ports (plain HTTP, HTTPS, broker), a
# temporary data directory, a first admin password generated for this run, the hub in its own process group (so
# stopping it stops Maven and the forked JVM, and nothing else), and a clean stop on exit. Source it after defining
# log(); then call hub_prepare, hub_start, and wait as needed; hub_token gets an operator token for admin calls and reads,
# which the hub serves only on its HTTPS port (docs/interfaces.md §18).

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
  done
  log "no free port found"; return 1
}

# hub_prepare TAG [HTTP_PORT] [BROKER_PORT] [KEEP_DATA] [TLS_PORT]: sets http_port, broker_port, tls_port, work, hub_log,
# hub_ca (the hub CA the HTTPS clients trust, written by the hub at start), admin_password_file; installs the stop trap
hub_prepare() {
  http_port=${2:-$(free_port)}
  broker_port=${3:-$(free_port)}
  while [[ "$broker_port" == "$http_port" ]]; do broker_port=$(free_port); done
  tls_port=${5:-$(free_port)}
  while [[ "$tls_port" == "$http_port" || "$tls_port" == "$broker_port" ]]; do tls_port=$(free_port); done
  local p
  for p in "$http_port" "$broker_port" "$tls_port"; do
    if port_in_use "$p"; then log "port $p is already in use"; exit 3; fi
  done
  work=$(mktemp -d "${TMPDIR:-/tmp}/hub-$1.XXXXXX")
  hub_log="$work/hub.log"
  hub_ca="$work/data/pki/hub-ca.pem"
  # the first admin's password, generated for this run (mktemp -d made $work readable by this user only); the hub
  # stores only its hash. HUB_ADMIN_PASSWORD in the caller's environment is used instead when set.
  admin_password_file="$work/admin-password"
  (umask 077; printf '%s\n' "${HUB_ADMIN_PASSWORD:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')}" >"$admin_password_file")
  hub_keep_data=${4:-0}
  hub_pgid=""
  trap stop_hub EXIT
  trap 'exit 130' INT TERM
}

# hub_start [maven options...]: ./mvnw spring-boot:run on the prepared ports, data dir and admin password; HUB_* in the
# caller's environment pass through. optimizedLaunch=false: spring-boot:run would otherwise limit the hub JVM to C1.
# Rate limits: the load comes from this one address, unsigned-in on the plain port (1000 requests/s per address by
# default) and as one operator on the HTTPS port (200/s): raised to 100000 so that a run measures the hub, not the
# limit (429). HUB_RATE_* in the caller's environment win.
hub_start() {
  log "starting a hub: HTTP $http_port, HTTPS $tls_port, broker $broker_port, data $work/data, log $hub_log"
  # no AMQP-over-TLS acceptor unless asked for: its default port 5671 would clash between hubs started side by side
  HUB_DATA_DIR="$work/data" SERVER_PORT="$http_port" HUB_BROKER_PORT="$broker_port" HUB_TLS_PORT="$tls_port" \
    HUB_BROKER_TLS_PORT="${HUB_BROKER_TLS_PORT:--1}" HUB_ADMIN_PASSWORD="$(head -n 1 "$admin_password_file")" \
    HUB_RATE_UNAUTHENTICATED="${HUB_RATE_UNAUTHENTICATED:-100000}" HUB_RATE_SUBMISSIONS="${HUB_RATE_SUBMISSIONS:-100000}" \
    HUB_RATE_READS="${HUB_RATE_READS:-100000}" \
    setsid ./mvnw -B -q spring-boot:run -Dspring-boot.run.optimizedLaunch=false "$@" >"$hub_log" 2>&1 </dev/null &
  hub_pgid=$!
}

stop_hub() {
  if [[ -n "$hub_pgid" ]] && kill -0 -- "-$hub_pgid" 2>/dev/null; then
    log "stopping the hub (process group $hub_pgid)"
    kill -TERM -- "-$hub_pgid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 -- "-$hub_pgid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$hub_pgid" 2>/dev/null || true
  fi
  hub_pgid=""
  if [[ "${hub_keep_data:-0}" != 1 && -n "${work:-}" ]]; then rm -rf "$work/data" "$work/admin-password"; fi
}

# hub_token: prints a token of the admin operator (POST /admin/tokens with Basic credentials, on the HTTPS port, trusting
# the hub CA); send it as "Authorization: Bearer <token>" to https://127.0.0.1:$tls_port. The password goes to curl on
# its standard input (a config line), not on its command line.
hub_token() {
  local answer
  answer=$(printf 'user = "admin:%s"\n' "$(head -n 1 "$admin_password_file" | sed 's/[\\"]/\\&/g')" | \
    curl -sS --config - --cacert "$hub_ca" -X POST "https://127.0.0.1:$tls_port/admin/tokens") || return 1
  sed -nE 's/.*"token" *: *"([^"]+)".*/\1/p' <<<"$answer" | grep . || { log "no token from POST /admin/tokens: $answer"; return 1; }
}

# hub_alive: the started hub's process group still runs
hub_alive() {
  kill -0 "$hub_pgid" 2>/dev/null
}

# hub_start_jar JAR [JVM options...]: like hub_start, but runs the built jar itself (java [options] -jar JAR) instead of
# spring-boot:run, so that the hub is one JVM whose pid is $hub_pgid (for /proc/<pid>/stat, jcmd) and a benchmark can
# pick the build it measures. HUB_* in the caller's environment pass through; the demo scenario is off unless asked for.
hub_start_jar() {
  local jar=$1
  shift
  log "starting $jar: HTTP $http_port, HTTPS $tls_port, broker $broker_port, data $work/data, log $hub_log, JVM $*"
  HUB_DATA_DIR="$work/data" SERVER_PORT="$http_port" HUB_BROKER_PORT="$broker_port" HUB_TLS_PORT="$tls_port" \
    HUB_BROKER_TLS_PORT="${HUB_BROKER_TLS_PORT:--1}" HUB_ADMIN_PASSWORD="$(head -n 1 "$admin_password_file")" \
    HUB_RATE_UNAUTHENTICATED="${HUB_RATE_UNAUTHENTICATED:-100000}" HUB_RATE_SUBMISSIONS="${HUB_RATE_SUBMISSIONS:-100000}" \
    HUB_RATE_READS="${HUB_RATE_READS:-100000}" HUB_DEMO_SCENARIO="${HUB_DEMO_SCENARIO:-false}" \
    setsid java "$@" -jar "$jar" >>"$hub_log" 2>&1 </dev/null &
  hub_pgid=$!
}

# hub_wait_ready SECONDS: waits (polling every 0.1 s) until the started hub's readiness is UP; 1 when it exited or timed out
hub_wait_ready() {
  local deadline=$(( SECONDS + $1 ))
  until curl -fsS --max-time 2 "http://127.0.0.1:$http_port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
    if ! hub_alive; then log "the hub exited before it was ready; last lines of $hub_log:"; tail -n 30 "$hub_log" >&2; return 1; fi
    if (( SECONDS >= deadline )); then log "the hub was not ready within $1 s; last lines of $hub_log:"; tail -n 30 "$hub_log" >&2; return 1; fi
    sleep 0.1
  done
}
