import { useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, api } from '../api/client'
import type { Activity, Community, Engagement, Note, ScoreHistory, Smb, Tag, Task } from '../api/types'
import { Permission, useAuth } from '../auth'
import { StatusBadge, TagChip, TierBadge } from '../components/Badges'
import { LineChart } from '../components/Charts'
import { Field } from '../components/Field'
import { Async, Empty, ErrorState, Loading } from '../components/States'
import { useToast } from '../components/Toasts'
import { CHANNELS, CHANNEL_NAMES, date, dateTime, label } from '../format'
import { useLoad } from '../hooks'
import { SmbProfile } from './SmbProfile'
import { ProgramPanel } from '../components/ProgramPanel'

export function SmbDetailPage() {
  const { id = '' } = useParams()
  const { can } = useAuth()
  const toast = useToast()
  const navigate = useNavigate()
  const fetchSmb = () => api.get<Smb>(`/smbs/${id}`).then((r) => ({ smb: r.data, etag: r.etag }))
  const smb = useLoad(() => fetchSmb(), [id])
  const communities = useLoad((signal) => api.get<Community[]>('/communities', { per_page: 200 }, signal).then((r) => r.data), [])
  const [timelineTick, setTimelineTick] = useState(0)
  const touched = () => setTimelineTick((t) => t + 1)

  if (smb.error) {
    if (smb.error instanceof ApiError && smb.error.status === 404)
      return (
        <section>
          <h1>SMB not found</h1>
          <p>
            It may have been deleted. <Link to="/smbs">Back to the list</Link>
          </p>
        </section>
      )
    return <ErrorState error={smb.error} retry={smb.reload} />
  }
  if (!smb.data) return <Loading label="Loading the SMB…" />
  const current = smb.data.smb
  const community = communities.data?.find((c) => c.id === current.community_id)

  const remove = async () => {
    if (!window.confirm(`Delete ${current.business_name}? It can be restored for 90 days.`)) return
    try {
      await api.delete(`/smbs/${current.id}`)
      toast.success(`${current.business_name} deleted`)
      navigate('/smbs')
    } catch (error) {
      toast.error(error)
    }
  }
  const restore = async () => {
    try {
      const result = await api.post<Smb>(`/smbs/${current.id}/restore`)
      smb.set({ smb: result.data, etag: result.etag })
      toast.success(`${current.business_name} restored`)
    } catch (error) {
      toast.error(error)
    }
  }

  return (
    <section className="smb-detail">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/smbs">SMBs</Link> › <span aria-current="page">{current.business_name}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>{current.business_name}</h1>
          <p className="muted">
            {community ? <Link to={`/communities/${community.id}`}>{community.name}</Link> : '…'} ·{' '}
            {[current.city, current.state].filter(Boolean).join(', ') || 'no city'} · data quality{' '}
            {current.data_quality_score}
          </p>
        </div>
        <div className="actions">
          <TierBadge tier={current.engagement_tier} /> <span className="score">score {current.engagement_score}</span>{' '}
          <StatusBadge status={current.campaign_status} />
          {can(Permission.remove) &&
            (current.deleted_at ? (
              <button type="button" className="secondary small" onClick={restore}>
                Restore
              </button>
            ) : (
              <button type="button" className="danger small" onClick={remove}>
                Delete
              </button>
            ))}
        </div>
      </div>
      {current.deleted_at && (
        <p className="notice" role="note">
          Deleted on {dateTime(current.deleted_at)}; restorable for 90 days.
        </p>
      )}
      <div className="detail-grid">
        <div className="col">
          <Channels smb={current} />
          <SmbProfile
            smb={current}
            etag={smb.data.etag}
            communities={communities.data ?? []}
            canEdit={can(Permission.edit) && !current.deleted_at}
            onSaved={(s, etag) => {
              smb.set({ smb: s, etag })
              touched()
            }}
            reload={async () => {
              const latest = await fetchSmb()
              smb.set(latest)
              return latest
            }}
          />
          <ProgramPanel
            smbId={current.id}
            onChange={() => {
              // the SMB mirrors the program (status, day, next send)
              smb.reload()
              touched()
            }}
          />
          <EngagementCard
            smbId={current.id}
            onPinned={() => {
              smb.reload()
              touched()
            }}
          />
        </div>
        <div className="col">
          <TagsCard smbId={current.id} onChange={touched} />
          <NotesCard smbId={current.id} onChange={touched} />
          <TasksCard smbId={current.id} onChange={touched} />
          <TimelineCard smbId={current.id} tick={timelineTick} />
        </div>
      </div>
    </section>
  )
}

function Channels({ smb }: { smb: Smb }) {
  const why = (channel: string): string => {
    const optedIn = (smb as unknown as Record<string, boolean>)[`${channel}_opted_in`]
    const address = channel === 'email' ? smb.primary_email : smb.primary_phone
    if (smb.do_not_contact) return 'do not contact'
    if (!optedIn) return 'not opted in'
    if (!address) return channel === 'email' ? 'no email' : 'no phone'
    return 'suppressed'
  }
  return (
    <div className="card">
      <h2>Channels</h2>
      <ul className="channels" data-testid="channels">
        {CHANNELS.map((c) => (
          <li key={c} className={smb.can_contact[c] ? 'ok' : 'blocked'}>
            <span aria-hidden="true">{smb.can_contact[c] ? '✓' : '✕'}</span> {CHANNEL_NAMES[c]}
            <span className="visually-hidden">{smb.can_contact[c] ? ': can be contacted' : ': cannot be contacted'}</span>
            {!smb.can_contact[c] && <span className="muted small"> ({why(c)})</span>}
          </li>
        ))}
      </ul>
    </div>
  )
}

function EngagementCard({ smbId, onPinned }: { smbId: string; onPinned: () => void }) {
  const { can } = useAuth()
  const engagement = useLoad((signal) => api.get<Engagement>(`/smbs/${smbId}/engagement`, undefined, signal).then((r) => r.data), [smbId])
  const history = useLoad(
    (signal) => api.get<ScoreHistory>(`/smbs/${smbId}/engagement/score-history`, { model: 'engagement' }, signal).then((r) => r.data),
    [smbId],
  )
  return (
    <div className="card">
      <h2>Engagement</h2>
      <Async state={engagement} label="Loading engagement…">
        {(e) => (
          <>
            <p className="big">
              <TierBadge tier={e.tier} name={e.tier_name} /> score <b>{e.score}</b>
              {e.pin && (
                <span className="badge">
                  pinned to {e.pin.tier_name}: {e.pin.reason}
                </span>
              )}
            </p>
            <p data-testid="engagement-explanation">{e.explanation}</p>
            {can(Permission.scoring) && (
              <PinTier
                smbId={smbId}
                pinned={e.pin !== null}
                bands={e.engagement.bands}
                onDone={() => {
                  engagement.reload()
                  onPinned()
                }}
              />
            )}
            <p className="muted small">
              Tier policy: email {e.tier_policy.email_frequency}
              {e.tier_policy.rvm_eligible ? `, up to ${e.tier_policy.rvm_monthly_limit} voicemails a month` : ', no voicemail'}
              {e.tier_policy.content_personalization ? ', personalised content' : ''}.
            </p>
            <Async state={history} label="Loading score history…">
              {(h) =>
                h.days.every((d) => d.score === null) ? (
                  <p className="muted small">No daily score recorded in the last 30 days yet (the nightly job records one a day).</p>
                ) : (
                <LineChart
                  title="Engagement score, last 30 days"
                  points={h.days.map((d) => ({ x: d.day, y: d.score }))}
                  min={e.engagement.min_score}
                  max={e.engagement.max_score}
                  guides={e.engagement.bands.filter((b) => b.min_score > e.engagement.min_score).map((b) => ({ y: b.min_score, label: b.name }))}
                />
                )
              }
            </Async>
            <h3>Score now: {e.engagement.score} ({e.engagement.band_name})</h3>
            <table className="data compact">
              <thead>
                <tr>
                  <th>Category</th>
                  <th className="num">Points</th>
                  <th className="num">Cap</th>
                </tr>
              </thead>
              <tbody>
                {e.engagement.categories.map((c) => (
                  <tr key={c.key}>
                    <td>{c.name}</td>
                    <td className="num">{c.points}</td>
                    <td className="num">{c.cap}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <details>
              <summary>Rules ({e.engagement.rules.filter((r) => r.occurrences > 0).length} fired)</summary>
              <ul>
                {e.engagement.rules.map((r) => (
                  <li key={r.rule}>
                    {r.name}: {r.occurrences}× → {r.points} points
                  </li>
                ))}
              </ul>
            </details>
            <p>
              Lead score: <b>{e.lead.score}</b> ({e.lead.band_name})
            </p>
            {e.tier_changes.length > 0 && (
              <>
                <h3>Tier changes</h3>
                <ul className="plain">
                  {e.tier_changes.map((t, i) => (
                    <li key={i}>
                      {dateTime(t.occurred_at)}: tier {t.old_tier} → {t.new_tier} ({t.reason})
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Async>
    </div>
  )
}

function TagsCard({ smbId, onChange }: { smbId: string; onChange: () => void }) {
  const { can } = useAuth()
  const toast = useToast()
  const tags = useLoad((signal) => api.get<Tag[]>(`/smbs/${smbId}/tags`, undefined, signal).then((r) => r.data), [smbId])
  const all = useLoad((signal) => api.get<Tag[]>('/tags', { per_page: 200 }, signal).then((r) => r.data), [])
  const [choice, setChoice] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const canEdit = can(Permission.edit)
  const canCreate = can(Permission.tags)

  const add = async (e: FormEvent) => {
    e.preventDefault()
    const text = choice.trim()
    if (!text) return
    setBusy(true)
    setError(undefined)
    try {
      let tag = all.data?.find((t) => t.name.toLowerCase() === text.toLowerCase())
      if (!tag) {
        if (!canCreate) {
          setError('No tag has that name; a manager can create it.')
          return
        }
        tag = (await api.post<Tag>('/tags', { name: text })).data
        all.reload()
      }
      const result = await api.post<Tag[]>(`/smbs/${smbId}/tags`, { tag_ids: [tag.id] })
      tags.set(result.data)
      setChoice('')
      toast.success(`Tagged “${tag.name}”`)
      onChange()
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setError(err.errors.map((x) => x.message).join('; '))
      else toast.error(err)
    } finally {
      setBusy(false)
    }
  }
  const remove = async (tag: Tag) => {
    try {
      await api.delete(`/smbs/${smbId}/tags/${tag.id}`)
      tags.set((tags.data ?? []).filter((t) => t.id !== tag.id))
      toast.success(`Removed tag “${tag.name}”`)
      onChange()
    } catch (err) {
      toast.error(err)
    }
  }
  return (
    <div className="card">
      <h2>Tags</h2>
      <Async state={tags} label="Loading tags…">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No tags.</p>
          ) : (
            <div className="chips" data-testid="smb-tags">
              {list.map((t) => (
                <TagChip key={t.id} name={t.name} color={t.color} onRemove={canEdit ? () => remove(t) : undefined} />
              ))}
            </div>
          )
        }
      </Async>
      {canEdit && (
        <form className="inline-form" onSubmit={add}>
          <Field label="Add a tag" error={error} hint={canCreate ? 'Pick one or type a new name' : 'Pick an existing tag'}>
            {(props) => (
              <input {...props} list="tag-options" value={choice} onChange={(e) => setChoice(e.target.value)} name="tag" />
            )}
          </Field>
          <datalist id="tag-options">
            {(all.data ?? []).map((t) => (
              <option key={t.id} value={t.name} />
            ))}
          </datalist>
          <button type="submit" className="secondary small" disabled={busy || !choice.trim()}>
            Add tag
          </button>
        </form>
      )}
    </div>
  )
}

function NotesCard({ smbId, onChange }: { smbId: string; onChange: () => void }) {
  const { can, user } = useAuth()
  const toast = useToast()
  const notes = useLoad((signal) => api.get<Note[]>(`/smbs/${smbId}/notes`, { per_page: 100 }, signal).then((r) => r.data), [smbId])
  const [content, setContent] = useState('')
  const [pinned, setPinned] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const canWrite = can(Permission.activities)

  const add = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await api.post<Note>(`/smbs/${smbId}/notes`, { content, is_pinned: pinned })
      setContent('')
      setPinned(false)
      notes.reload()
      toast.success('Note added')
      onChange()
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.content) setError(err.fieldErrors.content)
      else toast.error(err)
    } finally {
      setBusy(false)
    }
  }
  const pin = async (note: Note) => {
    try {
      await api.patch(`/smbs/${smbId}/notes/${note.id}`, { is_pinned: !note.is_pinned })
      notes.reload()
      toast.success(note.is_pinned ? 'Note unpinned' : 'Note pinned')
    } catch (err) {
      toast.error(err)
    }
  }
  const remove = async (note: Note) => {
    if (!window.confirm('Delete this note?')) return
    try {
      await api.delete(`/smbs/${smbId}/notes/${note.id}`)
      notes.reload()
      toast.success('Note deleted')
      onChange()
    } catch (err) {
      toast.error(err)
    }
  }
  const mayChange = (note: Note) => canWrite && (note.author?.id === user?.id || user?.role === 'admin')
  return (
    <div className="card">
      <h2>Notes</h2>
      {canWrite && (
        <form onSubmit={add} className="note-form">
          <Field label="New note" error={error}>
            {(props) => <textarea {...props} name="note" rows={3} value={content} onChange={(e) => setContent(e.target.value)} />}
          </Field>
          <label className="inline">
            <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} /> Pin it
          </label>
          <button type="submit" className="primary small" disabled={busy || !content.trim()}>
            Add note
          </button>
        </form>
      )}
      <Async state={notes} label="Loading notes…">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No notes yet.</p>
          ) : (
            <ul className="notes" data-testid="notes">
              {list.map((n) => (
                <li key={n.id} className={n.is_pinned ? 'pinned' : ''}>
                  <div className="note-meta">
                    {n.is_pinned && <span className="badge">Pinned</span>} {n.author?.name ?? 'Someone'} ·{' '}
                    {dateTime(n.created_at)}
                  </div>
                  <p className="note-text">{n.content}</p>
                  {mayChange(n) && (
                    <div className="row-actions">
                      <button type="button" className="link" onClick={() => pin(n)}>
                        {n.is_pinned ? 'Unpin' : 'Pin'}
                      </button>
                      <button type="button" className="link danger" onClick={() => remove(n)}>
                        Delete
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </div>
  )
}

function TasksCard({ smbId, onChange }: { smbId: string; onChange: () => void }) {
  const { can } = useAuth()
  const toast = useToast()
  const tasks = useLoad((signal) => api.get<Task[]>(`/smbs/${smbId}/tasks`, { per_page: 100 }, signal).then((r) => r.data), [smbId])
  const [title, setTitle] = useState('')
  const [due, setDue] = useState('')
  const [priority, setPriority] = useState('medium')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const canWrite = can(Permission.activities)

  const add = async (e: FormEvent) => {
    e.preventDefault()
    setErrors({})
    try {
      await api.post<Task>(`/smbs/${smbId}/tasks`, { title, due_date: due || null, priority })
      setTitle('')
      setDue('')
      tasks.reload()
      toast.success('Task added')
      onChange()
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setErrors(err.fieldErrors)
      else toast.error(err)
    }
  }
  const setStatus = async (task: Task, status: string) => {
    try {
      await api.patch(`/smbs/${smbId}/tasks/${task.id}`, { status })
      tasks.reload()
      toast.success(status === 'completed' ? 'Task completed' : 'Task reopened')
      onChange()
    } catch (err) {
      toast.error(err)
    }
  }
  return (
    <div className="card">
      <h2>Tasks</h2>
      {canWrite && (
        <form onSubmit={add} className="task-form">
          <Field label="Task" error={errors.title}>
            {(props) => <input {...props} name="task-title" value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <Field label="Due" error={errors.due_date}>
            {(props) => <input {...props} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
          </Field>
          <Field label="Priority" error={errors.priority}>
            {(props) => (
              <select {...props} value={priority} onChange={(e) => setPriority(e.target.value)}>
                {['low', 'medium', 'high', 'urgent'].map((p) => (
                  <option key={p} value={p}>
                    {label(p)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="primary small" disabled={!title.trim()}>
            Add task
          </button>
        </form>
      )}
      <Async state={tasks} label="Loading tasks…">
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No tasks.</p>
          ) : (
            <ul className="tasks">
              {list.map((t) => (
                <li key={t.id} className={`${t.status}${t.is_overdue ? ' overdue' : ''}`}>
                  {canWrite ? (
                    <label className="inline">
                      <input
                        type="checkbox"
                        checked={t.status === 'completed'}
                        onChange={(e) => setStatus(t, e.target.checked ? 'completed' : 'pending')}
                      />{' '}
                      {t.title}
                    </label>
                  ) : (
                    <span>
                      {t.status === 'completed' ? '✓ ' : ''}
                      {t.title}
                    </span>
                  )}
                  <span className="muted small">
                    {' '}
                    · {label(t.priority)} · {t.due_date ? `due ${date(t.due_date)}` : 'no due date'}
                    {t.is_overdue ? ' · overdue' : ''} · {t.assignee?.name ?? 'unassigned'}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </div>
  )
}

function TimelineCard({ smbId, tick }: { smbId: string; tick: number }) {
  const [pages, setPages] = useState(1)
  const timeline = useLoad(
    (signal) => api.get<Activity[]>(`/smbs/${smbId}/activities`, { per_page: 20 * pages }, signal),
    [smbId, tick, pages],
  )
  return (
    <div className="card">
      <h2>Activity</h2>
      <Async state={timeline} label="Loading the timeline…">
        {(result) =>
          result.data.length === 0 ? (
            <Empty>Nothing recorded yet.</Empty>
          ) : (
            <>
              <ol className="timeline" data-testid="timeline">
                {result.data.map((a) => (
                  <li key={a.id} className={`activity activity-${a.activity_type}`}>
                    <time dateTime={a.occurred_at}>{dateTime(a.occurred_at)}</time>
                    <div>
                      <b>{a.title}</b>
                      {a.description && <p className="small">{a.description}</p>}
                      <span className="muted small activity-type">
                        {label(a.activity_type)}
                        {a.performed_by ? ` · by ${a.performed_by.name}` : ''}
                      </span>
                    </div>
                  </li>
                ))}
              </ol>
              {(result.meta.total ?? 0) > result.data.length && (
                <button type="button" className="secondary small" onClick={() => setPages((p) => Math.min(p + 1, 10))}>
                  Show more
                </button>
              )}
            </>
          )
        }
      </Async>
    </div>
  )
}

/** Managers pin an SMB's tier against its score (with a reason), or lift the pin. */
function PinTier({ smbId, pinned, bands, onDone }: { smbId: string; pinned: boolean; bands: { name: string }[]; onDone: () => void }) {
  const toast = useToast()
  const [open, setOpen] = useState(false)
  const [tier, setTier] = useState('1')
  const [reason, setReason] = useState('')
  const [expires, setExpires] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const pin = async (e: FormEvent) => {
    e.preventDefault()
    setErrors({})
    try {
      await api.put(`/smbs/${smbId}/engagement/override`, {
        tier: Number(tier),
        reason,
        expires_at: expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      })
      toast.success(`Tier pinned to ${bands[Number(tier) - 1]?.name ?? tier}`)
      setOpen(false)
      setReason('')
      onDone()
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setErrors(err.fieldErrors)
      else toast.error(err)
    }
  }
  const lift = async () => {
    try {
      await api.delete(`/smbs/${smbId}/engagement/override`)
      toast.success('Tier pin lifted; the score decides the tier again')
      onDone()
    } catch (err) {
      toast.error(err)
    }
  }
  if (pinned)
    return (
      <button type="button" className="secondary small" onClick={lift}>
        Lift the tier pin
      </button>
    )
  if (!open)
    return (
      <button type="button" className="secondary small" onClick={() => setOpen(true)}>
        Pin the tier…
      </button>
    )
  return (
    <form className="inline-form" onSubmit={pin} aria-label="Pin the tier">
      <Field label="Tier" error={errors.tier}>
        {(props) => (
          <select {...props} value={tier} onChange={(e) => setTier(e.target.value)}>
            {bands.map((b, i) => (
              <option key={b.name} value={String(i + 1)}>
                {i + 1}: {b.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Reason" error={errors.reason}>
        {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Field label="Until (optional)" error={errors.expires_at}>
        {(props) => <input {...props} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />}
      </Field>
      <button type="submit" className="primary small">
        Pin
      </button>
      <button type="button" className="link" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  )
}
