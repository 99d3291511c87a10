import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ME, mockApi, smb } from '../test/mockApi'
import { renderPage } from '../test/render'
import { SmbListPage } from './SmbListPage'

afterEach(() => vi.unstubAllGlobals())

function routes(me: object) {
  return {
    'GET /api/v1/auth/me': { data: me, meta: {} },
    'GET /api/v1/communities': { data: [{ id: 'c1', name: 'Hendersonville' }], meta: {} },
    'GET /api/v1/tags': { data: [{ id: 'tag1', name: 'VIP', color: 'blue' }], meta: {} },
    'GET /api/v1/smbs': {
      data: [smb(), smb({ id: 's2', business_name: 'Mountain Brews' })],
      meta: { page: 1, per_page: 25, total: 2, last_page: 1, sort: 'business_name', next_cursor: null },
    },
  }
}

describe('SMB list', () => {
  it('lists SMBs, sorts by a column and searches through the API', async () => {
    const { calls } = mockApi(routes(ME.admin))
    renderPage(<SmbListPage />, { path: '/smbs', route: '/smbs' })
    expect(await screen.findByRole('link', { name: 'Blue Ridge Bakery' })).toBeInTheDocument()
    expect(screen.getByTestId('smb-total')).toHaveTextContent('2 SMBs')
    await userEvent.click(screen.getByRole('button', { name: /Score/ }))
    await vi.waitFor(() => expect(calls.some((c) => c.url.includes('sort=engagement_score'))).toBe(true))
    await userEvent.type(screen.getByLabelText('Search SMBs'), 'bakry')
    await userEvent.click(screen.getByRole('button', { name: 'Search' }))
    await vi.waitFor(() => expect(calls.some((c) => c.url.includes('search=bakry'))).toBe(true))
  })

  it('tags the selected SMBs in bulk', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    const { calls } = mockApi({ ...routes(ME.admin), 'POST /api/v1/tags/tag1/smbs': { data: { tagged_count: 2 }, meta: {} } })
    renderPage(<SmbListPage />, { path: '/smbs', route: '/smbs' })
    await userEvent.click(await screen.findByLabelText('Select all on this page'))
    const bar = screen.getByRole('region', { name: 'Selection' })
    expect(bar).toHaveTextContent('2 selected')
    await userEvent.selectOptions(within(bar).getByLabelText('Tag to add'), 'tag1')
    await userEvent.click(within(bar).getByRole('button', { name: 'Tag selected' }))
    expect(await screen.findByText('Tagged 2 SMBs “VIP”')).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ smb_ids: ['s1', 's2'] })
  })

  it('exports the selection by its ids', async () => {
    const saved: Blob[] = []
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => (saved.push(blob), 'blob:x'), revokeObjectURL: () => {} }))
    const { calls } = mockApi({
      ...routes(ME.admin),
      'GET /api/v1/smbs/export': {
        text: '\uFEFFid,business_name\r\ns1,Blue Ridge Bakery\r\ns2,Mountain Brews\r\n',
        headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="smbs-20261122-100000.csv"' },
      },
    })
    renderPage(<SmbListPage />, { path: '/smbs', route: '/smbs?engagement_tier=2' })
    await userEvent.click(await screen.findByLabelText('Select all on this page'))
    await userEvent.click(screen.getByRole('button', { name: 'Export selected (CSV)' }))
    expect(await screen.findByText('Exported 2 selected SMBs')).toBeInTheDocument()
    const url = calls.find((c) => c.url.startsWith('/api/v1/smbs/export'))?.url ?? ''
    expect(new URLSearchParams(url.split('?')[1]).get('ids')).toBe('s1,s2')
    // the ids say which SMBs; the list's other filters are not needed
    expect(url).not.toContain('engagement_tier')
    expect(await saved[0].text()).toContain('Mountain Brews')
  })

  it('saves the current filters as a named view', async () => {
    mockApi(routes(ME.admin))
    renderPage(<SmbListPage />, { path: '/smbs', route: '/smbs?engagement_tier=1' })
    await userEvent.click(await screen.findByRole('button', { name: '+ Save current view' }))
    await userEvent.type(screen.getByLabelText('Name of the view'), 'Premium')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(screen.getByRole('button', { name: 'Premium' })).toBeInTheDocument()
    expect(JSON.parse(localStorage.getItem('fibonacco.smb-views.u1') ?? '[]')).toEqual([{ name: 'Premium', query: 'engagement_tier=1' }])
  })

  it('shows a viewer no write controls', async () => {
    mockApi(routes(ME.viewer))
    renderPage(<SmbListPage />, { path: '/smbs', route: '/smbs' })
    await screen.findByRole('link', { name: 'Blue Ridge Bakery' })
    expect(screen.queryByRole('link', { name: 'New SMB' })).not.toBeInTheDocument()
    expect(screen.queryByText('Export all matching')).not.toBeInTheDocument()
    await userEvent.click(screen.getByLabelText('Select Blue Ridge Bakery'))
    expect(screen.queryByRole('button', { name: 'Tag selected' })).not.toBeInTheDocument()
  })

  it('shows an error state with a retry when the list fails', async () => {
    mockApi({ ...routes(ME.admin), 'GET /api/v1/smbs': { status: 500, body: { detail: 'Database unavailable' } } })
    renderPage(<SmbListPage />, { path: '/smbs', route: '/smbs' })
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })
})
