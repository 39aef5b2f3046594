#!/usr/bin/env bash
# Faster start of the hub (issue 14, target: ready <= 8 s): the jar extracted (Spring Boot's jarmode tools) and a class
# archive made by a training start that stops once the context is refreshed (spring.context.exit=onRefresh):
# on Java 17-24 an AppCDS archive (-XX:ArchiveClassesAtExit), on Java 25+ an AOT cache (JEP 483, -XX:AOTCacheOutput),
# which also keeps classes linked. The archive belongs to that jar and that JVM: make it again after each build.
#
#   scripts/fast-start.sh prepare [JAR]        extract JAR (default target/mediation-hub.jar) into target/fast-start/
#                                              and train the archive (a start on a throw-away data dir, about 15-30 s)
#   scripts/fast-start.sh run [java options]   start the hub from target/fast-start with the archive (environment and
#                                              options as for java -jar, e.g. HUB_DATA_DIR, SERVER_PORT)
#   scripts/fast-start.sh command              print the java command line run would use (for other scripts)
# JAVA selects the JVM (default: java on the PATH), e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java;
# FAST_START_DIR the folder (default target/fast-start), to keep archives of two JVMs side by side.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '[fast-start.sh] %s\n' "$*" >&2; }

java=${JAVA:-java}
dir=${FAST_START_DIR:-target/fast-start}
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')

archive_options() {
  if (( ${feature%%.*} >= 25 )); then
    echo "-XX:AOTCache=$dir/app.aot"
  else
    echo "-XX:SharedArchiveFile=$dir/app.jsa -Xshare:auto"
  fi
}

case "${1:-}" in
  prepare)
    jar=${2:-target/mediation-hub.jar}
    [[ -f "$jar" ]] || { log "no $jar: build it first (./mvnw -B -DskipTests package)"; exit 3; }
    rm -rf "$dir"
    "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null
    train=$(mktemp -d /tmp/hub-fast-start.XXXXXX)
    trap 'rm -rf "$train"' EXIT
    if (( ${feature%%.*} >= 25 )); then
      training=(-XX:AOTCacheOutput="$dir/app.aot")
    else
      training=(-XX:ArchiveClassesAtExit="$dir/app.jsa")
    fi
    log "training the class archive with Java $feature (a start that stops after the context refresh)"
    start=$(date +%s)
    free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
    HUB_DATA_DIR="$train/data" SERVER_PORT=$(free_port) HUB_TLS_PORT=$(free_port) HUB_BROKER_PORT=$(free_port) HUB_BROKER_TLS_PORT=-1 \
      HUB_ADMIN_PASSWORD=fast-start-training-only HUB_DEMO_SCENARIO=false \
      "$java" "${training[@]}" -Dspring.context.exit=onRefresh -jar "$dir/app/$(basename "$jar")" >"$train/training.log" 2>&1 \
      || { log "the training start failed; its log:"; tail -20 "$train/training.log" >&2; exit 3; }
    log "archive ready in $(( $(date +%s) - start )) s: $(ls "$dir"/app.* 2>/dev/null | tr '\n' ' ')"
    ;;
  run)
    shift
    [[ -d "$dir/app" ]] || { log "run '$0 prepare' first"; exit 3; }
    # shellcheck disable=SC2046
    exec "$java" $(archive_options) "$@" -jar "$dir/app/mediation-hub.jar"
    ;;
  command)
    echo "$java $(archive_options) -jar $dir/app/mediation-hub.jar"
    ;;
  *)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 64
    ;;
esac
