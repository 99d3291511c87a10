import { useEffect, useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { ApiError, api } from '../api/client'
import type { ApiToken, Rescore, ScoreModel, ScoreModelBody, User } from '../api/types'
import { Permission, useAuth } from '../auth'
import { Field, FormError } from '../components/Field'
import { Async, Empty } from '../components/States'
import { useToast } from '../components/Toasts'
import { dateTime, label } from '../format'
import { useLoad } from '../hooks'

const ROLES = ['admin', 'manager', 'agent', 'viewer']

export function SettingsPage() {
  const { can } = useAuth()
  const [params, setParams] = useSearchParams()
  const tabs = [
    { key: 'tokens', label: 'API tokens' },
    ...(can(Permission.users) ? [{ key: 'users', label: 'Users and roles' }] : []),
    { key: 'scoring', label: 'Scoring' },
  ]
  const tab = tabs.some((t) => t.key === params.get('tab')) ? (params.get('tab') as string) : 'tokens'
  return (
    <section>
      <h1>Settings</h1>
      <div className="tabs" role="tablist" aria-label="Settings">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={tab === t.key}
            className={tab === t.key ? 'active' : ''}
            onClick={() => setParams({ tab: t.key })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'tokens' && <Tokens />}
        {tab === 'users' && <Users />}
        {tab === 'scoring' && <Scoring />}
      </div>
    </section>
  )
}

function Tokens() {
  const { user } = useAuth()
  const toast = useToast()
  const tokens = useLoad((signal) => api.get<ApiToken[]>('/auth/tokens', undefined, signal).then((r) => r.data), [])
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [created, setCreated] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})

  const create = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setFieldErrors({})
    try {
      const result = await api.post<{ token: string }>('/auth/tokens', { email: user?.email, password, name: name.trim() || null })
      setCreated(result.data.token)
      setName('')
      setPassword('')
      tokens.reload()
      toast.success('Token created: copy it now, it is shown only once')
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setFieldErrors({ password: 'Wrong password' })
      else if (err instanceof ApiError && err.errors.length) setFieldErrors(err.fieldErrors)
      else setError(err instanceof Error ? err.message : 'Could not create the token')
    }
  }
  const revoke = async (token: ApiToken) => {
    if (!window.confirm(`Revoke “${token.name}”? Programs using it stop working.`)) return
    try {
      await api.delete(`/auth/tokens/${token.id}`)
      tokens.reload()
      toast.success(`Token “${token.name}” revoked`)
    } catch (err) {
      toast.error(err)
    }
  }
  return (
    <div className="grid-2">
      <div className="card">
        <h2>Your API tokens</h2>
        <Async state={tokens} label="Loading tokens…">
          {(list) =>
            list.length === 0 ? (
              <Empty>No tokens.</Empty>
            ) : (
              <ul className="plain">
                {list.map((t) => (
                  <li key={t.id}>
                    <b>{t.name}</b> <code>{t.token_prefix}…</code>{' '}
                    <span className="muted small">
                      created {dateTime(t.created_at)} · last used {t.last_used_at ? dateTime(t.last_used_at) : 'never'}
                    </span>{' '}
                    <button type="button" className="link danger" onClick={() => revoke(t)}>
                      Revoke
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        </Async>
      </div>
      <form className="card" onSubmit={create} noValidate aria-label="New API token">
        <h2>New token</h2>
        <p className="muted small">Send it as “Authorization: Bearer …”. Confirm with your password.</p>
        <FormError message={error} />
        <Field label="Name" error={fieldErrors.name}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} placeholder="my laptop" />}
        </Field>
        <Field label="Your password" error={fieldErrors.password}>
          {(props) => <input {...props} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <button type="submit" className="primary" disabled={!password}>
          Create token
        </button>
        {created && (
          <div className="notice" role="status">
            <p>Your new token (shown only this once):</p>
            <code className="secret" data-testid="new-token">
              {created}
            </code>
            <button type="button" className="link" onClick={() => navigator.clipboard?.writeText(created).then(() => toast.info('Copied'))}>
              Copy
            </button>
          </div>
        )}
      </form>
    </div>
  )
}

function Users() {
  const { user: me } = useAuth()
  const toast = useToast()
  const users = useLoad((signal) => api.get<User[]>('/users', { per_page: 200 }, signal).then((r) => r.data), [])
  const [values, setValues] = useState({ name: '', email: '', role: 'agent', password: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }))

  const create = async (e: FormEvent) => {
    e.preventDefault()
    setErrors({})
    setFormError(null)
    try {
      const result = await api.post<User>('/users', values)
      toast.success(`${result.data.name} can now sign in as ${result.data.role}`)
      setValues({ name: '', email: '', role: 'agent', password: '' })
      users.reload()
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setErrors(err.fieldErrors)
      else setFormError(err instanceof Error ? err.message : 'Could not create the user')
    }
  }
  const change = async (user: User, body: Record<string, unknown>, message: string) => {
    try {
      await api.put<User>(`/users/${user.id}`, body)
      toast.success(message)
      users.reload()
    } catch (err) {
      toast.error(err)
      users.reload()
    }
  }
  return (
    <div className="grid-2">
      <div className="card">
        <h2>Users</h2>
        <Async state={users} label="Loading users…">
          {(list) => (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Role</th>
                    <th className="hide-sm">Last sign-in</th>
                    <th>
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((u) => (
                    <tr key={u.id} className={u.active ? '' : 'inactive'}>
                      <td>
                        {u.name}
                        <div className="muted small">{u.email}</div>
                      </td>
                      <td>
                        <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                          Role of {u.name}
                        </label>
                        <select
                          id={`role-${u.id}`}
                          value={u.role}
                          disabled={!u.active || u.id === me?.id}
                          onChange={(e) => change(u, { role: e.target.value }, `${u.name} is now ${e.target.value}`)}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {label(r)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="hide-sm">{u.active ? dateTime(u.last_login_at) : 'deactivated'}</td>
                      <td>
                        {u.id !== me?.id &&
                          (u.active ? (
                            <button type="button" className="link danger" onClick={() => change(u, { active: false }, `${u.name} deactivated`)}>
                              Deactivate
                            </button>
                          ) : (
                            <button type="button" className="link" onClick={() => change(u, { active: true }, `${u.name} reactivated`)}>
                              Reactivate
                            </button>
                          ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </div>
      <form className="card" onSubmit={create} noValidate aria-label="New user">
        <h2>New user</h2>
        <FormError message={formError} />
        <Field label="Name" error={errors.name}>
          {(props) => <input {...props} name="name" value={values.name} onChange={set('name')} />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(props) => <input {...props} name="email" type="email" value={values.email} onChange={set('email')} />}
        </Field>
        <Field label="Role" error={errors.role}>
          {(props) => (
            <select {...props} name="role" value={values.role} onChange={set('role')}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {label(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Initial password" error={errors.password}>
          {(props) => <input {...props} name="password" type="password" autoComplete="new-password" value={values.password} onChange={set('password')} />}
        </Field>
        <button type="submit" className="primary">
          Create user
        </button>
      </form>
    </div>
  )
}

function Scoring() {
  const { can } = useAuth()
  const toast = useToast()
  const model = useLoad((signal) => api.get<ScoreModel>('/score-models/engagement', undefined, signal).then((r) => r.data), [])
  const [draft, setDraft] = useState<ScoreModelBody | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [rescore, setRescore] = useState<Rescore | null>(null)
  const canEdit = can(Permission.scoring)

  useEffect(() => {
    if (model.data) setDraft(structuredClone(model.data.model))
  }, [model.data])
  useEffect(() => {
    if (!rescore || ['completed', 'failed'].includes(rescore.status)) return
    const timer = setTimeout(() => {
      api
        .get<Rescore>(`/score-models/rescores/${rescore.id}`)
        .then((r) => {
          setRescore(r.data)
          if (r.data.status === 'completed') toast.success(`Rescored ${r.data.done} SMBs; ${r.data.changed} changed`)
        })
        .catch((e) => toast.error(e))
    }, 1000)
    return () => clearTimeout(timer)
  }, [rescore, toast])

  const save = async (e: FormEvent) => {
    e.preventDefault()
    if (!draft) return
    setErrors({})
    setFormError(null)
    try {
      const result = await api.put<{ model: ScoreModel; rescore: Rescore }>('/score-models/engagement', draft)
      model.set(result.data.model)
      setRescore(result.data.rescore)
      toast.success('Scoring model saved; rescoring every SMB')
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        setErrors(err.fieldErrors)
        setFormError('Please correct the marked values.')
      } else setFormError(err instanceof Error ? err.message : 'Could not save')
    }
  }
  const reset = async () => {
    if (!window.confirm('Go back to the default model and rescore every SMB?')) return
    try {
      const result = await api.delete<{ model: ScoreModel; rescore: Rescore }>('/score-models/engagement')
      model.set(result.data.model)
      setRescore(result.data.rescore)
      toast.success('Default model restored; rescoring every SMB')
    } catch (err) {
      toast.error(err)
    }
  }
  const num = (value: string) => (value === '' ? 0 : Number(value))

  return (
    <Async state={model} label="Loading the scoring model…">
      {(m) =>
        !draft ? null : (
          <form className="card" onSubmit={save} noValidate aria-label="Engagement scoring model">
            <h2>
              Engagement model {m.is_default ? <span className="badge">default</span> : <span className="badge">v{m.version}</span>}
            </h2>
            <FormError message={formError} />
            <h3>Tier thresholds</h3>
            <div className="form-grid">
              {draft.bands.map((b, i) => (
                <Field key={b.key} label={`${b.name}: from score`} error={errors[`bands[${i}].min_score`]}>
                  {(props) => (
                    <input
                      {...props}
                      type="number"
                      value={b.min_score}
                      readOnly={!canEdit}
                      onChange={(e) =>
                        setDraft({ ...draft, bands: draft.bands.map((x, j) => (j === i ? { ...x, min_score: num(e.target.value) } : x)) })
                      }
                    />
                  )}
                </Field>
              ))}
            </div>
            <h3>Signal weights</h3>
            <div className="form-grid">
              {draft.rules.map((r, i) => (
                <Field key={r.key} label={r.name} error={errors[`rules[${i}].points`]} hint={r.window_days ? `counted over ${r.window_days} days` : undefined}>
                  {(props) => (
                    <input
                      {...props}
                      type="number"
                      value={r.points}
                      readOnly={!canEdit}
                      onChange={(e) =>
                        setDraft({ ...draft, rules: draft.rules.map((x, j) => (j === i ? { ...x, points: num(e.target.value) } : x)) })
                      }
                    />
                  )}
                </Field>
              ))}
            </div>
            <h3>Category caps</h3>
            <div className="form-grid">
              {draft.categories.map((c, i) => (
                <Field key={c.key} label={c.name} error={errors[`categories[${i}].cap`]}>
                  {(props) => (
                    <input
                      {...props}
                      type="number"
                      value={c.cap}
                      readOnly={!canEdit}
                      onChange={(e) =>
                        setDraft({ ...draft, categories: draft.categories.map((x, j) => (j === i ? { ...x, cap: num(e.target.value) } : x)) })
                      }
                    />
                  )}
                </Field>
              ))}
            </div>
            {rescore && (
              <div className="notice" role="status">
                Rescoring: {label(rescore.status)} · {rescore.done} of {rescore.total} SMBs · {rescore.changed} changed
                {rescore.error ? ` · ${rescore.error}` : ''}
              </div>
            )}
            {canEdit ? (
              <div className="form-actions">
                <button type="submit" className="primary">
                  Save and rescore
                </button>
                <button type="button" className="secondary" onClick={() => setDraft(structuredClone(m.model))}>
                  Discard changes
                </button>
                {!m.is_default && (
                  <button type="button" className="danger" onClick={reset}>
                    Reset to default
                  </button>
                )}
              </div>
            ) : (
              <p className="muted small">Managers and admins can change the model.</p>
            )}
          </form>
        )
      }
    </Async>
  )
}
