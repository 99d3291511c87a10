import { useState, type FormEvent } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { ApiError, api } from '../api/client'
import type { Campaign } from '../api/types'
import { Permission, useAuth } from '../auth'
import { Field, FormError } from '../components/Field'
import { MailPreview } from '../components/MailPreview'
import { Async, Empty, ErrorState, Loading } from '../components/States'
import { useToast } from '../components/Toasts'
import { dateTime } from '../format'
import { useLoad } from '../hooks'

export const CAMPAIGN_TYPES = ['HOOK', 'EDU', 'HOWTO', 'PROMO', 'UPSELL', 'MEETING', 'CHECKIN', 'SURVEY'] as const
export const MERGE_FIELDS = [
  'business_name', 'contact_name', 'contact_first_name', 'community_name', 'sender_name', 'approve_url', 'learn_more_url',
  'unsubscribe_url',
]
const TOTAL_DAYS = 90

/** The catalog's rows for the table: every program day, with its campaigns or none. */
export function programDays(campaigns: Campaign[], totalDays = TOTAL_DAYS): { day: number; campaigns: Campaign[] }[] {
  const byDay = new Map<number, Campaign[]>()
  for (const c of campaigns) byDay.set(c.day, [...(byDay.get(c.day) ?? []), c])
  return Array.from({ length: totalDays }, (_, i) => ({ day: i + 1, campaigns: byDay.get(i + 1) ?? [] }))
}

/** The 90 days of the program and the campaign each day sends. */
export function CatalogPage() {
  const [params, setParams] = useSearchParams()
  const type = params.get('type') ?? ''
  const active = params.get('is_active') ?? ''
  const emptyDays = params.get('empty_days') !== 'hide'
  const catalog = useLoad(
    (signal) =>
      api.get<Campaign[]>('/campaigns', { type: type || undefined, is_active: active || undefined, per_page: 200 }, signal),
    [type, active],
  )
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next)
  }
  const filtered = type !== '' || active !== ''
  return (
    <section>
      <div className="page-head">
        <h1>Campaign catalog</h1>
      </div>
      <p className="muted">
        The Manifest Destiny program: one campaign email per program day, days 1 to {TOTAL_DAYS}. A day without an active
        campaign sends nothing.
      </p>
      <form className="catalog-filters" aria-label="Catalog filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Type
          <select value={type} onChange={(e) => set('type', e.target.value)}>
            <option value="">All types</option>
            {CAMPAIGN_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={active} onChange={(e) => set('is_active', e.target.value)}>
            <option value="">Active and inactive</option>
            <option value="true">Active only</option>
            <option value="false">Inactive only</option>
          </select>
        </label>
        {!filtered && (
          <label className="inline">
            <input type="checkbox" checked={emptyDays} onChange={(e) => set('empty_days', e.target.checked ? '' : 'hide')} /> Show days
            without a campaign
          </label>
        )}
      </form>
      {catalog.error ? (
        <ErrorState error={catalog.error} retry={catalog.reload} />
      ) : !catalog.data ? (
        <Loading label="Loading the catalog…" />
      ) : catalog.data.data.length === 0 ? (
        <Empty>{filtered ? 'No campaign matches these filters.' : 'The catalog is empty.'}</Empty>
      ) : (
        <>
          <p className="muted small" data-testid="catalog-count">
            {catalog.data.data.length} campaign{catalog.data.data.length === 1 ? '' : 's'}
            {filtered ? ' match' : `, ${catalog.data.data.filter((c) => c.is_active).length} active`}
          </p>
          <div className="table-wrap">
            <table className="data catalog">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Day
                  </th>
                  <th scope="col" className="hide-sm num">
                    Week
                  </th>
                  <th scope="col">Campaign</th>
                  <th scope="col">Type</th>
                  <th scope="col" className="hide-sm">
                    Subject
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {(filtered || !emptyDays
                  ? catalog.data.data.map((c) => ({ day: c.day, campaigns: [c] }))
                  : programDays(catalog.data.data)
                ).flatMap(({ day, campaigns }) =>
                  campaigns.length === 0
                    ? [
                        <tr key={`day-${day}`} className="inactive">
                          <td className="num">{day}</td>
                          <td className="hide-sm num">{Math.floor((day - 1) / 7) + 1}</td>
                          <td colSpan={4} className="muted">
                            no campaign
                          </td>
                        </tr>,
                      ]
                    : campaigns.map((c) => (
                        <tr key={c.id} className={c.is_active ? '' : 'inactive'}>
                          <td className="num">{c.day}</td>
                          <td className="hide-sm num">{c.week}</td>
                          <td>
                            <Link to={`/campaigns/${c.id}`}>{c.title}</Link>
                            <div className="muted small">{c.id}</div>
                          </td>
                          <td>
                            <span className="badge">{c.type}</span>
                          </td>
                          <td className="hide-sm">{c.subject}</td>
                          <td>{c.is_active ? 'Active' : 'Inactive'}</td>
                        </tr>
                      )),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

type Draft = {
  type: string
  day: string
  title: string
  subject: string
  preview_text: string
  slug: string
  service_type: string
  landing_page_slug: string
  email_template_id: string
  body_html: string
  body_text: string
  approval_button_text: string
  rvm_script: string
  meeting_topic: string
  upsell_services: string
  approval_config: string
  rvm_config: string
  is_active: boolean
}

export function draftOf(c: Campaign): Draft {
  return {
    type: c.type,
    day: String(c.day),
    title: c.title,
    subject: c.subject,
    preview_text: c.preview_text ?? '',
    slug: c.slug,
    service_type: c.service_type ?? '',
    landing_page_slug: c.landing_page_slug ?? '',
    email_template_id: c.email_template_id ?? '',
    body_html: c.body_html ?? '',
    body_text: c.body_text ?? '',
    approval_button_text: c.approval_button_text ?? '',
    rvm_script: c.rvm_script ?? '',
    meeting_topic: c.meeting_topic ?? '',
    upsell_services: c.upsell_services.join(', '),
    approval_config: JSON.stringify(c.approval_config ?? {}, null, 2),
    rvm_config: JSON.stringify(c.rvm_config ?? {}, null, 2),
    is_active: c.is_active,
  }
}

const orNull = (value: string) => (value.trim() === '' ? null : value)

/** The PUT body (every field: a replace), or the fields the browser already knows are wrong. */
export function requestOf(d: Draft): { body?: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const json = (field: 'approval_config' | 'rvm_config') => {
    try {
      const value = JSON.parse(d[field].trim() || '{}')
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error()
      return value as Record<string, unknown>
    } catch {
      errors[field] = 'must be a JSON object, like {"key": "value"}'
      return {}
    }
  }
  const approvalConfig = json('approval_config')
  const rvmConfig = json('rvm_config')
  const day = Number(d.day)
  if (!Number.isInteger(day) || day < 1 || day > TOTAL_DAYS) errors.day = `must be a whole number from 1 to ${TOTAL_DAYS}`
  if (Object.keys(errors).length) return { errors }
  return {
    errors,
    body: {
      type: d.type,
      day,
      title: d.title,
      subject: d.subject,
      preview_text: orNull(d.preview_text),
      slug: d.slug,
      service_type: orNull(d.service_type),
      landing_page_slug: orNull(d.landing_page_slug),
      email_template_id: orNull(d.email_template_id),
      body_html: d.body_html,
      body_text: d.body_text,
      approval_button_text: orNull(d.approval_button_text),
      approval_config: approvalConfig,
      rvm_script: orNull(d.rvm_script),
      rvm_config: rvmConfig,
      upsell_services: d.upsell_services
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      meeting_topic: orNull(d.meeting_topic),
      is_active: d.is_active,
    },
  }
}

/** Every message of each field (a template can break two rules at once). */
function fieldMessages(error: ApiError): Record<string, string> {
  const map: Record<string, string> = {}
  for (const e of error.errors) map[e.field] = map[e.field] ? `${map[e.field]}; ${e.message}` : e.message
  return map
}

/** One campaign: everything it sends, and (for admins and managers) its edit form. */
export function CampaignPage() {
  const { id = '' } = useParams()
  const { can } = useAuth()
  const campaign = useLoad((signal) => api.get<Campaign>(`/campaigns/${id}`, undefined, signal).then((r) => r.data), [id])
  const [editing, setEditing] = useState(false)
  const canEdit = can(Permission.campaigns)

  if (campaign.error instanceof ApiError && campaign.error.status === 404)
    return (
      <section>
        <h1>Campaign not found</h1>
        <p>
          The catalog has no campaign {id}. <Link to="/campaigns">Back to the catalog</Link>
        </p>
      </section>
    )
  return (
    <section>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/campaigns">Campaigns</Link> › <span aria-current="page">{campaign.data?.title ?? id}</span>
      </nav>
      <Async state={campaign} label="Loading the campaign…">
        {(c) => (
          <>
            <div className="page-head">
              <div>
                <h1>{c.title}</h1>
                <p className="muted">
                  {c.id} · <span className="badge">{c.type}</span> · day {c.day} (week {c.week}) ·{' '}
                  {c.is_active ? 'active' : 'inactive'} · updated {dateTime(c.updated_at)}
                </p>
              </div>
              {canEdit && !editing && (
                <div className="actions">
                  <button type="button" className="primary" onClick={() => setEditing(true)}>
                    Edit campaign
                  </button>
                </div>
              )}
            </div>
            {editing ? (
              <CampaignForm
                campaign={c}
                onCancel={() => setEditing(false)}
                onSaved={(saved) => {
                  campaign.set(saved)
                  setEditing(false)
                }}
              />
            ) : (
              <CampaignView campaign={c} />
            )}
          </>
        )}
      </Async>
    </section>
  )
}

function CampaignView({ campaign: c }: { campaign: Campaign }) {
  const rows: [string, string | null][] = [
    ['Subject', c.subject],
    ['Preview text', c.preview_text],
    ['Slug', c.slug],
    ['Service type', c.service_type],
    ['Landing page', c.landing_page_slug],
    ['Email template', c.email_template_id],
    ['Approval button', c.approval_button_text],
    ['Upsell services', c.upsell_services.join(', ') || null],
    ['Meeting topic', c.meeting_topic],
    ['Voicemail script', c.rvm_script],
  ]
  return (
    <div className="detail-grid">
      <div className="col">
        <div className="card">
          <h2>Campaign</h2>
          <dl className="profile">
            {rows.map(([name, value]) => (
              <div key={name} className={name === 'Voicemail script' ? 'wide' : undefined}>
                <dt>{name}</dt>
                <dd>{value ?? '—'}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      <div className="col">
        <div className="card">
          <h2>Email template</h2>
          <p className="muted small">
            As stored, with its merge fields (<code>{'{{business_name}}'}</code> …) not yet filled in.
          </p>
          <MailPreview html={c.body_html} text={c.body_text} title={c.subject} />
        </div>
      </div>
    </div>
  )
}

function CampaignForm({ campaign, onCancel, onSaved }: { campaign: Campaign; onCancel: () => void; onSaved: (c: Campaign) => void }) {
  const toast = useToast()
  const [draft, setDraft] = useState<Draft>(() => draftOf(campaign))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFormError(null)
    const { body, errors: local } = requestOf(draft)
    setErrors(local)
    if (!body) {
      setFormError('Some fields need fixing.')
      return
    }
    setBusy(true)
    try {
      const result = await api.put<Campaign>(`/campaigns/${campaign.id}`, body)
      toast.success(`Saved ${result.data.id}`)
      onSaved(result.data)
    } catch (error) {
      if (error instanceof ApiError && error.errors.length) {
        setErrors(fieldMessages(error))
        setFormError('The server refused some fields; see the messages below them.')
      } else if (error instanceof ApiError && error.code === 'day_taken') {
        setErrors({ day: error.message })
        setFormError(error.message)
      } else if (error instanceof ApiError && error.code === 'slug_taken') {
        setErrors({ slug: error.message })
        setFormError(error.message)
      } else {
        setFormError(error instanceof Error ? error.message : 'Could not save')
      }
    } finally {
      setBusy(false)
    }
  }

  const text = (key: keyof Draft, labelText: string, hint?: string) => (
    <Field label={labelText} error={errors[key]} hint={hint}>
      {(props) => <input {...props} name={key} value={draft[key] as string} onChange={set(key)} />}
    </Field>
  )
  const area = (key: keyof Draft, labelText: string, hint?: string, rows = 6) => (
    <Field label={labelText} error={errors[key]} hint={hint}>
      {(props) => <textarea {...props} className="code" name={key} rows={rows} value={draft[key] as string} onChange={set(key)} />}
    </Field>
  )
  const merge = `Merge fields: ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(', ')}`
  return (
    <form className="card campaign-form" onSubmit={submit} aria-label={`Edit ${campaign.id}`} noValidate>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Type" error={errors.type}>
          {(props) => (
            <select {...props} value={draft.type} onChange={set('type')}>
              {CAMPAIGN_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Program day" error={errors.day ?? errors.week} hint="1 to 90; the week follows from it">
          {(props) => <input {...props} type="number" min={1} max={TOTAL_DAYS} value={draft.day} onChange={set('day')} />}
        </Field>
        {text('title', 'Title')}
        {text('slug', 'Slug', 'lower-case words joined by dashes')}
      </div>
      {text('subject', 'Subject', merge)}
      {text('preview_text', 'Preview text')}
      {area('body_html', 'HTML body', `Must contain {{unsubscribe_url}}. ${merge}`, 14)}
      {area('body_text', 'Text body', 'Must contain {{unsubscribe_url}}', 10)}
      <div className="form-grid">
        {text('service_type', 'Service type')}
        {text('landing_page_slug', 'Landing page slug')}
        {text('email_template_id', 'Email template id')}
        {text('approval_button_text', 'Approval button text')}
        {text('meeting_topic', 'Meeting topic')}
        {text('upsell_services', 'Upsell services', 'comma-separated')}
      </div>
      {area('rvm_script', 'Voicemail (RVM) script', undefined, 4)}
      <details>
        <summary>Approval and voicemail settings (JSON)</summary>
        {area('approval_config', 'Approval settings', 'a JSON object', 4)}
        {area('rvm_config', 'Voicemail settings', 'a JSON object', 4)}
      </details>
      <label className="inline">
        <input type="checkbox" checked={draft.is_active} onChange={(e) => setDraft((d) => ({ ...d, is_active: e.target.checked }))} /> Active
        (an inactive campaign is never sent)
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save campaign'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  )
}
