#!/usr/bin/env bash
# Issue 3's list/search benchmark: builds the server jar and the bench, loads 1,000,000 SMBs
# into a throw-away embedded PostgreSQL, measures, and writes one JSON line per workload to
# bench/target/list-search.jsonl (plans in bench/target/list-search-explain.txt).
#   bench/run-list-search.sh                      # 1,000,000 SMBs
#   BENCH_SIZE=100000 BENCH_ARGS="-Dbench.deep-pages=200" bench/run-list-search.sh   # smaller
# The embedded PostgreSQL refuses root: as root, the run happens in a copy owned by an
# unprivileged user (BENCH_USER, default builder) and the results are copied back.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
SIZE="${BENCH_SIZE:-1000000}"

# a JDK >= 21 for Maven; exec:exec runs the workload on the same JDK
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi

if [ "$(id -u)" = "0" ]; then
	BENCH_USER="${BENCH_USER:-builder}"
	id "$BENCH_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$BENCH_USER"
	WORK="$(getent passwd "$BENCH_USER" | cut -d: -f6)/bench-$(basename "$REPO")"
	mkdir -p "$WORK"
	rsync -a --delete --exclude target --exclude data --exclude node_modules --exclude .git "$REPO"/ "$WORK"/
	chown -R "$BENCH_USER:$BENCH_USER" "$WORK"
	status=0
	runuser -u "$BENCH_USER" -- env BENCH_SIZE="$SIZE" BENCH_ARGS="${BENCH_ARGS:-}" ${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} \
		bash "$WORK/bench/run-list-search.sh" || status=$?
	mkdir -p "$REPO/bench/target"
	cp "$WORK"/bench/target/list-search*.{jsonl,txt,log} "$REPO/bench/target/" 2>/dev/null || true
	exit $status
fi

./mvnw -q -B -ntp -DskipTests clean package   # clean: no stale classes or migrations
mkdir -p bench/target
./mvnw -q -B -ntp -f bench/pom.xml compile exec:exec -Dbench.size="$SIZE" ${BENCH_ARGS:-} | tee bench/target/list-search.jsonl
