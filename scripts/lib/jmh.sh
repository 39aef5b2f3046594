# Shared by the JMH scripts (bench-crypto.sh, bench-routing.sh): builds profile "jmh" (into target/jmh), runs
# org.openjdk.jmh.Main with the given arguments, prints the machine's load before and after, and leaves the
# exit code in jmh_rc. Source it after defining log().

# jmh_run RESULT_JSON DEFAULT_ARGS [user args...]: the user's arguments replace the defaults
jmh_run() {
  local result=$1 defaults=$2
  shift 2
  local jmh_args
  if [ $# -gt 0 ]; then jmh_args="$*"; else jmh_args="$defaults -rf json -rff $PWD/$result"; fi
  log "building (./mvnw -Pjmh test-compile, into target/jmh)"
  ./mvnw -B -q -Pjmh test-compile
  log "uptime before: $(uptime)"
  log "cores: $(nproc 2>/dev/null || echo '?'); java: $(java -version 2>&1 | head -1)"
  rm -f "$result"
  log "running: java -cp (test classpath) org.openjdk.jmh.Main $jmh_args"
  set +e
  ./mvnw -B -q -Pjmh exec:exec -Djmh.args="$jmh_args"
  jmh_rc=$?
  set -e
  log "uptime after: $(uptime)"
}

# jmh_has_result RESULT_JSON: the run succeeded and left JSON that python3 can read
jmh_has_result() {
  [ "$jmh_rc" -eq 0 ] && [ -s "$1" ] && command -v python3 >/dev/null 2>&1
}
