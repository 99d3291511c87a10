#!/usr/bin/env bash
# Issue 5's engagement benchmark: runs EngagementBenchmark (src/test/java/com/fibonacco/engagement/
# internal/, a Spring Boot test outside the suite) against a throw-away embedded PostgreSQL: loads
# BENCH_SIZE SMBs with BENCH_SIGNALS signals each over 90 days (INSERT … SELECT generate_series,
# keys and indexes built afterwards), then measures the nightly recompute against the seeds'
# per-SMB job on a BENCH_SAMPLE-SMB sample in the same run, and the real-time path. One JSON line
# per workload to bench/target/engagement.jsonl, the nightly query's plan to
# bench/target/engagement-explain.txt, the test's log to bench/target/engagement.log.
#   bench/run-engagement.sh                                    # 1,000,000 SMBs, 20,000,000 signals
#   BENCH_SIZE=100000 BENCH_SAMPLE=5000 bench/run-engagement.sh  # smaller
#   BENCH_ARGS="-Dbench.initial=true" …   # also the first-time scoring of every SMB (slow: an event each)
# The embedded PostgreSQL refuses root: as root, the run happens in a copy owned by an
# unprivileged user (BENCH_USER, default builder) and the results are copied back.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
SIZE="${BENCH_SIZE:-1000000}"
SIGNALS="${BENCH_SIGNALS:-20}"
SAMPLE="${BENCH_SAMPLE:-50000}"
EVENTS="${BENCH_EVENTS:-5000}"

# a JDK >= 21 for Maven (the build's toolchain picks the compiler)
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi

if [ "$(id -u)" = "0" ]; then
	BENCH_USER="${BENCH_USER:-builder}"
	id "$BENCH_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$BENCH_USER"
	WORK="$(getent passwd "$BENCH_USER" | cut -d: -f6)/bench-engagement-$(basename "$REPO")"
	mkdir -p "$WORK"
	rsync -a --delete --exclude target --exclude data --exclude node_modules --exclude .git "$REPO"/ "$WORK"/
	chown -R "$BENCH_USER:$BENCH_USER" "$WORK"
	status=0
	runuser -u "$BENCH_USER" -- env BENCH_SIZE="$SIZE" BENCH_SIGNALS="$SIGNALS" BENCH_SAMPLE="$SAMPLE" \
		BENCH_EVENTS="$EVENTS" BENCH_ARGS="${BENCH_ARGS:-}" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
		bash "$WORK/bench/run-engagement.sh" || status=$?
	mkdir -p "$REPO/bench/target"
	cp "$WORK"/bench/target/engagement*.{jsonl,txt,log} "$REPO/bench/target/" 2>/dev/null || true
	exit $status
fi

mkdir -p bench/target
status=0
./mvnw -q -B -ntp test -Dtest=EngagementBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	-Dbench.smbs="$SIZE" -Dbench.signals-per-smb="$SIGNALS" -Dbench.sample="$SAMPLE" \
	-Dbench.realtime-events="$EVENTS" ${BENCH_ARGS:-} >bench/target/engagement.log 2>&1 || status=$?
cp target/engagement-bench.jsonl bench/target/engagement.jsonl 2>/dev/null || true
cp target/engagement-bench-explain.txt bench/target/engagement-explain.txt 2>/dev/null || true
cat target/surefire-reports/*EngagementBenchmark-output.txt >>bench/target/engagement.log 2>/dev/null || true
cat bench/target/engagement.jsonl 2>/dev/null || tail -50 bench/target/engagement.log
exit $status
