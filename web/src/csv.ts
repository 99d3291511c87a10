/** Splits CSV text into records, keeping each record's raw text (quotes and all). */
export function splitRecords(text: string): string[] {
  const records: string[] = []
  let start = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (i > start) records.push(text.substring(start, i))
      if (c === '\r' && text[i + 1] === '\n') i++
      start = i + 1
    }
  }
  if (start < text.length) records.push(text.substring(start))
  return records
}

/** The delimiter a CSV file most likely uses: comma, semicolon or tab, judged on its first line. */
export function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }))
  counts.sort((a, b) => b.n - a.n)
  return counts[0].n > 0 ? counts[0].d : ','
}

/** Parses one CSV record into cells (RFC 4180 quoting). */
export function parseRecord(record: string, delimiter = ','): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < record.length; i++) {
    const c = record[i]
    if (quoted) {
      if (c === '"' && record[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === delimiter) {
      cells.push(cell)
      cell = ''
    } else cell += c
  }
  cells.push(cell)
  return cells
}

/** The first rows of a CSV file (header first), for a preview. */
export function previewCsv(text: string, rows = 5): { header: string[]; rows: string[][]; delimiter: string } {
  const clean = text.replace(/^\uFEFF/, '')
  const records = splitRecords(clean).slice(0, rows + 1)
  if (records.length === 0) return { header: [], rows: [], delimiter: ',' }
  const delimiter = detectDelimiter(records[0])
  return {
    header: parseRecord(records[0], delimiter),
    rows: records.slice(1).map((r) => parseRecord(r, delimiter)),
    delimiter,
  }
}

/**
 * Joins CSV files of one export made in parts: the first part whole (byte order mark and
 * header), the records of the others after it. Counts the records.
 */
export function joinCsvParts(parts: string[]): { text: string; rows: number } {
  let header: string | null = null
  let bom = ''
  const records: string[] = []
  for (const part of parts) {
    if (part.startsWith('\uFEFF')) bom = '\uFEFF'
    const [first, ...rest] = splitRecords(part.replace(/^\uFEFF/, ''))
    if (first === undefined) continue
    header ??= first
    records.push(...rest)
  }
  if (header === null) return { text: parts[0] ?? '', rows: 0 }
  return { text: bom + [header, ...records].join('\r\n') + '\r\n', rows: records.length }
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
