package com.fibonacco.demo.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;

/**
 * Builds realistic, varied and fully deterministic demo SMBs (local businesses) for a
 * list of communities.
 *
 * <p>
 * Pure JDK: no Spring, no I/O. The same {@code seed}, communities, count and {@code now}
 * always give the same list. Every timestamp is derived from {@code now}, never from the
 * system clock.
 *
 * <p>
 * Phone numbers are syntactically valid North American numbers in the community's area
 * codes and e-mail addresses use plausible domains, so they can belong to real people:
 * demo tenants must send through sandbox providers only.
 */
final class DemoSmbGenerator {

	/**
	 * Engagement bands as in the engagement tiers: Premium ≥80, Engaged ≥50, Active ≥20,
	 * Passive ≥0.
	 */
	private static final int[][] BANDS = { { 80, 100 }, { 50, 79 }, { 20, 49 }, { 0, 19 } };

	private static final double[] BAND_WEIGHTS = { 10, 22, 33, 35 };

	/**
	 * E-mail activity per band: chance of any open, days ago of the last open (min, max),
	 * chance of a click given an open, and how many days before the last open the last
	 * click may be.
	 */
	private static final double[][] ACTIVITY = { { 1.00, 0.04, 6, 0.90, 10 }, { 0.95, 1, 21, 0.65, 20 },
			{ 0.80, 5, 60, 0.30, 45 }, { 0.35, 45, 365, 0.08, 60 } };

	private static final double MISSING_EMAIL = 0.08;

	private static final double MISSING_PHONE = 0.08;

	private static final double HAS_DBA = 0.06;

	private static final double HAS_WEBSITE = 0.62;

	private static final double DO_NOT_CONTACT = 0.03;

	private DemoSmbGenerator() {
	}

	// ------------------------------------------------------------------------------------------------------------
	// Communities
	// ------------------------------------------------------------------------------------------------------------

	/**
	 * Three small US towns in three different time zones (Eastern, Central, Mountain).
	 */
	static List<DemoCommunity> defaultCommunities() {
		return List.of(new DemoCommunity("Hendersonville", "hendersonville-nc", "NC", "Henderson County", 15_137,
				"America/New_York", List.of("28739", "28791", "28792", "28793"), List.of("828"),
				List.of("Main St", "Church St", "King St", "Kanuga Rd", "Haywood Rd", "Spartanburg Hwy",
						"Greenville Hwy", "Fleming St", "Sixth Ave W", "Chimney Rock Rd", "Asheville Hwy", "Allen St")),
				new DemoCommunity("Stillwater", "stillwater-ok", "OK", "Payne County", 48_394, "America/Chicago",
						List.of("74074", "74075", "74076", "74077", "74078"), List.of("405", "572"),
						List.of("Main St", "Perkins Rd", "Husband St", "Duck St", "Lakeview Rd", "McElroy Rd",
								"Washington St", "Western Rd", "Sangre Rd", "Boomer Lake Rd", "Sixth Ave",
								"Hall of Fame Ave")),
				new DemoCommunity("Bozeman", "bozeman-mt", "MT", "Gallatin County", 53_293, "America/Denver",
						List.of("59715", "59717", "59718", "59771", "59772"), List.of("406"),
						List.of("Main St", "Babcock St", "Mendenhall St", "Rouse Ave", "Willson Ave", "Kagy Blvd",
								"Durston Rd", "Oak St", "Seventh Ave", "Huffine Ln", "Baxter Ln", "Bridger Dr")));
	}

	/**
	 * Town centres of the default communities; other communities fall back to their
	 * state's centre.
	 */
	private static final Map<String, double[]> CENTERS = Map.of("hendersonville-nc", new double[] { 35.3187, -82.4610 },
			"stillwater-ok", new double[] { 36.1156, -97.0584 }, "bozeman-mt", new double[] { 45.6793, -111.0373 });

	private static final Map<String, double[]> STATE_CENTERS = Map.ofEntries(
			Map.entry("AL", new double[] { 32.8, -86.8 }), Map.entry("AK", new double[] { 61.4, -152.3 }),
			Map.entry("AZ", new double[] { 34.2, -111.7 }), Map.entry("AR", new double[] { 34.9, -92.4 }),
			Map.entry("CA", new double[] { 37.2, -119.5 }), Map.entry("CO", new double[] { 39.0, -105.5 }),
			Map.entry("CT", new double[] { 41.6, -72.7 }), Map.entry("DE", new double[] { 39.0, -75.5 }),
			Map.entry("DC", new double[] { 38.9, -77.0 }), Map.entry("FL", new double[] { 28.6, -82.4 }),
			Map.entry("GA", new double[] { 32.7, -83.4 }), Map.entry("HI", new double[] { 20.8, -156.3 }),
			Map.entry("ID", new double[] { 44.4, -114.6 }), Map.entry("IL", new double[] { 40.0, -89.2 }),
			Map.entry("IN", new double[] { 39.9, -86.3 }), Map.entry("IA", new double[] { 42.1, -93.5 }),
			Map.entry("KS", new double[] { 38.5, -98.4 }), Map.entry("KY", new double[] { 37.5, -85.3 }),
			Map.entry("LA", new double[] { 31.1, -92.0 }), Map.entry("ME", new double[] { 45.4, -69.2 }),
			Map.entry("MD", new double[] { 39.0, -76.8 }), Map.entry("MA", new double[] { 42.3, -71.8 }),
			Map.entry("MI", new double[] { 44.3, -85.4 }), Map.entry("MN", new double[] { 46.3, -94.3 }),
			Map.entry("MS", new double[] { 32.7, -89.7 }), Map.entry("MO", new double[] { 38.4, -92.5 }),
			Map.entry("MT", new double[] { 47.0, -109.6 }), Map.entry("NE", new double[] { 41.5, -99.8 }),
			Map.entry("NV", new double[] { 39.3, -116.6 }), Map.entry("NH", new double[] { 43.7, -71.6 }),
			Map.entry("NJ", new double[] { 40.2, -74.7 }), Map.entry("NM", new double[] { 34.4, -106.1 }),
			Map.entry("NY", new double[] { 42.9, -75.5 }), Map.entry("NC", new double[] { 35.6, -79.4 }),
			Map.entry("ND", new double[] { 47.5, -100.5 }), Map.entry("OH", new double[] { 40.3, -82.8 }),
			Map.entry("OK", new double[] { 35.6, -97.5 }), Map.entry("OR", new double[] { 43.9, -120.6 }),
			Map.entry("PA", new double[] { 40.9, -77.8 }), Map.entry("RI", new double[] { 41.7, -71.5 }),
			Map.entry("SC", new double[] { 33.9, -80.9 }), Map.entry("SD", new double[] { 44.4, -100.2 }),
			Map.entry("TN", new double[] { 35.9, -86.4 }), Map.entry("TX", new double[] { 31.5, -99.3 }),
			Map.entry("UT", new double[] { 39.3, -111.7 }), Map.entry("VT", new double[] { 44.1, -72.7 }),
			Map.entry("VA", new double[] { 37.5, -78.9 }), Map.entry("WA", new double[] { 47.4, -120.5 }),
			Map.entry("WV", new double[] { 38.6, -80.6 }), Map.entry("WI", new double[] { 44.6, -89.9 }),
			Map.entry("WY", new double[] { 43.0, -107.6 }));

	private static double[] centerOf(DemoCommunity c) {
		double[] known = CENTERS.get(c.slug());
		if (known != null) {
			return known;
		}
		double[] state = STATE_CENTERS.getOrDefault(c.state().toUpperCase(Locale.ROOT), new double[] { 39.8, -98.6 });
		// spread unknown towns of one state apart, deterministically (String.hashCode is
		// specified)
		int h = c.slug().hashCode();
		return new double[] { state[0] + ((h & 0xFF) - 128) / 256.0, state[1] + (((h >>> 8) & 0xFF) - 128) / 256.0 };
	}

	// ------------------------------------------------------------------------------------------------------------
	// Business kinds
	// ------------------------------------------------------------------------------------------------------------

	/**
	 * One kind of local business. {@code styles}: P possessive ("Kim's ..."), F family
	 * ("Rodriguez Family ..."), S sons ("Walker &amp; Sons ..."), L last name ("Nguyen
	 * ..."), A partners ("Patel &amp; Moore ...").
	 */
	private record Kind(String type, String category, String label, String styles, List<String> nouns,
			List<String> brands, List<String> offerings) {
	}

	private static Kind k(String type, String category, String label, String styles, List<String> nouns,
			List<String> brands, List<String> offerings) {
		return new Kind(type, category, label, styles, nouns, brands, offerings);
	}

	private static final String FOOD = "food_and_drink";

	private static final String BEAUTY = "health_and_beauty";

	private static final String HOME = "home_services";

	private static final String RETAIL = "retail";

	private static final String PRO = "professional_services";

	private static final String AUTO = "automotive";

	private static final String FIT = "fitness";

	private static final String PETS = "pets";

	private static final List<Kind> KINDS = List.of(
			// food & drink
			k("bakery", FOOD, "bakery", "PFL", List.of("Bakery", "Bake Shop", "Bakehouse", "Bread Co."),
					List.of("Rise & Shine", "Golden Crust", "Sweet Crumb", "Rolling Pin", "Butter & Salt"),
					List.of("sourdough bread", "custom cakes", "cinnamon rolls", "wedding cakes",
							"gluten-free pastries", "morning coffee", "cookies by the dozen")),
			k("coffee_shop", FOOD, "coffee shop", "PL",
					List.of("Coffee", "Coffee House", "Coffee Co.", "Espresso Bar", "Roasters"),
					List.of("Daily Grind", "Common Ground", "Steam & Bean", "Black Dog", "Early Bird"),
					List.of("espresso drinks", "pour-over coffee", "house-roasted beans", "breakfast sandwiches",
							"pastries", "cold brew", "loose-leaf tea")),
			k("pizzeria", FOOD, "pizzeria", "PFL", List.of("Pizza", "Pizzeria", "Pizza Co.", "Brick Oven Pizza"),
					List.of("Slice of Heaven", "Firehouse", "Big Pie", "Hot Crust", "Upper Crust"),
					List.of("wood-fired pizza", "calzones", "wings", "salads", "gluten-free crust", "catering trays",
							"delivery")),
			k("family_restaurant", FOOD, "family restaurant", "PF",
					List.of("Diner", "Kitchen", "Cafe", "Grill", "Family Restaurant"),
					List.of("Blue Plate", "Sunny Side", "Country Table", "Corner Booth", "Skillet"),
					List.of("all-day breakfast", "homestyle dinners", "daily specials", "kids menu", "takeout",
							"catering", "homemade pie")),
			k("brewery", FOOD, "craft brewery", "L", List.of("Brewing Co.", "Brewing Company", "Brewery", "Beer Works"),
					List.of("Iron Horse", "Hop Yard", "Tall Pine", "Cold Creek", "Wandering Elk"),
					List.of("craft beer", "taproom", "growler fills", "brewery tours", "live music nights",
							"private events", "food truck Fridays")),
			k("deli", FOOD, "deli and sandwich shop", "PL",
					List.of("Deli", "Sandwich Shop", "Delicatessen", "Market & Deli"),
					List.of("Stacked", "Rye & Mustard", "Big Apple", "Lunch Box"),
					List.of("hot subs", "sliced meats and cheeses", "soups", "box lunches", "party platters",
							"salads")),
			k("ice_cream_shop", FOOD, "ice cream shop", "PF",
					List.of("Ice Cream", "Creamery", "Scoop Shop", "Frozen Custard"),
					List.of("Sweet Scoops", "Twisty Cone", "Double Dip", "Sprinkles", "Sundae Best"),
					List.of("homemade ice cream", "frozen custard", "sundaes", "milkshakes", "ice cream cakes",
							"dairy-free sorbet")),
			k("taqueria", FOOD, "Mexican restaurant", "P", List.of("Taqueria", "Cantina", "Mexican Grill", "Tacos"),
					List.of("El Sol", "La Casita", "Los Amigos", "El Fogon", "La Palma"),
					List.of("street tacos", "burritos", "tamales", "fresh salsa", "catering", "family platters",
							"horchata")),
			k("bbq_restaurant", FOOD, "barbecue restaurant", "PFL", List.of("BBQ", "Smokehouse", "Barbecue", "Pit BBQ"),
					List.of("Slow Smoke", "Hickory Pit", "Lazy Pig", "Smokin' Oak", "Burnt End"),
					List.of("smoked brisket", "pulled pork", "ribs", "homemade sides", "catering",
							"sauce by the bottle")),
			// health & beauty
			k("hair_salon", BEAUTY, "hair salon", "P", List.of("Salon", "Hair Studio", "Hair Co.", "Salon & Spa"),
					List.of("Shear Bliss", "Mane Street", "Studio Nine", "Velvet", "Golden Hour"),
					List.of("haircuts", "color and highlights", "balayage", "blowouts", "bridal styling",
							"keratin treatments", "kids cuts")),
			k("barbershop", BEAUTY, "barbershop", "PL", List.of("Barbershop", "Barber Co.", "Barbers", "Barber Shop"),
					List.of("Sharp Edge", "Gentleman's Corner", "Clean Cut", "Straight Razor", "Fade Factory"),
					List.of("classic cuts", "fades", "beard trims", "hot towel shaves", "kids cuts", "walk-ins")),
			k("nail_salon", BEAUTY, "nail salon", "P", List.of("Nail Studio", "Nails", "Nail Spa", "Nail Bar"),
					List.of("Polished", "Lux", "Glossy", "Pink Lotus", "Top Coat"),
					List.of("manicures", "pedicures", "gel nails", "dip powder", "nail art", "waxing")),
			k("day_spa", BEAUTY, "day spa", "P", List.of("Day Spa", "Spa", "Wellness Spa", "Skin & Spa"),
					List.of("Serenity", "Willow", "Lotus", "Blue Sage", "Quiet Pines"),
					List.of("massage", "facials", "body wraps", "waxing", "couples packages", "gift cards")),
			k("dental_practice", BEAUTY, "dental practice", "FLA",
					List.of("Dental", "Family Dental", "Dentistry", "Dental Care"),
					List.of("Bright Smile", "Gentle Touch", "Summit", "Evergreen", "Smile Street"),
					List.of("cleanings and exams", "teeth whitening", "crowns", "clear aligners", "pediatric dentistry",
							"emergency appointments", "implants")),
			k("chiropractor", BEAUTY, "chiropractic clinic", "FL",
					List.of("Chiropractic", "Chiropractic & Wellness", "Spine & Wellness", "Chiropractic Center"),
					List.of("Align", "Back in Motion", "Balance", "Keystone"),
					List.of("spinal adjustments", "sports injury care", "massage therapy", "posture screenings",
							"auto accident care", "prenatal chiropractic")),
			k("optometrist", BEAUTY, "eye care practice", "FL",
					List.of("Eye Care", "Optometry", "Vision Center", "Family Eye Care"),
					List.of("Clear View", "Bright Eyes", "Focal Point", "Sharp Sight"),
					List.of("eye exams", "contact lens fittings", "designer frames", "pediatric eye care",
							"dry eye treatment", "LASIK consultations")),
			k("massage_therapy", BEAUTY, "massage studio", "P",
					List.of("Massage", "Massage Therapy", "Bodywork", "Massage Studio"),
					List.of("Healing Hands", "Kneaded", "Deep Roots", "Tranquil", "Still Point"),
					List.of("Swedish massage", "deep tissue massage", "prenatal massage", "hot stone massage",
							"sports massage", "gift certificates")),
			// home services
			k("plumbing", HOME, "plumbing company", "SLF",
					List.of("Plumbing", "Plumbing & Heating", "Plumbing Co.", "Plumbing Services", "Rooter & Plumbing"),
					List.of("Clear Flow", "Reliable", "Pipeline", "True Level", "Blue Ridge"),
					List.of("drain cleaning", "water heater installation", "leak repair", "sewer line repair",
							"bathroom remodels", "24/7 emergency service", "sump pumps")),
			k("hvac", HOME, "heating and air company", "SL",
					List.of("Heating & Air", "Heating & Cooling", "HVAC", "Comfort Systems", "Mechanical"),
					List.of("Polar Bear", "Comfort Zone", "All Seasons", "Fresh Air", "True North"),
					List.of("AC repair", "furnace installation", "heat pumps", "duct cleaning", "maintenance plans",
							"indoor air quality", "emergency service")),
			k("electrician", HOME, "electrical contractor", "SL",
					List.of("Electric", "Electrical Services", "Electric Co.", "Electrical Contractors"),
					List.of("Bright Spark", "Live Wire", "Current", "Power Up", "Volt"),
					List.of("panel upgrades", "lighting installation", "EV charger installation", "generator hookups",
							"rewiring", "ceiling fans", "electrical inspections")),
			k("roofing", HOME, "roofing contractor", "SL",
					List.of("Roofing", "Roofing & Exteriors", "Roofing Co.", "Roof & Gutter"),
					List.of("Top Notch", "Peak", "Shield", "High Point", "Storm Guard"),
					List.of("roof replacement", "roof repair", "gutter installation", "storm damage inspections",
							"siding", "skylights")),
			k("landscaping", HOME, "landscaping company", "SLP",
					List.of("Landscaping", "Lawn & Landscape", "Lawn Care", "Outdoor Living"),
					List.of("Green Thumb", "Evergreen", "Fresh Cut", "Stone & Leaf", "Wildwood"),
					List.of("lawn mowing", "landscape design", "mulching", "hardscaping", "tree trimming",
							"snow removal", "irrigation")),
			k("house_cleaning", HOME, "home cleaning service", "P",
					List.of("Cleaning", "Cleaning Co.", "Maids", "Home Cleaning"),
					List.of("Sparkle", "Spotless", "Fresh Start", "Tidy Up", "Shine"),
					List.of("weekly house cleaning", "deep cleaning", "move-out cleaning", "office cleaning",
							"window washing", "carpet cleaning")),
			k("painting", HOME, "painting contractor", "SL",
					List.of("Painting", "Painting Co.", "Painters", "Painting & Drywall"),
					List.of("Fresh Coat", "True Color", "Brush Strokes", "Clean Line", "Color Works"),
					List.of("interior painting", "exterior painting", "cabinet refinishing", "drywall repair",
							"deck staining", "color consultations")),
			k("pest_control", HOME, "pest control company", "L",
					List.of("Pest Control", "Pest Solutions", "Exterminating", "Termite & Pest"),
					List.of("Bug Out", "Critter Gone", "Guardian", "Safe Home"),
					List.of("general pest control", "termite inspections", "mosquito treatment", "rodent removal",
							"wildlife exclusion", "quarterly service plans")),
			k("handyman", HOME, "handyman service", "P",
					List.of("Handyman", "Home Repair", "Handyman Services", "Home Services"),
					List.of("Fix-It", "Honey Do", "Odd Jobs", "Toolbox", "Right Hand"),
					List.of("small repairs", "furniture assembly", "drywall patching", "door and window repair",
							"TV mounting", "deck repair")),
			// retail
			k("florist", RETAIL, "florist", "P",
					List.of("Flowers", "Florist", "Floral", "Flower Shop", "Floral Design"),
					List.of("Petal & Stem", "Wildflower", "Bloom", "Posy", "Fern & Ivy"),
					List.of("same-day delivery", "wedding flowers", "sympathy arrangements", "potted plants",
							"weekly flower subscriptions", "event florals")),
			k("bookstore", RETAIL, "independent bookstore", "P",
					List.of("Books", "Bookstore", "Book Shop", "Booksellers"),
					List.of("Dog-Eared", "Chapter One", "Turn the Page", "Inkwell", "Paper Lantern"),
					List.of("new and used books", "children's books", "special orders", "author events", "book clubs",
							"gifts and cards")),
			k("hardware_store", RETAIL, "hardware store", "SL",
					List.of("Hardware", "Hardware & Supply", "Hardware Co."),
					List.of("Nuts & Bolts", "Toolshed", "Cornerstone", "Hometown"),
					List.of("tools", "paint mixing", "key cutting", "lawn and garden supplies", "plumbing parts",
							"screen and window repair", "propane exchange")),
			k("clothing_boutique", RETAIL, "clothing boutique", "P",
					List.of("Boutique", "Clothing Co.", "Outfitters", "Style Shop"),
					List.of("Magnolia", "Threads", "Wild Honey", "Indigo", "Sage & Stone"),
					List.of("women's clothing", "accessories", "jewelry", "seasonal collections", "personal styling",
							"gift cards")),
			k("gift_shop", RETAIL, "gift shop", "P",
					List.of("Gifts", "Gift Shop", "Mercantile", "General Store", "Trading Co."),
					List.of("Paper Moon", "Wit & Whimsy", "Sweet Pea", "Copper Kettle", "Bluebird"),
					List.of("local art", "candles", "greeting cards", "home decor", "local food gifts",
							"gift wrapping")),
			k("jewelry_store", RETAIL, "jewelry store", "LSP",
					List.of("Jewelers", "Jewelry", "Fine Jewelry", "Diamonds & Gold"),
					List.of("Heirloom", "Sterling", "Facet", "Golden Thread"),
					List.of("engagement rings", "jewelry repair", "custom designs", "watch batteries", "appraisals",
							"gold buying")),
			k("bike_shop", RETAIL, "bike shop", "P", List.of("Bicycles", "Bike Shop", "Cycles", "Bike Co."),
					List.of("Spoke & Chain", "Pedal Pushers", "Two Wheel", "Freewheel", "Gravel Road"),
					List.of("bike sales", "tune-ups", "repairs", "e-bikes", "bike fittings", "group rides")),
			k("antique_shop", RETAIL, "antique and vintage shop", "P",
					List.of("Antiques", "Vintage", "Antiques & Collectibles", "Antique Market"),
					List.of("Second Story", "Time Worn", "Old Barn", "Rust & Relic", "Attic Treasures"),
					List.of("vintage furniture", "collectibles", "estate jewelry", "vinyl records", "consignment",
							"restoration")),
			// professional services
			k("accounting", PRO, "accounting firm", "LA",
					List.of("Accounting", "Tax & Accounting", "CPAs", "Tax Service", "Bookkeeping"),
					List.of("Summit", "Keystone", "Ledger Line", "Bottom Line", "Cornerstone"),
					List.of("tax preparation", "bookkeeping", "payroll", "small business accounting",
							"IRS representation", "financial planning")),
			k("law_office", PRO, "law office", "LA", List.of("Law Office", "Law Group", "Law Firm", "Attorneys at Law"),
					List.of("Heritage", "Liberty", "Cornerstone", "Keystone"),
					List.of("estate planning", "wills and trusts", "real estate closings", "family law",
							"business formation", "personal injury")),
			k("insurance_agency", PRO, "insurance agency", "LA",
					List.of("Insurance", "Insurance Agency", "Insurance Group", "Insurance & Financial"),
					List.of("Safe Harbor", "Keystone", "Shield", "Anchor", "Trailhead"),
					List.of("home insurance", "auto insurance", "business insurance", "life insurance",
							"Medicare plans", "umbrella policies")),
			k("real_estate", PRO, "real estate brokerage", "LA",
					List.of("Realty", "Real Estate", "Properties", "Homes", "Real Estate Group"),
					List.of("Hometown", "Keystone", "Front Porch", "Open Door", "Key & Compass"),
					List.of("home buying", "home selling", "property management", "relocation help",
							"free home valuations", "land and acreage")),
			k("photography", PRO, "photography studio", "LP",
					List.of("Photography", "Photo Studio", "Photo Co.", "Portraits"),
					List.of("Golden Hour", "Lens & Light", "Snapshot", "Wildframe", "Little Light"),
					List.of("family portraits", "wedding photography", "senior pictures", "headshots",
							"event photography", "newborn sessions")),
			// automotive
			k("auto_repair", AUTO, "auto repair shop", "SLP",
					List.of("Auto Repair", "Automotive", "Auto Care", "Garage", "Auto & Tire"),
					List.of("Precision", "Honest", "Pit Stop", "Main Line", "Gearhead"),
					List.of("oil changes", "brake repair", "engine diagnostics", "state inspections",
							"transmission service", "tires and alignment", "AC service")),
			k("tire_shop", AUTO, "tire and service center", "SL",
					List.of("Tire & Auto", "Tire Center", "Tire Co.", "Tire & Service"),
					List.of("Road Ready", "Tread Right", "Big Wheel", "Grip"),
					List.of("new tires", "tire rotation", "wheel alignment", "flat repair", "oil changes", "brakes")),
			k("auto_detailing", AUTO, "auto detailing shop", "P",
					List.of("Auto Detailing", "Detailing", "Auto Spa", "Car Care"),
					List.of("Showroom", "Mirror Finish", "Gleam", "Spotless Ride"),
					List.of("interior detailing", "exterior detailing", "ceramic coating", "paint correction",
							"headlight restoration", "fleet detailing")),
			// fitness
			k("gym", FIT, "fitness center", "L",
					List.of("Fitness", "Gym", "Fitness Center", "Athletic Club", "Strength & Conditioning"),
					List.of("Ironworks", "Peak Performance", "Forge", "Momentum", "Grit"),
					List.of("open gym", "personal training", "group classes", "strength training", "24-hour access",
							"nutrition coaching")),
			k("yoga_studio", FIT, "yoga studio", "P", List.of("Yoga", "Yoga Studio", "Yoga & Wellness", "Hot Yoga"),
					List.of("Lotus", "Sun & Moon", "Breathe", "True North", "Open Sky"),
					List.of("vinyasa classes", "beginner yoga", "hot yoga", "prenatal yoga", "meditation",
							"private sessions")),
			k("martial_arts", FIT, "martial arts school", "PL",
					List.of("Martial Arts", "Karate", "Taekwondo", "Jiu-Jitsu", "Martial Arts Academy"),
					List.of("Dragon", "Black Belt", "Tiger", "Warrior", "Iron Fist"),
					List.of("kids martial arts", "adult classes", "self-defense", "Brazilian jiu-jitsu",
							"after-school program", "birthday parties")),
			// pets
			k("pet_grooming", PETS, "pet grooming salon", "P",
					List.of("Pet Grooming", "Dog Grooming", "Grooming", "Pet Spa"),
					List.of("Wag & Wash", "Furever Clean", "Bubbles & Bows", "Dapper Dog", "Muddy Paws"),
					List.of("full grooms", "bath and brush", "nail trims", "de-shedding", "puppy grooms",
							"cat grooming")),
			k("veterinary_clinic", PETS, "veterinary clinic", "FL",
					List.of("Animal Hospital", "Veterinary Clinic", "Animal Clinic", "Pet Hospital"),
					List.of("Companion", "Healing Paws", "Heartland", "Country"),
					List.of("wellness exams", "vaccinations", "dental cleanings", "spay and neuter", "surgery",
							"urgent care")),
			k("dog_daycare", PETS, "dog daycare and boarding", "P",
					List.of("Dog Daycare", "Pet Resort", "Pet Lodge", "Doggy Daycare & Boarding"),
					List.of("Happy Tails", "Bark Park", "Ruff House", "Camp Canine", "Tail Waggers"),
					List.of("dog daycare", "overnight boarding", "training classes", "dog walking",
							"puppy socialization", "grooming add-ons")),
			k("pet_supply", PETS, "pet supply store", "L",
					List.of("Pet Supply", "Feed & Pet", "Pet Store", "Pet Market"),
					List.of("Good Dog", "Whiskers & Wags", "Paws", "Barn Cat"), List.of("natural pet food",
							"treats and chews", "toys", "self-serve dog wash", "feed and hay", "delivery")));

	// ------------------------------------------------------------------------------------------------------------
	// Name and wording pools
	// ------------------------------------------------------------------------------------------------------------

	private static final List<String> FIRST_NAMES = List.of("Maria", "James", "Aisha", "Wei", "Priya", "Carlos",
			"Emily", "DeShawn", "Mei", "Omar", "Sofia", "Michael", "Fatima", "Hiroshi", "Grace", "Luis", "Olivia",
			"Jamal", "Ana", "David", "Linh", "Raj", "Hannah", "Tyrone", "Ingrid", "Ahmed", "Rosa", "Kevin", "Yuki",
			"Isabella", "Marcus", "Leila", "Daniel", "Chloe", "Andre", "Sunita", "Brian", "Keisha", "Tomas", "Jessica",
			"Ravi", "Amara", "Ethan", "Carmen", "Sean", "Noor", "Jin", "Rachel", "Diego", "Tanya", "Samuel", "Mariana",
			"Erik", "Zainab", "Patrick", "Lakshmi", "Jorge", "Megan", "Kwame", "Elena", "Hyun", "Bethany", "Alejandro",
			"Nadia", "Trevor", "Gabriela", "Malik", "Anh", "Connor", "Esperanza", "Dmitri", "Heather", "Ibrahim",
			"Lucia", "Wyatt", "Shanice", "Arjun", "Colleen", "Mateo", "Haruka", "Dakota", "Ruth", "Winston", "Naomi");

	private static final List<String> LAST_NAMES = List.of("Rodriguez", "Kim", "Nguyen", "Patel", "Smith", "Johnson",
			"Williams", "Garcia", "Martinez", "Brown", "Jones", "Lee", "Chen", "Washington", "Hernandez", "Lopez",
			"Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Thompson", "White",
			"Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
			"Scott", "Torres", "Hill", "Flores", "Green", "Adeyemi", "Nelson", "Baker", "Campbell", "Mitchell",
			"Roberts", "Carter", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
			"Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell",
			"Gomez", "Kelly", "Howard", "Ward", "Brooks", "Bennett", "Gray", "Okafor", "Haddad", "Yamamoto", "Singh",
			"Kowalski", "Olsen", "Schmidt", "O'Brien", "Castillo", "Tran", "Park", "Shah", "Abdi", "Begay", "Novak",
			"Rossi", "Lindqvist", "Mensah");

	private static final List<String> PLACES = List.of("Main Street", "Riverside", "Two Rivers", "Oak Hollow",
			"Cedar Creek", "Hometown", "Heritage", "Summit", "Northside", "Old Town", "Red Barn", "Lakeside",
			"Evergreen", "Pioneer", "Union", "Liberty", "Crossroads", "Hilltop", "Willow Creek", "Mill Creek",
			"Stone Bridge", "Valley", "Eastside", "Westside", "Timberline", "Prairie", "High Country", "Bluebird",
			"Meadowlark", "Copper Ridge", "Sycamore", "Ridgeline", "Four Corners", "Depot", "Courthouse Square",
			"Harvest Moon", "Big Sky", "Blue Ridge", "Red Dirt", "Sunflower");

	private static final List<String> OWNERSHIP = List.of("family-owned", "locally owned", "independent", "woman-owned",
			"veteran-owned", "neighborhood");

	private static final List<String> GENERIC_ROLES = List.of("Co-owner", "Office Manager", "General Manager",
			"Bookkeeper", "Marketing Coordinator", "Assistant Manager", "Operations Manager");

	private static final Map<String, List<String>> CATEGORY_ROLES = Map.of(FOOD,
			List.of("Head Chef", "Kitchen Manager", "Front of House Manager", "Catering Coordinator"), BEAUTY,
			List.of("Front Desk Lead", "Practice Manager", "Lead Stylist", "Patient Coordinator"), HOME,
			List.of("Dispatcher", "Field Supervisor", "Estimator", "Service Manager"), RETAIL,
			List.of("Store Manager", "Buyer", "Visual Merchandiser"), PRO,
			List.of("Partner", "Office Administrator", "Paralegal", "Client Services Manager"), AUTO,
			List.of("Service Advisor", "Shop Foreman", "Parts Manager"), FIT,
			List.of("Head Coach", "Membership Director", "Program Director"), PETS,
			List.of("Practice Manager", "Head Groomer", "Kennel Manager"));

	private static final Map<String, List<String>> CATEGORY_CLOSERS = Map.of(FOOD,
			List.of("Dine-in, takeout, and catering available.", "Open seven days a week.",
					"Everything is made from scratch each morning."),
			BEAUTY,
			List.of("New clients welcome.", "Online booking available.",
					"Evening and Saturday appointments available."),
			HOME, List.of("Licensed and insured.", "Free estimates.", "Same-day service available."), RETAIL,
			List.of("Gift wrapping is always free.", "Locally sourced whenever possible.", "Open seven days a week."),
			PRO,
			List.of("Free initial consultations.", "Evening appointments by request.",
					"Serving clients for over a decade."),
			AUTO, List.of("ASE-certified technicians.", "Loaner vehicles available.", "Free estimates."), FIT,
			List.of("First class is free.", "All fitness levels welcome.", "Family memberships available."), PETS,
			List.of("Dogs and cats welcome.", "Online booking available.", "Fear Free certified staff."));

	private static final String[] FREE_MAIL = { "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",
			"aol.com" };

	private static final double[] FREE_MAIL_WEIGHTS = { 55, 15, 12, 8, 6, 4 };

	private static final String[] SOURCES = { "csv_import", "cold_outreach", "chamber_of_commerce", "website_form",
			"referral", "event" };

	private static final double[] SOURCE_WEIGHTS = { 35, 20, 15, 12, 10, 8 };

	private static final String[] TIERS = { "free", "basic", "standard", "premium", "enterprise" };

	private static final double[] TIER_WEIGHTS = { 50, 20, 15, 10, 5 };

	// ------------------------------------------------------------------------------------------------------------
	// Generation
	// ------------------------------------------------------------------------------------------------------------

	static List<DemoSmb> generate(long seed, List<DemoCommunity> communities, int count, Instant now) {
		Objects.requireNonNull(communities, "communities");
		Objects.requireNonNull(now, "now");
		if (communities.isEmpty()) {
			throw new IllegalArgumentException("at least one community is required");
		}
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative");
		}
		SplittableRandom rnd = new SplittableRandom(seed);
		Instant base = now.truncatedTo(ChronoUnit.SECONDS);

		List<Integer> communityPlan = communityPlan(rnd, communities, count);
		List<Integer> bandPlan = bandPlan(rnd, count);

		Set<String> names = new HashSet<>();
		Set<String> domains = new HashSet<>();
		Set<String> emails = new HashSet<>();
		Set<String> phones = new HashSet<>();
		List<DemoSmb> out = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int ci = communityPlan.get(i);
			out.add(one(rnd, ci, communities.get(ci), bandPlan.get(i), base, names, domains, emails, phones));
		}
		return List.copyOf(out);
	}

	/**
	 * Every community gets at least one SMB (when count allows); the rest are spread by
	 * the cube root of population, so big towns get more without swamping small ones.
	 */
	private static List<Integer> communityPlan(SplittableRandom rnd, List<DemoCommunity> communities, int count) {
		double[] weights = new double[communities.size()];
		for (int i = 0; i < weights.length; i++) {
			weights[i] = Math.cbrt(Math.max(1, communities.get(i).population()));
		}
		List<Integer> plan = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			plan.add(i < communities.size() ? i : pickWeighted(rnd, weights));
		}
		shuffle(rnd, plan);
		return plan;
	}

	/**
	 * Every engagement band appears (when count ≥ 4); the rest follow
	 * {@link #BAND_WEIGHTS}.
	 */
	private static List<Integer> bandPlan(SplittableRandom rnd, int count) {
		List<Integer> plan = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			plan.add(i < BANDS.length ? i : pickWeighted(rnd, BAND_WEIGHTS));
		}
		shuffle(rnd, plan);
		return plan;
	}

	private static DemoSmb one(SplittableRandom rnd, int communityIndex, DemoCommunity c, int band, Instant now,
			Set<String> names, Set<String> domains, Set<String> emails, Set<String> phones) {
		Kind kind = KINDS.get(rnd.nextInt(KINDS.size()));
		final String first = pick(rnd, FIRST_NAMES);
		final String last = pick(rnd, LAST_NAMES);

		// --- name (unique within this run) ---
		@Nullable Naming naming = null;
		for (int attempt = 0; attempt < 60 && naming == null; attempt++) {
			Naming candidate = name(rnd, kind, c, first, last);
			String stem = "stem:" + kind.type() + ":" + candidate.prefix().toLowerCase(Locale.ROOT);
			if (!names.contains(stem) && names.add(candidate.full().toLowerCase(Locale.ROOT))) {
				names.add(stem);
				naming = candidate;
			}
		}
		if (naming == null) {
			Naming base = name(rnd, kind, c, first, last);
			String full = base.full() + " of " + c.name();
			for (int n = 2; !names.add(full.toLowerCase(Locale.ROOT)); n++) {
				full = base.full() + " of " + c.name() + " " + n;
			}
			naming = new Naming(full, base.prefix(), base.noun());
		}
		final Naming chosen = naming;
		String businessName = chosen.full();

		@Nullable String dbaName = null;
		if (rnd.nextDouble() < HAS_DBA) {
			List<String> others = kind.nouns().stream().filter(n -> !n.equals(chosen.noun())).toList();
			String alt = chosen.prefix() + " " + pick(rnd, others);
			if (!alt.equalsIgnoreCase(businessName)) {
				dbaName = alt;
			}
		}

		// --- web & contact ---
		@Nullable String domain = null;
		if (rnd.nextDouble() < HAS_WEBSITE) {
			domain = domain(businessName, c, domains);
		}
		@Nullable String website = (domain != null) ? "https://www." + domain : null;

		@Nullable String primaryEmail = null;
		if (rnd.nextDouble() >= MISSING_EMAIL) {
			primaryEmail = uniqueEmail(rnd, first, last, domain != null && rnd.nextDouble() < 0.85 ? domain : null,
					kind, emails);
		}
		@Nullable String primaryPhone = (rnd.nextDouble() >= MISSING_PHONE) ? phone(rnd, c, phones) : null;

		List<SecondaryContact> secondary = new ArrayList<>();
		double s = rnd.nextDouble();
		int secondaryCount = s < 0.55 ? 0 : s < 0.88 ? 1 : 2;
		List<String> roles = new ArrayList<>(GENERIC_ROLES);
		roles.addAll(CATEGORY_ROLES.getOrDefault(kind.category(), List.of()));
		for (int j = 0; j < secondaryCount; j++) {
			String sf = pick(rnd, FIRST_NAMES);
			// relatives often work together
			String sl = rnd.nextDouble() < 0.3 ? last : pick(rnd, LAST_NAMES);
			if (sf.equals(first)) {
				sf = FIRST_NAMES.get((FIRST_NAMES.indexOf(sf) + 1) % FIRST_NAMES.size());
			}
			String role = roles.remove(rnd.nextInt(roles.size()));
			String email = uniqueEmail(rnd, sf, sl, domain, kind, emails);
			secondary.add(new SecondaryContact(sf + " " + sl, email, phone(rnd, c, phones), role));
		}

		// --- location ---
		String street = pick(rnd, c.streets());
		String address = (100 + rnd.nextInt(9800)) + " " + street;
		if ((kind.category().equals(PRO) || kind.category().equals(BEAUTY)) && rnd.nextDouble() < 0.3) {
			address += ", Suite " + (100 + rnd.nextInt(300));
		}
		String zip = pick(rnd, c.zips());
		double[] center = centerOf(c);
		double lat = center[0] + (rnd.nextDouble() * 2 - 1) * 0.035;
		double lon = center[1] + (rnd.nextDouble() * 2 - 1) * 0.045;

		// --- commercial ---
		String tier = TIERS[pickWeighted(rnd, TIER_WEIGHTS)];
		@Nullable String serviceModel = serviceModel(rnd, tier);
		String source = SOURCES[pickWeighted(rnd, SOURCE_WEIGHTS)];

		// --- consent: do-not-contact overrides everything; a channel needs an address
		// ---
		boolean doNotContact = rnd.nextDouble() < DO_NOT_CONTACT;
		boolean emailOptedIn = !doNotContact && primaryEmail != null && rnd.nextDouble() < 0.93;
		boolean smsOptedIn = !doNotContact && primaryPhone != null && rnd.nextDouble() < 0.15;
		boolean rvmOptedIn = !doNotContact && primaryPhone != null && rnd.nextDouble() < 0.62;
		boolean phoneOptedIn = !doNotContact && primaryPhone != null && rnd.nextDouble() < 0.22;

		// --- profile ---
		List<String> products = sample(rnd, kind.offerings(), 3 + rnd.nextInt(3));
		String description = description(rnd, businessName, kind, c, street, products);

		// --- engagement ---
		int[] range = BANDS[band];
		int score = range[0] + rnd.nextInt(range[1] - range[0] + 1);
		@Nullable Instant lastOpen = null;
		@Nullable Instant lastClick = null;
		if (primaryEmail != null) {
			double[] q = ACTIVITY[band];
			if (rnd.nextDouble() < q[0]) {
				lastOpen = now.minus(seconds(rnd, q[1], q[2]));
				if (rnd.nextDouble() < q[3]) {
					lastClick = lastOpen.minus(seconds(rnd, 0, q[4]));
				}
			}
		}

		return new DemoSmb(communityIndex, businessName, dbaName, kind.type(), kind.category(), first + " " + last,
				primaryEmail, primaryPhone, secondary, address, c.name(), c.state(), zip, decimal(lat), decimal(lon),
				serviceModel, tier, emailOptedIn, smsOptedIn, rvmOptedIn, phoneOptedIn, doNotContact, source,
				description, website, products, score, lastOpen, lastClick);
	}

	/**
	 * A generated name, {@code full = prefix + " " + noun}. Personal prefixes ("Kim's",
	 * "Rodriguez Family") use the primary contact's own names.
	 */
	private record Naming(String full, String prefix, String noun) {
	}

	private static Naming name(SplittableRandom rnd, Kind kind, DemoCommunity c, String first, String last) {
		String noun = pick(rnd, kind.nouns());
		String styles = kind.styles();
		double r = rnd.nextDouble();
		String prefix;
		if (r < 0.30) {
			prefix = place(rnd, c);
		}
		else if (r < 0.55) {
			prefix = pick(rnd, kind.brands());
		}
		else if (r < 0.62) {
			prefix = c.name();
		}
		else {
			// personal styles; fall back to a place when the kind has none that fit
			List<Character> options = new ArrayList<>();
			for (char ch : styles.toCharArray()) {
				boolean doubled = (ch == 'F' && noun.contains("Family"))
						|| ((ch == 'S' || ch == 'A') && noun.contains("&"));
				if (!doubled) {
					options.add(ch);
				}
			}
			if (options.isEmpty()) {
				prefix = place(rnd, c);
			}
			else {
				char style = options.get(rnd.nextInt(options.size()));
				prefix = switch (style) {
					case 'P' -> (rnd.nextDouble() < 0.6 ? first : last) + "'s";
					case 'F' -> last + " Family";
					case 'S' -> last + " & Sons";
					case 'A' -> {
						String partner = pick(rnd, LAST_NAMES);
						yield partner.equals(last) ? last : last + " & " + partner;
					}
					default -> last;
				};
			}
		}
		return new Naming(prefix + " " + noun, prefix, noun);
	}

	private static String place(SplittableRandom rnd, DemoCommunity c) {
		double r = rnd.nextDouble();
		if (r < 0.2) {
			String street = expandStreet(pick(rnd, c.streets()));
			if (street != null) {
				return street;
			}
		}
		else if (r < 0.25 && c.county().endsWith(" County")) {
			return c.county().substring(0, c.county().length() - " County".length());
		}
		return pick(rnd, PLACES);
	}

	/**
	 * "Main St" becomes "Main Street"; streets that don't read well in a name give null.
	 */
	private static @Nullable String expandStreet(String street) {
		String[][] suffixes = { { " St", " Street" }, { " Ave", " Avenue" }, { " Rd", " Road" },
				{ " Blvd", " Boulevard" }, { " Dr", " Drive" } };
		for (String[] s : suffixes) {
			if (street.endsWith(s[0])) {
				return street.substring(0, street.length() - s[0].length()) + s[1];
			}
		}
		return null;
	}

	private static String domain(String businessName, DemoCommunity c, Set<String> used) {
		String base = businessName.toLowerCase(Locale.ROOT).replace("&", "and").replaceAll("[^a-z0-9]", "");
		if (base.length() > 28) {
			base = base.substring(0, 28);
		}
		String candidate = base + ".com";
		if (used.add(candidate)) {
			return candidate;
		}
		String town = c.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		candidate = base + town + ".com";
		for (int n = 2; !used.add(candidate); n++) {
			candidate = base + town + n + ".com";
		}
		return candidate;
	}

	private static String uniqueEmail(SplittableRandom rnd, String first, String last, @Nullable String domain,
			Kind kind, Set<String> used) {
		String f = letters(first);
		String l = letters(last);
		for (int attempt = 0;; attempt++) {
			String local;
			String host;
			if (domain != null && attempt < 4) {
				host = domain;
				double r = rnd.nextDouble();
				if (r < 0.5) {
					local = f;
				}
				else if (r < 0.65) {
					local = f.charAt(0) + l;
				}
				else if (r < 0.8) {
					local = kind.category().equals(PRO) ? "office" : "info";
				}
				else if (r < 0.9) {
					local = "hello";
				}
				else {
					local = f + "." + l;
				}
			}
			else {
				host = FREE_MAIL[pickWeighted(rnd, FREE_MAIL_WEIGHTS)];
				int n = 10 + rnd.nextInt(90);
				double r = rnd.nextDouble();
				if (r < 0.35) {
					local = f + "." + l;
				}
				else if (r < 0.6) {
					local = f + l + n;
				}
				else if (r < 0.8) {
					local = f.charAt(0) + l + n;
				}
				else if (r < 0.9) {
					local = l + "." + f;
				}
				else {
					local = f + "_" + l + n;
				}
			}
			String email = (local + "@" + host).toLowerCase(Locale.ROOT);
			if (used.add(email)) {
				return email;
			}
		}
	}

	private static String letters(String s) {
		return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
	}

	/**
	 * +1 NPA NXX XXXX in one of the community's area codes; exchange 200-999, never 555
	 * or an N11 code.
	 */
	private static String phone(SplittableRandom rnd, DemoCommunity c, Set<String> used) {
		List<String> areaCodes = c.areaCodes();
		while (true) {
			// the first area code is the town's original one; overlays hold fewer numbers
			String area = (areaCodes.size() == 1 || rnd.nextDouble() < 0.75) ? areaCodes.get(0)
					: areaCodes.get(1 + rnd.nextInt(areaCodes.size() - 1));
			int exchange = 200 + rnd.nextInt(800);
			if (exchange == 555 || exchange % 100 == 11) {
				continue;
			}
			String number = String.format(Locale.ROOT, "+1%s%03d%04d", area, exchange, rnd.nextInt(10_000));
			if (used.add(number)) {
				return number;
			}
		}
	}

	private static @Nullable String serviceModel(SplittableRandom rnd, String tier) {
		double r = rnd.nextDouble();
		return switch (tier) {
			case "free" -> r < 0.7 ? null : "self_serve";
			case "basic" -> r < 0.15 ? null : r < 0.75 ? "self_serve" : "hybrid";
			case "standard" -> r < 0.2 ? "self_serve" : r < 0.6 ? "hybrid" : "managed";
			case "premium" -> r < 0.3 ? "hybrid" : "managed";
			default -> r < 0.8 ? "enterprise" : "managed";
		};
	}

	private static String description(SplittableRandom rnd, String businessName, Kind kind, DemoCommunity c,
			String street, List<String> products) {
		String ownership = pick(rnd, OWNERSHIP);
		String article = "aeiou".indexOf(ownership.charAt(0)) >= 0 ? "an" : "a";
		double r = rnd.nextDouble();
		String where;
		if (r < 0.4) {
			where = "in " + c.name() + ", " + c.state();
		}
		else if (r < 0.7) {
			where = "on " + street + " in " + c.name();
		}
		else {
			where = "serving " + c.name() + " and " + c.county();
		}
		String since = rnd.nextDouble() < 0.5 ? " since " + (1955 + rnd.nextInt(69)) : "";
		String lead = pick(rnd, List.of("Known for", "Customers come back for", "Specializing in"));
		int lastIndex = products.size() - 1;
		String list = (lastIndex == 0) ? products.get(0)
				: String.join(", ", products.subList(0, lastIndex)) + ", and " + products.get(lastIndex);
		String closer = pick(rnd, CATEGORY_CLOSERS.getOrDefault(kind.category(), List.of("Stop by and say hello.")));
		return businessName + " is " + article + " " + ownership + " " + kind.label() + " " + where + since + ". "
				+ lead + " " + list + ". " + closer;
	}

	// ------------------------------------------------------------------------------------------------------------
	// Small helpers (all draw from the one seeded generator, so order of calls is part of
	// determinism)
	// ------------------------------------------------------------------------------------------------------------

	private static <T> T pick(SplittableRandom rnd, List<T> list) {
		return list.get(rnd.nextInt(list.size()));
	}

	private static int pickWeighted(SplittableRandom rnd, double[] weights) {
		double total = 0;
		for (double w : weights) {
			total += w;
		}
		double x = rnd.nextDouble() * total;
		for (int i = 0; i < weights.length; i++) {
			x -= weights[i];
			if (x < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	private static <T> void shuffle(SplittableRandom rnd, List<T> list) {
		for (int i = list.size() - 1; i > 0; i--) {
			int j = rnd.nextInt(i + 1);
			T tmp = list.get(i);
			list.set(i, list.get(j));
			list.set(j, tmp);
		}
	}

	private static <T> List<T> sample(SplittableRandom rnd, List<T> from, int n) {
		List<T> copy = new ArrayList<>(from);
		shuffle(rnd, copy);
		return List.copyOf(copy.subList(0, Math.min(n, copy.size())));
	}

	private static Duration seconds(SplittableRandom rnd, double minDays, double maxDays) {
		long min = (long) (minDays * 86_400);
		long max = (long) (maxDays * 86_400);
		return Duration.ofSeconds(max <= min ? min : min + rnd.nextLong(max - min + 1));
	}

	private static BigDecimal decimal(double d) {
		return BigDecimal.valueOf(d).setScale(6, RoundingMode.HALF_UP);
	}

}
