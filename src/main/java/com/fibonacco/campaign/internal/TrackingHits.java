package com.fibonacco.campaign.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.campaign.CampaignProperties;
import com.fibonacco.campaign.internal.TrackingTokens.Kind;
import com.fibonacco.campaign.internal.TrackingTokens.Token;
import com.fibonacco.messaging.EmailClicked;
import com.fibonacco.messaging.EmailOpened;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens and clicks of our tracking links, recorded in groups: each request hands its
 * verified hit to a writer and waits until the writer's transaction with it has
 * committed, so an answered hit is never lost and a hit whose process dies before the
 * commit was never answered. A writer takes everything waiting (up to
 * {@code fibonacco.campaign.tracking.max-batch}) and records it in one transaction of a
 * few statements — the {@code email_events} rows, the sends' counters, EmailOpened and
 * EmailClicked, the timeline entries — instead of a transaction of several statements
 * per hit. Under light load a group is a single hit and nothing waits.
 */
@Component
class TrackingHits implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TrackingHits.class);

	/** How long a request waits for its group to commit before it gives up. */
	private static final long WAIT_SECONDS = 10;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final TrackingTokens tokens;

	private final CampaignProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final int writers;

	private final int maxBatch;

	private final BlockingQueue<Hit> waiting;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	TrackingHits(JdbcClient jdbc, TransactionTemplate transactions, TrackingTokens tokens,
			CampaignProperties properties, ApplicationEventPublisher events, Clock clock,
			@Value("${fibonacco.campaign.tracking.writers:2}") int writers,
			@Value("${fibonacco.campaign.tracking.max-batch:500}") int maxBatch) {
		if (writers < 1 || writers > 16) {
			throw new IllegalArgumentException("fibonacco.campaign.tracking.writers must be 1 to 16, not " + writers);
		}
		if (maxBatch < 1 || maxBatch > 5000) {
			throw new IllegalArgumentException(
					"fibonacco.campaign.tracking.max-batch must be 1 to 5000, not " + maxBatch);
		}
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.tokens = tokens;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
		this.writers = writers;
		this.maxBatch = maxBatch;
		this.waiting = new ArrayBlockingQueue<>(maxBatch * writers * 8);
	}

	/** A verified open or click and what became of it: the click's destination, if any. */
	private record Hit(Token token, @Nullable String userAgent, @Nullable String ip, Instant at,
			CompletableFuture<Optional<String>> done) {
	}

	/** Records the open the token names; nothing for a token that doesn't verify. */
	void open(String token, @Nullable String userAgent, @Nullable String ip) {
		tokens.verify(token, Kind.OPEN).ifPresent(t -> await(submit(t, userAgent, ip)));
	}

	/**
	 * Records the click the token names and answers its stored destination; empty for a
	 * token that doesn't verify or names no stored link.
	 */
	Optional<String> click(String token, @Nullable String userAgent, @Nullable String ip) {
		Optional<Token> verified = tokens.verify(token, Kind.CLICK);
		if (verified.isEmpty() || verified.get().link() == null) {
			return Optional.empty();
		}
		return await(submit(verified.get(), userAgent, ip));
	}

	private CompletableFuture<Optional<String>> submit(Token token, @Nullable String userAgent, @Nullable String ip) {
		Hit hit = new Hit(token, userAgent == null || userAgent.length() <= 500 ? userAgent : userAgent.substring(0, 500),
				ip, clock.instant(), new CompletableFuture<>());
		if (!running) {
			// before start or after stop (tests, shutdown): recorded by the caller itself
			record(List.of(hit));
			return hit.done();
		}
		try {
			if (!waiting.offer(hit, WAIT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException("tracking hits are not being recorded: " + waiting.size() + " waiting");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while handing over a tracking hit", ex);
		}
		return hit.done();
	}

	private static Optional<String> await(CompletableFuture<Optional<String>> done) {
		try {
			return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("tracking hit not recorded", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("tracking hit not recorded within " + WAIT_SECONDS + " s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while recording a tracking hit", ex);
		}
	}

	@Override
	public void start() {
		running = true;
		for (int i = 0; i < writers; i++) {
			Thread thread = Thread.ofPlatform().name("tracking-writer-" + i).daemon().start(this::write);
			threads.add(thread);
		}
	}

	@Override
	public void stop() {
		running = false;
		for (Thread thread : threads) {
			thread.interrupt();
		}
		for (Thread thread : threads) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
		// what was handed over but not taken is recorded before the database goes away
		List<Hit> left = new ArrayList<>();
		waiting.drainTo(left);
		if (!left.isEmpty()) {
			record(left);
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Below the web server's phase: started before it takes requests, stopped after it
	 * (and its graceful shutdown) has answered the last one.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void write() {
		List<Hit> group = new ArrayList<>(maxBatch);
		while (running || !waiting.isEmpty()) {
			try {
				Hit first = waiting.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				group.add(first);
				waiting.drainTo(group, maxBatch - 1);
				record(group);
			}
			catch (InterruptedException ex) {
				if (!running) {
					return;
				}
			}
			catch (RuntimeException | Error ex) {
				log.error("Tracking writer failed on a group of {}", group.size(), ex);
				group.forEach(hit -> hit.done().completeExceptionally(ex));
			}
			finally {
				group.clear();
			}
		}
	}

	/**
	 * Records a group in one transaction; when that fails (a hit whose send was deleted
	 * meanwhile, say), each hit on its own, so one bad hit costs no other.
	 */
	private void record(List<Hit> group) {
		Map<Hit, Optional<String>> results;
		try {
			results = transactions.execute(tx -> recordAll(group));
		}
		catch (RuntimeException ex) {
			if (group.size() == 1) {
				group.getFirst().done().completeExceptionally(ex);
				return;
			}
			log.warn("A group of {} tracking hits failed; recording them one by one", group.size(), ex);
			for (Hit hit : group) {
				record(List.of(hit));
			}
			return;
		}
		group.forEach(hit -> hit.done().complete(results.getOrDefault(hit, Optional.empty())));
	}

	/** The send of a hit as the group reads it. */
	private record Send(SmbId smb, String campaignId, @Nullable Instant sentAt) {
	}

	/** What a group adds to one send's counters. */
	private static final class Counters {

		int opens;

		int machineOpens;

		int clicks;

		int machineClicks;

		@Nullable Instant firstEngaged;

		@Nullable Instant firstClick;

	}

	private Map<Hit, Optional<String>> recordAll(List<Hit> group) {
		Map<UUID, Send> sends = sends(group);
		Map<String, String> links = links(group);
		Map<Hit, Optional<String>> results = new HashMap<>();
		// sorted by send, so two writers update the same sends in the same order
		Map<UUID, Counters> counters = new TreeMap<>();
		Map<UUID, TenantId> tenants = new HashMap<>();
		List<Object[]> rows = new ArrayList<>();
		List<Object> published = new ArrayList<>();
		for (Hit hit : group) {
			Token token = hit.token();
			Send send = sends.get(token.sendId());
			if (send == null) {
				// the send was purged after the link went out
				continue;
			}
			boolean click = token.kind() == Kind.CLICK;
			String url = click ? links.get(token.sendId() + "/" + token.link()) : null;
			if (click && url == null) {
				continue;
			}
			boolean machine = click
					? MachineTraffic.click(hit.userAgent(), send.sentAt(), hit.at(), properties.machineClickWindow())
					: MachineTraffic.agent(hit.userAgent());
			UUID event = Ids.newId(clock);
			rows.add(new Object[] { token.tenant().value(), event, token.sendId(), click ? "click" : "open", hit.at(),
					url, hit.ip(), hit.userAgent(), machine });
			Counters c = counters.computeIfAbsent(token.sendId(), id -> new Counters());
			tenants.put(token.sendId(), token.tenant());
			if (click) {
				results.put(hit, Optional.of(url));
				if (machine) {
					c.machineClicks++;
				}
				else {
					c.clicks++;
					c.firstClick = earliest(c.firstClick, hit.at());
					c.firstEngaged = earliest(c.firstEngaged, hit.at());
				}
				published.add(new EmailClicked(token.tenant(), event, token.sendId(), send.smb(), send.campaignId(), url,
						machine, hit.at()));
			}
			else {
				if (machine) {
					c.machineOpens++;
				}
				else {
					c.opens++;
					c.firstEngaged = earliest(c.firstEngaged, hit.at());
				}
				published.add(new EmailOpened(token.tenant(), event, token.sendId(), send.smb(), send.campaignId(),
						machine, hit.at()));
			}
		}
		if (rows.isEmpty()) {
			return results;
		}
		insertEvents(rows);
		updateCounters(counters, tenants);
		published.forEach(events::publishEvent);
		return results;
	}

	private static Instant earliest(@Nullable Instant a, Instant b) {
		return a == null || b.isBefore(a) ? b : a;
	}

	private Map<UUID, Send> sends(List<Hit> group) {
		Map<UUID, Send> found = new HashMap<>();
		jdbc.sql("""
				SELECT s.id, s.smb_id, s.campaign_id, s.sent_at
				  FROM campaign_sends s
				  JOIN unnest(CAST(:tenants AS uuid[]), CAST(:ids AS uuid[])) AS u(tenant_id, id)
				    ON s.tenant_id = u.tenant_id AND s.id = u.id
				""")
			.param("tenants", column(group, hit -> hit.token().tenant().value().toString()))
			.param("ids", column(group, hit -> hit.token().sendId().toString()))
			.query((rs, n) -> found.put(rs.getObject("id", UUID.class),
					new Send(new SmbId(rs.getObject("smb_id", UUID.class)), rs.getString("campaign_id"),
							Programs.instant(rs, "sent_at"))))
			.list();
		return found;
	}

	/** The stored destinations of the group's clicks, by "send id/link name". */
	private Map<String, String> links(List<Hit> group) {
		List<Hit> clicks = group.stream().filter(hit -> hit.token().kind() == Kind.CLICK).toList();
		Map<String, String> found = new HashMap<>();
		if (clicks.isEmpty()) {
			return found;
		}
		jdbc.sql("""
				SELECT l.campaign_send_id, l.name, l.url
				  FROM campaign_links l
				  JOIN unnest(CAST(:tenants AS uuid[]), CAST(:sends AS uuid[]), CAST(:names AS text[]))
				    AS u(tenant_id, send_id, name)
				    ON l.tenant_id = u.tenant_id AND l.campaign_send_id = u.send_id AND l.name = u.name
				""")
			.param("tenants", column(clicks, hit -> hit.token().tenant().value().toString()))
			.param("sends", column(clicks, hit -> hit.token().sendId().toString()))
			.param("names", column(clicks, hit -> hit.token().link()))
			.query((rs, n) -> found.put(rs.getObject("campaign_send_id", UUID.class) + "/" + rs.getString("name"),
					rs.getString("url")))
			.list();
		return found;
	}

	private void insertEvents(List<Object[]> rows) {
		String[][] c = new String[9][rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			Object[] row = rows.get(i);
			for (int j = 0; j < 9; j++) {
				c[j][i] = row[j] == null ? null : j == 4 ? ((Instant) row[j]).toString() : row[j].toString();
			}
		}
		jdbc.sql("""
				INSERT INTO email_events (tenant_id, id, campaign_send_id, event_type, event_at, link_clicked, ip_address,
				                          user_agent, machine_generated)
				SELECT * FROM unnest(CAST(:tenants AS uuid[]), CAST(:ids AS uuid[]), CAST(:sends AS uuid[]),
				                     CAST(:types AS text[]), CAST(:ats AS timestamptz[]), CAST(:links AS text[]),
				                     CAST(:ips AS inet[]), CAST(:agents AS text[]), CAST(:machine AS boolean[]))
				""")
			.param("tenants", c[0])
			.param("ids", c[1])
			.param("sends", c[2])
			.param("types", c[3])
			.param("ats", c[4])
			.param("links", c[5])
			.param("ips", c[6])
			.param("agents", c[7])
			.param("machine", c[8])
			.update();
	}

	/**
	 * One statement for the counters of all the group's sends: a person's open makes a
	 * sent or delivered send 'opened', a person's click makes it 'clicked' (and opened);
	 * a machine's counts apart.
	 */
	private void updateCounters(Map<UUID, Counters> counters, Map<UUID, TenantId> tenants) {
		List<String> tenantIds = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		List<String> opens = new ArrayList<>();
		List<String> machineOpens = new ArrayList<>();
		List<String> clicks = new ArrayList<>();
		List<String> machineClicks = new ArrayList<>();
		List<@Nullable String> firstEngaged = new ArrayList<>();
		List<@Nullable String> firstClick = new ArrayList<>();
		counters.forEach((id, c) -> {
			tenantIds.add(tenants.get(id).value().toString());
			ids.add(id.toString());
			opens.add(Integer.toString(c.opens));
			machineOpens.add(Integer.toString(c.machineOpens));
			clicks.add(Integer.toString(c.clicks));
			machineClicks.add(Integer.toString(c.machineClicks));
			firstEngaged.add(c.firstEngaged == null ? null : c.firstEngaged.toString());
			firstClick.add(c.firstClick == null ? null : c.firstClick.toString());
		});
		jdbc.sql("""
				UPDATE campaign_sends s
				   SET open_count = s.open_count + u.opens, machine_open_count = s.machine_open_count + u.machine_opens,
				       click_count = s.click_count + u.clicks, machine_click_count = s.machine_click_count + u.machine_clicks,
				       opened_at = COALESCE(s.opened_at, u.first_engaged), clicked_at = COALESCE(s.clicked_at, u.first_click),
				       status = CASE WHEN u.clicks > 0 AND s.status IN ('sent', 'delivered', 'opened') THEN 'clicked'
				                     WHEN u.opens > 0 AND s.status IN ('sent', 'delivered') THEN 'opened'
				                     ELSE s.status END,
				       updated_at = :now
				  FROM unnest(CAST(:tenants AS uuid[]), CAST(:ids AS uuid[]), CAST(:opens AS int[]),
				              CAST(:machineOpens AS int[]), CAST(:clicks AS int[]), CAST(:machineClicks AS int[]),
				              CAST(:firstEngaged AS timestamptz[]), CAST(:firstClick AS timestamptz[]))
				    AS u(tenant_id, id, opens, machine_opens, clicks, machine_clicks, first_engaged, first_click)
				 WHERE s.tenant_id = u.tenant_id AND s.id = u.id
				""")
			.param("now", Programs.utc(clock.instant()))
			.param("tenants", tenantIds.toArray(String[]::new))
			.param("ids", ids.toArray(String[]::new))
			.param("opens", opens.toArray(String[]::new))
			.param("machineOpens", machineOpens.toArray(String[]::new))
			.param("clicks", clicks.toArray(String[]::new))
			.param("machineClicks", machineClicks.toArray(String[]::new))
			.param("firstEngaged", firstEngaged.toArray(String[]::new))
			.param("firstClick", firstClick.toArray(String[]::new))
			.update();
	}

	private static String[] column(List<Hit> hits, java.util.function.Function<Hit, @Nullable String> value) {
		return hits.stream().map(value).toArray(String[]::new);
	}

}
