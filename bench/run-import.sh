#!/usr/bin/env bash
# Issue 4's import/export benchmark: builds the server jar and the bench, starts a throw-away
# embedded PostgreSQL and the server (512 MB heap), seeds 1,000,000 SMBs, imports a generated
# 1,000,000-row CSV over HTTP, runs the hand-written minimum (COPY + one INSERT … ON CONFLICT) on a
# twin tenant, exports 1,000,000 SMBs, and writes one JSON line per workload to
# bench/import/target/import.jsonl.
#   bench/run-import.sh                                         # 1,000,000 rows
#   BENCH_SIZE=100000 BENCH_EXISTING=100000 bench/run-import.sh  # smaller
# The embedded PostgreSQL refuses root: as root, the run happens in a copy owned by an
# unprivileged user (BENCH_USER, default builder) and the results are copied back.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
SIZE="${BENCH_SIZE:-1000000}"
EXISTING="${BENCH_EXISTING:-1000000}"

# a JDK >= 21 for Maven; exec:exec runs the workload on the same JDK
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi

if [ "$(id -u)" = "0" ]; then
	BENCH_USER="${BENCH_USER:-builder}"
	id "$BENCH_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$BENCH_USER"
	WORK="$(getent passwd "$BENCH_USER" | cut -d: -f6)/bench-import-$(basename "$REPO")"
	mkdir -p "$WORK"
	rsync -a --delete --exclude target --exclude data --exclude node_modules --exclude .git "$REPO"/ "$WORK"/
	chown -R "$BENCH_USER:$BENCH_USER" "$WORK"
	status=0
	runuser -u "$BENCH_USER" -- env BENCH_SIZE="$SIZE" BENCH_EXISTING="$EXISTING" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
		bash "$WORK/bench/run-import.sh" || status=$?
	mkdir -p "$REPO/bench/import/target"
	cp "$WORK"/bench/import/target/import*.{jsonl,log} "$REPO/bench/import/target/" 2>/dev/null || true
	exit $status
fi

./mvnw -q -B -ntp -DskipTests clean package   # clean: no stale classes or migrations
mkdir -p bench/import/target
./mvnw -q -B -ntp -f bench/import/pom.xml compile exec:exec -Dbench.size="$SIZE" -Dbench.existing="$EXISTING" \
	| tee bench/import/target/import.jsonl
