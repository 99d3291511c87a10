package com.fibonacco.campaign.internal;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.Communities;
import com.fibonacco.community.CommunityId;
import com.fibonacco.messaging.CallbackReceived;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;
import com.fibonacco.support.ServerTest;
import com.fibonacco.support.Tenancy;
import com.fibonacco.support.Tenancy.TestTenant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.fibonacco.campaign.internal.VoicemailScenario.TWILIO_TOKEN;
import static com.fibonacco.campaign.internal.VoicemailScenario.at;
import static com.fibonacco.campaign.internal.VoicemailScenario.callSid;
import static com.fibonacco.campaign.internal.VoicemailScenario.incomingCall;
import static com.fibonacco.campaign.internal.VoicemailScenario.twilioSignature;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's callbacks for calls and texts after a voicemail
 * ({@code POST /webhooks/twilio}): signed as Twilio signs them, matched to the tenant's
 * SMB by the caller's number and to its latest drop. In the default profile, where
 * voicemails are captured.
 */
@ServerTest
class TwilioCallbackTests {

	static final ZoneId ZONE = ZoneId.of("America/New_York");

	static final LocalDate DAY_ONE = LocalDate.of(2027, 8, 2);

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Communities communities;

	@Autowired
	Smbs smbs;

	@Autowired
	ProgramService programs;

	@Autowired
	CampaignSender sender;

	@Autowired
	VoicemailFollowUps checks;

	@Autowired
	DropSender drops;

	@Autowired
	JdbcClient jdbc;

	VoicemailScenario scenario;

	TestTenant tenant;

	TenantId tenantId;

	SmbId smb;

	String phone;

	UUID drop;

	@BeforeEach
	void aVoicemailWasDropped() {
		scenario = new VoicemailScenario(port, communities, smbs, jdbc);
		tenant = new Tenancy(port).newTenant("Harbor Marketing");
		tenantId = new TenantId(tenant.id());
		CommunityId community = scenario.community(tenantId, ZONE.getId());
		phone = "+12075550160";
		smb = scenario.smb(tenantId, community, phone, true, 1);
		VoicemailScenario.pinTier(tenant.admin(), smb, 1);
		programs.start(tenantId, smb, null, at(DAY_ONE, 8, 30, ZONE));
		sender.sendDue(at(DAY_ONE, 10, 5, ZONE));
		checks.checkDue(at(DAY_ONE.plusDays(1), 10, 6, ZONE));
		drops.sendDue(at(DAY_ONE.plusDays(2), 10, 1, ZONE));
		drop = jdbc.sql("SELECT id FROM rvm_drops WHERE tenant_id = :t AND smb_id = :s AND status = 'sent'")
			.param("t", tenant.id())
			.param("s", smb.value())
			.query(UUID.class)
			.single();
		assertThat(scenario.count("SELECT count(*) FROM rvm_outbox WHERE tenant_id = :t AND rvm_drop_id = :d",
				Map.of("t", tenant.id(), "d", drop)))
			.as("captured, not dropped")
			.isEqualTo(1);
	}

	HttpResponse<String> signedCall(TenantId urlTenant, Map<String, String> form) throws Exception {
		return scenario.postTwilio(urlTenant, form, twilioSignature(TWILIO_TOKEN, scenario.twilioUrl(urlTenant), form));
	}

	List<Map<String, Object>> callbacks(TenantId tenant) {
		return jdbc.sql("SELECT * FROM callbacks WHERE tenant_id = :t ORDER BY created_at")
			.param("t", tenant.value())
			.query()
			.listOfRows();
	}

	@Test
	void aSignedCallFromTheSmbsNumberIsRecordedAgainstTheSmbAndItsVoicemailAndPublished() throws Exception {
		String sid = callSid();
		HttpResponse<String> response = signedCall(tenantId, incomingCall(sid, phone));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("<Response/>");
		List<Map<String, Object>> recorded = callbacks(tenantId);
		assertThat(recorded).hasSize(1);
		Map<String, Object> callback = recorded.get(0);
		assertThat(callback).containsEntry("smb_id", smb.value())
			.containsEntry("rvm_drop_id", drop)
			.containsEntry("provider_call_id", sid)
			.containsEntry("caller_phone", phone)
			.containsEntry("called_number", "+12075550100");
		UUID callbackId = (UUID) callback.get("id");
		Map<String, Object> dropRow = jdbc.sql("SELECT * FROM rvm_drops WHERE tenant_id = :t AND id = :d")
			.param("t", tenant.id())
			.param("d", drop)
			.query()
			.singleRow();
		assertThat(dropRow).containsEntry("callback_received", true).containsEntry("callback_id", callbackId);
		assertThat(scenario.published(CallbackReceived.class, callbackId)).isEqualTo(1);
	}

	@Test
	void aCallbackWithABadSignatureIsRefusedAndRecordsNothing() throws Exception {
		Map<String, String> form = incomingCall(callSid(), phone);
		String signature = twilioSignature(TWILIO_TOKEN, scenario.twilioUrl(tenantId), form);

		Map<String, String> altered = new java.util.TreeMap<>(form);
		altered.put("From", "+12075559999");
		List<HttpResponse<String>> refused = List.of(
				scenario.postTwilio(tenantId, form,
						twilioSignature("another-accounts-token", scenario.twilioUrl(tenantId), form)),
				scenario.postTwilio(tenantId, altered, signature), scenario.postTwilio(tenantId, form, null));

		assertThat(refused)
			.allSatisfy(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(403));
		assertThat(JSON.readTree(refused.get(0).body()).at("/code").asString()).isEqualTo("twilio_signature_invalid");
		assertThat(callbacks(tenantId)).isEmpty();
		assertThat(jdbc.sql("SELECT callback_received FROM rvm_drops WHERE tenant_id = :t AND id = :d")
			.param("t", tenant.id())
			.param("d", drop)
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void aCallFromAnUnknownNumberIsRecordedUnmatched() throws Exception {
		String sid = callSid();

		HttpResponse<String> response = signedCall(tenantId, incomingCall(sid, "+12075550188"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<Map<String, Object>> recorded = callbacks(tenantId);
		assertThat(recorded).hasSize(1);
		assertThat(recorded.get(0)).containsEntry("smb_id", null)
			.containsEntry("rvm_drop_id", null)
			.containsEntry("caller_phone", "+12075550188");
		assertThat(scenario.published(CallbackReceived.class, recorded.get(0).get("id"))).isEqualTo(1);
	}

	@Test
	void aReplayedCallbackChangesNothing() throws Exception {
		Map<String, String> form = incomingCall(callSid(), phone);
		assertThat(signedCall(tenantId, form).statusCode()).isEqualTo(200);
		// Twilio posts the same call again (a retry, or its completed status)
		Map<String, String> completed = new java.util.TreeMap<>(form);
		completed.put("CallStatus", "completed");
		completed.put("CallDuration", "42");

		assertThat(signedCall(tenantId, form).statusCode()).isEqualTo(200);
		assertThat(signedCall(tenantId, completed).statusCode()).isEqualTo(200);

		List<Map<String, Object>> recorded = callbacks(tenantId);
		assertThat(recorded).hasSize(1);
		assertThat(scenario.published(CallbackReceived.class, recorded.get(0).get("id"))).isEqualTo(1);
	}

	@Test
	void anotherTenantsSmbIsNeverMatched() throws Exception {
		TestTenant other = new Tenancy(port).newTenant("Lakeside Digital");
		TenantId otherId = new TenantId(other.id());
		CommunityId otherCommunity = scenario.community(otherId, ZONE.getId());
		String otherPhone = "+12075550171";
		SmbId theirs = scenario.smb(otherId, otherCommunity, otherPhone, true, 1);

		// a call to our number from their SMB's phone: nobody of ours
		HttpResponse<String> response = signedCall(tenantId, incomingCall(callSid(), otherPhone));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(callbacks(tenantId)).singleElement().satisfies(row -> assertThat(row).containsEntry("smb_id", null));

		// our SMB calls their number: theirs gets no match to ours
		assertThat(signedCall(otherId, incomingCall(callSid(), phone)).statusCode()).isEqualTo(200);
		assertThat(callbacks(otherId)).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("smb_id", null).containsEntry("rvm_drop_id", null));

		// the tenant in the URL is signed: a callback signed for them can't be moved to
		// us
		Map<String, String> form = incomingCall(callSid(), phone);
		HttpResponse<String> moved = scenario.postTwilio(tenantId, form,
				twilioSignature(TWILIO_TOKEN, scenario.twilioUrl(otherId), form));
		assertThat(moved.statusCode()).isEqualTo(403);
		assertThat(callbacks(tenantId)).hasSize(1);
		assertThat(theirs).isNotEqualTo(smb);
	}

}
