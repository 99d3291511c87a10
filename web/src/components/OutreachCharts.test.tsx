import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { OutreachCharts, niceMax, zeroFill } from './OutreachCharts'

const stats = {
  from: '2026-10-24',
  to: '2026-11-22',
  time_zone: 'America/New_York',
  // the API zero-fills; the chart does not rely on it
  days: [
    { day: '2026-11-02', sends: 40, opens: 12, clicks: 3, bounces: 1, unsubscribes: 0 },
    { day: '2026-11-22', sends: 25, opens: 9, clicks: 0, bounces: 0, unsubscribes: 2 },
  ],
  totals: { sends: 65, opens: 21, clicks: 3, bounces: 1, unsubscribes: 2 },
}

describe('outreach charts', () => {
  it('fills every day of the range, month ends included', () => {
    const days = zeroFill(stats.days, stats.from, stats.to)
    expect(days).toHaveLength(30)
    expect(days[0]).toEqual({ day: '2026-10-24', sends: 0, opens: 0, clicks: 0, bounces: 0, unsubscribes: 0 })
    expect(days.map((d) => d.day)).toContain('2026-10-31')
    expect(days.find((d) => d.day === '2026-11-02')?.sends).toBe(40)
    expect(days[29].day).toBe('2026-11-22')
    expect(zeroFill([], '2026-03-07', '2026-03-09').map((d) => d.day)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09'])
  })

  it('rounds the axis up to a readable number', () => {
    expect([0, 1, 3, 7, 12, 40, 51, 999].map(niceMax)).toEqual([1, 1, 5, 10, 20, 50, 100, 1000])
  })

  it('draws one bar per day for each of the five figures, zero days flat, with a text alternative', () => {
    render(<OutreachCharts stats={stats} />)
    for (const metric of ['sends', 'opens', 'clicks', 'bounces', 'unsubscribes']) {
      const chart = screen.getByTestId(`chart-${metric}`)
      const bars = chart.querySelectorAll('rect.bar')
      expect(bars).toHaveLength(30)
      const zero = chart.querySelectorAll('rect.bar.zero')
      for (const bar of zero) expect(bar.getAttribute('height')).toBe('0')
    }
    const sends = screen.getByTestId('chart-sends')
    expect(sends.querySelectorAll('rect.bar.zero')).toHaveLength(28)
    expect(sends.querySelector('rect[data-day="2026-11-02"]')).toHaveAttribute('data-value', '40')
    expect(within(sends).getByRole('img')).toHaveAccessibleName(/Sends per day, 30 days: 65 in all, most on .*\(40\)/)
    expect(within(screen.getByTestId('chart-clicks')).getByText('3')).toBeInTheDocument()
    expect(within(screen.getByTestId('chart-bounces')).getByRole('img')).toHaveAccessibleName(/1 in all/)
    // the numbers as a table: a row per day
    expect(screen.getAllByRole('row')).toHaveLength(31)
  })

  it('says "none" for a figure with no email at all', () => {
    render(<OutreachCharts stats={{ ...stats, days: [], totals: { sends: 0, opens: 0, clicks: 0, bounces: 0, unsubscribes: 0 } }} />)
    expect(within(screen.getByTestId('chart-opens')).getByRole('img')).toHaveAccessibleName('Opens per day, 30 days: 0 in all, none')
  })
})
