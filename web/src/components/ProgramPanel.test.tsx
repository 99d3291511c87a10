import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ME, mockApi } from '../test/mockApi'
import { renderPage } from '../test/render'
import { ProgramPanel, legalMoves } from './ProgramPanel'

afterEach(() => vi.unstubAllGlobals())

function program(overrides: Record<string, unknown> = {}) {
  return {
    smb_id: 's1', campaign_status: 'pending', manifest_destiny_day: 0, manifest_destiny_start_date: null,
    current_campaign_id: null, next_scheduled_send: null, next_advance_at: null, pause_reason: null, paused_at: null,
    paused_days: 0, started_at: null, completed_at: null, cancelled_at: null, ...overrides,
  }
}

const running = program({
  campaign_status: 'running', manifest_destiny_day: 4, manifest_destiny_start_date: '2026-11-19', current_campaign_id: 'EDU-001',
  started_at: '2026-11-19T14:00:00Z',
})

const sends = [
  {
    id: 'send1', campaign_id: 'HOOK-001', kind: 'program', program_day: 1, status: 'sent', skip_reason: null, email: 'ana@blueridge.example',
    subject: 'Ana, what do customers see when they search for Blue Ridge Bakery?', scheduled_for: '2026-11-19T15:00:00Z',
    sent_at: '2026-11-19T15:00:04Z', message_id: '<m1@fibonacco>', opened_at: '2026-11-19T16:02:00Z', clicked_at: null,
    open_count: 1, click_count: 0, machine_open_count: 1, machine_click_count: 0, unsubscribed_at: null, attempts: 1,
    events: [
      { id: 'e1', event_type: 'sent', event_at: '2026-11-19T15:00:04Z', link_clicked: null, bounce_type: null, machine_generated: false, user_agent: null },
      { id: 'e2', event_type: 'open', event_at: '2026-11-19T15:00:09Z', link_clicked: null, bounce_type: null, machine_generated: true, user_agent: 'GoogleImageProxy' },
      { id: 'e3', event_type: 'open', event_at: '2026-11-19T16:02:00Z', link_clicked: null, bounce_type: null, machine_generated: false, user_agent: 'Safari' },
    ],
  },
  {
    id: 'send2', campaign_id: 'EDU-001', kind: 'program', program_day: 2, status: 'skipped', skip_reason: 'tier_frequency', email: 'ana@blueridge.example',
    subject: 'Three photos that sell', scheduled_for: null, sent_at: null, message_id: null, opened_at: null, clicked_at: null,
    open_count: 0, click_count: 0, machine_open_count: 0, machine_click_count: 0, unsubscribed_at: null, attempts: 0, events: [],
  },
]

function controls() {
  const group = screen.getByRole('group', { name: 'Program controls' })
  const button = (name: RegExp) => within(group).getByRole('button', { name })
  return { start: button(/^Start/), pause: button(/^Pause/), resume: button(/^Resume/), cancel: button(/^Cancel program/) }
}

describe('program panel', () => {
  it('knows the legal moves of each state', () => {
    expect(legalMoves('pending')).toEqual(['start', 'cancel'])
    expect(legalMoves('scheduled')).toEqual(['cancel'])
    expect(legalMoves('running')).toEqual(['pause', 'cancel'])
    expect(legalMoves('paused')).toEqual(['resume', 'cancel'])
    expect(legalMoves('completed')).toEqual([])
    expect(legalMoves('cancelled')).toEqual([])
  })

  it('enables only the legal moves, and shows every send with its events', async () => {
    mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/smbs/s1/campaigns': { data: { program: running, sends }, meta: {} },
    })
    renderPage(<ProgramPanel smbId="s1" />)
    expect(await screen.findByText('Day 4 of 90')).toBeInTheDocument()
    const { start, pause, resume, cancel } = controls()
    expect(start).toBeDisabled()
    expect(pause).toBeEnabled()
    expect(resume).toBeDisabled()
    expect(cancel).toBeEnabled()
    expect(start).toHaveAttribute('title', 'Only a program that has not started can be started')
    const list = screen.getByTestId('program-sends')
    expect(within(list).getByText('Ana, what do customers see when they search for Blue Ridge Bakery?')).toBeInTheDocument()
    expect(within(list).getByText(/1 open, 0 clicks \(and 1 by machines, not counted\)/)).toBeInTheDocument()
    expect(within(list).getByText('(Tier frequency)')).toBeInTheDocument()
    await userEvent.click(within(list).getByText('3 events'))
    expect(within(list).getByText('machine (not counted)', { exact: false })).toBeVisible()
  })

  it('shows the voicemail follow-ups and marks the email that follows a drop', async () => {
    const followUp = { ...sends[0], id: 'send3', campaign_id: 'HOOK-001', kind: 'rvm_followup', program_day: null, events: [] }
    const voicemails = [
      {
        id: 'd1', campaign_send_id: 'send1', status: 'delivered', phone: '+15405550100', scheduled_for: '2026-11-20T15:00:00Z',
        sent_at: '2026-11-20T15:00:02Z', delivered_at: '2026-11-20T15:01:00Z', attempts: 1, last_error: null,
        callback_received: true, callback_at: '2026-11-20T17:30:00Z',
      },
    ]
    mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/smbs/s1/campaigns': { data: { program: running, sends: [...sends, followUp], voicemails }, meta: {} },
    })
    renderPage(<ProgramPanel smbId="s1" />)
    const drops = await screen.findByTestId('program-voicemails')
    expect(within(drops).getByText('to +15405550100')).toBeInTheDocument()
    expect(within(drops).getByText(/delivered .* · called back/)).toBeInTheDocument()
    expect(within(screen.getByTestId('program-sends')).getAllByText('voicemail follow-up')).toHaveLength(1)
  })

  it('requires a reason to pause and sends it', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    const paused = program({ ...running, campaign_status: 'paused', pause_reason: 'Owner on vacation until Dec 1', paused_at: '2026-11-22T15:00:00Z' })
    let current = running
    const onChange = vi.fn()
    const { calls } = mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/smbs/s1/campaigns': () => ({ body: { data: { program: current, sends: [] }, meta: {} } }),
      'POST /api/v1/smbs/s1/campaign/pause': () => {
        current = paused
        return { body: { data: paused, meta: {} } }
      },
    })
    renderPage(<ProgramPanel smbId="s1" onChange={onChange} />)
    await screen.findByText('Day 4 of 90')
    await userEvent.click(controls().pause)
    const form = screen.getByRole('form', { name: 'Pause the program' })
    await userEvent.click(within(form).getByRole('button', { name: 'Pause program' }))
    expect(within(form).getByText('Say why the program is paused')).toBeInTheDocument()
    expect(within(form).getByLabelText('Reason for pausing')).toHaveAttribute('aria-invalid', 'true')
    expect(calls.some((c) => c.method === 'POST')).toBe(false)

    await userEvent.type(within(form).getByLabelText('Reason for pausing'), '  Owner on vacation until Dec 1 ')
    await userEvent.click(within(form).getByRole('button', { name: 'Pause program' }))
    expect(await screen.findByTestId('pause-reason')).toHaveTextContent('Owner on vacation until Dec 1')
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'Owner on vacation until Dec 1' })
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ campaign_status: 'paused' }))
    expect(controls().resume).toBeEnabled()
    expect(controls().pause).toBeDisabled()
  })

  it('puts the API validation error of the reason on its field', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/smbs/s1/campaigns': { data: { program: running, sends: [] }, meta: {} },
      'POST /api/v1/smbs/s1/campaign/pause': { status: 422, body: { code: 'validation_failed', detail: 'Invalid', errors: [{ field: 'reason', message: 'size must be between 0 and 255' }] } },
    })
    renderPage(<ProgramPanel smbId="s1" />)
    await screen.findByText('Day 4 of 90')
    await userEvent.click(controls().pause)
    await userEvent.type(screen.getByLabelText('Reason for pausing'), 'x')
    await userEvent.click(screen.getByRole('button', { name: 'Pause program' }))
    expect(await screen.findByText('size must be between 0 and 255')).toBeInTheDocument()
  })

  it('explains a 409 and reloads the program', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    let current = program()
    mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/smbs/s1/campaigns': () => ({ body: { data: { program: current, sends: [] }, meta: {} } }),
      'POST /api/v1/smbs/s1/campaign/start': () => {
        // someone else started it a moment ago
        current = running
        return { status: 409, body: { code: 'illegal_program_transition', detail: "Can't start a program that is running." } }
      },
    })
    renderPage(<ProgramPanel smbId="s1" />)
    await screen.findByText('Not started')
    await userEvent.click(controls().start)
    await userEvent.click(screen.getByRole('button', { name: 'Start program' }))
    expect(await screen.findByTestId('program-conflict')).toHaveTextContent("Can't start a program that is running.")
    expect(await screen.findByText('Day 4 of 90')).toBeInTheDocument()
    expect(controls().pause).toBeEnabled()
    expect(controls().start).toBeDisabled()
  })

  it('cancels only after a confirmation', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    const { calls } = mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/smbs/s1/campaigns': { data: { program: running, sends: [] }, meta: {} },
      'POST /api/v1/smbs/s1/campaign/cancel': { data: program({ ...running, campaign_status: 'cancelled', cancelled_at: '2026-11-22T15:00:00Z' }), meta: {} },
    })
    renderPage(<ProgramPanel smbId="s1" />)
    await screen.findByText('Day 4 of 90')
    await userEvent.click(controls().cancel)
    expect(calls.some((c) => c.method === 'POST')).toBe(false)
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel the program' }))
    expect(await screen.findByText('Program cancelled')).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'POST')?.url).toBe('/api/v1/smbs/s1/campaign/cancel')
  })

  it('shows a viewer the program and no controls', async () => {
    mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/smbs/s1/campaigns': { data: { program: running, sends }, meta: {} },
    })
    renderPage(<ProgramPanel smbId="s1" />)
    expect(await screen.findByText('Day 4 of 90')).toBeInTheDocument()
    expect(screen.queryByRole('group', { name: 'Program controls' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Pause|Start|Resume|Cancel/ })).not.toBeInTheDocument()
  })

  it('says when there are no sends, and shows a load error with a retry', async () => {
    mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/smbs/s1/campaigns': { data: { program: program(), sends: [] }, meta: {} },
    })
    renderPage(<ProgramPanel smbId="s1" />)
    expect(await screen.findByText(/No sends yet/)).toBeInTheDocument()
    vi.unstubAllGlobals()
    mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/smbs/s2/campaigns': { status: 500, body: { detail: 'Database unavailable' } },
    })
    renderPage(<ProgramPanel smbId="s2" />)
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })
})
