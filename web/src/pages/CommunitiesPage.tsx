import { useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { ApiError, api } from '../api/client'
import type { Community, CommunityStats } from '../api/types'
import { Permission, useAuth } from '../auth'
import { StackedBar } from '../components/Charts'
import { Field, FormError } from '../components/Field'
import { Modal } from '../components/Modal'
import { Async, Empty } from '../components/States'
import { useToast } from '../components/Toasts'
import { CAMPAIGN_STATUSES, CHANNELS, CHANNEL_NAMES, TIER_NAMES, US_STATES, dateTime, label } from '../format'
import { useLoad } from '../hooks'

const TIMEZONES = [
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles',
  'America/Anchorage', 'Pacific/Honolulu', 'America/Puerto_Rico',
]

export function CommunitiesPage() {
  const { can } = useAuth()
  const [search, setSearch] = useState('')
  const [query, setQuery] = useState('')
  const [editing, setEditing] = useState<Community | 'new' | null>(null)
  const list = useLoad(
    (signal) => api.get<Community[]>('/communities', { per_page: 200, search: query || undefined }, signal).then((r) => r.data),
    [query],
  )
  const canManage = can(Permission.communities)
  return (
    <section>
      <div className="page-head">
        <h1>Communities</h1>
        {canManage && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New community
          </button>
        )}
      </div>
      <form
        className="searchbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          setQuery(search.trim())
        }}
      >
        <label htmlFor="community-search" className="visually-hidden">
          Search communities
        </label>
        <input id="community-search" type="search" placeholder="Part of the name" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      <Async state={list} label="Loading communities…">
        {(communities) =>
          communities.length === 0 ? (
            <Empty>{query ? 'No community matches.' : 'No communities yet.'}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>State</th>
                    <th className="hide-sm">County</th>
                    <th className="hide-sm num">Population</th>
                    <th className="hide-sm">Time zone</th>
                    {canManage && <th><span className="visually-hidden">Actions</span></th>}
                  </tr>
                </thead>
                <tbody>
                  {communities.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/communities/${c.id}`}>{c.name}</Link>
                      </td>
                      <td>{c.state}</td>
                      <td className="hide-sm">{c.county ?? '—'}</td>
                      <td className="hide-sm num">{c.population?.toLocaleString() ?? '—'}</td>
                      <td className="hide-sm">{c.timezone}</td>
                      {canManage && (
                        <td>
                          <button type="button" className="link" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                            Edit
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
      {editing && (
        <CommunityForm
          community={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            list.reload()
          }}
        />
      )}
    </section>
  )
}

export function CommunityForm({
  community,
  onClose,
  onSaved,
}: {
  community: Community | null
  onClose: () => void
  onSaved: (community: Community) => void
}) {
  const toast = useToast()
  const [values, setValues] = useState({
    name: community?.name ?? '',
    state: community?.state ?? '',
    county: community?.county ?? '',
    population: community?.population?.toString() ?? '',
    timezone: community?.timezone ?? 'America/New_York',
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors({})
    setFormError(null)
    const body = {
      name: values.name.trim(),
      state: values.state || null,
      county: values.county.trim() || null,
      population: values.population.trim() === '' ? null : Number(values.population),
      timezone: values.timezone,
    }
    try {
      const result = community
        ? await api.put<Community>(`/communities/${community.id}`, body)
        : await api.post<Community>('/communities', body)
      toast.success(community ? `${result.data.name} saved` : `${result.data.name} created`)
      onSaved(result.data)
    } catch (error) {
      if (error instanceof ApiError && error.errors.length) {
        setErrors(error.fieldErrors)
        setFormError('Please correct the marked fields.')
      } else setFormError(error instanceof Error ? error.message : 'Could not save')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal title={community ? `Edit ${community.name}` : 'New community'} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-label={community ? 'Edit community' : 'New community'}>
        <FormError message={formError} />
        <Field label="Name" error={errors.name}>
          {(props) => <input {...props} name="name" value={values.name} onChange={set('name')} />}
        </Field>
        <Field label="State" error={errors.state}>
          {(props) => (
            <select {...props} name="state" value={values.state} onChange={set('state')}>
              <option value="">Choose…</option>
              {US_STATES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="County" error={errors.county}>
          {(props) => <input {...props} name="county" value={values.county} onChange={set('county')} />}
        </Field>
        <Field label="Population" error={errors.population}>
          {(props) => <input {...props} name="population" type="number" min={0} value={values.population} onChange={set('population')} />}
        </Field>
        <Field label="Time zone" error={errors.timezone} hint="Local schedules (send times, due dates) follow it">
          {(props) => (
            <select {...props} name="timezone" value={values.timezone} onChange={set('timezone')}>
              {[...new Set([values.timezone, ...TIMEZONES])].map((tz) => (
                <option key={tz}>{tz}</option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : community ? 'Save community' : 'Create community'}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  )
}

export function CommunityPage() {
  const { id = '' } = useParams()
  const { can } = useAuth()
  const [editing, setEditing] = useState(false)
  const community = useLoad((signal) => api.get<Community>(`/communities/${id}`, undefined, signal).then((r) => r.data), [id])
  const stats = useLoad((signal) => api.get<CommunityStats>(`/communities/${id}/stats`, undefined, signal).then((r) => r.data), [id])
  return (
    <section>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/communities">Communities</Link> › <span aria-current="page">{community.data?.name ?? '…'}</span>
      </nav>
      <Async state={community} label="Loading the community…">
        {(c) => (
          <>
            <div className="page-head">
              <div>
                <h1>{c.name}</h1>
                <p className="muted">
                  {c.county ? `${c.county}, ` : ''}
                  {c.state} · {c.timezone}
                  {c.population ? ` · population ${c.population.toLocaleString()}` : ''} · updated {dateTime(c.updated_at)}
                </p>
              </div>
              <div className="actions">
                <Link className="button secondary" to={`/smbs?community_id=${c.id}`}>
                  Its SMBs
                </Link>
                {can(Permission.communities) && (
                  <button type="button" className="primary" onClick={() => setEditing(true)}>
                    Edit
                  </button>
                )}
              </div>
            </div>
            {editing && (
              <CommunityForm
                community={c}
                onClose={() => setEditing(false)}
                onSaved={(saved) => {
                  community.set(saved)
                  setEditing(false)
                }}
              />
            )}
          </>
        )}
      </Async>
      <Async state={stats} label="Loading numbers…">
        {(s) => (
          <div className="grid-2">
            <div className="card">
              <h2>{s.total_smbs.toLocaleString()} SMBs</h2>
              <p>
                {s.active_campaigns} running programs · {s.do_not_contact} do not contact · average data quality{' '}
                {s.average_data_quality}
              </p>
              <h3>By engagement tier</h3>
              <StackedBar
                title="SMBs by tier"
                segments={[1, 2, 3, 4].map((t) => ({ key: `tier-${t}`, label: TIER_NAMES[t], value: s.by_tier[String(t)] ?? 0 }))}
              />
              <h3>By campaign status</h3>
              <StackedBar
                title="SMBs by campaign status"
                segments={CAMPAIGN_STATUSES.map((st) => ({ key: `status-${st}`, label: label(st), value: s.by_campaign_status[st] ?? 0 }))}
              />
            </div>
            <div className="card">
              <h2>Channels</h2>
              <table className="data compact">
                <thead>
                  <tr>
                    <th>Channel</th>
                    <th className="num">Opted in</th>
                    <th className="num">Can contact</th>
                  </tr>
                </thead>
                <tbody>
                  {CHANNELS.map((ch) => (
                    <tr key={ch}>
                      <td>{CHANNEL_NAMES[ch]}</td>
                      <td className="num">{s.opted_in[ch] ?? 0}</td>
                      <td className="num">{s.can_contact[ch] ?? 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </Async>
    </section>
  )
}
