#!/bin/sh
# PMU halt latency of the MTTCG runtime, for a busy vCPU and a vCPU asleep in WFI.
# Usage: bench/halt-latency.sh [iterations]   (default 5000)
# Builds the engine's test classes (./mvnw, under mvnlock where there is one) and runs
# org.emu4e.engine.runtime.HaltLatencyBench. Prints median / p99 / max in microseconds.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
engine="$here/emulator-engine"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
$(command -v mvnlock || true) "$here/mvnw" -q -B -f "$engine/pom.xml" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -cp "$engine/target/classes:$engine/target/test-classes:$(cat "$cp_file")" \
    org.emu4e.engine.runtime.HaltLatencyBench "${1:-5000}"
