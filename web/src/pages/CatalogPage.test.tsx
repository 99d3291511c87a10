import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Campaign } from '../api/types'
import { ME, mockApi } from '../test/mockApi'
import { renderPage } from '../test/render'
import { CampaignPage, CatalogPage, draftOf, programDays, requestOf } from './CatalogPage'

afterEach(() => vi.unstubAllGlobals())

function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 'HOOK-001', type: 'HOOK', week: 1, day: 1, title: 'What customers see', subject: '{{contact_first_name}}, what do customers see?',
    preview_text: 'A quick look', slug: 'what-customers-see', service_type: null, landing_page_slug: 'search-presence',
    email_template_id: null, body_html: '<p>Hi {{contact_first_name}}</p><a href="{{unsubscribe_url}}">Unsubscribe</a>',
    body_text: 'Hi {{contact_first_name}}\nUnsubscribe: {{unsubscribe_url}}', approval_button_text: null, approval_config: {},
    rvm_script: null, rvm_config: { voice: 'sarah' }, upsell_services: [], meeting_topic: null, is_active: true,
    created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-01T10:00:00Z', ...overrides,
  }
}

const catalog = [
  campaign(),
  campaign({ id: 'EDU-001', type: 'EDU', day: 2, title: 'Three photos that sell', slug: 'three-photos' }),
  campaign({ id: 'HOWTO-001', type: 'HOWTO', day: 4, title: 'Claim your listing', slug: 'claim-listing', is_active: false }),
]

describe('campaign catalog', () => {
  it('has a row for each of the 90 days', () => {
    const days = programDays(catalog)
    expect(days).toHaveLength(90)
    expect(days[0].campaigns.map((c) => c.id)).toEqual(['HOOK-001'])
    expect(days[2].campaigns).toEqual([])
    expect(days[89].day).toBe(90)
  })

  it('lists the program days with their campaigns, and filters by type through the API', async () => {
    const { calls } = mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/campaigns': { data: catalog, meta: { total: 3 } },
    })
    renderPage(<CatalogPage />, { path: '/campaigns', route: '/campaigns' })
    expect(await screen.findByRole('link', { name: 'What customers see' })).toHaveAttribute('href', '/campaigns/HOOK-001')
    expect(screen.getByTestId('catalog-count')).toHaveTextContent('3 campaigns, 2 active')
    // 90 day rows plus the header
    expect(screen.getAllByRole('row')).toHaveLength(91)
    expect(screen.getAllByText('no campaign')).toHaveLength(87)
    await userEvent.click(screen.getByLabelText(/Show days without a campaign/))
    expect(screen.getAllByRole('row')).toHaveLength(4)
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'EDU')
    await vi.waitFor(() => expect(calls.some((c) => c.url.includes('type=EDU'))).toBe(true))
  })

  it('shows one campaign and its template, with no edit button for a viewer', async () => {
    mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/campaigns/HOOK-001': { data: campaign(), meta: {} },
    })
    renderPage(<CampaignPage />, { path: '/campaigns/:id', route: '/campaigns/HOOK-001' })
    expect(await screen.findByRole('heading', { name: 'What customers see' })).toBeInTheDocument()
    expect(screen.getByTitle('{{contact_first_name}}, what do customers see? (HTML)')).toHaveAttribute('sandbox', '')
    expect(screen.queryByRole('button', { name: 'Edit campaign' })).not.toBeInTheDocument()
  })

  it('says so for an unknown campaign', async () => {
    mockApi({ 'GET /api/v1/auth/me': { data: ME.admin, meta: {} }, 'GET /api/v1/campaigns/NOPE-001': { status: 404, body: { code: 'not_found', detail: 'No campaign' } } })
    renderPage(<CampaignPage />, { path: '/campaigns/:id', route: '/campaigns/NOPE-001' })
    expect(await screen.findByRole('heading', { name: 'Campaign not found' })).toBeInTheDocument()
  })

  it('builds a full replace, keeping the JSON settings, and refuses bad JSON before sending', () => {
    const { body } = requestOf({ ...draftOf(campaign()), upsell_services: 'photos, reviews ,', preview_text: '  ' })
    expect(body).toMatchObject({ type: 'HOOK', day: 1, preview_text: null, upsell_services: ['photos', 'reviews'], rvm_config: { voice: 'sarah' }, approval_config: {} })
    expect(requestOf({ ...draftOf(campaign()), rvm_config: '[1]' }).errors.rvm_config).toMatch(/JSON object/)
    expect(requestOf({ ...draftOf(campaign()), day: '91' }).errors.day).toMatch(/1 to 90/)
  })

  it('lets a manager edit a campaign and puts the API validation errors on their fields', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    let attempt = 0
    const { calls } = mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/campaigns/HOOK-001': { data: campaign(), meta: {} },
      'PUT /api/v1/campaigns/HOOK-001': () =>
        ++attempt === 1
          ? {
              status: 422,
              body: {
                code: 'validation_failed', detail: 'The request has 2 invalid field(s)',
                errors: [
                  { field: 'body_html', message: 'unknown merge field owner_name' },
                  { field: 'body_html', message: 'must contain the {{unsubscribe_url}} link' },
                ],
              },
            }
          : { body: { data: campaign({ subject: 'New subject', updated_at: '2026-11-22T10:00:00Z' }), meta: {} } },
    })
    renderPage(<CampaignPage />, { path: '/campaigns/:id', route: '/campaigns/HOOK-001' })
    await userEvent.click(await screen.findByRole('button', { name: 'Edit campaign' }))
    const form = screen.getByRole('form', { name: 'Edit HOOK-001' })
    const html = within(form).getByLabelText('HTML body')
    await userEvent.clear(html)
    await userEvent.click(html)
    await userEvent.paste('<p>{{owner_name}}</p>')
    await userEvent.click(within(form).getByRole('button', { name: 'Save campaign' }))
    expect(await within(form).findByText('unknown merge field owner_name; must contain the {{unsubscribe_url}} link')).toBeInTheDocument()
    expect(within(form).getByLabelText('HTML body')).toHaveAttribute('aria-invalid', 'true')

    const subject = within(form).getByLabelText('Subject')
    await userEvent.clear(subject)
    await userEvent.type(subject, 'New subject')
    await userEvent.click(within(form).getByRole('button', { name: 'Save campaign' }))
    expect(await screen.findByText('Saved HOOK-001')).toBeInTheDocument()
    expect(screen.queryByRole('form', { name: 'Edit HOOK-001' })).not.toBeInTheDocument()
    const put = calls.filter((c) => c.method === 'PUT')[1]
    expect(put.body).toMatchObject({ subject: 'New subject', day: 1, is_active: true, rvm_config: { voice: 'sarah' } })
  })

  it('puts a day clash (409) on the day field', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/campaigns/HOOK-001': { data: campaign(), meta: {} },
      'PUT /api/v1/campaigns/HOOK-001': { status: 409, body: { code: 'day_taken', detail: 'Another active campaign goes out on day 2; deactivate it first (is_active false)' } },
    })
    renderPage(<CampaignPage />, { path: '/campaigns/:id', route: '/campaigns/HOOK-001' })
    await userEvent.click(await screen.findByRole('button', { name: 'Edit campaign' }))
    const day = screen.getByLabelText('Program day')
    await userEvent.clear(day)
    await userEvent.type(day, '2')
    await userEvent.click(screen.getByRole('button', { name: 'Save campaign' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Another active campaign goes out on day 2')
    expect(screen.getByLabelText('Program day')).toHaveAttribute('aria-invalid', 'true')
  })
})
