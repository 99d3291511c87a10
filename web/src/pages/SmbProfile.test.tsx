import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Smb } from '../api/types'
import { ToastProvider } from '../components/Toasts'
import { mockApi, smb } from '../test/mockApi'
import { SmbProfile, changesOf, draftOf } from './SmbProfile'

afterEach(() => vi.unstubAllGlobals())

const communities = [{ id: 'c1', name: 'Hendersonville', slug: 'hendersonville', state: 'NC', county: null, population: null, timezone: 'America/New_York', settings: {}, created_at: '', updated_at: '' }]

function renderProfile(props: Partial<Parameters<typeof SmbProfile>[0]> = {}) {
  const onSaved = vi.fn()
  const reload = vi.fn(async () => ({ smb: smb({ city: 'Asheville', version: 4 }) as Smb, etag: '"v4"' }))
  render(
    <ToastProvider>
      <SmbProfile smb={smb() as Smb} etag={'"v3"'} communities={communities} canEdit onSaved={onSaved} reload={reload} {...props} />
    </ToastProvider>,
  )
  return { onSaved, reload }
}

describe('SMB profile', () => {
  it('sends only the changed fields with If-Match', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    const { calls } = mockApi({ 'PATCH /api/v1/smbs/s1': () => ({ body: { data: smb({ dba_name: 'BRB', version: 4 }), meta: {} }, headers: { ETag: '"v4"' } }) })
    const { onSaved } = renderProfile()
    await userEvent.click(screen.getByRole('button', { name: 'Edit profile' }))
    await userEvent.type(screen.getByLabelText('Doing business as'), 'BRB')
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }))
    expect(calls[0].headers['If-Match']).toBe('"v3"')
    expect(calls[0].body).toEqual({ dba_name: 'BRB' })
    expect(onSaved).toHaveBeenCalled()
  })

  it('shows API validation errors on their fields', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    mockApi({
      'PATCH /api/v1/smbs/s1': { status: 422, body: { code: 'invalid', detail: 'Invalid', errors: [{ field: 'primary_email', message: 'must be an email address' }] } },
    })
    renderProfile()
    await userEvent.click(screen.getByRole('button', { name: 'Edit profile' }))
    const email = screen.getByLabelText('Email')
    await userEvent.clear(email)
    await userEvent.type(email, 'not-an-email')
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }))
    expect(await screen.findByText('must be an email address')).toBeInTheDocument()
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true')
  })

  it('explains a stale write and keeps the edits on top of the newer version', async () => {
    document.cookie = 'XSRF-TOKEN=t'
    mockApi({ 'PATCH /api/v1/smbs/s1': { status: 412, body: { code: 'stale_write', detail: 'changed since' } } })
    const { reload } = renderProfile()
    await userEvent.click(screen.getByRole('button', { name: 'Edit profile' }))
    await userEvent.type(screen.getByLabelText('Doing business as'), 'BRB')
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }))
    expect(await screen.findByTestId('stale-write')).toHaveTextContent('Someone else saved this SMB')
    await userEvent.click(screen.getByRole('button', { name: 'Load their version and keep my edits' }))
    expect(reload).toHaveBeenCalled()
    expect(await screen.findByText(/they changed/)).toHaveTextContent('City')
    expect(screen.getByLabelText('Doing business as')).toHaveValue('BRB')
    expect(screen.getByLabelText('City')).toHaveValue('Asheville')
  })

  it('offers no edit to a role that may not edit', () => {
    renderProfile({ canEdit: false })
    expect(screen.queryByRole('button', { name: 'Edit profile' })).not.toBeInTheDocument()
  })

  it('turns blanked fields into null in the patch', () => {
    const base = smb() as Smb
    expect(changesOf(base, { ...draftOf(base), city: '  ' })).toEqual({ city: null })
  })
})
