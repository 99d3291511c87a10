package com.fibonacco.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import com.fibonacco.approval.ApprovalId;
import com.fibonacco.approval.ApprovalProvisioned;
import com.fibonacco.approval.ApprovalSubmitted;
import com.fibonacco.approval.UpsellAccepted;
import com.fibonacco.approval.UpsellOffered;
import com.fibonacco.campaign.CampaignSendCompleted;
import com.fibonacco.campaign.CampaignSendId;
import com.fibonacco.campaign.CampaignSendQueued;
import com.fibonacco.campaign.RvmDropId;
import com.fibonacco.campaign.RvmDropQueued;
import com.fibonacco.community.Communities;
import com.fibonacco.content.ContentCompleted;
import com.fibonacco.content.ContentViewId;
import com.fibonacco.content.ContentViewed;
import com.fibonacco.engagement.Direction;
import com.fibonacco.engagement.SmbEngagementChanged;
import com.fibonacco.engagement.SmbTierChanged;
import com.fibonacco.inbound.ChatMessageReceived;
import com.fibonacco.inbound.ConversationId;
import com.fibonacco.inbound.InboundEmailReceived;
import com.fibonacco.messaging.CallbackId;
import com.fibonacco.messaging.CallbackReceived;
import com.fibonacco.messaging.EmailBounced;
import com.fibonacco.messaging.EmailClicked;
import com.fibonacco.messaging.EmailOpened;
import com.fibonacco.messaging.RvmDropDelivered;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.FieldChange;
import com.fibonacco.smb.NoteAdded;
import com.fibonacco.smb.NoteDeleted;
import com.fibonacco.smb.NoteUpdated;
import com.fibonacco.smb.SmbDeleted;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.SmbRestored;
import com.fibonacco.smb.SmbTagged;
import com.fibonacco.smb.SmbUntagged;
import com.fibonacco.smb.SmbUpdated;
import com.fibonacco.smb.Smbs;
import com.fibonacco.smb.TaskCompleted;
import com.fibonacco.smb.TaskCreated;
import com.fibonacco.smb.TaskDeleted;
import com.fibonacco.smb.TaskUpdated;
import com.fibonacco.support.Http;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * The SMB timeline: events of every module, published in a transaction as their producers
 * do, become entries read through {@code GET /api/v1/smbs/{id}/activities}.
 */
@ServerTest
class ActivityTimelineTests {

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	Tenancy tenancy;

	TestTenant tenant;

	TenantId tenantId;

	SmbFixtures fixtures;

	SmbId smb;

	Instant now;

	@BeforeEach
	void setUp() {
		tenancy = new Tenancy(port);
		tenant = tenancy.newTenant("Lakeshore Agency");
		tenantId = new TenantId(tenant.id());
		fixtures = new SmbFixtures(communities, smbs);
		smb = fixtures.smb(tenantId);
		now = clock.instant();
	}

	@Test
	void creatingAnSmbPutsItOnItsTimeline() {
		Http.Response response = timeline("");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().at("/meta/total").asLong()).isEqualTo(1);
		JsonNode created = response.json().at("/data/0");
		assertThat(created.at("/activity_type").asString()).isEqualTo("smb_created");
		assertThat(created.at("/title").asString()).isEqualTo("Created \u201CWater Street Diner\u201D");
		assertThat(created.at("/subject_type").asString()).isEqualTo("smb");
		assertThat(created.at("/subject_id").asString()).isEqualTo(smb.toString());
		assertThat(created.at("/metadata/business_name").asString()).isEqualTo("Water Street Diner");
		assertThat(created.at("/performed_by").isNull()).isTrue();
		assertThat(Instant.parse(created.at("/occurred_at").asString())).isBeforeOrEqualTo(now);
		assertThat(created.at("/id").asString()).isNotBlank();
	}

	@Test
	void theEventsOfEveryModuleAppearInPlainWords() {
		UUID note = UUID.randomUUID();
		UUID task = UUID.randomUUID();
		UUID tag = UUID.randomUUID();
		CampaignSendId send = new CampaignSendId(UUID.randomUUID());
		RvmDropId drop = new RvmDropId(UUID.randomUUID());
		ApprovalId approval = new ApprovalId(UUID.randomUUID());
		ContentViewId view = new ContentViewId(UUID.randomUUID());
		Map<String, FieldChange> emailAndCity = new LinkedHashMap<>();
		emailAndCity.put("primary_email", new FieldChange("maria@waterstreetdiner.example", "maria@wsd.example"));
		emailAndCity.put("city", new FieldChange("Kent", "Stow"));

		publish(new SmbUpdated(tenantId, smb, emailAndCity, null, ago(31)),
				new SmbDeleted(tenantId, smb, "Water Street Diner", null, ago(30)),
				new SmbRestored(tenantId, smb, "Water Street Diner", null, ago(29)),
				new SmbTagged(tenantId, smb, tag, "VIP", null, ago(28)),
				new SmbUntagged(tenantId, smb, tag, "VIP", null, ago(27)),
				new NoteAdded(tenantId, smb, note, "Owner prefers calls after 2pm", false, null, ago(26)),
				new NoteUpdated(tenantId, smb, note, "Owner prefers calls after 3pm", true, null, ago(25)),
				new NoteDeleted(tenantId, smb, note, null, ago(24)),
				new TaskCreated(tenantId, smb, task, "Call Maria about catering", null, LocalDate.of(2026, 12, 1),
						"high", null, ago(23)),
				new TaskUpdated(tenantId, smb, task, "Call Maria about catering",
						Map.of("due_date", new FieldChange("2026-12-01", "2026-12-03")), null, ago(22)),
				new TaskCompleted(tenantId, smb, task, "Call Maria about catering", null, ago(21)),
				new TaskDeleted(tenantId, smb, task, "Call Maria about catering", null, ago(20)),
				new SmbEngagementChanged(tenantId, smb, 35, 55, ago(19)),
				new SmbTierChanged(tenantId, smb, 3, 2, Direction.UPGRADE, "score 55", ago(18)),
				new CampaignSendQueued(tenantId, send, smb, "HOOK-001", ago(-60)),
				new CampaignSendCompleted(tenantId, send, smb, "HOOK-001", "sent", ago(17)),
				new EmailOpened(tenantId, UUID.randomUUID(), send.value(), smb, "HOOK-001", false, ago(16)),
				new EmailClicked(tenantId, UUID.randomUUID(), send.value(), smb, "HOOK-001",
						"https://fibonacco.example/learn/getting-started", false, ago(15)),
				new EmailBounced(tenantId, UUID.randomUUID(), send.value(), smb, "transient", ago(14)),
				new RvmDropQueued(tenantId, drop, smb, send, null),
				new RvmDropDelivered(tenantId, drop.value(), smb, ago(13)),
				new CallbackReceived(tenantId, new CallbackId(UUID.randomUUID()), smb, drop.value(), ago(12)),
				new ApprovalSubmitted(tenantId, approval, smb, "website", ago(11)),
				new ApprovalProvisioned(tenantId, approval, smb, "website", ago(10)),
				new UpsellOffered(tenantId, approval, smb, "social_media", ago(9)),
				new UpsellAccepted(tenantId, approval, new ApprovalId(UUID.randomUUID()), smb, "social_media", ago(8)),
				new ContentViewed(tenantId, view, smb, "getting-started", ago(7)),
				new ContentCompleted(tenantId, view, smb, "getting-started", ago(6)),
				new InboundEmailReceived(tenantId, new ConversationId(UUID.randomUUID()), smb, "question", ago(5)),
				new ChatMessageReceived(tenantId, UUID.randomUUID(), UUID.randomUUID(), smb, ago(4)));

		// the engagement module scores the ten signals too and puts its own engagement
		// and
		// tier moves (dated now, unlike the published ones) on the timeline: wait for
		// them,
		// then leave them out
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("SELECT count(*) FROM engagement_signals WHERE smb_id = :smb")
				.param("smb", smb.value())
				.query(Long.class)
				.single() == 10);
		Http.Response response = timeline("?per_page=100");

		Map<String, String> titles = new LinkedHashMap<>();
		List<JsonNode> published = new ArrayList<>();
		response.json().at("/data").forEach(item -> {
			boolean reaction = item.at("/activity_type").asString().matches("engagement_changed|tier_changed")
					&& !Instant.parse(item.at("/occurred_at").asString()).isBefore(now);
			if (!reaction) {
				published.add(item);
				titles.put(item.at("/activity_type").asString(), item.at("/title").asString());
			}
		});
		assertThat(published).hasSize(31);
		assertThat(titles).containsOnly(entry("smb_created", "Created \u201CWater Street Diner\u201D"),
				entry("smb_updated", "Updated primary email, city"),
				entry("smb_deleted", "Deleted \u201CWater Street Diner\u201D"),
				entry("smb_restored", "Restored \u201CWater Street Diner\u201D"),
				entry("tag_added", "Tagged \u201CVIP\u201D"), entry("tag_removed", "Untagged \u201CVIP\u201D"),
				entry("note_added", "Note added"), entry("note_updated", "Note updated"),
				entry("note_deleted", "Note deleted"),
				entry("task_created", "Task \u201CCall Maria about catering\u201D created"),
				entry("task_updated", "Task \u201CCall Maria about catering\u201D updated (due date)"),
				entry("task_completed", "Task \u201CCall Maria about catering\u201D completed"),
				entry("task_deleted", "Task \u201CCall Maria about catering\u201D deleted"),
				entry("engagement_changed", "Engagement score rose from 35 to 55"),
				entry("tier_changed", "Moved from tier 3 (Active) to tier 2 (Engaged)"),
				entry("campaign_send_queued", "Campaign \u201CHOOK-001\u201D queued"),
				entry("campaign_send_completed", "Campaign \u201CHOOK-001\u201D sent"),
				entry("email_opened", "Opened \u201CHOOK-001\u201D"),
				entry("email_clicked", "Clicked a link in \u201CHOOK-001\u201D"),
				entry("email_bounced", "Email bounced (transient)"), entry("rvm_drop_queued", "Voicemail queued"),
				entry("rvm_delivered", "Voicemail delivered"), entry("callback_received", "Called back"),
				entry("approval_submitted", "Approved \u201Cwebsite\u201D"),
				entry("approval_provisioned", "\u201Cwebsite\u201D provisioned"),
				entry("upsell_offered", "Offered \u201Csocial_media\u201D"),
				entry("upsell_accepted", "Accepted the offer of \u201Csocial_media\u201D"),
				entry("content_viewed", "Viewed \u201Cgetting-started\u201D"),
				entry("content_completed", "Finished \u201Cgetting-started\u201D"),
				entry("inbound_email", "Email received (question)"), entry("chat_message", "Chat message received"));
	}

	@Test
	void anSmbUpdateKeepsEachFieldsOldAndNewValue() {
		Map<String, FieldChange> changes = new LinkedHashMap<>();
		changes.put("primary_email", new FieldChange("maria@waterstreetdiner.example", "maria@wsd.example"));
		changes.put("dba_name", new FieldChange(null, "WSD"));
		publish(new SmbUpdated(tenantId, smb, changes, tenant.adminId(), ago(60)));

		JsonNode updated = timeline("?type=smb_updated").json().at("/data/0");

		assertThat(updated.at("/title").asString()).isEqualTo("Updated primary email, dba name");
		assertThat(updated.at("/metadata/changes/primary_email/old").asString())
			.isEqualTo("maria@waterstreetdiner.example");
		assertThat(updated.at("/metadata/changes/primary_email/new").asString()).isEqualTo("maria@wsd.example");
		assertThat(updated.at("/metadata/changes/dba_name/old").isNull()).isTrue();
		assertThat(updated.at("/metadata/changes/dba_name/new").asString()).isEqualTo("WSD");
	}

	@Test
	void theUserWhoDidItIsNamed() {
		publish(new NoteAdded(tenantId, smb, UUID.randomUUID(), "Met at the chamber breakfast", false, tenant.adminId(),
				ago(60)),
				new NoteAdded(tenantId, smb, UUID.randomUUID(), "Left a voicemail", false, UUID.randomUUID(),
						ago(120)));

		Http.Response notes = timeline("?type=note_added");

		assertThat(notes.json().at("/data/0/performed_by/id").asString()).isEqualTo(tenant.adminId().toString());
		assertThat(notes.json().at("/data/0/performed_by/name").asString()).isEqualTo("Dana Whitfield");
		assertThat(notes.json().at("/data/0/description").asString()).isEqualTo("Met at the chamber breakfast");
		assertThat(notes.json().at("/data/1/performed_by/id").asString()).isNotBlank();
		assertThat(notes.json().at("/data/1/performed_by/name").isNull()).isTrue();
	}

	@Test
	void machineOpensAndClicksAreRecordedAndFlagged() {
		publish(new EmailOpened(tenantId, UUID.randomUUID(), UUID.randomUUID(), smb, "EDU-002", true, ago(60)),
				new EmailClicked(tenantId, UUID.randomUUID(), UUID.randomUUID(), smb, "EDU-002",
						"https://fibonacco.example/learn/reviews", true, ago(59)),
				new EmailOpened(tenantId, UUID.randomUUID(), UUID.randomUUID(), smb, "EDU-002", false, ago(58)));

		Http.Response response = timeline("?type=email_opened,email_clicked");

		assertThat(titles(response)).containsExactly("Opened \u201CEDU-002\u201D",
				"Clicked a link in \u201CEDU-002\u201D (automated)", "Opened \u201CEDU-002\u201D (automated)");
		assertThat(response.json().at("/data/0/metadata/machine_generated").asBoolean()).isFalse();
		assertThat(response.json().at("/data/1/metadata/machine_generated").asBoolean()).isTrue();
		assertThat(response.json().at("/data/2/metadata/machine_generated").asBoolean()).isTrue();
		assertThat(response.json().at("/data/1/description").asString())
			.isEqualTo("https://fibonacco.example/learn/reviews");
	}

	@Test
	void theTimelineIsNewestFirst() {
		publish(note("Second call", ago(120)), note("Third call", ago(60)), note("First call", ago(180)));

		assertThat(titlesAndDescriptions(timeline(""))).containsExactly("Created \u201CWater Street Diner\u201D",
				"Note added: Third call", "Note added: Second call", "Note added: First call");
	}

	@Test
	void theTypeFilterTakesOneOrSeveralTypes() {
		UUID tag = UUID.randomUUID();
		publish(new SmbTagged(tenantId, smb, tag, "Catering", null, ago(180)), note("Asked about menus", ago(120)),
				new EmailOpened(tenantId, UUID.randomUUID(), UUID.randomUUID(), smb, "HOOK-001", false, ago(60)));

		assertThat(types(timeline("?type=note_added"))).containsExactly("note_added");
		assertThat(types(timeline("?type=note_added,tag_added"))).containsExactly("note_added", "tag_added");
		assertThat(types(timeline("?type=email_opened&type=tag_added"))).containsExactly("email_opened", "tag_added");
		assertThat(timeline("?type=note_added,tag_added").json().at("/meta/total").asLong()).isEqualTo(2);
	}

	@Test
	void anUnknownTypeAnswers422NamingType() {
		Http.Response response = timeline("?type=note_added,order_placed");

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/code")).isEqualTo("validation_failed");
		assertThat(response.text("/errors/0/field")).isEqualTo("type");
		assertThat(response.text("/errors/0/message")).contains("order_placed");
		assertThat(timeline("?type=DROP%20TABLE%20activities").status()).isEqualTo(422);
	}

	@Test
	void sinceAndUntilBoundTheTimeline() {
		publish(note("Three hours ago", ago(180)), note("Two hours ago", ago(120)), note("An hour ago", ago(60)));

		Http.Response window = timeline("?since=" + ago(120) + "&until=" + ago(60));

		assertThat(window.status()).isEqualTo(200);
		assertThat(descriptions(window)).containsExactly("Two hours ago");
		assertThat(descriptions(timeline("?type=note_added&since=" + ago(120)))).containsExactly("An hour ago",
				"Two hours ago");
		assertThat(descriptions(timeline("?until=" + ago(60)))).containsExactly("Two hours ago", "Three hours ago");
	}

	@Test
	void aMalformedOrBackwardsTimeWindowAnswers422NamingTheParameter() {
		Http.Response malformed = timeline("?since=yesterday");
		Http.Response backwards = timeline("?since=" + ago(60) + "&until=" + ago(120));

		assertThat(malformed.status()).isEqualTo(422);
		assertThat(malformed.text("/errors/0/field")).isEqualTo("since");
		assertThat(backwards.status()).isEqualTo(422);
		assertThat(backwards.text("/errors/0/field")).isEqualTo("until");
	}

	@Test
	void pagesCarryTheTotal() {
		publish(note("One", ago(240)), note("Two", ago(180)), note("Three", ago(120)), note("Four", ago(60)));

		Http.Response second = timeline("?page=2&per_page=2");
		Http.Response last = timeline("?page=3&per_page=2");

		assertThat(second.status()).isEqualTo(200);
		assertThat(descriptions(second)).containsExactly("Three", "Two");
		assertThat(second.json().at("/meta/total").asLong()).isEqualTo(5);
		assertThat(second.json().at("/meta/page").asInt()).isEqualTo(2);
		assertThat(second.json().at("/meta/per_page").asInt()).isEqualTo(2);
		assertThat(second.json().at("/meta/last_page").asInt()).isEqualTo(3);
		assertThat(descriptions(last)).containsExactly("One");
		assertThat(timeline("?page=4&per_page=2").json().at("/data").size()).isZero();
	}

	@Test
	void aPageSizeAbove200OrAPageBelow1IsRefused() {
		Http.Response tooBig = timeline("?per_page=201");
		Http.Response zero = timeline("?page=0");

		assertThat(tooBig.status()).isEqualTo(422);
		assertThat(tooBig.text("/errors/0/field")).isEqualTo("per_page");
		assertThat(zero.status()).isEqualTo(422);
		assertThat(zero.text("/errors/0/field")).isEqualTo("page");
		assertThat(timeline("?per_page=200").status()).isEqualTo(200);
		assertThat(timeline("?per_page=0&type=bogus").json().at("/errors").findValuesAsString("field"))
			.containsExactlyInAnyOrder("type", "per_page");
	}

	@Test
	void anotherTenantsSmbAnswers404AsIfItDidNotExist() {
		TestTenant other = tenancy.newTenant("Globex Marketing");

		Http.Response foreign = other.admin().get("/api/v1/smbs/" + smb + "/activities");
		Http.Response unknown = tenant.admin().get("/api/v1/smbs/" + UUID.randomUUID() + "/activities");

		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.contentType()).startsWith("application/problem+json");
		assertThat(foreign.text("/code")).isEqualTo("not_found");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(tenant.admin().get("/api/v1/smbs/not-a-uuid/activities").status()).isEqualTo(400);
	}

	@Test
	void aDeletedSmbsTimelineAnswers404() {
		jdbc.sql("UPDATE smbs SET deleted_at = now() WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenantId.value())
			.param("id", smb.value())
			.update();

		assertThat(timeline("").status()).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "viewer", "agent", "manager" })
	void everyRoleOfTheTenantCanReadTheTimeline(String role) {
		Http.Response response = tenancy.newUser(tenant, role).http().get("/api/v1/smbs/" + smb + "/activities");

		assertThat(response.status()).isEqualTo(200);
		assertThat(types(response)).containsExactly("smb_created");
	}

	@Test
	void withoutCredentialsTheTimelineAnswers401() {
		Http.Response response = new Http(port).get("/api/v1/smbs/" + smb + "/activities");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void anEventInATransactionThatRollsBackLeavesNoEntry() {
		transactions.executeWithoutResult(status -> {
			events.publishEvent(note("Never happened", ago(60)));
			status.setRollbackOnly();
		});

		assertThat(types(timeline(""))).containsExactly("smb_created");
	}

	@Test
	void anSmbWhoseCreationRollsBackLeavesNoEntry() {
		SmbId[] created = new SmbId[1];
		transactions.executeWithoutResult(status -> {
			created[0] = fixtures.smb(tenantId);
			status.setRollbackOnly();
		});

		assertThat(smbs.exists(tenantId, created[0])).isFalse();
		assertThat(storedFor(created[0])).isZero();
	}

	@Test
	void aReplayedEventIsRecordedOnce() {
		UUID noteId = UUID.randomUUID();
		EmailOpened opened = new EmailOpened(tenantId, UUID.randomUUID(), UUID.randomUUID(), smb, "HOOK-001", false,
				ago(60));
		NoteAdded added = new NoteAdded(tenantId, smb, noteId, "Prefers email", false, null, ago(50));
		CampaignSendQueued queued = new CampaignSendQueued(tenantId, new CampaignSendId(UUID.randomUUID()), smb,
				"HOOK-001", null);

		publish(opened, added, queued);
		publish(opened, added, queued);

		assertThat(types(timeline(""))).containsExactlyInAnyOrder("smb_created", "email_opened", "note_added",
				"campaign_send_queued");
		// the same note deleted later is another event, not a replay of the addition
		publish(new NoteDeleted(tenantId, smb, noteId, null, ago(40)));
		assertThat(timeline("?type=note_added,note_deleted").json().at("/meta/total").asLong()).isEqualTo(2);
	}

	@Test
	void aRepeatedChangeWithoutItsOwnIdIsRecordedEachTime() {
		UUID tag = UUID.randomUUID();
		publish(new SmbTagged(tenantId, smb, tag, "VIP", null, ago(180)),
				new SmbUntagged(tenantId, smb, tag, "VIP", null, ago(120)),
				new SmbTagged(tenantId, smb, tag, "VIP", null, ago(60)));

		assertThat(types(timeline("?type=tag_added,tag_removed"))).containsExactly("tag_added", "tag_removed",
				"tag_added");
	}

	@Test
	void eventsWithoutAnSmbAreSkipped() {
		publish(new ContentViewed(tenantId, new ContentViewId(UUID.randomUUID()), null, "getting-started", ago(60)),
				new InboundEmailReceived(tenantId, new ConversationId(UUID.randomUUID()), null, "question", ago(50)),
				new ChatMessageReceived(tenantId, UUID.randomUUID(), UUID.randomUUID(), null, ago(40)),
				new CallbackReceived(tenantId, new CallbackId(UUID.randomUUID()), null, null, ago(30)));

		assertThat(storedForTenant()).isEqualTo(1);
	}

	@Test
	void anEventAboutAnSmbTheTenantHasNotRecordsNothingAndKeepsTheChange() {
		TestTenant other = tenancy.newTenant("Globex Marketing");
		TenantId otherId = new TenantId(other.id());

		// the other tenant's change commits; its event names an SMB that tenant doesn't
		// have
		SmbId othersSmb = transactions.execute(status -> {
			SmbId created = fixtures.smb(otherId);
			events.publishEvent(new NoteAdded(otherId, smb, UUID.randomUUID(), "Wrong SMB", false, null, ago(60)));
			events.publishEvent(new NoteAdded(otherId, new SmbId(UUID.randomUUID()), UUID.randomUUID(), "Unknown SMB",
					false, null, ago(60)));
			return created;
		});

		assertThat(smbs.exists(otherId, othersSmb)).isTrue();
		assertThat(types(timeline(""))).containsExactly("smb_created");
		assertThat(storedFor(othersSmb)).isEqualTo(1);
	}

	@Test
	void purgingAnSmbRemovesItsTimeline() {
		publish(note("Soon gone", ago(60)));
		assertThat(storedFor(smb)).isEqualTo(2);

		jdbc.sql("DELETE FROM smbs WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenantId.value())
			.param("id", smb.value())
			.update();

		assertThat(storedFor(smb)).isZero();
	}

	@Test
	void longNamesAndManyFieldsAreCutToFitTheTitle() {
		Map<String, FieldChange> many = new LinkedHashMap<>();
		for (int i = 1; i <= 40; i++) {
			many.put("custom_field_number_" + i, new FieldChange(i, i + 1));
		}
		publish(new SmbTagged(tenantId, smb, UUID.randomUUID(), "x".repeat(400), null, ago(60)),
				new SmbUpdated(tenantId, smb, many, null, ago(50)));

		List<String> titles = titles(timeline("?type=tag_added,smb_updated"));

		assertThat(titles).hasSize(2).allSatisfy(title -> assertThat(title).hasSizeLessThanOrEqualTo(255));
		assertThat(titles.get(0)).startsWith("Updated custom field number 1, ").endsWith("\u2026");
		assertThat(titles.get(1)).startsWith("Tagged \u201Cxxx").endsWith("\u2026\u201D");
		assertThat(timeline("?type=smb_updated").json().at("/data/0/metadata/changes").size()).isEqualTo(40);
	}

	@Test
	void theTimelineIsDocumentedInTheOpenApiDocument() {
		JsonNode operation = new Http(port).get("/v3/api-docs")
			.json()
			.at("/paths/~1api~1v1~1smbs~1{id}~1activities/get");

		assertThat(operation.at("/summary").asString()).isNotBlank();
		assertThat(operation.at("/responses").propertyNames()).contains("200", "401", "403", "404", "422");
		assertThat(operation.at("/responses/200/content/application~1json/schema").isMissingNode()).isFalse();
		assertThat(operation.at("/responses/422/content/application~1problem+json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
		List<String> parameters = new ArrayList<>();
		operation.at("/parameters").forEach(parameter -> parameters.add(parameter.at("/name").asString()));
		assertThat(parameters).contains("id", "type", "since", "until", "page", "per_page");
	}

	private void publish(Object... published) {
		transactions.executeWithoutResult(status -> {
			for (Object event : published) {
				events.publishEvent(event);
			}
		});
	}

	private NoteAdded note(String text, Instant at) {
		return new NoteAdded(tenantId, smb, UUID.randomUUID(), text, false, null, at);
	}

	private Instant ago(int minutes) {
		return now.minus(Duration.ofMinutes(minutes));
	}

	private Http.Response timeline(String query) {
		return tenant.admin().get("/api/v1/smbs/" + smb + "/activities" + query);
	}

	private long storedFor(SmbId smbId) {
		return jdbc.sql("SELECT count(*) FROM activities WHERE smb_id = :smb")
			.param("smb", smbId.value())
			.query(Long.class)
			.single();
	}

	private long storedForTenant() {
		return jdbc.sql("SELECT count(*) FROM activities WHERE tenant_id = :tenant")
			.param("tenant", tenantId.value())
			.query(Long.class)
			.single();
	}

	private static List<String> field(Http.Response response, String pointer) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> values = new ArrayList<>();
		response.json().at("/data").forEach(item -> values.add(item.at(pointer).asString()));
		return values;
	}

	private static List<String> types(Http.Response response) {
		return field(response, "/activity_type");
	}

	private static List<String> titles(Http.Response response) {
		return field(response, "/title");
	}

	private static List<String> descriptions(Http.Response response) {
		return field(response, "/description");
	}

	private static List<String> titlesAndDescriptions(Http.Response response) {
		List<String> values = new ArrayList<>();
		response.json()
			.at("/data")
			.forEach(item -> values.add(item.at("/title").asString()
					+ (item.at("/description").isNull() ? "" : ": " + item.at("/description").asString())));
		return values;
	}

}
