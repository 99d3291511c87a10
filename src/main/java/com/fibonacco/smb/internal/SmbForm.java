package com.fibonacco.smb.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.fibonacco.community.CommunityId;
import com.fibonacco.shared.web.ApiException;
import com.fibonacco.shared.web.FieldError;

import org.springframework.http.HttpStatus;

/**
 * Reads the JSON of an SMB as a user sends it into {@link SmbFields}: every field
 * checked, every problem named, nothing half-accepted. PUT and POST read the body over
 * the defaults, PATCH over the current SMB, so all three share these rules.
 */
final class SmbForm {

	static final Set<String> EDITABLE = new LinkedHashSet<>(List.of("community_id", "slug", "business_name", "dba_name",
			"business_type", "category", "primary_contact_name", "primary_email", "primary_phone", "secondary_contacts",
			"website", "address", "city", "state", "zip", "latitude", "longitude", "business_description",
			"brand_voice", "products_services", "content_preferences", "faqs", "service_model", "subscription_tier",
			"email_opted_in", "sms_opted_in", "rvm_opted_in", "phone_opted_in", "do_not_contact", "source",
			"metadata"));

	static final Set<String> SERVICE_MODELS = Set.of("self_serve", "managed", "hybrid", "enterprise");

	static final Set<String> SUBSCRIPTION_TIERS = Set.of("free", "basic", "standard", "premium", "enterprise");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final Pattern ZIP = Pattern.compile("^\\d{5}(-\\d{4})?$");

	private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final List<FieldError> errors = new ArrayList<>();

	private final ObjectNode json;

	private SmbForm(ObjectNode json) {
		this.json = json;
	}

	/** The values an SMB has when the request doesn't say (seed 004's defaults). */
	static ObjectNode defaults() {
		ObjectNode defaults = NODES.objectNode();
		defaults.set("secondary_contacts", NODES.arrayNode());
		defaults.set("brand_voice", NODES.objectNode());
		defaults.set("products_services", NODES.arrayNode());
		defaults.set("content_preferences", NODES.objectNode());
		defaults.set("faqs", NODES.arrayNode());
		defaults.put("subscription_tier", "free");
		defaults.put("email_opted_in", true);
		defaults.put("sms_opted_in", false);
		defaults.put("rvm_opted_in", true);
		defaults.put("phone_opted_in", false);
		defaults.put("do_not_contact", false);
		defaults.set("metadata", NODES.objectNode());
		return defaults;
	}

	/** The SMB's current values as JSON, the base a PATCH applies to. */
	static ObjectNode of(SmbFields fields, JsonMapper json) {
		ObjectNode node = NODES.objectNode();
		fields.asMap().forEach((name, value) -> node.set(name, json.valueToTree(value)));
		return node;
	}

	/**
	 * Rejects fields that are not editable, naming each (400, like any unknown JSON
	 * field).
	 */
	static void rejectUnknown(ObjectNode body) {
		List<FieldError> unknown = body.propertyNames()
			.stream()
			.filter(name -> !EDITABLE.contains(name))
			.map(name -> new FieldError(name, "is not a field you can set"))
			.toList();
		if (!unknown.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_request", "Unknown or read-only field(s): "
					+ String.join(", ", unknown.stream().map(FieldError::field).toList()), unknown);
		}
	}

	/**
	 * Validates the complete desired state.
	 * @param slugFallback the slug to use when none is given (generated from the name)
	 */
	static SmbFields read(ObjectNode json, Function<String, String> slugFallback) {
		return new SmbForm(json).read(slugFallback);
	}

	private SmbFields read(Function<String, String> slugFallback) {
		String businessName = text("business_name", 200, true);
		CommunityId community = communityId();
		String slug = text("slug", 120, false);
		if (slug != null && !SLUG.matcher(slug).matches()) {
			error("slug", "must be lower-case letters and digits joined by single hyphens");
		}
		String email = email("primary_email");
		String phone = phone("primary_phone");
		String state = text("state", 2, false);
		if (state != null) {
			state = state.toUpperCase(Locale.ROOT);
			if (!UsStates.CODES.contains(state)) {
				error("state", "must be a two-letter US state or territory code");
			}
		}
		String zip = text("zip", 10, false);
		if (zip != null && !ZIP.matcher(zip).matches()) {
			error("zip", "must be a US ZIP code like 28792 or 28792-1234");
		}
		BigDecimal latitude = decimal("latitude", -90, 90);
		BigDecimal longitude = decimal("longitude", -180, 180);
		if ((latitude == null) != (longitude == null)) {
			error(latitude == null ? "latitude" : "longitude", "must be given together with its counterpart");
		}
		String serviceModel = choice("service_model", SERVICE_MODELS, false);
		String subscriptionTier = choice("subscription_tier", SUBSCRIPTION_TIERS, true);
		SmbFields fields = new SmbFields(community, slug == null ? "" : slug, businessName == null ? "" : businessName,
				text("dba_name", 200, false), text("business_type", 100, false), text("category", 100, false),
				text("primary_contact_name", 200, false), email, phone, secondaryContacts(), website(),
				text("address", 300, false), text("city", 100, false), state, zip, latitude, longitude,
				text("business_description", 5000, false), jsonObject("brand_voice"),
				stringOrObjectArray("products_services"), jsonObject("content_preferences"), faqs(), serviceModel,
				subscriptionTier == null ? "free" : subscriptionTier, bool("email_opted_in"), bool("sms_opted_in"),
				bool("rvm_opted_in"), bool("phone_opted_in"), bool("do_not_contact"), text("source", 50, false),
				jsonObject("metadata"));
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		if (slug == null) {
			return withSlug(fields, slugFallback.apply(businessName));
		}
		return fields;
	}

	private static SmbFields withSlug(SmbFields f, String slug) {
		return new SmbFields(f.communityId(), slug, f.businessName(), f.dbaName(), f.businessType(), f.category(),
				f.primaryContactName(), f.primaryEmail(), f.primaryPhone(), f.secondaryContacts(), f.website(),
				f.address(), f.city(), f.state(), f.zip(), f.latitude(), f.longitude(), f.businessDescription(),
				f.brandVoice(), f.productsServices(), f.contentPreferences(), f.faqs(), f.serviceModel(),
				f.subscriptionTier(), f.emailOptedIn(), f.smsOptedIn(), f.rvmOptedIn(), f.phoneOptedIn(),
				f.doNotContact(), f.source(), f.metadata());
	}

	/** A URL slug from a business name: "Kim's Nail Studio" → "kims-nail-studio". */
	static String slugOf(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT)
			.replace("'", "")
			.replace("&", " and ")
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("(^-+|-+$)", "");
		if (slug.length() > 100) {
			slug = slug.substring(0, 100).replaceAll("-+$", "");
		}
		return slug.isEmpty() ? "smb" : slug;
	}

	/** Lower-cases and checks an email; blank means none. */
	static @Nullable String normalizeEmail(@Nullable String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String email = raw.strip().toLowerCase(Locale.ROOT);
		return email.length() <= 254 && EMAIL.matcher(email).matches() ? email : null;
	}

	/** A phone number in E.164, read as a US number unless it has a country code. */
	static @Nullable String normalizePhone(@Nullable String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		try {
			var number = PHONES.parse(raw.strip(), "US");
			return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberFormat.E164) : null;
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	private @Nullable CommunityId communityId() {
		String raw = text("community_id", 36, true);
		if (raw == null) {
			return null;
		}
		try {
			return new CommunityId(UUID.fromString(raw));
		}
		catch (IllegalArgumentException ex) {
			error("community_id", "must be a community id (UUID)");
			return null;
		}
	}

	private @Nullable String email(String field) {
		String raw = text(field, 254, false);
		if (raw == null) {
			return null;
		}
		String email = normalizeEmail(raw);
		if (email == null) {
			error(field, "must be an email address");
		}
		return email;
	}

	private @Nullable String phone(String field) {
		String raw = text(field, 50, false);
		if (raw == null) {
			return null;
		}
		String phone = normalizePhone(raw);
		if (phone == null) {
			error(field, "must be a valid phone number, e.g. +1 828 555 0142");
		}
		return phone;
	}

	private @Nullable String website() {
		String raw = text("website", 2048, false);
		if (raw == null) {
			return null;
		}
		String url = normalizeWebsite(raw);
		if (url == null) {
			error("website", "must be a web address like https://example.com");
		}
		return url;
	}

	/**
	 * A web address with its scheme ("example.com" → "https://example.com"); null if it
	 * isn't one.
	 */
	static @Nullable String normalizeWebsite(String raw) {
		String url = raw.matches("(?i)^https?://.*") ? raw : "https://" + raw;
		try {
			URI uri = URI.create(url);
			if (uri.getHost() == null || !uri.getHost().contains(".")) {
				return null;
			}
			return url;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** A US ZIP code like 28792 or 28792-1234. */
	static boolean isZip(String zip) {
		return ZIP.matcher(zip).matches();
	}

	private JsonNode secondaryContacts() {
		JsonNode contacts = json.get("secondary_contacts");
		if (contacts == null || contacts.isNull()) {
			return NODES.arrayNode();
		}
		if (!contacts.isArray()) {
			error("secondary_contacts", "must be a list of contacts");
			return NODES.arrayNode();
		}
		if (contacts.size() > 20) {
			error("secondary_contacts", "may hold at most 20 contacts");
		}
		var normalized = NODES.arrayNode();
		int index = 0;
		for (JsonNode contact : contacts) {
			String path = "secondary_contacts[" + index++ + "]";
			if (!contact.isObject()) {
				error(path, "must be an object with name, email, phone, role");
				continue;
			}
			ObjectNode clean = NODES.objectNode();
			for (var entry : contact.properties()) {
				String key = entry.getKey();
				JsonNode value = entry.getValue();
				if (!Set.of("name", "email", "phone", "role").contains(key)) {
					error(path + "." + key, "is not a contact field (name, email, phone, role)");
					continue;
				}
				if (value.isNull()) {
					continue;
				}
				if (!value.isString() || value.stringValue().length() > 254) {
					error(path + "." + key, "must be text of at most 254 characters");
					continue;
				}
				String text = value.stringValue().strip();
				if (key.equals("email")) {
					String email = normalizeEmail(text);
					if (email == null) {
						error(path + ".email", "must be an email address");
					}
					text = email;
				}
				else if (key.equals("phone")) {
					String phone = normalizePhone(text);
					if (phone == null) {
						error(path + ".phone", "must be a valid phone number");
					}
					text = phone;
				}
				if (text != null && !text.isEmpty()) {
					clean.put(key, text);
				}
			}
			if (!clean.has("name") && !clean.has("email") && !clean.has("phone")) {
				error(path, "needs at least a name, an email or a phone");
			}
			normalized.add(clean);
		}
		return normalized;
	}

	private JsonNode faqs() {
		JsonNode faqs = json.get("faqs");
		if (faqs == null || faqs.isNull()) {
			return NODES.arrayNode();
		}
		if (!faqs.isArray()) {
			error("faqs", "must be a list of {question, answer}");
			return NODES.arrayNode();
		}
		int index = 0;
		for (JsonNode faq : faqs) {
			String path = "faqs[" + index++ + "]";
			if (!faq.isObject() || !faq.path("question").isString() || !faq.path("answer").isString()) {
				error(path, "must have a question and an answer");
			}
		}
		return faqs;
	}

	private JsonNode stringOrObjectArray(String field) {
		JsonNode value = json.get(field);
		if (value == null || value.isNull()) {
			return NODES.arrayNode();
		}
		if (!value.isArray()) {
			error(field, "must be a list");
			return NODES.arrayNode();
		}
		return value;
	}

	private JsonNode jsonObject(String field) {
		JsonNode value = json.get(field);
		if (value == null || value.isNull()) {
			return NODES.objectNode();
		}
		if (!value.isObject()) {
			error(field, "must be a JSON object");
			return NODES.objectNode();
		}
		if (value.toString().length() > 65_536) {
			error(field, "must be at most 64 KB");
		}
		return value;
	}

	private @Nullable String text(String field, int max, boolean required) {
		JsonNode value = json.get(field);
		if (value == null || value.isNull() || (value.isString() && value.stringValue().isBlank())) {
			if (required) {
				error(field, "is required");
			}
			return null;
		}
		if (!value.isString()) {
			error(field, "must be text");
			return null;
		}
		String text = value.stringValue().strip();
		if (text.length() > max) {
			error(field, "must be at most " + max + " characters");
			return null;
		}
		return text;
	}

	private @Nullable String choice(String field, Set<String> allowed, boolean required) {
		String value = text(field, 50, required);
		if (value != null && !allowed.contains(value)) {
			error(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
			return null;
		}
		return value;
	}

	private @Nullable BigDecimal decimal(String field, int min, int max) {
		JsonNode value = json.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			error(field, "must be a number");
			return null;
		}
		BigDecimal number = value.decimalValue();
		if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
			error(field, "must be between " + min + " and " + max);
			return null;
		}
		return number.setScale(6, java.math.RoundingMode.HALF_UP);
	}

	private boolean bool(String field) {
		JsonNode value = json.get(field);
		if (value == null || value.isNull()) {
			error(field, "is required (true or false)");
			return false;
		}
		if (!value.isBoolean()) {
			error(field, "must be true or false");
			return false;
		}
		return value.booleanValue();
	}

	private void error(String field, String message) {
		errors.add(new FieldError(field, message));
	}

	static Map<String, String> channels() {
		return Map.of("email", "primary_email", "sms", "primary_phone", "rvm", "primary_phone", "phone",
				"primary_phone");
	}

}
