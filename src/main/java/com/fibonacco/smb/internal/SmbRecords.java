package com.fibonacco.smb.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.fibonacco.community.CommunityId;
import com.fibonacco.shared.TenantId;
import com.fibonacco.smb.SmbId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code smbs} table. Every statement is scoped by tenant. */
@Repository
class SmbRecords {

	static final String COLUMNS = """
			s.id, s.community_id, s.slug, s.business_name, s.dba_name, s.business_type, s.category,
			s.primary_contact_name, s.primary_email, s.primary_phone, s.secondary_contacts::text AS secondary_contacts,
			s.website, s.address, s.city, s.state, s.zip, s.latitude, s.longitude, s.business_description,
			s.brand_voice::text AS brand_voice, s.products_services::text AS products_services,
			s.content_preferences::text AS content_preferences, s.faqs::text AS faqs, s.service_model,
			s.subscription_tier, s.email_opted_in, s.sms_opted_in, s.rvm_opted_in, s.phone_opted_in, s.do_not_contact,
			s.source, s.metadata::text AS metadata, s.engagement_tier, s.engagement_score, s.last_email_open,
			s.last_email_click, s.last_content_view, s.last_approval, s.total_approvals, s.total_meetings,
			s.campaign_status, s.current_campaign_id, s.manifest_destiny_day, s.manifest_destiny_start_date,
			s.next_scheduled_send, s.data_quality_score, s.version, s.created_at, s.updated_at, s.deleted_at
			""" + Eligibility.columns();

	private final JdbcClient jdbc;

	private final JsonMapper json;

	SmbRecords(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<SmbRow> find(TenantId tenant, UUID id, boolean includeDeleted) {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM smbs s WHERE s.tenant_id = :tenant AND s.id = :id"
					+ (includeDeleted ? "" : " AND s.deleted_at IS NULL"))
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::map)
			.optional();
	}

	Optional<SmbRow> findBy(TenantId tenant, String column, String value) {
		// column comes from a fixed set in SmbService, never from the request
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM smbs s WHERE s.tenant_id = :tenant AND s." + column
					+ " = :value AND s.deleted_at IS NULL ORDER BY s.created_at, s.id LIMIT 1")
			.param("tenant", tenant.value())
			.param("value", value)
			.query(this::map)
			.optional();
	}

	boolean slugTaken(TenantId tenant, String slug, @Nullable UUID except) {
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM smbs WHERE tenant_id = :tenant AND slug = :slug AND deleted_at IS NULL
				               AND id IS DISTINCT FROM :except)
				""")
			.param("tenant", tenant.value())
			.param("slug", slug)
			.param("except", except, java.sql.Types.OTHER)
			.query(Boolean.class)
			.single();
	}

	void insert(TenantId tenant, UUID id, SmbFields fields, Instant now) {
		jdbc.sql("""
				INSERT INTO smbs (tenant_id, id, community_id, slug, business_name, dba_name, business_type, category,
				  primary_contact_name, primary_email, primary_phone, secondary_contacts, website, address, city, state,
				  zip, latitude, longitude, business_description, brand_voice, products_services, content_preferences,
				  faqs, service_model, subscription_tier, email_opted_in, sms_opted_in, rvm_opted_in, phone_opted_in,
				  do_not_contact, source, metadata, created_at, updated_at)
				VALUES (:tenant, :id, :community_id, :slug, :business_name, :dba_name, :business_type, :category,
				  :primary_contact_name, :primary_email, :primary_phone, CAST(:secondary_contacts AS jsonb), :website,
				  :address, :city, :state, :zip, :latitude, :longitude, :business_description,
				  CAST(:brand_voice AS jsonb), CAST(:products_services AS jsonb), CAST(:content_preferences AS jsonb),
				  CAST(:faqs AS jsonb), :service_model, :subscription_tier, :email_opted_in, :sms_opted_in,
				  :rvm_opted_in, :phone_opted_in, :do_not_contact, :source, CAST(:metadata AS jsonb), :now, :now)
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.params(params(fields))
			.param("now", utc(now))
			.update();
	}

	/**
	 * Writes the fields if the row is still at {@code expectedVersion}; false when it is
	 * not.
	 */
	boolean update(TenantId tenant, UUID id, long expectedVersion, SmbFields fields, Instant now) {
		return jdbc.sql("""
				UPDATE smbs SET community_id = :community_id, slug = :slug, business_name = :business_name,
				  dba_name = :dba_name, business_type = :business_type, category = :category,
				  primary_contact_name = :primary_contact_name, primary_email = :primary_email,
				  primary_phone = :primary_phone, secondary_contacts = CAST(:secondary_contacts AS jsonb),
				  website = :website, address = :address, city = :city, state = :state, zip = :zip,
				  latitude = :latitude, longitude = :longitude, business_description = :business_description,
				  brand_voice = CAST(:brand_voice AS jsonb), products_services = CAST(:products_services AS jsonb),
				  content_preferences = CAST(:content_preferences AS jsonb), faqs = CAST(:faqs AS jsonb),
				  service_model = :service_model, subscription_tier = :subscription_tier,
				  email_opted_in = :email_opted_in, sms_opted_in = :sms_opted_in, rvm_opted_in = :rvm_opted_in,
				  phone_opted_in = :phone_opted_in, do_not_contact = :do_not_contact, source = :source,
				  metadata = CAST(:metadata AS jsonb), version = version + 1, updated_at = :now
				WHERE tenant_id = :tenant AND id = :id AND version = :version AND deleted_at IS NULL
				""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("version", expectedVersion)
			.params(params(fields))
			.param("now", utc(now))
			.update() == 1;
	}

	boolean softDelete(TenantId tenant, UUID id, Instant now) {
		return jdbc.sql("""
				UPDATE smbs SET deleted_at = :now, updated_at = :now, version = version + 1
				WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL
				""").param("tenant", tenant.value()).param("id", id).param("now", utc(now)).update() == 1;
	}

	boolean restore(TenantId tenant, UUID id, Instant now) {
		return jdbc.sql("""
				UPDATE smbs SET deleted_at = NULL, updated_at = :now, version = version + 1
				WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NOT NULL
				""").param("tenant", tenant.value()).param("id", id).param("now", utc(now)).update() == 1;
	}

	private java.util.Map<String, @Nullable Object> params(SmbFields f) {
		java.util.Map<String, @Nullable Object> p = new java.util.HashMap<>();
		p.put("community_id", f.communityId().value());
		p.put("slug", f.slug());
		p.put("business_name", f.businessName());
		p.put("dba_name", f.dbaName());
		p.put("business_type", f.businessType());
		p.put("category", f.category());
		p.put("primary_contact_name", f.primaryContactName());
		p.put("primary_email", f.primaryEmail());
		p.put("primary_phone", f.primaryPhone());
		p.put("secondary_contacts", f.secondaryContacts().toString());
		p.put("website", f.website());
		p.put("address", f.address());
		p.put("city", f.city());
		p.put("state", f.state());
		p.put("zip", f.zip());
		p.put("latitude", f.latitude());
		p.put("longitude", f.longitude());
		p.put("business_description", f.businessDescription());
		p.put("brand_voice", f.brandVoice().toString());
		p.put("products_services", f.productsServices().toString());
		p.put("content_preferences", f.contentPreferences().toString());
		p.put("faqs", f.faqs().toString());
		p.put("service_model", f.serviceModel());
		p.put("subscription_tier", f.subscriptionTier());
		p.put("email_opted_in", f.emailOptedIn());
		p.put("sms_opted_in", f.smsOptedIn());
		p.put("rvm_opted_in", f.rvmOptedIn());
		p.put("phone_opted_in", f.phoneOptedIn());
		p.put("do_not_contact", f.doNotContact());
		p.put("source", f.source());
		p.put("metadata", f.metadata().toString());
		return p;
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private JsonNode tree(ResultSet rs, String column) throws SQLException {
		return json.readTree(rs.getString(column));
	}

	SmbRow map(ResultSet rs, int row) throws SQLException {
		SmbFields fields = new SmbFields(new CommunityId(rs.getObject("community_id", UUID.class)),
				rs.getString("slug"), rs.getString("business_name"), rs.getString("dba_name"),
				rs.getString("business_type"), rs.getString("category"), rs.getString("primary_contact_name"),
				rs.getString("primary_email"), rs.getString("primary_phone"), tree(rs, "secondary_contacts"),
				rs.getString("website"), rs.getString("address"), rs.getString("city"), rs.getString("state"),
				rs.getString("zip"), rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"),
				rs.getString("business_description"), tree(rs, "brand_voice"), tree(rs, "products_services"),
				tree(rs, "content_preferences"), tree(rs, "faqs"), rs.getString("service_model"),
				rs.getString("subscription_tier"), rs.getBoolean("email_opted_in"), rs.getBoolean("sms_opted_in"),
				rs.getBoolean("rvm_opted_in"), rs.getBoolean("phone_opted_in"), rs.getBoolean("do_not_contact"),
				rs.getString("source"), tree(rs, "metadata"));
		LocalDate start = rs.getObject("manifest_destiny_start_date", LocalDate.class);
		return new SmbRow(new SmbId(rs.getObject("id", UUID.class)), fields, rs.getInt("engagement_tier"),
				rs.getInt("engagement_score"), instant(rs, "last_email_open"), instant(rs, "last_email_click"),
				instant(rs, "last_content_view"), instant(rs, "last_approval"), rs.getInt("total_approvals"),
				rs.getInt("total_meetings"), rs.getString("campaign_status"), rs.getString("current_campaign_id"),
				rs.getInt("manifest_destiny_day"), start, instant(rs, "next_scheduled_send"),
				rs.getInt("data_quality_score"), rs.getLong("version"), instant(rs, "created_at"),
				instant(rs, "updated_at"), instant(rs, "deleted_at"), rs.getBoolean("can_contact_email"),
				rs.getBoolean("can_contact_sms"), rs.getBoolean("can_contact_rvm"), rs.getBoolean("can_contact_phone"));
	}

	List<SmbRow> list(String sql, java.util.Map<String, ?> params) {
		return jdbc.sql(sql).params(params).query(this::map).list();
	}

}
