// The console's only way to the server: the public API under /api/v1, with the session
// cookie, the CSRF token on writes, the {data, meta} envelope and RFC 9457 problems.

export type Meta = Record<string, unknown> & {
  page?: number
  per_page?: number
  total?: number
  last_page?: number
  next_cursor?: string | null
  sort?: string
}

export interface FieldProblem {
  field: string
  message: string
}

/** A problem answered by the API (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly errors: FieldProblem[]

  constructor(status: number, code: string, message: string, errors: FieldProblem[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.errors = errors
  }

  /** The field errors by field name (the first message of each field). */
  get fieldErrors(): Record<string, string> {
    const map: Record<string, string> = {}
    for (const e of this.errors) {
      if (!(e.field in map)) map[e.field] = e.message
    }
    return map
  }
}

export interface ApiResult<T> {
  data: T
  meta: Meta
  etag: string | null
  status: number
}

type Query = Record<string, string | number | boolean | null | undefined | string[]>

export interface RequestOptions {
  query?: Query
  body?: unknown
  form?: FormData
  headers?: Record<string, string>
  signal?: AbortSignal
}

let csrfToken: string | null = null
let unauthorizedListener: (() => void) | null = null

/** Called when the server says the session is gone (401), so the app can show the sign-in page. */
export function onUnauthorized(listener: (() => void) | null) {
  unauthorizedListener = listener
}

export function queryString(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','))
    } else {
      params.set(key, String(value))
    }
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

function cookie(name: string): string | null {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`))
  return match ? decodeURIComponent(match.substring(name.length + 1)) : null
}

async function csrf(refresh = false): Promise<string> {
  if (!refresh) {
    const fromCookie = cookie('XSRF-TOKEN')
    if (fromCookie) return fromCookie
    if (csrfToken) return csrfToken
  }
  const response = await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' })
  const json = await response.json()
  csrfToken = json.data.token as string
  return csrfToken
}

export async function problemOf(response: Response): Promise<ApiError> {
  let body: { detail?: string; title?: string; code?: string; errors?: FieldProblem[] } = {}
  try {
    body = await response.json()
  } catch {
    // not JSON: keep the status line
  }
  const message = body.detail || body.title || `${response.status} ${response.statusText}`
  return new ApiError(response.status, body.code ?? `http_${response.status}`, message, body.errors ?? [])
}

/** One API call; throws ApiError for any non-2xx answer. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const write = method !== 'GET' && method !== 'HEAD'
  const url = `/api/v1${path}${queryString(options.query)}`
  const send = async (refreshCsrf: boolean) => {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
    let body: BodyInit | undefined
    if (options.form) {
      body = options.form
    } else if (options.body !== undefined) {
      headers['Content-Type'] = headers['Content-Type'] ?? 'application/json'
      body = JSON.stringify(options.body)
    }
    if (write) headers['X-XSRF-TOKEN'] = await csrf(refreshCsrf)
    return fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal })
  }
  let response: Response
  try {
    response = await send(false)
    if (write && response.status === 403) {
      const problem = await problemOf(response.clone())
      if (problem.code === 'csrf_failed') response = await send(true)
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.')
  }
  if (!response.ok) {
    const problem = await problemOf(response)
    if (response.status === 401 && path !== '/auth/login' && unauthorizedListener) unauthorizedListener()
    throw problem
  }
  if (response.status === 204) {
    return { data: undefined as T, meta: {}, etag: response.headers.get('ETag'), status: 204 }
  }
  const json = await response.json()
  return { data: json.data as T, meta: (json.meta ?? {}) as Meta, etag: response.headers.get('ETag'), status: response.status }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: body ?? {}, headers }),
  put: <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>('PUT', path, { body, headers }),
  patch: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
    request<T>('PATCH', path, { body, headers }),
  delete: <T = void>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
}

/** Fetches a file the API streams (export, error report) as text, with the session cookie. */
export async function download(path: string, query?: Query): Promise<{ text: string; fileName: string | null; type: string }> {
  const response = await fetch(`/api/v1${path}${queryString(query)}`, { credentials: 'same-origin' })
  if (!response.ok) throw await problemOf(response)
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null
  return { text: await response.text(), fileName, type: response.headers.get('Content-Type') ?? 'text/plain' }
}

/** Hands text to the browser as a downloaded file. */
export function saveFile(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
