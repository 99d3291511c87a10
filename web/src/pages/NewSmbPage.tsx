import { useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ApiError, api } from '../api/client'
import type { Community, Smb } from '../api/types'
import { Permission, useAuth } from '../auth'
import { Field, FormError } from '../components/Field'
import { Async } from '../components/States'
import { useToast } from '../components/Toasts'
import { US_STATES } from '../format'
import { useLoad } from '../hooks'

const FIELDS = [
  { key: 'business_name', label: 'Business name', type: 'text' },
  { key: 'primary_contact_name', label: 'Contact name', type: 'text' },
  { key: 'primary_email', label: 'Email', type: 'email' },
  { key: 'primary_phone', label: 'Phone', type: 'tel' },
  { key: 'website', label: 'Website', type: 'text' },
  { key: 'address', label: 'Address', type: 'text' },
  { key: 'city', label: 'City', type: 'text' },
  { key: 'zip', label: 'ZIP', type: 'text' },
  { key: 'business_type', label: 'Business type', type: 'text' },
] as const

export function NewSmbPage() {
  const { can } = useAuth()
  const toast = useToast()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const communities = useLoad((signal) => api.get<Community[]>('/communities', { per_page: 200 }, signal).then((r) => r.data), [])
  const [values, setValues] = useState<Record<string, string>>({ community_id: params.get('community_id') ?? '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  if (!can(Permission.edit)) return <p>Your role may not create SMBs.</p>

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors({})
    setFormError(null)
    const body: Record<string, string> = {}
    for (const [k, v] of Object.entries(values)) if (v.trim()) body[k] = v.trim()
    try {
      const created = await api.post<Smb>('/smbs', body)
      toast.success(`${created.data.business_name} created`)
      navigate(`/smbs/${created.data.id}`)
    } catch (error) {
      if (error instanceof ApiError && error.errors.length) {
        setErrors(error.fieldErrors)
        setFormError('Please correct the marked fields.')
      } else setFormError(error instanceof Error ? error.message : 'Could not create the SMB')
    } finally {
      setBusy(false)
    }
  }
  const set = (key: string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }))

  return (
    <section>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/smbs">SMBs</Link> › <span aria-current="page">New SMB</span>
      </nav>
      <h1>New SMB</h1>
      <Async state={communities} label="Loading communities…">
        {(list) =>
          list.length === 0 ? (
            <p>
              Every SMB belongs to a community. <Link to="/communities">Create a community</Link> first.
            </p>
          ) : (
            <form className="card" onSubmit={submit} noValidate aria-label="New SMB">
              <FormError message={formError} />
              <div className="form-grid">
                <Field label="Community" error={errors.community_id}>
                  {(props) => (
                    <select {...props} name="community_id" value={values.community_id ?? ''} onChange={set('community_id')}>
                      <option value="">Choose…</option>
                      {list.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}, {c.state}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {FIELDS.map((f) => (
                  <Field key={f.key} label={f.label} error={errors[f.key]}>
                    {(props) => <input {...props} name={f.key} type={f.type} value={values[f.key] ?? ''} onChange={set(f.key)} />}
                  </Field>
                ))}
                <Field label="State" error={errors.state}>
                  {(props) => (
                    <select {...props} name="state" value={values.state ?? ''} onChange={set('state')}>
                      <option value="">—</option>
                      {US_STATES.map((s) => (
                        <option key={s}>{s}</option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <div className="form-actions">
                <button type="submit" className="primary" disabled={busy}>
                  {busy ? 'Creating…' : 'Create SMB'}
                </button>
                <Link to="/smbs" className="button secondary">
                  Cancel
                </Link>
              </div>
            </form>
          )
        }
      </Async>
    </section>
  )
}
