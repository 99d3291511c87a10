package com.fibonacco.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes N realistic SMBs for one tenant spread over its communities with
 * {@code COPY smbs (...) FROM STDIN} (CSV), then {@code VACUUM ANALYZE smbs}. The same
 * seed gives the same rows.
 *
 * <p>
 * Bulk load as PostgreSQL recommends: the secondary indexes of {@code smbs} (read from
 * {@code pg_indexes}, so exactly the migrations' definitions) are dropped before the COPY
 * and created again after it; constraints, the primary key, the foreign keys and the
 * data-quality trigger stay in place, so every row is checked and scored as an INSERT
 * would be.
 */
public final class SmbGenerator {

	/** A community the SMBs belong to. */
	public record Community(UUID id, String name, String state, List<String> areaCodes, String zipPrefix, double lat,
			double lon) {
	}

	/** The towns of the benchmark tenant: name, state, county, population, zone, area codes, zip, lat, lon. */
	static final Object[][] TOWNS = { { "Asheville", "NC", "Buncombe", 94589, "America/New_York", "828", "288", 35.5951, -82.5515 },
			{ "Boone", "NC", "Watauga", 19667, "America/New_York", "828", "286", 36.2168, -81.6746 },
			{ "Greenville", "SC", "Greenville", 70720, "America/New_York", "864", "296", 34.8526, -82.3940 },
			{ "Chattanooga", "TN", "Hamilton", 181099, "America/New_York", "423", "374", 35.0456, -85.3097 },
			{ "Knoxville", "TN", "Knox", 192648, "America/New_York", "865", "379", 35.9606, -83.9207 },
			{ "Roanoke", "VA", "Roanoke", 100011, "America/New_York", "540", "240", 37.2710, -79.9414 },
			{ "Savannah", "GA", "Chatham", 147780, "America/New_York", "912", "314", 32.0809, -81.0912 },
			{ "Athens", "GA", "Clarke", 127315, "America/New_York", "706", "306", 33.9519, -83.3576 },
			{ "Bend", "OR", "Deschutes", 99178, "America/Los_Angeles", "541", "977", 44.0582, -121.3153 },
			{ "Eugene", "OR", "Lane", 177899, "America/Los_Angeles", "541", "974", 44.0521, -123.0868 },
			{ "Boulder", "CO", "Boulder", 108250, "America/Denver", "303", "803", 40.0150, -105.2705 },
			{ "Fort Collins", "CO", "Larimer", 169810, "America/Denver", "970", "805", 40.5853, -105.0844 },
			{ "Missoula", "MT", "Missoula", 73489, "America/Denver", "406", "598", 46.8721, -113.9940 },
			{ "Flagstaff", "AZ", "Coconino", 76831, "America/Phoenix", "928", "860", 35.1983, -111.6513 },
			{ "Madison", "WI", "Dane", 269840, "America/Chicago", "608", "537", 43.0731, -89.4012 },
			{ "Ann Arbor", "MI", "Washtenaw", 123851, "America/Detroit", "734", "481", 42.2808, -83.7430 },
			{ "Duluth", "MN", "St. Louis", 86697, "America/Chicago", "218", "558", 46.7867, -92.1005 },
			{ "Burlington", "VT", "Chittenden", 44743, "America/New_York", "802", "054", 44.4759, -73.2121 },
			{ "Portland", "ME", "Cumberland", 68408, "America/New_York", "207", "041", 43.6591, -70.2568 },
			{ "Santa Fe", "NM", "Santa Fe", 88193, "America/Denver", "505", "875", 35.6870, -105.9378 } };

	/** Trade phrase, business type, category. */
	static final String[][] TRADES = { { "Plumbing & Heating", "Plumber", "Home Services" },
			{ "Plumbing", "Plumber", "Home Services" }, { "Heating & Air", "HVAC Contractor", "Home Services" },
			{ "Electric", "Electrician", "Home Services" }, { "Roofing", "Roofer", "Home Services" },
			{ "Landscaping", "Landscaper", "Home Services" }, { "Lawn Care", "Landscaper", "Home Services" },
			{ "Tree Service", "Arborist", "Home Services" }, { "Painting", "Painter", "Home Services" },
			{ "Flooring", "Flooring Contractor", "Home Services" }, { "Pest Control", "Exterminator", "Home Services" },
			{ "Pool & Spa", "Pool Service", "Home Services" }, { "Handyman Services", "Handyman", "Home Services" },
			{ "Cabinetry", "Cabinet Maker", "Home Services" }, { "Septic Service", "Septic Contractor", "Home Services" },
			{ "Masonry", "Mason", "Construction" }, { "Construction", "General Contractor", "Construction" },
			{ "Builders", "Home Builder", "Construction" }, { "Excavating", "Excavation Contractor", "Construction" },
			{ "Welding & Fabrication", "Welder", "Construction" }, { "Bakery", "Bakery", "Food & Dining" },
			{ "Pizza", "Pizzeria", "Food & Dining" }, { "Pizzeria", "Pizzeria", "Food & Dining" },
			{ "Diner", "Restaurant", "Food & Dining" }, { "Bistro", "Restaurant", "Food & Dining" },
			{ "Grill", "Restaurant", "Food & Dining" }, { "Tavern", "Bar", "Food & Dining" },
			{ "Taqueria", "Restaurant", "Food & Dining" }, { "Barbecue", "Restaurant", "Food & Dining" },
			{ "Coffee Roasters", "Coffee Shop", "Food & Dining" }, { "Cafe", "Coffee Shop", "Food & Dining" },
			{ "Brewing Company", "Brewery", "Food & Dining" }, { "Winery", "Winery", "Food & Dining" },
			{ "Creamery", "Ice Cream Shop", "Food & Dining" }, { "Catering", "Caterer", "Food & Dining" },
			{ "Sushi", "Restaurant", "Food & Dining" }, { "Noodle House", "Restaurant", "Food & Dining" },
			{ "Deli", "Delicatessen", "Food & Dining" }, { "Donuts", "Bakery", "Food & Dining" },
			{ "Auto Repair", "Auto Repair Shop", "Automotive" }, { "Auto Body", "Auto Body Shop", "Automotive" },
			{ "Tire & Service", "Tire Shop", "Automotive" }, { "Towing", "Towing Service", "Automotive" },
			{ "Motors", "Car Dealer", "Automotive" }, { "Car Wash", "Car Wash", "Automotive" },
			{ "Dental", "Dentist", "Health" }, { "Family Dentistry", "Dentist", "Health" },
			{ "Orthodontics", "Orthodontist", "Health" }, { "Chiropractic", "Chiropractor", "Health" },
			{ "Physical Therapy", "Physical Therapist", "Health" }, { "Optometry", "Optometrist", "Health" },
			{ "Pharmacy", "Pharmacy", "Health" }, { "Family Medicine", "Physician", "Health" },
			{ "Pediatrics", "Pediatrician", "Health" }, { "Massage", "Massage Therapist", "Health" },
			{ "Veterinary Clinic", "Veterinarian", "Pets" }, { "Animal Hospital", "Veterinarian", "Pets" },
			{ "Pet Grooming", "Pet Groomer", "Pets" }, { "Kennels", "Pet Boarding", "Pets" },
			{ "Hair Salon", "Hair Salon", "Beauty" }, { "Salon & Spa", "Day Spa", "Beauty" },
			{ "Barbershop", "Barber", "Beauty" }, { "Nail Studio", "Nail Salon", "Beauty" },
			{ "Tattoo", "Tattoo Parlor", "Beauty" }, { "Yoga", "Yoga Studio", "Fitness" },
			{ "Fitness", "Gym", "Fitness" }, { "CrossFit", "Gym", "Fitness" }, { "Martial Arts", "Martial Arts School", "Fitness" },
			{ "Dance Academy", "Dance School", "Fitness" }, { "Hardware", "Hardware Store", "Retail" },
			{ "Florist", "Florist", "Retail" }, { "Flowers", "Florist", "Retail" }, { "Books", "Bookstore", "Retail" },
			{ "Outfitters", "Outdoor Store", "Retail" }, { "Bike Shop", "Bicycle Shop", "Retail" },
			{ "Jewelers", "Jeweler", "Retail" }, { "Boutique", "Clothing Store", "Retail" },
			{ "Antiques", "Antique Store", "Retail" }, { "Furniture", "Furniture Store", "Retail" },
			{ "Appliance", "Appliance Store", "Retail" }, { "Feed & Seed", "Farm Supply", "Retail" },
			{ "Nursery & Garden", "Garden Center", "Retail" }, { "Liquors", "Liquor Store", "Retail" },
			{ "Music", "Music Store", "Retail" }, { "Toys", "Toy Store", "Retail" }, { "Gifts", "Gift Shop", "Retail" },
			{ "Law Offices", "Attorney", "Professional Services" }, { "Law Group", "Attorney", "Professional Services" },
			{ "Accounting", "Accountant", "Professional Services" }, { "Tax Service", "Tax Preparer", "Professional Services" },
			{ "Insurance Agency", "Insurance Agent", "Professional Services" }, { "Realty", "Real Estate Agency", "Real Estate" },
			{ "Property Management", "Property Manager", "Real Estate" }, { "Title Company", "Title Company", "Real Estate" },
			{ "Photography", "Photographer", "Creative" }, { "Printing", "Print Shop", "Creative" },
			{ "Design Studio", "Graphic Designer", "Creative" }, { "Sign Company", "Sign Maker", "Creative" },
			{ "Cleaners", "Dry Cleaner", "Personal Services" }, { "Laundromat", "Laundromat", "Personal Services" },
			{ "Tailoring", "Tailor", "Personal Services" }, { "Locksmith", "Locksmith", "Personal Services" },
			{ "Cleaning Services", "Cleaning Service", "Home Services" }, { "Moving & Storage", "Mover", "Personal Services" },
			{ "Self Storage", "Storage Facility", "Personal Services" }, { "Child Care", "Daycare", "Education" },
			{ "Tutoring", "Tutor", "Education" }, { "Montessori School", "Private School", "Education" },
			{ "Driving School", "Driving School", "Education" }, { "Funeral Home", "Funeral Home", "Personal Services" },
			{ "Inn", "Inn", "Lodging" }, { "Motel", "Motel", "Lodging" }, { "Cabins", "Vacation Rental", "Lodging" },
			{ "Marina", "Marina", "Recreation" }, { "Golf Club", "Golf Course", "Recreation" },
			{ "Upholstery", "Upholsterer", "Home Services" }, { "Glass & Mirror", "Glazier", "Home Services" },
			{ "Fencing", "Fence Contractor", "Home Services" }, { "Garage Doors", "Garage Door Service", "Home Services" },
			{ "Computer Repair", "Computer Repair Shop", "Technology" }, { "IT Solutions", "IT Services", "Technology" },
			{ "Wireless", "Phone Store", "Technology" } };

	static final String[] SURNAMES = ("Abernathy Adams Aldridge Alvarez Anderson Ashworth Atkins Bailey Baker Banks "
			+ "Barnes Bartlett Beasley Bell Bennett Berry Bishop Blackwell Bowers Boyd Bradley Brennan Briggs Brooks "
			+ "Bryant Burke Caldwell Callahan Campbell Cannon Carmichael Carter Castillo Chambers Chandler Chen Clark "
			+ "Cobb Coleman Collins Conley Cooper Crawford Cruz Cunningham Dalton Daniels Davenport Delgado Dempsey "
			+ "Dixon Donovan Drummond Duncan Dunn Easton Ellison Emerson Espinoza Farley Farmer Faulkner Fischer "
			+ "Fitzgerald Fleming Fletcher Flores Forbes Foster Fowler Franklin Gallagher Garcia Garner Gibson Gilmore "
			+ "Gonzalez Goodwin Graham Greer Griffin Guerrero Hale Hamilton Hancock Hardin Harper Hawkins Hayes "
			+ "Henderson Hendrix Holloway Hopkins Horton Houston Howell Hudson Hughes Hutchins Ingram Jacobs Jensen "
			+ "Jimenez Kaplan Keller Kendrick Kennedy Kessler Kim Kingsley Kirby Knight Lambert Landry Larson Lawson "
			+ "Lindqvist Lockhart Logan Lowell Lucero Lyons Maddox Malone Marsh Mathis McAllister McBride McCoy "
			+ "McKenzie Medina Mercer Merritt Monroe Montgomery Morales Moreno Morrison Mueller Murphy Nakamura Nash "
			+ "Navarro Nguyen Nolan Novak OBrien Odom Oliver Ortega Osborne Pacheco Palmer Parrish Patel Patterson "
			+ "Pearson Pendleton Perkins Pham Pierce Porter Prescott Quinn Ramirez Ramsey Randall Reyes Rhodes Richter "
			+ "Rios Roberson Rollins Rosales Russo Salazar Sanders Schaefer Schultz Sexton Shaw Shelton Sherwood "
			+ "Sinclair Sloan Smith Spencer Stafford Stanton Steele Stewart Stokes Sullivan Sutton Talbot Tanaka "
			+ "Thornton Townsend Tucker Turner Vance Vargas Vasquez Vaughn Wagner Walsh Warren Watkins Weaver Webb "
			+ "Wheeler Whitaker Whitfield Wilcox Winslow Wolfe Woodard Wyatt Yates Yoder Young Zimmerman")
		.split(" ");

	static final String[] FIRST_NAMES = ("Aaron Abigail Adrian Alicia Amber Andre Angela Anita Ben Bianca Brandon Brenda "
			+ "Caleb Carla Carlos Carmen Cheryl Chloe Colin Connor Dana Daniel Darius Deborah Derek Diana Dominic Donna "
			+ "Dylan Elena Eli Elise Emily Eric Erin Ethan Felicia Frank Gabriel Gina Grace Grant Hannah Hector Heidi "
			+ "Hugo Ian Irene Isaac Ivy Jack Jada Jamal Janet Jason Jenna Jerome Jill Joel Jorge Joy Julia Justin Karen "
			+ "Keith Kelly Kenji Kevin Kim Kyle Laura Leah Leon Linda Logan Lorena Lucas Lucy Luis Maggie Malik Marco "
			+ "Maria Mark Marta Matt Maya Megan Miguel Mira Mitchell Monica Nadia Nate Nina Noah Olivia Omar Owen Pam "
			+ "Paul Priya Rachel Rafael Raj Rebecca Ricardo Rita Rob Rosa Ruth Ryan Sam Sandra Sara Sean Sofia Stella "
			+ "Steve Tanya Teresa Theo Tina Tom Tony Tyler Uma Valerie Victor Wade Wendy Will Xavier Yolanda Zach Zoe")
		.split(" ");

	static final String[] PLACES = ("Blue Ridge,Riverside,Oak Hollow,Cedar Creek,Pine Valley,Eagle Rock,Stone Bridge,"
			+ "Maple Grove,Summit,Lakeside,Highland,Mountain View,Valley,Hometown,Main Street,Old Mill,Red Barn,"
			+ "Silver Lake,Bluebird,Twin Oaks,Willow Bend,Harbor,North Star,Clearwater,Granite,Ironwood,Foxglove,"
			+ "Sunrise,Prairie,Appalachian,Copper Canyon,Timberline,Evergreen,Heritage,Liberty,Keystone,Crossroads,"
			+ "Birchwood,Sandstone,Golden Gate,Magnolia,Cypress,Aspen,Juniper,Sagebrush,Mesa,Frontier,Lighthouse,"
			+ "Driftwood,Elk Horn,Black Bear,Red Fox,Wild Rose,Hickory,Chestnut,Laurel,Stonewall,Fairview")
		.split(",");

	static final String[] STREETS = ("Main,Oak,Maple,Cedar,Pine,Elm,Washington,Lincoln,Park,Lake,Hill,Church,Market,"
			+ "River,Spring,Center,Highland,Broad,College,Mill,Ridge,Chestnut,Walnut,Franklin,Jefferson,Madison")
		.split(",");

	static final String[] STREET_TYPES = { "St", "Ave", "Rd", "Blvd", "Dr", "Ln", "Way", "Hwy" };

	static final String[] SUFFIXES = { "LLC", "Co.", "& Sons", "Inc.", "Group", "& Co.", "Services", "Partners" };

	static final String[] MAIL_HOSTS = { "gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com",
			"hotmail.com", "comcast.net", "proton.me" };

	/** COPY column list; data_quality_score is set by the table's trigger, search_document is generated. */
	static final String COLUMNS = "tenant_id, id, community_id, slug, business_name, dba_name, business_type, category, "
			+ "primary_contact_name, primary_email, primary_phone, website, address, city, state, zip, latitude, "
			+ "longitude, business_description, products_services, engagement_tier, engagement_score, last_email_open, "
			+ "last_email_click, last_content_view, total_approvals, campaign_status, manifest_destiny_day, "
			+ "manifest_destiny_start_date, service_model, subscription_tier, email_opted_in, sms_opted_in, "
			+ "rvm_opted_in, phone_opted_in, do_not_contact, source, created_at, updated_at, deleted_at";

	private static final Instant FIRST = Instant.parse("2024-01-08T14:00:00Z");

	private static final Instant LAST = Instant.parse("2026-11-01T00:00:00Z");

	private final SplittableRandom random;

	private final Map<String, Integer> slugs = new HashMap<>();

	private final StringBuilder row = new StringBuilder(1024);

	SmbGenerator(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/** The tenant's communities, creating the benchmark towns that are missing. */
	static List<Community> ensureCommunities(Connection db, UUID tenant) throws SQLException {
		try (PreparedStatement insert = db.prepareStatement("""
				INSERT INTO communities (tenant_id, name, slug, state, county, population, timezone)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, slug) DO NOTHING
				""")) {
			for (Object[] town : TOWNS) {
				insert.setObject(1, tenant);
				insert.setString(2, (String) town[0]);
				insert.setString(3, ((String) town[0]).toLowerCase(Locale.ROOT).replace(' ', '-'));
				insert.setString(4, (String) town[1]);
				insert.setString(5, (String) town[2]);
				insert.setInt(6, (Integer) town[3]);
				insert.setString(7, (String) town[4]);
				insert.addBatch();
			}
			insert.executeBatch();
		}
		Map<String, Object[]> towns = new HashMap<>();
		for (Object[] town : TOWNS) {
			towns.put((String) town[0], town);
		}
		List<Community> communities = new ArrayList<>();
		try (PreparedStatement select = db
			.prepareStatement("SELECT id, name FROM communities WHERE tenant_id = ? ORDER BY name")) {
			select.setObject(1, tenant);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					Object[] town = towns.get(rs.getString("name"));
					if (town != null) {
						communities.add(new Community(rs.getObject("id", UUID.class), (String) town[0],
								(String) town[1], List.of(((String) town[5]).split(",")), (String) town[6],
								(Double) town[7], (Double) town[8]));
					}
				}
			}
		}
		return communities;
	}

	/** Writes {@code count} SMBs and analyzes the table; returns the seconds each phase took. */
	Map<String, Double> generate(Connection db, UUID tenant, List<Community> communities, int count)
			throws SQLException {
		Map<String, Double> seconds = new LinkedHashMap<>();
		boolean autoCommit = db.getAutoCommit();
		db.setAutoCommit(true);
		List<String[]> indexes = new ArrayList<>();
		try (Statement st = db.createStatement()) {
			st.execute("SET maintenance_work_mem = '512MB'");
			try (ResultSet rs = st.executeQuery("""
					SELECT indexname, indexdef FROM pg_indexes
					WHERE schemaname = current_schema() AND tablename = 'smbs'
					  AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'smbs'::regclass)
					ORDER BY indexname
					""")) {
				while (rs.next()) {
					indexes.add(new String[] { rs.getString(1), rs.getString(2) });
				}
			}
			for (String[] index : indexes) {
				st.execute("DROP INDEX " + index[0]);
			}
		}
		long start = System.nanoTime();
		CopyIn copy = db.unwrap(PGConnection.class)
			.getCopyAPI()
			.copyIn("COPY smbs (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)");
		try {
			StringBuilder buffer = new StringBuilder(1 << 20);
			for (int i = 0; i < count; i++) {
				buffer.append(row(tenant, communities, i, count));
				if (buffer.length() > (1 << 20) - 4096) {
					byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
					copy.writeToCopy(bytes, 0, bytes.length);
					buffer.setLength(0);
				}
			}
			byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
			copy.writeToCopy(bytes, 0, bytes.length);
			copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
		seconds.put("copy", (System.nanoTime() - start) / 1e9);
		start = System.nanoTime();
		try (Statement st = db.createStatement()) {
			for (String[] index : indexes) {
				st.execute(index[1]);
			}
			seconds.put("create_indexes", (System.nanoTime() - start) / 1e9);
			start = System.nanoTime();
			st.execute("VACUUM (ANALYZE) smbs");
			seconds.put("vacuum_analyze", (System.nanoTime() - start) / 1e9);
			st.execute("RESET maintenance_work_mem");
		}
		db.setAutoCommit(autoCommit);
		return seconds;
	}

	private String row(UUID tenant, List<Community> communities, int i, int count) {
		SplittableRandom r = random;
		Community community = communities.get(r.nextInt(communities.size()));
		String[] trade = TRADES[r.nextInt(TRADES.length)];
		String contactFirst = pick(FIRST_NAMES);
		String contactLast = pick(SURNAMES);
		String name = businessName(trade, contactFirst, contactLast, community);
		String slug = slug(name);
		Integer seen = slugs.merge(slug, 1, Integer::sum);
		if (seen > 1) {
			slug = slug + "-" + seen;
		}
		String domain = slug(name).replace("-and-", "").replace("-", "");
		if (domain.length() > 40) {
			domain = domain.substring(0, 40);
		}
		domain = domain + (r.nextInt(4) == 0 ? ".net" : ".com");
		String email = switch (r.nextInt(6)) {
			case 0 -> "info@" + domain;
			case 1 -> "office@" + domain;
			case 2 -> contactFirst.toLowerCase(Locale.ROOT) + "@" + domain;
			case 3 -> (contactFirst + "." + contactLast).toLowerCase(Locale.ROOT) + "@" + domain;
			case 4 -> (contactFirst.charAt(0) + contactLast).toLowerCase(Locale.ROOT) + r.nextInt(10, 100) + "@"
					+ pick(MAIL_HOSTS);
			default -> (contactFirst + contactLast).toLowerCase(Locale.ROOT) + "@" + pick(MAIL_HOSTS);
		};
		String phone = "+1" + community.areaCodes().get(r.nextInt(community.areaCodes().size())) + r.nextInt(2, 10)
				+ String.format("%02d", r.nextInt(100)) + String.format("%04d", r.nextInt(10_000));
		boolean hasEmail = r.nextInt(100) < 92;
		boolean hasPhone = r.nextInt(100) < 88;

		// created over ~3 years, in insertion order (ids are UUIDv7 of created_at, as the app makes them)
		long span = LAST.toEpochMilli() - FIRST.toEpochMilli();
		long createdMillis = FIRST.toEpochMilli() + (long) ((double) span * i / count) + r.nextLong(60_000);
		Instant created = Instant.ofEpochMilli(createdMillis);
		Instant updated = created.plusSeconds((long) (r.nextDouble() * (LAST.getEpochSecond() - created.getEpochSecond())));
		Instant deleted = r.nextInt(1000) < 5 ? updated : null;

		int tier = tier();
		int score = switch (tier) {
			case 1 -> r.nextInt(75, 101);
			case 2 -> r.nextInt(50, 75);
			case 3 -> r.nextInt(25, 50);
			default -> r.nextInt(0, 25);
		};
		Instant lastOpen = tier <= 3 ? updated.minusSeconds(r.nextLong(86_400L * 60)) : null;
		Instant lastClick = tier <= 2 ? updated.minusSeconds(r.nextLong(86_400L * 90)) : null;
		Instant lastView = tier == 1 ? updated.minusSeconds(r.nextLong(86_400L * 30)) : null;
		int p = r.nextInt(100);
		String campaignStatus = p < 35 ? "pending" : p < 65 ? "running" : p < 73 ? "scheduled" : p < 80 ? "paused"
				: p < 95 ? "completed" : "cancelled";
		int day = switch (campaignStatus) {
			case "running", "paused", "cancelled" -> r.nextInt(1, 90);
			case "completed" -> 90;
			default -> 0;
		};
		LocalDate programStart = day > 0 ? LocalDate.ofInstant(updated, ZoneOffset.UTC).minusDays(day) : null;
		p = r.nextInt(100);
		String serviceModel = p < 40 ? "self_serve" : p < 65 ? "managed" : p < 85 ? "hybrid" : p < 90 ? "enterprise"
				: null;
		p = r.nextInt(100);
		String subscription = p < 55 ? "free" : p < 75 ? "basic" : p < 90 ? "standard" : p < 98 ? "premium"
				: "enterprise";
		p = r.nextInt(100);
		String source = p < 60 ? "import" : p < 75 ? "web_form" : p < 85 ? "referral" : p < 95 ? "manual" : "event";
		boolean hasGeo = r.nextInt(100) < 70;
		String city = r.nextInt(100) < 90 ? community.name() : pick(TOWNS)[0].toString();

		row.setLength(0);
		field(tenant.toString());
		field(uuid7(createdMillis).toString());
		field(community.id().toString());
		text(slug);
		text(name);
		text(r.nextInt(100) < 10 ? pick(PLACES) + " " + trade[0] : null);
		text(trade[1]);
		text(trade[2]);
		text(r.nextInt(100) < 95 ? contactFirst + " " + contactLast : null);
		text(hasEmail ? email : null);
		text(hasPhone ? phone : null);
		text(r.nextInt(100) < 60 ? "https://www." + domain : null);
		text(r.nextInt(100) < 85 ? r.nextInt(1, 9999) + " " + pick(STREETS) + " " + pick(STREET_TYPES) : null);
		text(r.nextInt(100) < 97 ? city : null);
		text(community.state());
		text(community.zipPrefix() + String.format("%02d", r.nextInt(100)));
		field(hasGeo ? String.format(Locale.ROOT, "%.6f", community.lat() + (r.nextDouble() - 0.5) * 0.2) : null);
		field(hasGeo ? String.format(Locale.ROOT, "%.6f", community.lon() + (r.nextDouble() - 0.5) * 0.2) : null);
		text(r.nextInt(100) < 40 ? trade[1] + " serving " + community.name() + " and nearby since "
				+ r.nextInt(1955, 2025) + "." : null);
		text(r.nextInt(100) < 30 ? "[\"" + trade[1] + "\", \"" + trade[0].replace("\"", "") + " consultations\"]"
				: "[]");
		field(Integer.toString(tier));
		field(Integer.toString(score));
		field(lastOpen == null ? null : lastOpen.toString());
		field(lastClick == null ? null : lastClick.toString());
		field(lastView == null ? null : lastView.toString());
		field(Integer.toString(tier == 1 ? r.nextInt(1, 6) : 0));
		field(campaignStatus);
		field(Integer.toString(day));
		field(programStart == null ? null : programStart.toString());
		field(serviceModel);
		field(subscription);
		bool(r.nextInt(100) < 85);
		bool(r.nextInt(100) < 30);
		bool(r.nextInt(100) < 70);
		bool(r.nextInt(100) < 40);
		bool(r.nextInt(100) < 2);
		field(source);
		field(created.toString());
		field(updated.toString());
		field(deleted == null ? null : deleted.toString());
		row.setCharAt(row.length() - 1, '\n');
		return row.toString();
	}

	private String businessName(String[] trade, String contactFirst, String contactLast, Community community) {
		SplittableRandom r = random;
		String name = switch (r.nextInt(10)) {
			case 0, 1, 2 -> pick(PLACES) + " " + trade[0];
			case 3, 4 -> pick(SURNAMES) + " " + trade[0];
			case 5 -> contactFirst + "'s " + trade[0];
			case 6 -> pick(SURNAMES) + " & " + pick(SURNAMES) + " " + trade[0];
			case 7 -> community.name() + " " + trade[0];
			case 8 -> contactLast + " " + trade[0];
			default -> "The " + pick(PLACES) + " " + trade[0];
		};
		if (r.nextInt(100) < 25) {
			name = name + " " + pick(SUFFIXES);
		}
		return name;
	}

	private int tier() {
		int p = random.nextInt(100);
		return p < 5 ? 1 : p < 15 ? 2 : p < 40 ? 3 : 4; // skewed toward 4 (cold)
	}

	private <T> T pick(T[] values) {
		return values[random.nextInt(values.length)];
	}

	/** A UUIDv7 (RFC 9562) of the given time with seeded random bits. */
	private UUID uuid7(long millis) {
		long msb = (millis << 16) | 0x7000L | random.nextInt(1 << 12);
		long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}

	static String slug(String name) {
		String slug = name.toLowerCase(Locale.ROOT)
			.replace("'", "")
			.replace("&", " and ")
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("(^-+|-+$)", "");
		return slug.length() > 100 ? slug.substring(0, 100).replaceAll("-+$", "") : slug;
	}

	private void field(String value) {
		if (value != null) {
			row.append(value);
		}
		row.append(',');
	}

	private void text(String value) {
		if (value != null) {
			row.append('"').append(value.replace("\"", "\"\"")).append('"');
		}
		row.append(',');
	}

	private void bool(boolean value) {
		row.append(value ? 't' : 'f').append(',');
	}

}
