package com.fibonacco.smb.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fibonacco.smb.exporting.CsvCells;
import com.fibonacco.smb.internal.SmbRules;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading files as spreadsheets and CRM exports write them, without a server. */
class ImportParsingTests {

	@Test
	void quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws IOException {
		List<List<String>> rows = parse("name,note\r\n\"Café, LLC\",\"said \"\"hi\"\"\r\nthen left\"\r\nplain,x\n",
				',');

		assertThat(rows).containsExactly(List.of("name", "note"), List.of("Café, LLC", "said \"hi\"\nthen left"),
				List.of("plain", "x"));
	}

	@Test
	void lineEndingsMayBeLfCrlfOrCr() throws IOException {
		assertThat(parse("a,b\nc,d\r\ne,f\rg,h", ',')).containsExactly(List.of("a", "b"), List.of("c", "d"),
				List.of("e", "f"), List.of("g", "h"));
	}

	@Test
	void aQuoteInsideAnUnquotedValueIsPlainAndSpacesBeforeAnOpeningQuoteAreDropped() throws IOException {
		assertThat(parse("Joe's \"Best\" Pizza, \"Main, St\"\n", ','))
			.containsExactly(List.of("Joe's \"Best\" Pizza", "Main, St"));
	}

	@Test
	void anUnclosedQuoteIsReportedNotSwallowedSilently() throws IOException {
		CsvParser parser = new CsvParser(new StringReader("a,b\n\"open,x\ny,z\n"), ',');
		parser.next();
		CsvParser.Record broken = parser.next();

		assertThat(broken.unterminated()).isTrue();
		assertThat(parser.next()).isNull();
	}

	@Test
	void aHugeFieldIsCutAndFlaggedSoMemoryStaysBounded() throws IOException {
		String huge = "x".repeat(CsvParser.MAX_FIELD + 10);
		CsvParser parser = new CsvParser(new StringReader("a\n" + huge + "\nb\n"), ',');
		parser.next();
		CsvParser.Record cut = parser.next();

		assertThat(cut.overlong()).isTrue();
		assertThat(cut.fields()[0]).hasSize(CsvParser.MAX_FIELD);
		assertThat(parser.next().fields()).containsExactly("b");
	}

	@Test
	void theDelimiterIsDetected() {
		assertThat(CsvDialect.detect("Name,Email,Phone\nA,a@x.com,1\n").delimiter()).isEqualTo(',');
		assertThat(CsvDialect.detect("Name;Email;Lat\nA;a@x.com;35,2\n").delimiter()).isEqualTo(';');
		assertThat(CsvDialect.detect("Name\tEmail\tPhone\nA\ta@x.com\t1\n").delimiter()).isEqualTo('\t');
		assertThat(CsvDialect.detect("Name|Email\nA|a@x.com\n").delimiter()).isEqualTo('|');
		assertThat(CsvDialect.detect("\"Name, Inc\";Email\nA;a@x.com\n").delimiter()).isEqualTo(';');
		assertThat(CsvDialect.detect("sep=;\nName;Email\n")).isEqualTo(new CsvDialect(';', true));
		assertThat(CsvDialect.detect("Name\nA\n").delimiter()).isEqualTo(',');
	}

	@Test
	void textIsUtf8WithOrWithoutBomElseWindows1252ByteByByte() throws IOException {
		assertThat(decode(bytes("Café Zoë", StandardCharsets.UTF_8))).isEqualTo("Café Zoë");
		assertThat(decode(
				concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, bytes("Café", StandardCharsets.UTF_8))))
			.isEqualTo("Café");
		assertThat(decode(bytes("Señor Taco’s – €5", Charset.forName("windows-1252")))).isEqualTo("Señor Taco’s – €5");
		assertThat(decode(concat(bytes("Zoë ", StandardCharsets.UTF_8), bytes("Zoë", Charset.forName("windows-1252")))))
			.isEqualTo("Zoë Zoë");
		assertThat(decode(concat(new byte[] { (byte) 0xFF, (byte) 0xFE }, bytes("Café", StandardCharsets.UTF_16LE))))
			.isEqualTo("Café");
		assertThat(decode(concat(bytes("emoji 🙂", StandardCharsets.UTF_8)))).isEqualTo("emoji 🙂");
		// a multi-byte sequence cut by the end of the file
		assertThat(decode(new byte[] { 'a', (byte) 0xC3 })).isEqualTo("aÃ");
	}

	@Test
	void decodingAcrossBufferBoundariesLosesNothing() throws IOException {
		String text = "Zoë’s ".repeat(50_000);
		assertThat(decode(bytes(text, StandardCharsets.UTF_8))).isEqualTo(text);
	}

	@Test
	void theFastPhonePathAgreesWithTheSmbRule() {
		Random random = new Random(7);
		String[] formats = { "(%s) %s-%s", "%s.%s.%s", "%s-%s-%s", "+1 %s %s %s", "1 %s %s %s", "%s%s%s",
				"+1 (%s) %s-%s", "1-%s-%s-%s", "+%s%s%s" };
		for (int i = 0; i < 20_000; i++) {
			String area = String.valueOf(random.nextInt(1000));
			String exchange = String.valueOf(random.nextInt(1000));
			String line = String.format("%04d", random.nextInt(10000));
			String raw = String.format(formats[random.nextInt(formats.length)], pad(area), pad(exchange), line);
			assertThat(Phones.normalize(raw)).as(raw).isEqualTo(SmbRules.normalizePhone(raw));
		}
		assertThat(Phones.normalize("+44 20 7946 0958")).isEqualTo(SmbRules.normalizePhone("+44 20 7946 0958"));
		assertThat(Phones.normalize("+1 416 555 0100")).isEqualTo(SmbRules.normalizePhone("+1 416 555 0100"));
		assertThat(Phones.normalize("828-692-4417 ext 12")).isEqualTo(SmbRules.normalizePhone("828-692-4417 ext 12"));
	}

	@Test
	void theFastSlugPathAgreesWithTheSmbRule() {
		Random random = new Random(11);
		String alphabet = "abcXYZ019 -_&'.,!/()\t";
		for (int i = 0; i < 20_000; i++) {
			StringBuilder name = new StringBuilder();
			int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 150 : 25);
			for (int j = 0; j < length; j++) {
				name.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertThat(Slugs.base(name.toString())).as(name.toString()).isEqualTo(SmbRules.slugOf(name.toString()));
		}
		assertThat(Slugs.base("Crêperie Zoë")).isEqualTo(SmbRules.slugOf("Crêperie Zoë"));
	}

	@Test
	void crmExportHeadersFindTheirFields() {
		ColumnPlan hubspot = ColumnPlan.of(List.of("Record ID", "First Name", "Last Name", "Email", "Phone Number",
				"Mobile Phone Number", "Company Name", "Street Address", "City", "State/Region", "Postal Code",
				"Website URL", "Industry", "Contact owner"), Map.of());
		assertThat(targets(hubspot)).containsExactly(Target.EXTRA, Target.FIRST_NAME, Target.LAST_NAME,
				Target.PRIMARY_EMAIL, Target.PRIMARY_PHONE, Target.EXTRA, Target.BUSINESS_NAME, Target.ADDRESS,
				Target.CITY, Target.STATE, Target.ZIP, Target.WEBSITE, Target.CATEGORY, Target.EXTRA);

		ColumnPlan mautic = ColumnPlan.of(List.of("firstname", "lastname", "email", "company", "phone", "mobile",
				"address1", "address2", "city", "state", "zipcode", "website", "points"), Map.of());
		assertThat(targets(mautic)).containsExactly(Target.FIRST_NAME, Target.LAST_NAME, Target.PRIMARY_EMAIL,
				Target.BUSINESS_NAME, Target.PRIMARY_PHONE, Target.EXTRA, Target.ADDRESS, Target.ADDRESS2, Target.CITY,
				Target.STATE, Target.ZIP, Target.WEBSITE, Target.EXTRA);

		// the field's own name beats an alias that came first
		ColumnPlan both = ColumnPlan.of(List.of("Mobile", "E-mail", "primary_phone"), Map.of());
		assertThat(targets(both)).containsExactly(Target.EXTRA, Target.PRIMARY_EMAIL, Target.PRIMARY_PHONE);

		// an explicit mapping wins over every alias
		ColumnPlan mapped = ColumnPlan.of(List.of("Company", "Legal Name"),
				Map.of("legal name", Target.BUSINESS_NAME, "company", Target.IGNORE));
		assertThat(targets(mapped)).containsExactly(Target.IGNORE, Target.BUSINESS_NAME);
	}

	@Test
	void exportedCellsCannotStartAFormulaAndImportUndoesIt() {
		assertThat(CsvCells.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
		assertThat(CsvCells.cell("+18286924417")).isEqualTo("'+18286924417");
		assertThat(CsvCells.cell("-2+3")).isEqualTo("'-2+3");
		assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(CsvCells.cell("   =1+1")).isEqualTo("'   =1+1");
		assertThat(CsvCells.cell("\t=1")).isEqualTo("\"'\t=1\"");
		assertThat(CsvCells.cell("\r=1")).isEqualTo("\"'\r=1\"");
		assertThat(CsvCells.cell("Main Street Bakery")).isEqualTo("Main Street Bakery");
		assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(RowNormalizer.unneutralize("'+18286924417")).isEqualTo("+18286924417");
		assertThat(RowNormalizer.unneutralize("'tis the season")).isEqualTo("'tis the season");
	}

	@Test
	void statesAreReadByCodeOrName() {
		assertThat(States.code("nc")).isEqualTo("NC");
		assertThat(States.code("N.C.")).isEqualTo("NC");
		assertThat(States.code("North Carolina")).isEqualTo("NC");
		assertThat(States.code(" new york ")).isEqualTo("NY");
		assertThat(States.code("Ontario")).isNull();
		assertThat(States.code("XX")).isNull();
	}

	@Test
	void binaryFilesAreRecognised() {
		assertThat(UploadCheck.binaryKind(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0 })).contains("Excel");
		assertThat(UploadCheck.binaryKind("%PDF-1.4".getBytes(StandardCharsets.US_ASCII))).contains("PDF");
		assertThat(UploadCheck.binaryKind(new byte[] { 'a', 0, 'b' })).isEqualTo("binary data");
		assertThat(UploadCheck.binaryKind("Name,Email\r\nA,a@x.com\r\n".getBytes(StandardCharsets.US_ASCII))).isNull();
	}

	private static List<Target> targets(ColumnPlan plan) {
		List<Target> targets = new ArrayList<>();
		for (int i = 0; i < plan.size(); i++) {
			targets.add(plan.target(i));
		}
		return targets;
	}

	private static String pad(String digits) {
		return "0".repeat(Math.max(0, 3 - digits.length())) + digits;
	}

	private static List<List<String>> parse(String text, char delimiter) throws IOException {
		CsvParser parser = new CsvParser(new StringReader(text), delimiter);
		List<List<String>> rows = new ArrayList<>();
		CsvParser.Record record;
		while ((record = parser.next()) != null) {
			rows.add(Arrays.asList(record.fields()));
		}
		return rows;
	}

	private static String decode(byte[] bytes) throws IOException {
		try (Reader reader = TextDecoding.reader(new ByteArrayInputStream(bytes))) {
			StringBuilder text = new StringBuilder();
			char[] buffer = new char[777];
			int n;
			while ((n = reader.read(buffer)) > 0) {
				text.append(buffer, 0, n);
			}
			return text.toString();
		}
	}

	private static byte[] bytes(String text, Charset charset) {
		return text.getBytes(charset);
	}

	private static byte[] concat(byte[]... parts) {
		int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

}
