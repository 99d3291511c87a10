package com.fibonacco.demo.internal;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fibonacco.approval.ApprovalId;
import com.fibonacco.approval.ApprovalSubmitted;
import com.fibonacco.campaign.CampaignCatalog;
import com.fibonacco.campaign.CampaignHistory;
import com.fibonacco.campaign.CampaignHistory.PastClick;
import com.fibonacco.campaign.CampaignHistory.PastSend;
import com.fibonacco.campaign.CampaignHistory.RecordedSend;
import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.community.CommunityRef;
import com.fibonacco.community.NewCommunity;
import com.fibonacco.content.ContentCompleted;
import com.fibonacco.content.ContentViewId;
import com.fibonacco.content.ContentViewed;
import com.fibonacco.demo.DemoData;
import com.fibonacco.demo.internal.DemoHistory.Action;
import com.fibonacco.demo.internal.DemoHistory.CatalogDay;
import com.fibonacco.demo.internal.DemoHistory.Plan;
import com.fibonacco.engagement.EngagementHistory;
import com.fibonacco.engagement.EngagementProperties;
import com.fibonacco.inbound.ConversationId;
import com.fibonacco.inbound.InboundEmailReceived;
import com.fibonacco.inbound.MeetingScheduled;
import com.fibonacco.messaging.CallbackId;
import com.fibonacco.messaging.CallbackReceived;
import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.NewSmb;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the generated demo book of business through the community and SMB modules' APIs,
 * with the last 30–60 days of each SMB's engagement: its campaign emails through the
 * campaign module's {@link CampaignHistory}, what it did besides as the events of the
 * modules it happened in, and all of it scored by the engagement module's
 * {@link EngagementHistory}. The score and tier an SMB shows are therefore the ones the
 * engagement module computes from its signals, and the dashboard and timeline show the
 * emails and events behind them.
 */
@Service
class DemoDataLoader implements DemoData {

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	static final int SMB_COUNT = 300;

	/** Fixed, so every fresh install shows the same demo businesses. */
	static final long SEED = 20261122L;

	private final Communities communities;

	private final Smbs smbs;

	private final CampaignCatalog catalog;

	private final CampaignHistory campaignHistory;

	private final EngagementHistory engagementHistory;

	private final EngagementProperties engagement;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DemoDataLoader(Communities communities, Smbs smbs, CampaignCatalog catalog, CampaignHistory campaignHistory,
			EngagementHistory engagementHistory, EngagementProperties engagement, ApplicationEventPublisher events,
			Clock clock) {
		this.communities = communities;
		this.smbs = smbs;
		this.catalog = catalog;
		this.campaignHistory = campaignHistory;
		this.engagementHistory = engagementHistory;
		this.engagement = engagement;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public Summary load(TenantId tenant) {
		long started = System.nanoTime();
		Instant now = clock.instant();
		List<DemoCommunity> towns = DemoSmbGenerator.defaultCommunities();
		List<CommunityId> ids = new ArrayList<>();
		int addedCommunities = 0;
		for (DemoCommunity town : towns) {
			Optional<CommunityId> existing = communities.findBySlug(tenant, town.slug()).map(CommunityRef::id);
			if (existing.isPresent()) {
				ids.add(existing.get());
				continue;
			}
			ids.add(communities.create(tenant, new NewCommunity(town.name(), town.slug(), town.state(), town.county(),
					town.population(), town.timezone(), Map.of("send_time_local", "09:00"))));
			addedCommunities++;
		}
		// the catalog is also installed by a listener of the tenant's creation, which may
		// not have run yet; installing is idempotent
		catalog.installDefaultCatalog(tenant);
		List<CatalogDay> days = IntStream.rangeClosed(1, 90)
			.mapToObj(day -> catalog.getCampaignForDay(tenant, day))
			.flatMap(Optional::stream)
			.map(campaign -> new CatalogDay(campaign.day(), campaign.id(), campaign.slug()))
			.toList();

		Set<String> slugs = new HashSet<>();
		List<DemoSmb> generated = DemoSmbGenerator.generate(SEED, towns, SMB_COUNT, now);
		List<Object> signals = new ArrayList<>();
		int addedSmbs = 0;
		long creating = 0;
		long recording = 0;
		for (int i = 0; i < generated.size(); i++) {
			DemoSmb smb = generated.get(i);
			String slug = uniqueSlug(smb.businessName(), slugs);
			// idempotent by slug: a demo SMB already there keeps its history
			if (smbs.findBySlug(tenant, slug).isPresent()) {
				continue;
			}
			long t0 = System.nanoTime();
			SmbId id = smbs.create(tenant, toNewSmb(smb, ids.get(smb.communityIndex()), slug));
			addedSmbs++;
			long t1 = System.nanoTime();
			Plan plan = DemoHistory.plan(smb, i, SEED, days, ZoneId.of(towns.get(smb.communityIndex()).timezone()),
					now);
			signals.addAll(history(tenant, id, plan));
			creating += t1 - t0;
			recording += System.nanoTime() - t1;
		}
		long replaying = System.nanoTime();
		int scored = engagementHistory.replay(tenant, signals);
		log.info(
				"Demo data: {} communities and {} SMBs added ({} ms) with their history ({} ms) and {} engagement signals scored ({} ms); {} ms in all",
				addedCommunities, addedSmbs, creating / 1_000_000, recording / 1_000_000, scored,
				(System.nanoTime() - replaying) / 1_000_000, Duration.ofNanos(System.nanoTime() - started).toMillis());
		return new Summary(addedCommunities, addedSmbs);
	}

	/**
	 * Records the plan: emails through the campaign module; calls, meetings, content,
	 * approvals and replies as the events of the modules they belong to (which have no
	 * API of their own to record them yet). Returns the events that carry engagement
	 * signals.
	 */
	private List<Object> history(TenantId tenant, SmbId smb, Plan plan) {
		List<Object> signals = new ArrayList<>();
		if (!plan.sends().isEmpty()) {
			List<PastSend> sends = plan.sends()
				.stream()
				.map(send -> new PastSend(send.campaignId(), send.sentAt(), send.opens(),
						send.clicks().stream().map(click -> new PastClick(click.url(), click.at())).toList()))
				.toList();
			for (RecordedSend recorded : campaignHistory.recordPastSends(tenant, smb, sends)) {
				signals.addAll(recorded.opens());
				signals.addAll(recorded.clicks());
			}
		}
		Map<String, ContentViewId> views = new HashMap<>();
		for (Action action : plan.actions()) {
			Instant at = action.at();
			UUID id = Ids.newId(Clock.fixed(at, ZoneOffset.UTC));
			String detail = action.detail() == null ? "" : action.detail();
			Object event = switch (action.kind()) {
				case CONTENT_VIEW -> {
					ContentViewId view = new ContentViewId(id);
					views.put(detail, view);
					yield new ContentViewed(tenant, view, smb, detail, at);
				}
				// a completion shares its view's id, as the content module's events do
				case CONTENT_COMPLETE ->
					new ContentCompleted(tenant, views.getOrDefault(detail, new ContentViewId(id)), smb, detail, at);
				case CALLBACK -> new CallbackReceived(tenant, new CallbackId(id), smb, null, at);
				case MEETING -> new MeetingScheduled(tenant, id, smb, at.plus(Duration.ofDays(3)), at);
				case APPROVAL -> new ApprovalSubmitted(tenant, new ApprovalId(id), smb, detail, at);
				case REPLY -> new InboundEmailReceived(tenant, new ConversationId(id), smb, detail, at);
			};
			events.publishEvent(event);
			signals.add(event);
		}
		return signals;
	}

	/**
	 * A new SMB as it stands before its history: score 0 in the lowest tier, no activity.
	 * The history's replay moves it.
	 */
	private NewSmb toNewSmb(DemoSmb smb, CommunityId community, String slug) {
		List<Map<String, String>> contacts = smb.secondaryContacts().stream().map(contact -> {
			Map<String, String> map = new LinkedHashMap<>();
			map.put("name", contact.name());
			map.put("email", contact.email());
			map.put("phone", contact.phone());
			map.put("role", contact.role());
			return map;
		}).toList();
		return new NewSmb(community, slug, smb.businessName(), smb.dbaName(), smb.businessType(), smb.category(),
				smb.primaryContactName(), smb.primaryEmail(), smb.primaryPhone(), contacts, smb.website(),
				smb.address(), smb.city(), smb.state(), smb.zip(), smb.latitude(), smb.longitude(),
				smb.businessDescription(), smb.productsServices(), engagement.tierFor(0), 0, null, null,
				smb.serviceModel(), smb.subscriptionTier(), smb.emailOptedIn(), smb.smsOptedIn(), smb.rvmOptedIn(),
				smb.phoneOptedIn(), smb.doNotContact(), smb.source(), Map.of("demo", true));
	}

	private static String uniqueSlug(String name, Set<String> taken) {
		String base = Normalizer.normalize(name, Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("(^-+|-+$)", "");
		String slug = base;
		for (int n = 2; !taken.add(slug); n++) {
			slug = base + "-" + n;
		}
		return slug;
	}

}
