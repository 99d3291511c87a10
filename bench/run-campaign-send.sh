#!/usr/bin/env bash
# Issue 6's campaign send and tracking benchmark: builds the server jar and the bench, starts a
# throw-away embedded PostgreSQL, an SMTP sink that accepts everything (in the bench's JVM) and the
# server (1 GB heap, SMTP transport to the sink), seeds BENCH_SIZE SMBs whose programs are due to
# reach a day with a campaign, triggers the day scheduler and measures the day's run — advance,
# queue, render, deliver — in messages/s; then the sink's ceiling alone (a plain SMTP client, same
# message size, same number of connections), the exactly-once check (the sink's Message-IDs against
# campaign_sends) and the tracking endpoints under load (open pixels and click redirects with the
# real sends' tokens; hits/s, p99, every hit in email_events). One JSON line per workload to
# bench/campaign/target/campaign-send.jsonl, the server's log to bench/campaign/target/campaign-server.log,
# the database's top statements of each workload (pg_stat_statements) to
# bench/campaign/target/campaign-statements-{send,tracking}.txt.
#   bench/run-campaign-send.sh                                   # 100,000 programs
#   BENCH_SIZE=10000 BENCH_HITS=20000 bench/run-campaign-send.sh  # smaller
#   BENCH_CONCURRENCY=32 BENCH_CLIENTS=64 BENCH_SERVER_ARGS="--fibonacco.campaign.sender.batch-size=1000" …
#   BENCH_JVM_ARGS="-XX:StartFlightRecording=filename=/tmp/send.jfr,settings=profile" …   # the server's JVM
#   BENCH_SKIP_BUILD=1 …   # reuse the server jar of the previous run
# The embedded PostgreSQL refuses root: as root, the run happens in a copy owned by an
# unprivileged user (BENCH_USER, default builder) and the results are copied back.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
SIZE="${BENCH_SIZE:-100000}"
HITS="${BENCH_HITS:-60000}"
CONCURRENCY="${BENCH_CONCURRENCY:-16}"
BATCH="${BENCH_BATCH:-500}"
CLIENTS="${BENCH_CLIENTS:-32}"
CEILING="${BENCH_CEILING_MESSAGES:-50000}"

# a JDK >= 21 for Maven; exec:exec runs the workload on the same JDK
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; fi

if [ "$(id -u)" = "0" ]; then
	BENCH_USER="${BENCH_USER:-builder}"
	id "$BENCH_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$BENCH_USER"
	WORK="$(getent passwd "$BENCH_USER" | cut -d: -f6)/bench-campaign-$(basename "$REPO")"
	mkdir -p "$WORK"
	if [ -n "${BENCH_SKIP_BUILD:-}" ]; then
		rsync -a --delete --exclude target --exclude data --exclude node_modules --exclude .git "$REPO"/bench/ "$WORK"/bench/
	else
		rsync -a --delete --exclude target --exclude data --exclude node_modules --exclude .git "$REPO"/ "$WORK"/
	fi
	chown -R "$BENCH_USER:$BENCH_USER" "$WORK"
	status=0
	runuser -u "$BENCH_USER" -- env BENCH_SIZE="$SIZE" BENCH_HITS="$HITS" BENCH_CONCURRENCY="$CONCURRENCY" \
		BENCH_BATCH="$BATCH" BENCH_CLIENTS="$CLIENTS" BENCH_CEILING_MESSAGES="$CEILING" \
		BENCH_SERVER_ARGS="${BENCH_SERVER_ARGS:-}" BENCH_JVM_ARGS="${BENCH_JVM_ARGS:-}" BENCH_SKIP_BUILD="${BENCH_SKIP_BUILD:-}" \
		${JAVA_HOME:+JAVA_HOME="$JAVA_HOME"} bash "$WORK/bench/run-campaign-send.sh" || status=$?
	mkdir -p "$REPO/bench/campaign/target"
	cp "$WORK"/bench/campaign/target/campaign*.{jsonl,log,txt} "$REPO/bench/campaign/target/" 2>/dev/null || true
	exit $status
fi

if [ -z "${BENCH_SKIP_BUILD:-}" ] || [ ! -f target/fibonacco-0.1.0-SNAPSHOT.jar ]; then
	# clean: no stale classes or migrations; the web console is not needed here
	./mvnw -q -B -ntp -DskipTests -Dweb.skip=true clean package
fi
# the copy keeps the source files' times: compile the bench afresh, never trust its old classes
rm -rf bench/campaign/target/classes
mkdir -p bench/campaign/target
./mvnw -q -B -ntp -f bench/campaign/pom.xml compile exec:exec -Dbench.size="$SIZE" -Dbench.hits="$HITS" \
	-Dbench.concurrency="$CONCURRENCY" -Dbench.batch-size="$BATCH" -Dbench.clients="$CLIENTS" \
	-Dbench.ceiling-messages="$CEILING" -Dbench.server-args="${BENCH_SERVER_ARGS:-}" -Dbench.jvm-args="${BENCH_JVM_ARGS:-}" \
	| tee bench/campaign/target/campaign-send.jsonl
