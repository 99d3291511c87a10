import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { ApiError, api } from '../api/client'
import type { CampaignSend, Program, ProgramWithSends, VoicemailDrop } from '../api/types'
import { Permission, useAuth } from '../auth'
import { date, dateTime, isoDay, label } from '../format'
import { useLoad } from '../hooks'
import { StatusBadge } from './Badges'
import { Field } from './Field'
import { Async, Empty } from './States'
import { useToast } from './Toasts'

export type Move = 'start' | 'pause' | 'resume' | 'cancel'

/** The program's state machine as the server enforces it: pending → scheduled → running ⇄ paused → completed; any unfinished → cancelled. */
const LEGAL: Record<Move, Program['campaign_status'][]> = {
  start: ['pending'],
  pause: ['running'],
  resume: ['paused'],
  cancel: ['pending', 'scheduled', 'running', 'paused'],
}

export function legalMoves(status: string): Move[] {
  return (Object.keys(LEGAL) as Move[]).filter((move) => (LEGAL[move] as string[]).includes(status))
}

const WHY_NOT: Record<Move, string> = {
  start: 'Only a program that has not started can be started',
  pause: 'Only a running program can be paused',
  resume: 'Only a paused program can be resumed',
  cancel: 'A completed or cancelled program cannot be cancelled',
}

const TOTAL_DAYS = 90

/**
 * An SMB's 90-day program: its state, day and dates, the moves the state allows (for those
 * who manage campaigns), and every send with its events.
 */
export function ProgramPanel({ smbId, onChange }: { smbId: string; onChange?: (program: Program) => void }) {
  const { can } = useAuth()
  const toast = useToast()
  const state = useLoad(
    (signal) => api.get<ProgramWithSends>(`/smbs/${smbId}/campaigns`, undefined, signal).then((r) => r.data),
    [smbId],
  )
  const [busy, setBusy] = useState<Move | null>(null)
  const [form, setForm] = useState<'start' | 'pause' | 'cancel' | null>(null)
  const [startDate, setStartDate] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [conflict, setConflict] = useState<string | null>(null)
  const canManage = can(Permission.campaigns)

  const move = async (which: Move, body?: unknown) => {
    setBusy(which)
    setErrors({})
    setConflict(null)
    try {
      const result = await api.post<Program>(`/smbs/${smbId}/campaign/${which}`, body)
      const program = result.data
      setForm(null)
      setReason('')
      setStartDate('')
      toast.success(
        which === 'start'
          ? program.campaign_status === 'scheduled'
            ? `Program scheduled to start on ${date(program.manifest_destiny_start_date)}`
            : 'Program started: day 1 today'
          : which === 'pause'
            ? 'Program paused'
            : which === 'resume'
              ? `Program resumed on day ${program.manifest_destiny_day}`
              : 'Program cancelled',
      )
      state.reload()
      onChange?.(program)
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        // someone else moved the program meanwhile: say so and show where it is now
        setConflict(error.message)
        setForm(null)
        state.reload()
      } else if (error instanceof ApiError && error.errors.length) {
        setErrors(error.fieldErrors)
      } else {
        toast.error(error)
      }
    } finally {
      setBusy(null)
    }
  }

  const submitPause = (e: FormEvent) => {
    e.preventDefault()
    if (!reason.trim()) {
      setErrors({ reason: 'Say why the program is paused' })
      return
    }
    move('pause', { reason: reason.trim() })
  }

  const submitStart = (e: FormEvent) => {
    e.preventDefault()
    move('start', startDate ? { start_date: startDate } : {})
  }

  return (
    <div className="card program" aria-labelledby="program-heading">
      <h2 id="program-heading">90-day program</h2>
      <Async state={state} label="Loading the program…">
        {({ program, sends, voicemails = [] }) => {
          const legal = legalMoves(program.campaign_status)
          const button = (which: Move, text: string, onClick: () => void, className = 'secondary small') => (
            <button
              type="button"
              className={className}
              onClick={onClick}
              disabled={busy !== null || !legal.includes(which)}
              title={legal.includes(which) ? undefined : WHY_NOT[which]}
              aria-expanded={which === 'resume' ? undefined : form === which}
            >
              {text}
            </button>
          )
          return (
            <>
              <ProgramState program={program} />
              {conflict && (
                <div className="form-error" role="alert" data-testid="program-conflict">
                  <b>The program could not change:</b> {conflict} It has been reloaded; the buttons show what it allows now.
                </div>
              )}
              {canManage && (
                <div className="program-controls" role="group" aria-label="Program controls">
                  {button('start', 'Start…', () => setForm(form === 'start' ? null : 'start'))}
                  {button('pause', 'Pause…', () => setForm(form === 'pause' ? null : 'pause'))}
                  {button('resume', busy === 'resume' ? 'Resuming…' : 'Resume', () => move('resume'))}
                  {button('cancel', 'Cancel program…', () => setForm(form === 'cancel' ? null : 'cancel'), 'danger small')}
                </div>
              )}
              {canManage && form === 'start' && legal.includes('start') && (
                <form className="inline-form" onSubmit={submitStart} aria-label="Start the program">
                  <Field
                    label="Start date (optional)"
                    error={errors.start_date}
                    hint="Empty: day 1 is today in the community's time zone"
                  >
                    {(props) => (
                      <input {...props} type="date" min={isoDay()} value={startDate} onChange={(e) => setStartDate(e.target.value)} />
                    )}
                  </Field>
                  <button type="submit" className="primary small" disabled={busy !== null}>
                    {busy === 'start' ? 'Starting…' : startDate ? 'Schedule program' : 'Start program'}
                  </button>
                  <button type="button" className="link" onClick={() => setForm(null)}>
                    Never mind
                  </button>
                </form>
              )}
              {canManage && form === 'pause' && legal.includes('pause') && (
                <form className="inline-form" onSubmit={submitPause} aria-label="Pause the program" noValidate>
                  <Field label="Reason for pausing" error={errors.reason} hint="Required; shown on the program and the timeline">
                    {(props) => (
                      <input
                        {...props}
                        name="pause-reason"
                        value={reason}
                        maxLength={255}
                        required
                        autoFocus
                        onChange={(e) => setReason(e.target.value)}
                      />
                    )}
                  </Field>
                  <button type="submit" className="primary small" disabled={busy !== null}>
                    {busy === 'pause' ? 'Pausing…' : 'Pause program'}
                  </button>
                  <button type="button" className="link" onClick={() => setForm(null)}>
                    Never mind
                  </button>
                </form>
              )}
              {canManage && form === 'cancel' && legal.includes('cancel') && (
                <div className="confirm" role="group" aria-label="Confirm cancelling">
                  <p>Cancel the program for good? Its queued sends are cancelled; a cancelled program cannot be restarted.</p>
                  <button type="button" className="danger small" onClick={() => move('cancel')} disabled={busy !== null}>
                    {busy === 'cancel' ? 'Cancelling…' : 'Yes, cancel the program'}
                  </button>{' '}
                  <button type="button" className="link" onClick={() => setForm(null)}>
                    Keep it
                  </button>
                </div>
              )}
              <h3>Sends</h3>
              {sends.length === 0 ? (
                <Empty>No sends yet: each program day with a campaign queues one.</Empty>
              ) : (
                <SendList sends={sends} />
              )}
              {voicemails.length > 0 && (
                <>
                  <h3>Voicemails</h3>
                  <VoicemailList drops={voicemails} />
                </>
              )}
            </>
          )
        }}
      </Async>
    </div>
  )
}

function ProgramState({ program }: { program: Program }) {
  const status = program.campaign_status
  return (
    <div data-testid="program-state">
      <p className="big">
        <StatusBadge status={status} />{' '}
        {status === 'pending'
          ? 'Not started'
          : status === 'scheduled'
            ? `Starts on ${date(program.manifest_destiny_start_date)}`
            : `Day ${program.manifest_destiny_day} of ${TOTAL_DAYS}`}
      </p>
      {status === 'paused' && (
        <p className="notice" data-testid="pause-reason">
          Paused{program.paused_at ? ` since ${dateTime(program.paused_at)}` : ''}: <b>{program.pause_reason}</b>
        </p>
      )}
      <dl className="counts program-facts">
        <div>
          <dt>Started</dt>
          <dd>{date(program.manifest_destiny_start_date)}</dd>
        </div>
        <div>
          <dt>Day</dt>
          <dd>{program.manifest_destiny_day > 0 ? `${program.manifest_destiny_day} / ${TOTAL_DAYS}` : '—'}</dd>
        </div>
        <div>
          <dt>Today&apos;s campaign</dt>
          <dd>{program.current_campaign_id ? <Link to={`/campaigns/${program.current_campaign_id}`}>{program.current_campaign_id}</Link> : '—'}</dd>
        </div>
        <div>
          <dt>Next send</dt>
          <dd>{dateTime(program.next_scheduled_send)}</dd>
        </div>
        {program.paused_days > 0 && (
          <div>
            <dt>Days paused</dt>
            <dd>{program.paused_days}</dd>
          </div>
        )}
        {program.completed_at && (
          <div>
            <dt>Completed</dt>
            <dd>{dateTime(program.completed_at)}</dd>
          </div>
        )}
        {program.cancelled_at && (
          <div>
            <dt>Cancelled</dt>
            <dd>{dateTime(program.cancelled_at)}</dd>
          </div>
        )}
      </dl>
    </div>
  )
}

function VoicemailList({ drops }: { drops: VoicemailDrop[] }) {
  return (
    <ul className="sends" data-testid="program-voicemails">
      {drops.map((d) => (
        <li key={d.id} className={`send send-${d.status}`}>
          <div className="send-head">
            <span className={`badge send-status send-status-${d.status}`}>{label(d.status)}</span>
            <span>to {d.phone}</span>
          </div>
          <div className="muted small">
            {d.delivered_at
              ? `delivered ${dateTime(d.delivered_at)}`
              : d.sent_at
                ? `dropped ${dateTime(d.sent_at)}`
                : d.scheduled_for
                  ? `for ${dateTime(d.scheduled_for)}`
                  : 'not scheduled'}
            {d.callback_received && ` · called back${d.callback_at ? ` ${dateTime(d.callback_at)}` : ''}`}
            {d.attempts > 1 && ` · ${d.attempts} attempts`}
            {d.last_error && ` · ${d.last_error}`}
          </div>
        </li>
      ))}
    </ul>
  )
}

function SendList({ sends }: { sends: CampaignSend[] }) {
  return (
    <ul className="sends" data-testid="program-sends">
      {sends.map((s) => (
        <li key={s.id} className={`send send-${s.status}`}>
          <div className="send-head">
            <span className="send-day">{s.program_day !== null ? `Day ${s.program_day}` : '—'}</span>
            <Link to={`/campaigns/${s.campaign_id}`}>{s.campaign_id}</Link>
            {s.kind === 'rvm_followup' && <span className="badge">voicemail follow-up</span>}
            <span className={`badge send-status send-status-${s.status}`}>{label(s.status)}</span>
            {s.skip_reason && <span className="muted small">({label(s.skip_reason)})</span>}
          </div>
          <div className="send-subject">{s.subject ?? <span className="muted">no subject</span>}</div>
          <div className="muted small">
            to {s.email} · {s.sent_at ? `sent ${dateTime(s.sent_at)}` : s.scheduled_for ? `for ${dateTime(s.scheduled_for)}` : 'not scheduled'}
            {' · '}
            {s.open_count} open{s.open_count === 1 ? '' : 's'}, {s.click_count} click{s.click_count === 1 ? '' : 's'}
            {s.machine_open_count + s.machine_click_count > 0 &&
              ` (and ${s.machine_open_count + s.machine_click_count} by machines, not counted)`}
            {s.unsubscribed_at && ` · unsubscribed ${dateTime(s.unsubscribed_at)}`}
            {s.attempts > 1 && ` · ${s.attempts} attempts`}
          </div>
          {s.events.length > 0 && (
            <details>
              <summary>
                {s.events.length} event{s.events.length === 1 ? '' : 's'}
              </summary>
              <ol className="events">
                {s.events.map((e) => (
                  <li key={e.id} className={e.machine_generated ? 'machine' : ''}>
                    <time dateTime={e.event_at}>{dateTime(e.event_at)}</time> <b>{label(e.event_type)}</b>
                    {e.link_clicked && ` · ${e.link_clicked}`}
                    {e.bounce_type && ` · ${e.bounce_type} bounce`}
                    {e.machine_generated && <span className="muted"> · machine (not counted)</span>}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </li>
      ))}
    </ul>
  )
}
