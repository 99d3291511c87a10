package com.fibonacco.smb.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.shared.Ids;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.Channel;
import com.fibonacco.smb.ChannelEligibility;
import com.fibonacco.smb.NewSmb;
import com.fibonacco.smb.SmbCreated;
import com.fibonacco.smb.SmbId;
import com.fibonacco.smb.Smbs;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** SMBs stored in {@code smbs}. */
@Service
class JdbcSmbs implements Smbs, ChannelEligibility {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	JdbcSmbs(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public SmbId create(TenantId tenant, NewSmb smb) {
		SmbId id = new SmbId(Ids.newId(clock));
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO smbs (tenant_id, id, community_id, slug, business_name, dba_name, business_type, category,
				  primary_contact_name, primary_email, primary_phone, secondary_contacts, website, address, city, state,
				  zip, latitude, longitude, business_description, products_services, engagement_tier, engagement_score,
				  last_email_open, last_email_click, service_model, subscription_tier, email_opted_in, sms_opted_in,
				  rvm_opted_in, phone_opted_in, do_not_contact, source, metadata, created_at, updated_at)
				VALUES (:tenant, :id, :community, :slug, :businessName, :dbaName, :businessType, :category,
				  :contactName, :email, :phone, CAST(:secondaryContacts AS jsonb), :website, :address, :city, :state,
				  :zip, :latitude, :longitude, :description, CAST(:productsServices AS jsonb), :tier, :score,
				  :lastOpen, :lastClick, :serviceModel, :subscriptionTier, :emailOptedIn, :smsOptedIn,
				  :rvmOptedIn, :phoneOptedIn, :doNotContact, :source, CAST(:metadata AS jsonb), :now, :now)
				""")
			.param("tenant", tenant.value())
			.param("id", id.value())
			.param("community", smb.communityId().value())
			.param("slug", smb.slug())
			.param("businessName", smb.businessName())
			.param("dbaName", smb.dbaName())
			.param("businessType", smb.businessType())
			.param("category", smb.category())
			.param("contactName", smb.primaryContactName())
			.param("email", smb.primaryEmail())
			.param("phone", smb.primaryPhone())
			.param("secondaryContacts", json.writeValueAsString(smb.secondaryContacts()))
			.param("website", smb.website())
			.param("address", smb.address())
			.param("city", smb.city())
			.param("state", smb.state())
			.param("zip", smb.zip())
			.param("latitude", smb.latitude())
			.param("longitude", smb.longitude())
			.param("description", smb.businessDescription())
			.param("productsServices", json.writeValueAsString(smb.productsServices()))
			.param("tier", smb.engagementTier())
			.param("score", smb.engagementScore())
			.param("lastOpen", utc(smb.lastEmailOpen()))
			.param("lastClick", utc(smb.lastEmailClick()))
			.param("serviceModel", smb.serviceModel())
			.param("subscriptionTier", smb.subscriptionTier())
			.param("emailOptedIn", smb.emailOptedIn())
			.param("smsOptedIn", smb.smsOptedIn())
			.param("rvmOptedIn", smb.rvmOptedIn())
			.param("phoneOptedIn", smb.phoneOptedIn())
			.param("doNotContact", smb.doNotContact())
			.param("source", smb.source())
			.param("metadata", json.writeValueAsString(smb.metadata()))
			.param("now", utc(now))
			.update();
		events.publishEvent(new SmbCreated(tenant, id, smb.communityId(), smb.businessName(), null, now));
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean exists(TenantId tenant, SmbId smb) {
		return jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM smbs WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL)")
			.param("tenant", tenant.value())
			.param("id", smb.value())
			.query(Boolean.class)
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<SmbId> findBySlug(TenantId tenant, String slug) {
		return jdbc.sql("SELECT id FROM smbs WHERE tenant_id = :tenant AND slug = :slug AND deleted_at IS NULL")
			.param("tenant", tenant.value())
			.param("slug", slug)
			.query((rs, row) -> new SmbId(rs.getObject("id", UUID.class)))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public long count(TenantId tenant) {
		return jdbc.sql("SELECT count(*) FROM smbs WHERE tenant_id = :tenant AND deleted_at IS NULL")
			.param("tenant", tenant.value())
			.query(Long.class)
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Optional<SmbId> findByPhone(TenantId tenant, String phone) {
		String e164 = SmbForm.normalizePhone(phone);
		if (e164 == null) {
			return java.util.Optional.empty();
		}
		return jdbc.sql("""
				SELECT id FROM smbs WHERE tenant_id = :tenant AND primary_phone = :phone AND deleted_at IS NULL
				 ORDER BY created_at, id LIMIT 1
				""")
			.param("tenant", tenant.value())
			.param("phone", e164)
			.query((rs, n) -> new SmbId(rs.getObject("id", java.util.UUID.class)))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public boolean canContact(TenantId tenant, SmbId smb, Channel channel) {
		return jdbc
			.sql("SELECT " + Eligibility.sql(channel)
					+ " FROM smbs s WHERE s.tenant_id = :tenant AND s.id = :id AND s.deleted_at IS NULL")
			.param("tenant", tenant.value())
			.param("id", smb.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Set<SmbId> contactable(TenantId tenant, java.util.Collection<SmbId> smbs, Channel channel) {
		if (smbs.isEmpty()) {
			return java.util.Set.of();
		}
		return new java.util.HashSet<>(jdbc
			.sql("SELECT s.id FROM smbs s WHERE s.tenant_id = :tenant AND s.id = ANY (CAST(:ids AS uuid[]))"
					+ " AND s.deleted_at IS NULL AND " + Eligibility.sql(channel))
			.param("tenant", tenant.value())
			.param("ids", smbs.stream().map(smb -> smb.value().toString()).toArray(String[]::new))
			.query((rs, n) -> new SmbId(rs.getObject(1, java.util.UUID.class)))
			.list());
	}

	@Override
	@Transactional
	public void suppress(TenantId tenant, Channel channel, String address, String reason) {
		String normalized = channel == Channel.EMAIL ? SmbForm.normalizeEmail(address)
				: SmbForm.normalizePhone(address);
		if (normalized == null) {
			throw new IllegalArgumentException("not a " + channel.apiName() + " address: " + address);
		}
		jdbc.sql("""
				INSERT INTO suppressions (tenant_id, channel, address, reason, created_at)
				VALUES (:tenant, :channel, lower(:address), :reason, :now) ON CONFLICT DO NOTHING
				""")
			.param("tenant", tenant.value())
			.param("channel", channel.apiName())
			.param("address", normalized)
			.param("reason", reason)
			.param("now", utc(clock.instant()))
			.update();
	}

	@Override
	@Transactional
	public boolean optOut(TenantId tenant, SmbId smb, Channel channel) {
		String column = switch (channel) {
			case EMAIL -> "email_opted_in";
			case SMS -> "sms_opted_in";
			case RVM -> "rvm_opted_in";
			case PHONE -> "phone_opted_in";
		};
		var now = clock.instant();
		int changed = jdbc
			.sql("UPDATE smbs SET " + column + " = false, version = version + 1, updated_at = :now "
					+ "WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL AND " + column)
			.param("tenant", tenant.value())
			.param("id", smb.value())
			.param("now", utc(now))
			.update();
		if (changed > 0) {
			events.publishEvent(new com.fibonacco.smb.SmbUpdated(tenant, smb,
					java.util.Map.of(column, new com.fibonacco.smb.FieldChange(true, false)), null, now));
		}
		return changed > 0;
	}

	@Override
	@Transactional
	public boolean doNotContact(TenantId tenant, SmbId smb) {
		Instant now = clock.instant();
		int changed = jdbc.sql("""
				UPDATE smbs SET do_not_contact = true, version = version + 1, updated_at = :now
				 WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL AND NOT do_not_contact
				""")
			.param("tenant", tenant.value())
			.param("id", smb.value())
			.param("now", utc(now))
			.update();
		if (changed > 0) {
			events.publishEvent(new com.fibonacco.smb.SmbUpdated(tenant, smb,
					java.util.Map.of("do_not_contact", new com.fibonacco.smb.FieldChange(false, true)), null, now));
		}
		return changed > 0;
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
