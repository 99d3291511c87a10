import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PREVIEW_HEAD } from '../components/MailPreview'
import { ME, mockApi } from '../test/mockApi'
import { renderPage } from '../test/render'
import { OutboxPage } from './OutboxPage'

afterEach(() => vi.unstubAllGlobals())

const mail = (id: string, subject: string, to: string) => ({
  id,
  message_id: `<${id}@fibonacco.local>`,
  from: 'Sarah <sarah@fibonacco.com>',
  to,
  subject,
  body_html: `<!DOCTYPE html><html><head><style>p{color:#333}</style></head><body><p>Hi there,</p><script>parent.alert(1)</script><img src="http://localhost:8080/t/o/abc.def" width="1" height="1"><a href="http://localhost:8080/t/c/abc.def">Learn more</a></body></html>`,
  body_text: `Hi there,\n\nLearn more: http://localhost:8080/t/c/abc.def\n`,
  headers: { 'List-Unsubscribe': '<http://localhost:8080/t/u/xyz>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  campaign_send_id: 'send1',
  created_at: '2026-11-22T15:00:04Z',
})

const routes = (me: object) => ({
  'GET /api/v1/auth/me': { data: me, meta: {} },
  'GET /api/v1/outbox': {
    data: [mail('m1', 'Ana, what do customers see?', 'ana@blueridge.example'), mail('m2', 'Three photos that sell', 'joe@joesbar.example')],
    meta: { page: 1, per_page: 25, total: 2, last_page: 1 },
  },
})

describe('outbox', () => {
  it('lists captured mail and renders the chosen one in a sandboxed frame, with a text tab', async () => {
    mockApi(routes(ME.admin))
    renderPage(<OutboxPage />, { path: '/outbox', route: '/outbox' })
    const list = await screen.findByRole('list', { name: 'Captured mail' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(2)
    const message = screen.getByTestId('outbox-message')
    expect(within(message).getByRole('heading', { name: 'Ana, what do customers see?' })).toBeInTheDocument()
    expect(within(message).getByText('<http://localhost:8080/t/u/xyz>')).toBeInTheDocument()

    const frame = within(message).getByTitle('Ana, what do customers see? (HTML)')
    expect(frame.tagName).toBe('IFRAME')
    // an empty sandbox: no scripts, no same origin, no popups or top navigation
    expect(frame).toHaveAttribute('sandbox', '')
    const srcdoc = frame.getAttribute('srcdoc') ?? ''
    // nothing remote loads (no open pixel) and links cannot navigate (no click recorded)
    expect(srcdoc.startsWith(PREVIEW_HEAD)).toBe(true)
    expect(srcdoc).toContain("img-src data:")
    expect(srcdoc).toContain('<base target="_blank">')
    expect(srcdoc).toContain('<p>Hi there,</p>')

    await userEvent.click(within(message).getByRole('tab', { name: 'Text' }))
    expect(within(message).getByText(/Learn more: http:\/\/localhost:8080\/t\/c\/abc.def/)).toBeInTheDocument()
    expect(within(message).queryByTitle(/\(HTML\)/)).not.toBeInTheDocument()

    await userEvent.click(within(list).getByRole('button', { name: /Three photos that sell/ }))
    expect(within(screen.getByTestId('outbox-message')).getByRole('heading', { name: 'Three photos that sell' })).toBeInTheDocument()
    expect(within(list).getByRole('button', { name: /Three photos that sell/ })).toHaveAttribute('aria-current', 'true')
  })

  it('filters by recipient through the API', async () => {
    const { calls } = mockApi(routes(ME.admin))
    renderPage(<OutboxPage />, { path: '/outbox', route: '/outbox' })
    await screen.findByRole('list', { name: 'Captured mail' })
    await userEvent.type(screen.getByLabelText('Recipient address'), 'joe@joesbar.example')
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }))
    await vi.waitFor(() => expect(calls.some((c) => c.url.includes('to=joe%40joesbar.example'))).toBe(true))
  })

  it('says when nothing was captured, and shows load errors', async () => {
    mockApi({ ...routes(ME.admin), 'GET /api/v1/outbox': { data: [], meta: { page: 1, per_page: 25, total: 0, last_page: 1 } } })
    renderPage(<OutboxPage />, { path: '/outbox', route: '/outbox' })
    expect(await screen.findByText(/No mail captured yet/)).toBeInTheDocument()
    vi.unstubAllGlobals()
    mockApi({ ...routes(ME.admin), 'GET /api/v1/outbox': { status: 500, body: { detail: 'Database unavailable' } } })
    renderPage(<OutboxPage />, { path: '/outbox', route: '/outbox' })
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument()
  })

  it('is not for viewers', async () => {
    const { calls } = mockApi(routes(ME.viewer))
    renderPage(<OutboxPage />, { path: '/outbox', route: '/outbox' })
    expect(await screen.findByText('The outbox is for admins and managers.')).toBeInTheDocument()
    expect(calls.some((c) => c.url.startsWith('/api/v1/outbox'))).toBe(false)
  })
})
