# Shared by scripts/benchmark.sh and scripts/ab.sh: builds the load tools (./mvnw -Pload test-compile, into
# target/load) and sets tool_cp (their classpath, kept in target/load/benchmark-classpath.txt until pom.xml changes)
# and clk (the clock ticks per second of /proc/<pid>/stat, for the hub's CPU time). Source it after defining log().
bench_tools_build() {
  log "building the load tools (./mvnw -Pload test-compile, into target/load)"
  ./mvnw -B -q -Pload test-compile
  local cpfile=target/load/benchmark-classpath.txt
  if [[ ! -s "$cpfile" || pom.xml -nt "$cpfile" ]]; then
    ./mvnw -B -q -Pload dependency:build-classpath -Dmdep.outputFile="$PWD/$cpfile" -Dmdep.includeScope=test
  fi
  tool_cp="target/load/test-classes:target/load/classes:$(cat "$cpfile")"
  clk=$(getconf CLK_TCK 2>/dev/null || echo 100)
}
