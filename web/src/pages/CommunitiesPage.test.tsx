import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ME, mockApi } from '../test/mockApi'
import { renderPage } from '../test/render'
import { CommunitiesPage } from './CommunitiesPage'

afterEach(() => vi.unstubAllGlobals())

describe('communities', () => {
  it('shows the API validation errors on the fields of the new-community form', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/communities': { data: [], meta: {} },
      'POST /api/v1/communities': {
        status: 422,
        body: { code: 'invalid', detail: 'Invalid', errors: [{ field: 'state', message: 'must not be null' }, { field: 'population', message: 'must be greater than or equal to 0' }] },
      },
    })
    renderPage(<CommunitiesPage />)
    expect(await screen.findByText('No communities yet.')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'New community' }))
    const dialog = screen.getByRole('dialog')
    await userEvent.type(within(dialog).getByLabelText('Name'), 'Brevard')
    await userEvent.type(within(dialog).getByLabelText('Population'), '-5')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create community' }))
    expect(await within(dialog).findByText('must not be null')).toBeInTheDocument()
    expect(within(dialog).getByLabelText('State')).toHaveAttribute('aria-invalid', 'true')
    expect(within(dialog).getByText('must be greater than or equal to 0')).toBeInTheDocument()
  })

  it('gives a viewer no create or edit controls', async () => {
    mockApi({
      'GET /api/v1/auth/me': { data: ME.viewer, meta: {} },
      'GET /api/v1/communities': { data: [{ id: 'c1', name: 'Brevard', state: 'NC', county: null, population: null, timezone: 'America/New_York' }], meta: {} },
    })
    renderPage(<CommunitiesPage />)
    expect(await screen.findByRole('link', { name: 'Brevard' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'New community' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Edit Brevard' })).not.toBeInTheDocument()
  })
})
