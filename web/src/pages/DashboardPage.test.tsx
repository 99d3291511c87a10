import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ME, mockApi } from '../test/mockApi'
import { renderPage } from '../test/render'
import { DashboardPage } from './DashboardPage'

afterEach(() => vi.unstubAllGlobals())

describe('dashboard', () => {
  it('shows each community by tier and campaign status, and my tasks due today and overdue', async () => {
    const { calls } = mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/communities': { data: [{ id: 'c1', name: 'Brevard' }], meta: {} },
      'GET /api/v1/communities/c1/stats': {
        data: {
          community_id: 'c1', community_name: 'Brevard', total_smbs: 42, active_campaigns: 5, average_data_quality: 91, do_not_contact: 1,
          by_tier: { 1: 4, 2: 8, 3: 10, 4: 20 }, by_campaign_status: { pending: 30, running: 5, paused: 7 }, opted_in: {}, can_contact: {},
        },
        meta: {},
      },
      'GET /api/v1/tasks': {
        data: [
          { id: 't1', smb: { id: 's1', business_name: 'Kiln Works' }, title: 'Call about the managed plan', due_date: '2026-11-20', due_time: null, priority: 'high', status: 'pending', is_overdue: true },
          { id: 't2', smb: { id: 's2', business_name: 'River Outfitters' }, title: 'Send the brochure', due_date: '2026-11-22', due_time: '15:00', priority: 'medium', status: 'pending', is_overdue: false },
        ],
        meta: { total: 2, overdue_count: 1 },
      },
      'GET /api/v1/campaigns/stats/daily': {
        data: {
          from: '2026-10-24', to: '2026-11-22', time_zone: 'America/New_York',
          days: [{ day: '2026-11-21', sends: 120, opens: 48, clicks: 9, bounces: 2, unsubscribes: 1 }],
          totals: { sends: 120, opens: 48, clicks: 9, bounces: 2, unsubscribes: 1 },
        },
        meta: {},
      },
    })
    renderPage(<DashboardPage />)
    expect(await screen.findByRole('link', { name: 'Call about the managed plan' })).toHaveAttribute('href', '/smbs/s1')
    expect(screen.getByText('1 overdue')).toBeInTheDocument()
    expect(await screen.findByRole('img', { name: /Brevard SMBs by tier: Premium 4, Engaged 8, Active 10, Passive 20/ })).toBeInTheDocument()
    expect(screen.getByRole('img', { name: /Brevard SMBs by campaign status: Pending 30, Scheduled 0, Running 5, Paused 7/ })).toBeInTheDocument()
    expect(calls.find((c) => c.url.startsWith('/api/v1/tasks'))?.url).toMatch(/assignee=me&due_before=\d{4}-\d{2}-\d{2}/)
    expect(await screen.findByRole('img', { name: /^Sends per day, 30 days: 120 in all/ })).toBeInTheDocument()
    expect(screen.getByRole('img', { name: /^Unsubscribes per day, 30 days: 1 in all/ })).toBeInTheDocument()
    expect(calls.find((c) => c.url.startsWith('/api/v1/campaigns/stats/daily'))?.url).toMatch(/days=30&time_zone=/)
  })

  it('falls back to UTC days when the server does not know the browser time zone', async () => {
    const { calls } = mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/communities': { data: [], meta: {} },
      'GET /api/v1/tasks': { data: [], meta: { total: 0, overdue_count: 0 } },
      'GET /api/v1/campaigns/stats/daily': (call: { url: string }) =>
        call.url.includes('time_zone')
          ? { status: 422, body: { code: 'validation_failed', detail: 'Invalid', errors: [{ field: 'time_zone', message: 'unknown' }] } }
          : { body: { data: { from: '2026-11-16', to: '2026-11-22', time_zone: 'UTC', days: [], totals: { sends: 0, opens: 0, clicks: 0, bounces: 0, unsubscribes: 0 } }, meta: {} } },
    })
    renderPage(<DashboardPage />)
    expect(await screen.findByText(/Days in UTC/)).toBeInTheDocument()
    expect(screen.getByRole('img', { name: 'Sends per day, 7 days: 0 in all, none' })).toBeInTheDocument()
    expect(calls.filter((c) => c.url.startsWith('/api/v1/campaigns/stats/daily'))).toHaveLength(2)
  })

  it('shows an error in the chart card when the numbers cannot be loaded', async () => {
    mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/communities': { data: [], meta: {} },
      'GET /api/v1/tasks': { data: [], meta: { total: 0, overdue_count: 0 } },
      'GET /api/v1/campaigns/stats/daily': { status: 500, body: { detail: 'Database unavailable' } },
    })
    renderPage(<DashboardPage />)
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument()
  })

  it('says when there are no communities yet', async () => {
    mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/communities': { data: [], meta: {} },
      'GET /api/v1/tasks': { data: [], meta: { total: 0, overdue_count: 0 } },
    })
    renderPage(<DashboardPage />)
    expect(await screen.findByText(/No communities yet/)).toBeInTheDocument()
    expect(await screen.findByText('Nothing due today or overdue.')).toBeInTheDocument()
  })
})
