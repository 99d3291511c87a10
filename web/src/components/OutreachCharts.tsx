import type { DailyStats, OutreachDay } from '../api/types'
import { date } from '../format'

export type Metric = 'sends' | 'opens' | 'clicks' | 'bounces' | 'unsubscribes'

export const METRICS: { key: Metric; label: string }[] = [
  { key: 'sends', label: 'Sends' },
  { key: 'opens', label: 'Opens' },
  { key: 'clicks', label: 'Clicks' },
  { key: 'bounces', label: 'Bounces' },
  { key: 'unsubscribes', label: 'Unsubscribes' },
]

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  const next = new Date(Date.UTC(y, m - 1, d + n))
  return next.toISOString().substring(0, 10)
}

/** One entry per day from `from` to `to`, zeros where the data has no entry for a day. */
export function zeroFill(days: OutreachDay[], from: string, to: string): OutreachDay[] {
  const byDay = new Map(days.map((d) => [d.day, d]))
  const filled: OutreachDay[] = []
  for (let day = from; day <= to && filled.length < 400; day = addDays(day, 1)) {
    filled.push(byDay.get(day) ?? { day, sends: 0, opens: 0, clicks: 0, bounces: 0, unsubscribes: 0 })
  }
  return filled
}

/** A rounded-up axis maximum (1, 2, 5 × 10ⁿ), at least 1. */
export function niceMax(value: number): number {
  if (value <= 1) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  const step = [1, 2, 5, 10].find((s) => s * power >= value) ?? 10
  return step * power
}

/**
 * Sends, opens, clicks, bounces and unsubscribes per day as five small bar charts, each on
 * its own scale (sends dwarf the rest), with the numbers as a table for those who prefer them.
 */
export function OutreachCharts({ stats }: { stats: DailyStats }) {
  const days = zeroFill(stats.days, stats.from, stats.to)
  return (
    <div className="outreach">
      <div className="outreach-grid">
        {METRICS.map((m) => (
          <DailyBars key={m.key} metric={m.key} label={m.label} days={days} />
        ))}
      </div>
      <details className="outreach-table">
        <summary>Show the numbers</summary>
        <div className="table-wrap">
          <table className="data compact">
            <caption className="visually-hidden">Campaign email per day, {stats.time_zone} dates</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {METRICS.map((m) => (
                  <th key={m.key} scope="col" className="num">
                    {m.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((d) => (
                <tr key={d.day}>
                  <th scope="row">{date(d.day)}</th>
                  {METRICS.map((m) => (
                    <td key={m.key} className="num">
                      {d[m.key].toLocaleString()}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  )
}

function DailyBars({ metric, label, days }: { metric: Metric; label: string; days: OutreachDay[] }) {
  const width = 240
  const height = 80
  const pad = { l: 2, r: 2, t: 12, b: 16 }
  const values = days.map((d) => d[metric])
  const total = values.reduce((a, b) => a + b, 0)
  const peak = Math.max(0, ...values)
  const max = niceMax(peak)
  const slot = (width - pad.l - pad.r) / Math.max(1, days.length)
  const barWidth = Math.max(1, slot * 0.7)
  const h = height - pad.t - pad.b
  const peakDay = days.find((d) => d[metric] === peak && peak > 0)
  const description =
    `${label} per day, ${days.length} days: ${total.toLocaleString()} in all` +
    (peakDay ? `, most on ${date(peakDay.day)} (${peak.toLocaleString()})` : ', none')
  return (
    <figure className={`daily-bars metric-${metric}`} data-testid={`chart-${metric}`}>
      <figcaption>
        <span>{label}</span> <b>{total.toLocaleString()}</b>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={description}>
        <line x1={pad.l} x2={width - pad.r} y1={pad.t + h} y2={pad.t + h} className="baseline" />
        {days.map((d, i) => {
          const value = d[metric]
          const barHeight = (value / max) * h
          return (
            <rect
              key={d.day}
              className={value === 0 ? 'bar zero' : 'bar'}
              data-day={d.day}
              data-value={value}
              x={pad.l + i * slot + (slot - barWidth) / 2}
              y={pad.t + h - barHeight}
              width={barWidth}
              height={barHeight}
            >
              <title>{`${date(d.day)}: ${value.toLocaleString()} ${label.toLowerCase()}`}</title>
            </rect>
          )
        })}
        <text x={pad.l} y={height - 3} className="axis">
          {days.length > 0 ? shortDate(days[0].day) : ''}
        </text>
        <text x={width - pad.r} y={height - 3} textAnchor="end" className="axis">
          {days.length > 0 ? shortDate(days[days.length - 1].day) : ''}
        </text>
        {peak > 0 && (
          <text x={width - pad.r} y={pad.t - 3} textAnchor="end" className="axis">
            {`${max.toLocaleString()} a day`}
          </text>
        )}
      </svg>
    </figure>
  )
}

function shortDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
}
