import { vi } from 'vitest'

export interface Call {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

type Handler = (call: Call) => { status?: number; body?: unknown; text?: string; headers?: Record<string, string> } | undefined

/** Replaces fetch with a table of routes: "GET /api/v1/smbs" → answer. Records every call. */
export function mockApi(routes: Record<string, Handler | object>) {
  const calls: Call[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input)
    const method = (init.method ?? 'GET').toUpperCase()
    const headers = (init.headers ?? {}) as Record<string, string>
    let body: unknown = init.body
    if (typeof init.body === 'string') body = JSON.parse(init.body)
    const call = { method, url, headers, body }
    calls.push(call)
    const path = url.split('?')[0]
    const key = Object.keys(routes).find((k) => {
      const [m, p] = k.split(' ')
      if (m !== method) return false
      const pattern = new RegExp(`^${p.replace(/:[a-z_]+/g, '[^/]+')}$`)
      return pattern.test(path)
    })
    if (!key) return new Response(JSON.stringify({ status: 404, code: 'not_found', detail: `no mock for ${method} ${path}` }), { status: 404 })
    const route = routes[key]
    const answer: ReturnType<Handler> =
      typeof route === 'function' ? (route as Handler)(call) : 'body' in route || 'text' in route ? (route as ReturnType<Handler>) : { body: route }
    const status = answer?.status ?? 200
    if (answer?.text !== undefined) return new Response(answer.text, { status, headers: answer.headers })
    return new Response(status === 204 ? null : JSON.stringify(answer?.body ?? {}), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...(answer?.headers ?? {}) },
    })
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls, fetchMock }
}

export const ME = {
  admin: { id: 'u1', tenant_id: 't1', email: 'dana@example.com', name: 'Dana Whitfield', role: 'admin', platform_admin: false, permissions: ['crm.contacts.view', 'crm.contacts.edit', 'crm.contacts.delete', 'crm.contacts.export', 'crm.contacts.import', 'crm.activities.manage', 'crm.communities.manage', 'crm.tags.manage', 'crm.audiences.manage', 'crm.scoring.manage', 'crm.campaigns.manage', 'crm.users.manage'] },
  viewer: { id: 'u2', tenant_id: 't1', email: 'sam@example.com', name: 'Sam Ortega', role: 'viewer', platform_admin: false, permissions: ['crm.contacts.view'] },
}

export function smb(overrides: Record<string, unknown> = {}) {
  return {
    id: 's1', community_id: 'c1', slug: 'blue-ridge-bakery', business_name: 'Blue Ridge Bakery', dba_name: null,
    business_type: 'bakery', category: 'food', primary_contact_name: 'Ana Lopez', primary_email: 'ana@blueridge.example',
    primary_phone: '+18285550142', website: null, address: '1 Main St', city: 'Hendersonville', state: 'NC', zip: '28792',
    business_description: null, engagement_tier: 2, engagement_score: 57, last_email_open: null, last_email_click: null,
    campaign_status: 'pending', manifest_destiny_day: 0, manifest_destiny_start_date: null, next_scheduled_send: null,
    service_model: 'managed', subscription_tier: 'basic', email_opted_in: true, sms_opted_in: false, rvm_opted_in: true,
    phone_opted_in: false, do_not_contact: false, can_contact: { email: true, sms: false, rvm: true, phone: false },
    source: 'import', data_quality_score: 90, version: 3, created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-20T10:00:00Z',
    deleted_at: null, ...overrides,
  }
}
