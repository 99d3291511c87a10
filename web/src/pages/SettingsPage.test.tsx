import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ME, mockApi } from '../test/mockApi'
import { renderPage } from '../test/render'
import { SettingsPage } from './SettingsPage'

afterEach(() => vi.unstubAllGlobals())

const model = {
  key: 'engagement', is_default: true, version: 1, updated_at: null,
  model: {
    name: 'Engagement', min_score: 0, max_score: 100,
    bands: [{ key: 'premium', name: 'Premium', min_score: 80 }, { key: 'engaged', name: 'Engaged', min_score: 50 }, { key: 'active', name: 'Active', min_score: 20 }, { key: 'passive', name: 'Passive', min_score: 0 }],
    categories: [{ key: 'email_opens', name: 'Email opens', cap: 25 }],
    rules: [{ key: 'email_open', name: 'Opened an email', signal_type: 'email_open', points: 5, window_days: 30, category: 'email_opens' }],
  },
}

describe('settings', () => {
  it('lets a manager change a tier threshold and shows the API error on that field', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    const manager = { ...ME.admin, role: 'manager', permissions: ME.admin.permissions.filter((p) => p !== 'crm.users.manage') }
    const { calls } = mockApi({
      'GET /api/v1/auth/me': { data: manager, meta: {} },
      'GET /api/v1/auth/tokens': { data: [], meta: {} },
      'GET /api/v1/score-models/engagement': { data: model, meta: {} },
      'PUT /api/v1/score-models/engagement': { status: 422, body: { code: 'invalid', detail: 'Invalid', errors: [{ field: 'bands[1].min_score', message: 'must be below Premium (80)' }] } },
    })
    renderPage(<SettingsPage />, { route: '/?tab=scoring' })
    expect(screen.queryByRole('tab', { name: 'Users and roles' })).not.toBeInTheDocument()
    const engaged = await screen.findByLabelText('Engaged: from score')
    await userEvent.clear(engaged)
    await userEvent.type(engaged, '85')
    await userEvent.click(screen.getByRole('button', { name: 'Save and rescore' }))
    expect(await screen.findByText('must be below Premium (80)')).toBeInTheDocument()
    expect((calls.find((c) => c.method === 'PUT')?.body as typeof model.model).bands[1].min_score).toBe(85)
  })

  it('shows a viewer the model read-only and no users tab', async () => {
    mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/auth/tokens': { data: [], meta: {} },
      'GET /api/v1/score-models/engagement': { data: model, meta: {} },
    })
    renderPage(<SettingsPage />, { route: '/?tab=scoring' })
    expect(await screen.findByLabelText('Premium: from score')).toHaveAttribute('readonly')
    expect(screen.queryByRole('button', { name: 'Save and rescore' })).not.toBeInTheDocument()
    expect(screen.queryByRole('tab', { name: 'Users and roles' })).not.toBeInTheDocument()
  })
})
