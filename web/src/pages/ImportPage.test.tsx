import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ME, mockApi } from '../test/mockApi'
import { renderPage } from '../test/render'
import { ImportPage } from './ImportPage'

afterEach(() => vi.unstubAllGlobals())

const job = (overrides: Record<string, unknown>) => ({
  id: 'i1', status: 'queued', file_name: 'shops.csv', file_format: 'csv', file_size: 90, community_id: 'c1',
  on_duplicate: 'skip', match_on: 'email', dry_run: true, rows_total: null, rows_processed: 0, created: 0, updated: 0,
  skipped: 0, failed: 0, progress: 0, failure_reason: null, errors_url: '/api/v1/smbs/import/i1/errors.csv',
  created_at: '', finished_at: null, ...overrides,
})

describe('import wizard', () => {
  it('previews the file, starts a dry run, follows its progress and offers the error report', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    let polls = 0
    const { calls } = mockApi({
      'GET /api/v1/auth/me': { data: ME.admin, meta: {} },
      'GET /api/v1/communities': { data: [{ id: 'c1', name: 'Brevard', state: 'NC' }], meta: {} },
      'POST /api/v1/smbs/import': { status: 202, body: { data: job({}), meta: {} } },
      'GET /api/v1/smbs/import/i1': () => {
        polls++
        return {
          body: {
            data: polls < 2 ? job({ status: 'running', progress: 50, rows_total: 2 }) : job({ status: 'completed', progress: 100, rows_total: 2, rows_processed: 2, created: 1, failed: 1 }),
            meta: {},
          },
        }
      },
    })
    renderPage(<ImportPage />)
    const file = new File(['Company Name,Email\nKiln Works,kiln@example.com\nBad Row,not-an-email\n'], 'shops.csv', { type: 'text/csv' })
    await userEvent.upload(await screen.findByLabelText('File (CSV or JSON)'), file)
    expect(await screen.findByText('Kiln Works')).toBeInTheDocument()
    await userEvent.selectOptions(screen.getByLabelText('Field for column Email'), 'primary_email')
    await userEvent.selectOptions(screen.getByLabelText('Community for rows without one'), 'c1')
    await userEvent.click(screen.getByRole('button', { name: 'Start dry run' }))
    const form = calls.find((c) => c.method === 'POST')?.body as FormData
    expect(form.get('dry_run')).toBe('true')
    expect(form.get('community_id')).toBe('c1')
    expect(JSON.parse(String(form.get('mapping')))).toEqual({ Email: 'primary_email' })
    expect(await screen.findByTestId('import-status', {}, { timeout: 4000 })).toBeInTheDocument()
    const report = await screen.findByTestId('error-report', {}, { timeout: 4000 })
    expect(report).toHaveAttribute('href', '/api/v1/smbs/import/i1/errors.csv')
    expect(screen.getByTestId('import-failed')).toHaveTextContent('1')
    expect(screen.getByRole('button', { name: 'Import for real' })).toBeInTheDocument()
  })

  it('tells a role without import permission that it may not import', async () => {
    mockApi({ 'GET /api/v1/auth/me': { data: ME.viewer, meta: {} }, 'GET /api/v1/communities': { data: [], meta: {} } })
    renderPage(<ImportPage />)
    expect(await screen.findByText('Your role may not import SMBs.')).toBeInTheDocument()
  })
})
