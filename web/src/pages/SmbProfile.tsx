import { useState, type FormEvent } from 'react'
import { ApiError, api } from '../api/client'
import type { Community, Smb } from '../api/types'
import { YesNo } from '../components/Badges'
import { Field, FormError } from '../components/Field'
import { useToast } from '../components/Toasts'
import { SERVICE_MODELS, SUBSCRIPTION_TIERS, US_STATES, label } from '../format'

type Kind = 'text' | 'email' | 'tel' | 'url' | 'textarea' | 'state' | 'service_model' | 'subscription_tier' | 'community' | 'bool'

export const PROFILE_FIELDS: { key: keyof Smb & string; label: string; kind: Kind }[] = [
  { key: 'business_name', label: 'Business name', kind: 'text' },
  { key: 'dba_name', label: 'Doing business as', kind: 'text' },
  { key: 'community_id', label: 'Community', kind: 'community' },
  { key: 'primary_contact_name', label: 'Contact', kind: 'text' },
  { key: 'primary_email', label: 'Email', kind: 'email' },
  { key: 'primary_phone', label: 'Phone', kind: 'tel' },
  { key: 'website', label: 'Website', kind: 'url' },
  { key: 'address', label: 'Address', kind: 'text' },
  { key: 'city', label: 'City', kind: 'text' },
  { key: 'state', label: 'State', kind: 'state' },
  { key: 'zip', label: 'ZIP', kind: 'text' },
  { key: 'business_type', label: 'Business type', kind: 'text' },
  { key: 'category', label: 'Category', kind: 'text' },
  { key: 'service_model', label: 'Service model', kind: 'service_model' },
  { key: 'subscription_tier', label: 'Subscription', kind: 'subscription_tier' },
  { key: 'source', label: 'Source', kind: 'text' },
  { key: 'email_opted_in', label: 'Email opt-in', kind: 'bool' },
  { key: 'sms_opted_in', label: 'SMS opt-in', kind: 'bool' },
  { key: 'rvm_opted_in', label: 'Voicemail opt-in', kind: 'bool' },
  { key: 'phone_opted_in', label: 'Phone opt-in', kind: 'bool' },
  { key: 'do_not_contact', label: 'Do not contact', kind: 'bool' },
  { key: 'business_description', label: 'Description', kind: 'textarea' },
]

type Draft = Record<string, string | boolean | null>

export function draftOf(smb: Smb): Draft {
  const draft: Draft = {}
  for (const f of PROFILE_FIELDS) {
    const value = smb[f.key] as unknown
    draft[f.key] = f.kind === 'bool' ? Boolean(value) : ((value as string | null) ?? '')
  }
  return draft
}

/** The fields whose draft value differs from the SMB, as a merge patch (blank clears). */
export function changesOf(smb: Smb, draft: Draft): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  const base = draftOf(smb)
  for (const f of PROFILE_FIELDS) {
    if (draft[f.key] !== base[f.key]) {
      const value = draft[f.key]
      patch[f.key] = typeof value === 'string' && value.trim() === '' ? null : value
    }
  }
  return patch
}

function show(smb: Smb, key: string, kind: Kind, communities: Community[]) {
  const value = (smb as unknown as Record<string, unknown>)[key]
  if (kind === 'bool') return <YesNo value={Boolean(value)} />
  if (kind === 'community') return communities.find((c) => c.id === value)?.name ?? '…'
  if (kind === 'service_model' || kind === 'subscription_tier') return label(value as string)
  if (kind === 'url' && value)
    return (
      <a href={String(value)} target="_blank" rel="noreferrer noopener">
        {String(value)}
      </a>
    )
  return value ? String(value) : <span className="muted">—</span>
}

/**
 * The profile, edited in place. Saves only the changed fields with If-Match; when someone
 * else saved first (412), the edits stay on screen, the newer version is loaded beneath
 * them and the user sees what changed before saving again.
 */
export function SmbProfile({
  smb,
  etag,
  communities,
  canEdit,
  onSaved,
  reload,
}: {
  smb: Smb
  etag: string | null
  communities: Community[]
  canEdit: boolean
  onSaved: (smb: Smb, etag: string | null) => void
  reload: () => Promise<{ smb: Smb; etag: string | null }>
}) {
  const toast = useToast()
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState<Draft>(() => draftOf(smb))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<null | { theirs: string[]; loaded: boolean }>(null)
  const [busy, setBusy] = useState(false)

  const start = () => {
    setDraft(draftOf(smb))
    setErrors({})
    setFormError(null)
    setConflict(null)
    setEditing(true)
  }

  const save = async (e: FormEvent) => {
    e.preventDefault()
    const patch = changesOf(smb, draft)
    if (Object.keys(patch).length === 0) {
      setEditing(false)
      toast.info('Nothing changed')
      return
    }
    setBusy(true)
    setErrors({})
    setFormError(null)
    try {
      const result = await api.patch<Smb>(`/smbs/${smb.id}`, patch, {
        'If-Match': etag ?? `"v${smb.version}"`,
        'Content-Type': 'application/merge-patch+json',
      })
      onSaved(result.data, result.etag)
      setEditing(false)
      setConflict(null)
      toast.success('Profile saved')
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict({ theirs: [], loaded: false })
      } else if (error instanceof ApiError && error.errors.length > 0) {
        setErrors(error.fieldErrors)
        const unknown = error.errors.filter((fe) => !PROFILE_FIELDS.some((f) => f.key === fe.field))
        setFormError(unknown.length ? unknown.map((u) => `${u.field}: ${u.message}`).join('; ') : 'Please correct the marked fields.')
      } else {
        setFormError(error instanceof Error ? error.message : 'Could not save')
        toast.error(error)
      }
    } finally {
      setBusy(false)
    }
  }

  const loadLatest = async () => {
    setBusy(true)
    try {
      const latest = await reload()
      const before = draftOf(smb)
      const after = draftOf(latest.smb)
      const theirs = PROFILE_FIELDS.filter((f) => before[f.key] !== after[f.key]).map((f) => f.label)
      // keep what this user changed on top of the newer version
      const mine = changesOf(smb, draft)
      setDraft({ ...after, ...Object.fromEntries(Object.entries(mine).map(([k, v]) => [k, v === null ? '' : (v as string | boolean)])) })
      setConflict({ theirs, loaded: true })
    } catch (error) {
      toast.error(error)
    } finally {
      setBusy(false)
    }
  }

  if (!editing) {
    return (
      <div className="card">
        <div className="card-head">
          <h2>Profile</h2>
          {canEdit && (
            <button type="button" className="secondary small" onClick={start}>
              Edit profile
            </button>
          )}
        </div>
        <dl className="profile">
          {PROFILE_FIELDS.map((f) => (
            <div key={f.key} className={f.kind === 'textarea' ? 'wide' : ''}>
              <dt>{f.label}</dt>
              <dd>{show(smb, f.key, f.kind, communities)}</dd>
            </div>
          ))}
        </dl>
      </div>
    )
  }

  const input = (f: (typeof PROFILE_FIELDS)[number]) => {
    const value = draft[f.key]
    const set = (v: string | boolean) => setDraft((d) => ({ ...d, [f.key]: v }))
    if (f.kind === 'bool')
      return (
        <label className="inline" key={f.key}>
          <input type="checkbox" name={f.key} checked={Boolean(value)} onChange={(e) => set(e.target.checked)} /> {f.label}
          {errors[f.key] && <span className="field-error"> {errors[f.key]}</span>}
        </label>
      )
    return (
      <Field key={f.key} label={f.label} error={errors[f.key]}>
        {(props) => {
          const common = { ...props, name: f.key, value: String(value ?? ''), onChange: (e: { target: { value: string } }) => set(e.target.value) }
          switch (f.kind) {
            case 'textarea':
              return <textarea {...common} rows={4} />
            case 'state':
              return (
                <select {...common}>
                  <option value="">—</option>
                  {US_STATES.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              )
            case 'service_model':
            case 'subscription_tier':
              return (
                <select {...common}>
                  {f.kind === 'service_model' && <option value="">—</option>}
                  {(f.kind === 'service_model' ? SERVICE_MODELS : SUBSCRIPTION_TIERS).map((s) => (
                    <option key={s} value={s}>
                      {label(s)}
                    </option>
                  ))}
                </select>
              )
            case 'community':
              return (
                <select {...common}>
                  {communities.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )
            default:
              return <input {...common} type={f.kind === 'url' ? 'text' : f.kind} />
          }
        }}
      </Field>
    )
  }

  return (
    <form className="card" onSubmit={save} noValidate aria-label="Edit profile">
      <div className="card-head">
        <h2>Edit profile</h2>
      </div>
      {conflict && (
        <div className="conflict" role="alert" data-testid="stale-write">
          <p>
            <b>Someone else saved this SMB after you opened it.</b> Your changes were not saved, and nothing of theirs
            was overwritten. Your edits are still in the form.
          </p>
          {conflict.loaded ? (
            <p>
              The latest version is now loaded under your edits
              {conflict.theirs.length ? (
                <>
                  ; they changed: <b>{conflict.theirs.join(', ')}</b>
                </>
              ) : null}
              . Check the fields and save again.
            </p>
          ) : (
            <button type="button" className="primary small" onClick={loadLatest} disabled={busy}>
              Load their version and keep my edits
            </button>
          )}
        </div>
      )}
      <FormError message={formError} />
      <div className="form-grid">{PROFILE_FIELDS.filter((f) => f.kind !== 'bool').map(input)}</div>
      <fieldset className="checks">
        <legend>Consent</legend>
        {PROFILE_FIELDS.filter((f) => f.kind === 'bool').map(input)}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || (conflict !== null && !conflict.loaded)}>
          {busy ? 'Saving…' : 'Save profile'}
        </button>
        <button type="button" className="secondary" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
