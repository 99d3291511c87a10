package com.fibonacco.smb.importing;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a file's column goes. Headers are matched after lower-casing and dropping
 * everything but letters and digits ("E-mail", "Email Address", "State/Region"), against
 * the SMB field names and the usual names in spreadsheets and CRM exports — HubSpot's
 * contact and company exports ("Company Name", "Phone Number", "Mobile Phone Number",
 * "State/Region", "Postal Code", "Website URL", "Company Domain Name") and Mautic's
 * ("companyname", "companyemail", "address1", "zipcode", …). Aliases earlier in a list
 * win when a file has several matching columns; the others are kept in metadata.
 */
enum Target {

	BUSINESS_NAME("business_name", 200, "businessname", "companyname", "company", "business", "organization",
			"organisation", "organizationname", "accountname", "account", "name"),
	DBA_NAME("dba_name", 200, "dbaname", "dba", "doingbusinessas", "tradename"),
	BUSINESS_TYPE("business_type", 100, "businesstype", "companytype", "type"),
	CATEGORY("category", 100, "category", "industry", "companyindustry", "businesscategory", "sector", "vertical"),
	PRIMARY_CONTACT_NAME("primary_contact_name", 200, "primarycontactname", "contactname", "primarycontact", "contact",
			"fullname", "contactperson"),
	FIRST_NAME("first_name", 100, "firstname", "first", "givenname"),
	LAST_NAME("last_name", 100, "lastname", "last", "surname", "familyname"),
	PRIMARY_EMAIL("primary_email", 254, "primaryemail", "email", "emailaddress", "email1", "emailaddress1",
			"businessemail", "workemail", "companyemail", "mail"),
	PRIMARY_PHONE("primary_phone", 50, "primaryphone", "phone", "phonenumber", "telephone", "tel", "businessphone",
			"workphone", "officephone", "companyphone", "mainphone", "mobile", "mobilephone", "mobilephonenumber",
			"mobilenumber", "cell", "cellphone"),
	WEBSITE("website", 2048, "website", "websiteurl", "url", "web", "webaddress", "homepage", "site", "companywebsite",
			"companydomainname", "domain"),
	ADDRESS("address", 300, "address", "streetaddress", "address1", "addressline1", "street", "street1",
			"companyaddress1", "companyaddress", "mailingaddress", "businessaddress"),
	ADDRESS2("address2", 300, "address2", "addressline2", "streetaddress2", "street2", "companyaddress2"),
	CITY("city", 100, "city", "town", "companycity", "locality"),
	STATE("state", 50, "state", "stateregion", "stateprovince", "province", "region", "companystate", "st"),
	ZIP("zip", 20, "zip", "zipcode", "postalcode", "postcode", "postal", "zippostalcode", "companyzipcode",
			"companypostalcode"),
	LATITUDE("latitude", 40, "latitude", "lat"), LONGITUDE("longitude", 40, "longitude", "lng", "lon", "long"),
	BUSINESS_DESCRIPTION("business_description", 5000, "businessdescription", "description", "companydescription",
			"about"),
	SERVICE_MODEL("service_model", 50, "servicemodel"),
	SUBSCRIPTION_TIER("subscription_tier", 50, "subscriptiontier", "tier", "plan"),
	EMAIL_OPTED_IN("email_opted_in", 10, "emailoptedin", "emailoptin", "emailconsent"),
	SMS_OPTED_IN("sms_opted_in", 10, "smsoptedin", "smsoptin", "smsconsent"),
	RVM_OPTED_IN("rvm_opted_in", 10, "rvmoptedin", "rvmoptin"),
	PHONE_OPTED_IN("phone_opted_in", 10, "phoneoptedin", "phoneoptin", "callconsent"),
	DO_NOT_CONTACT("do_not_contact", 10, "donotcontact", "dnc"),
	SOURCE("source", 50, "source", "leadsource", "originalsource"),
	/** A community by id, slug or name. */
	COMMUNITY("community", 200, "community", "communityid", "communityslug", "communityname", "market"),
	/** A JSON object merged into metadata (the export's metadata column). */
	METADATA("metadata", CsvParser.MAX_FIELD, "metadata"),
	/** Kept in metadata under the column's name. */
	EXTRA("extra", CsvParser.MAX_FIELD),
	/**
	 * Dropped: what the mapping says to ignore, and the computed columns of our export.
	 */
	IGNORE("ignore", Integer.MAX_VALUE, "id", "slug", "engagementtier", "engagementscore", "campaignstatus",
			"currentcampaignid", "manifestdestinyday", "dataqualityscore", "version", "createdat", "updatedat",
			"deletedat", "cancontactemail", "cancontactsms", "cancontactrvm", "cancontactphone", "lastemailopen",
			"lastemailclick", "lastcontentview", "lastapproval", "totalapprovals", "totalmeetings");

	final String apiName;

	final int maxLength;

	private final List<String> aliases;

	Target(String apiName, int maxLength, String... aliases) {
		this.apiName = apiName;
		this.maxLength = maxLength;
		this.aliases = List.of(aliases);
	}

	private static final Map<String, Target> BY_ALIAS = new HashMap<>();

	private static final Map<String, Integer> RANK = new HashMap<>();

	static {
		for (Target target : values()) {
			for (int i = 0; i < target.aliases.size(); i++) {
				Target previous = BY_ALIAS.put(target.aliases.get(i), target);
				if (previous != null) {
					throw new IllegalStateException(
							"alias " + target.aliases.get(i) + " of " + previous + " and " + target);
				}
				RANK.put(target.aliases.get(i), i);
			}
		}
	}

	/** The target a header names by itself, if any. */
	static Optional<Target> ofHeader(String header) {
		return Optional.ofNullable(BY_ALIAS.get(key(header)));
	}

	/** How strongly a header claims its target: 0 is the field's own name. */
	static int rank(String header) {
		return RANK.getOrDefault(key(header), Integer.MAX_VALUE);
	}

	/** What a mapping may name: the API names (and "ignore", "metadata"). */
	static Optional<Target> ofApiName(String name) {
		String wanted = name.strip().toLowerCase(Locale.ROOT);
		if (wanted.equals("community_id")) {
			return Optional.of(COMMUNITY);
		}
		return Arrays.stream(values()).filter(target -> target.apiName.equals(wanted)).findFirst();
	}

	static List<String> apiNames() {
		return Arrays.stream(values()).filter(target -> target != EXTRA).map(target -> target.apiName).toList();
	}

	static String key(String header) {
		String ascii = Normalizer.normalize(header, Normalizer.Form.NFD);
		StringBuilder key = new StringBuilder(ascii.length());
		for (int i = 0; i < ascii.length(); i++) {
			char c = Character.toLowerCase(ascii.charAt(i));
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				key.append(c);
			}
		}
		return key.toString();
	}

}
