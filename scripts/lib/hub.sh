# Shared by the scripts that start a throw-away hub (load.sh, scenario.sh): free ports, a temporary data
# directory, the hub in its own process group (so stopping it stops Maven and the forked JVM, and nothing else),
# and a clean stop on exit. Source it after defining log(); then call hub_prepare, hub_start, and wait as needed.

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

# hub_prepare TAG [HTTP_PORT] [BROKER_PORT] [KEEP_DATA]: sets http_port, broker_port, work, hub_log; installs the stop trap
hub_prepare() {
  http_port=${2:-$(free_port)}
  broker_port=${3:-$(free_port)}
  while [[ "$broker_port" == "$http_port" ]]; do broker_port=$(free_port); done
  local p
  for p in "$http_port" "$broker_port"; do
    if port_in_use "$p"; then log "port $p is already in use"; exit 3; fi
  done
  work=$(mktemp -d "${TMPDIR:-/tmp}/hub-$1.XXXXXX")
  hub_log="$work/hub.log"
  hub_keep_data=${4:-0}
  hub_pgid=""
  trap stop_hub EXIT
  trap 'exit 130' INT TERM
}

# hub_start [maven options...]: ./mvnw spring-boot:run on the prepared ports and data dir; HUB_* in the caller's
# environment pass through. optimizedLaunch=false: spring-boot:run would otherwise limit the hub JVM to C1.
hub_start() {
  log "starting a hub: HTTP $http_port, broker $broker_port, data $work/data, log $hub_log"
  # no AMQP-over-TLS acceptor unless asked for: its default port 5671 would clash between hubs started side by side
  HUB_DATA_DIR="$work/data" SERVER_PORT="$http_port" HUB_BROKER_PORT="$broker_port" HUB_BROKER_TLS_PORT="${HUB_BROKER_TLS_PORT:--1}" \
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
  if [[ "${hub_keep_data:-0}" != 1 && -n "${work:-}" ]]; then rm -rf "$work/data"; fi
}

# hub_alive: the started hub's process group still runs
hub_alive() {
  kill -0 "$hub_pgid" 2>/dev/null
}
