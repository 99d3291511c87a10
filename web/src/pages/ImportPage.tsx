import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { ApiError, api } from '../api/client'
import type { Community, ImportJob } from '../api/types'
import { Permission, useAuth } from '../auth'
import { Field, FormError } from '../components/Field'
import { useToast } from '../components/Toasts'
import { previewCsv } from '../csv'
import { label, number } from '../format'
import { useLoad } from '../hooks'

/** What a file column can be mapped to (the import's targets). */
export const IMPORT_TARGETS = [
  'business_name', 'dba_name', 'business_type', 'category', 'primary_contact_name', 'first_name', 'last_name',
  'primary_email', 'primary_phone', 'website', 'address', 'address2', 'city', 'state', 'zip', 'latitude', 'longitude',
  'business_description', 'service_model', 'subscription_tier', 'email_opted_in', 'sms_opted_in', 'rvm_opted_in',
  'phone_opted_in', 'do_not_contact', 'source', 'community', 'metadata',
]

const ENDED = ['completed', 'failed', 'cancelled']

export function ImportPage() {
  const { can } = useAuth()
  const toast = useToast()
  const communities = useLoad((signal) => api.get<Community[]>('/communities', { per_page: 200 }, signal).then((r) => r.data), [])
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<{ header: string[]; rows: string[][] } | null>(null)
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [options, setOptions] = useState({ community_id: '', on_duplicate: 'skip', match_on: 'email', dry_run: true })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [job, setJob] = useState<ImportJob | null>(null)
  const [busy, setBusy] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)

  // live progress: poll the import until it ends
  useEffect(() => {
    if (!job || ENDED.includes(job.status)) return
    const timer = setTimeout(async () => {
      try {
        const next = await api.get<ImportJob>(`/smbs/import/${job.id}`)
        setJob(next.data)
        if (ENDED.includes(next.data.status)) {
          if (next.data.status === 'completed')
            toast.success(next.data.dry_run ? 'Dry run finished' : `Import finished: ${next.data.created} created, ${next.data.updated} updated`)
          else toast.error(`Import ${next.data.status}${next.data.failure_reason ? `: ${next.data.failure_reason}` : ''}`)
        }
      } catch (error) {
        toast.error(error)
      }
    }, 700)
    return () => clearTimeout(timer)
  }, [job, toast])

  if (!can(Permission.importSmbs)) return <p>Your role may not import SMBs.</p>

  const choose = async (chosen: File | null) => {
    setFile(chosen)
    setJob(null)
    setMapping({})
    setErrors({})
    setFormError(null)
    if (!chosen) return setPreview(null)
    if (/\.(csv|tsv|txt)$/i.test(chosen.name) || chosen.type.includes('csv')) {
      const text = await chosen.slice(0, 256 * 1024).text()
      setPreview(previewCsv(text, 5))
    } else setPreview(null)
  }

  const submit = async (dryRun: boolean, e?: FormEvent) => {
    e?.preventDefault()
    if (!file) {
      setErrors({ file: 'Choose a CSV or JSON file' })
      return
    }
    setBusy(true)
    setErrors({})
    setFormError(null)
    const form = new FormData()
    form.append('file', file)
    if (options.community_id) form.append('community_id', options.community_id)
    form.append('on_duplicate', options.on_duplicate)
    form.append('match_on', options.match_on)
    form.append('dry_run', String(dryRun))
    const chosenMapping: Record<string, string | null> = {}
    for (const [column, target] of Object.entries(mapping)) {
      if (target === '__ignore') chosenMapping[column] = null
      else if (target) chosenMapping[column] = target
    }
    if (Object.keys(chosenMapping).length) form.append('mapping', JSON.stringify(chosenMapping))
    try {
      const result = await api.upload<ImportJob>('/smbs/import', form)
      setJob(result.data)
      toast.info(dryRun ? 'Dry run started' : 'Import started')
    } catch (error) {
      if (error instanceof ApiError && error.errors.length) {
        setErrors(error.fieldErrors)
        setFormError(error.message)
      } else setFormError(error instanceof Error ? error.message : 'Could not start the import')
    } finally {
      setBusy(false)
    }
  }

  const cancel = async () => {
    if (!job) return
    try {
      setJob((await api.post<ImportJob>(`/smbs/import/${job.id}/cancel`)).data)
      toast.info('Import cancelled')
    } catch (error) {
      toast.error(error)
    }
  }

  const running = job !== null && !ENDED.includes(job.status)
  return (
    <section>
      <h1>Import SMBs</h1>
      <ol className="steps" aria-label="Steps">
        <li className={!file ? 'current' : 'done'}>1. Choose a file</li>
        <li className={file && !job ? 'current' : job ? 'done' : ''}>2. Options and mapping</li>
        <li className={job ? 'current' : ''}>3. Dry run or import</li>
      </ol>
      <form className="card" onSubmit={(e) => submit(options.dry_run, e)} noValidate aria-label="Import">
        <FormError message={formError} />
        <Field label="File (CSV or JSON)" error={errors.file} hint="Comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252">
          {(props) => (
            <input
              {...props}
              ref={fileInput}
              type="file"
              name="file"
              accept=".csv,.tsv,.txt,.json,.jsonl,text/csv,application/json"
              onChange={(e) => choose(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        {preview && preview.header.length > 0 && (
          <div className="preview">
            <h2>First rows and column mapping</h2>
            <p className="muted small">
              Columns are matched to SMB fields by their names automatically; change a column&apos;s target only where
              the automatic match is wrong. Columns that match nothing are kept in the SMB&apos;s metadata.
            </p>
            <div className="table-wrap">
              <table className="data compact" data-testid="import-preview">
                <thead>
                  <tr>
                    {preview.header.map((h, i) => (
                      <th key={i}>
                        <div>{h}</div>
                        <label className="visually-hidden" htmlFor={`map-${i}`}>
                          Field for column {h}
                        </label>
                        <select id={`map-${i}`} value={mapping[h] ?? ''} onChange={(e) => setMapping((m) => ({ ...m, [h]: e.target.value }))}>
                          <option value="">Automatic</option>
                          <option value="__ignore">Ignore</option>
                          {IMPORT_TARGETS.map((t) => (
                            <option key={t} value={t}>
                              {label(t)}
                            </option>
                          ))}
                        </select>
                        {errors[`mapping.${h}`] && <p className="field-error">{errors[`mapping.${h}`]}</p>}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row, r) => (
                    <tr key={r}>
                      {preview.header.map((_, c) => (
                        <td key={c}>{row[c] ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
        <div className="form-grid">
          <Field label="Community for rows without one" error={errors.community_id}>
            {(props) => (
              <select {...props} name="community_id" value={options.community_id} onChange={(e) => setOptions((o) => ({ ...o, community_id: e.target.value }))}>
                <option value="">From the file&apos;s community column</option>
                {(communities.data ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}, {c.state}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="When a business already exists" error={errors.on_duplicate}>
            {(props) => (
              <select {...props} name="on_duplicate" value={options.on_duplicate} onChange={(e) => setOptions((o) => ({ ...o, on_duplicate: e.target.value }))}>
                <option value="skip">Skip it</option>
                <option value="update">Update it with the file&apos;s values</option>
                <option value="create">Create another</option>
              </select>
            )}
          </Field>
          <Field label="Match existing businesses on" error={errors.match_on}>
            {(props) => (
              <select {...props} name="match_on" value={options.match_on} onChange={(e) => setOptions((o) => ({ ...o, match_on: e.target.value }))}>
                <option value="email">Email</option>
                <option value="phone">Phone</option>
                <option value="email_or_phone">Email or phone</option>
              </select>
            )}
          </Field>
        </div>
        <label className="inline">
          <input type="checkbox" name="dry_run" checked={options.dry_run} onChange={(e) => setOptions((o) => ({ ...o, dry_run: e.target.checked }))} /> Dry
          run: count what would happen, write nothing
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || running}>
            {options.dry_run ? 'Start dry run' : 'Start import'}
          </button>
        </div>
      </form>
      {job && <Progress job={job} onCancel={cancel} onRunForReal={() => submit(false)} busy={busy} />}
    </section>
  )
}

function Progress({ job, onCancel, onRunForReal, busy }: { job: ImportJob; onCancel: () => void; onRunForReal: () => void; busy: boolean }) {
  const ended = ENDED.includes(job.status)
  return (
    <div className="card" data-testid="import-job" aria-live="polite">
      <h2>
        {job.dry_run ? 'Dry run' : 'Import'} of {job.file_name}: <span data-testid="import-status">{label(job.status)}</span>
      </h2>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.progress} aria-label="Progress">
        <div className="progress-fill" style={{ width: `${job.progress}%` }} />
      </div>
      <p>
        {job.progress}% · {number(job.rows_processed)} of {job.rows_total === null ? '…' : number(job.rows_total)} rows
      </p>
      <dl className="counts">
        <div>
          <dt>{job.dry_run ? 'Would create' : 'Created'}</dt>
          <dd data-testid="import-created">{number(job.created)}</dd>
        </div>
        <div>
          <dt>{job.dry_run ? 'Would update' : 'Updated'}</dt>
          <dd>{number(job.updated)}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{number(job.skipped)}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd data-testid="import-failed">{number(job.failed)}</dd>
        </div>
      </dl>
      {job.failure_reason && <p className="form-error">{job.failure_reason}</p>}
      <div className="form-actions">
        {!ended && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel import
          </button>
        )}
        {ended && job.failed > 0 && (
          <a className="button secondary" href={job.errors_url} download data-testid="error-report">
            Download error report ({job.failed} rejected row{job.failed === 1 ? '' : 's'})
          </a>
        )}
        {ended && job.dry_run && job.status === 'completed' && (
          <button type="button" className="primary" onClick={onRunForReal} disabled={busy}>
            Import for real
          </button>
        )}
        {ended && !job.dry_run && job.status === 'completed' && <Link to="/smbs?sort=-created_at">See the SMBs</Link>}
      </div>
    </div>
  )
}
