import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, api } from './client'
import { mockApi } from '../test/mockApi'

afterEach(() => {
  vi.unstubAllGlobals()
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT'
})

describe('api client', () => {
  it('unwraps the envelope and keeps the ETag', async () => {
    mockApi({ 'GET /api/v1/smbs/s1': () => ({ body: { data: { id: 's1' }, meta: {} }, headers: { ETag: '"v3"' } }) })
    const result = await api.get<{ id: string }>('/smbs/s1')
    expect(result.data.id).toBe('s1')
    expect(result.etag).toBe('"v3"')
  })

  it('sends the CSRF token from the cookie on writes', async () => {
    document.cookie = 'XSRF-TOKEN=abc123'
    const { calls } = mockApi({ 'POST /api/v1/tags': { data: { id: 't' }, meta: {} } })
    await api.post('/tags', { name: 'VIP' })
    expect(calls[0].headers['X-XSRF-TOKEN']).toBe('abc123')
    expect(calls[0].body).toEqual({ name: 'VIP' })
  })

  it('fetches a fresh CSRF token and retries once when the server refuses it', async () => {
    let attempts = 0
    const { calls } = mockApi({
      'GET /api/v1/auth/csrf': { data: { header_name: 'X-XSRF-TOKEN', token: 'fresh' }, meta: {} },
      'POST /api/v1/tags': (call) => {
        attempts++
        return call.headers['X-XSRF-TOKEN'] === 'fresh'
          ? { status: 201, body: { data: { id: 't' }, meta: {} } }
          : { status: 403, body: { code: 'csrf_failed', detail: 'Send the CSRF token' } }
      },
    })
    document.cookie = 'XSRF-TOKEN=stale'
    await api.post('/tags', { name: 'VIP' })
    expect(attempts).toBe(2)
    expect(calls.map((c) => c.method + ' ' + c.url)).toContain('GET /api/v1/auth/csrf')
  })

  it('turns a problem into an ApiError that names its fields', async () => {
    mockApi({
      'POST /api/v1/communities': {
        status: 422,
        body: { status: 422, code: 'invalid', detail: 'Invalid input', errors: [{ field: 'state', message: 'must be a US state' }] },
      },
    })
    document.cookie = 'XSRF-TOKEN=abc'
    const error = await api.post('/communities', {}).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(422)
    expect(error.fieldErrors).toEqual({ state: 'must be a US state' })
  })
})
