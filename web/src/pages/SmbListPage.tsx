import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { ApiError, api, download, queryString, saveFile } from '../api/client'
import type { Community, Smb, Tag } from '../api/types'
import { Permission, useAuth } from '../auth'
import { StatusBadge, TierBadge } from '../components/Badges'
import { Empty, ErrorState, Loading } from '../components/States'
import { Modal } from '../components/Modal'
import { Field, FormError } from '../components/Field'
import { useToast } from '../components/Toasts'
import { chunks, joinCsvParts } from '../csv'
import { CAMPAIGN_STATUSES, CHANNELS, CHANNEL_NAMES, SERVICE_MODELS, SUBSCRIPTION_TIERS, TIER_NAMES, US_STATES, date, label } from '../format'
import { useLoad } from '../hooks'
import { deleteView, loadViews, saveView, type SavedView } from '../savedViews'

/** The list filters of GET /api/v1/smbs that the console offers. */
export const FILTERS = [
  'search', 'community_id', 'engagement_tier', 'campaign_status', 'service_model', 'subscription_tier', 'tag',
  'tag_match', 'can_receive', 'state', 'city', 'data_quality_score_min', 'data_quality_score_max', 'created_after',
  'created_before', 'updated_after', 'updated_before', 'deleted',
] as const
type FilterKey = (typeof FILTERS)[number]
type Filters = Partial<Record<FilterKey, string>>

const SORTABLE = [
  { key: 'business_name', label: 'Business' },
  { key: 'engagement_score', label: 'Score' },
  { key: 'data_quality_score', label: 'Data quality' },
  { key: 'created_at', label: 'Created' },
  { key: 'updated_at', label: 'Updated' },
]
const PER_PAGE = 25
/** The export takes at most 200 ids per request (they travel in the URL). */
const EXPORT_IDS_PER_REQUEST = 150

export function filtersOf(params: URLSearchParams): Filters {
  const filters: Filters = {}
  for (const key of FILTERS) {
    const value = params.get(key)
    if (value) filters[key] = value
  }
  return filters
}

export function SmbListPage() {
  const { user, can } = useAuth()
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => filtersOf(params), [params])
  const filterKey = queryString(filters)
  const sort = params.get('sort') ?? ''
  const page = Number(params.get('page') ?? '1') || 1
  const cursor = params.get('cursor') ?? ''
  const [cursors, setCursors] = useState<string[]>([])
  const [savedTotal, setSavedTotal] = useState<number | null>(null)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [showFilters, setShowFilters] = useState(false)

  const communities = useLoad((signal) => api.get<Community[]>('/communities', { per_page: 200 }, signal).then((r) => r.data), [])
  const tags = useLoad((signal) => api.get<Tag[]>('/tags', { per_page: 200 }, signal).then((r) => r.data), [])
  const list = useLoad(
    (signal) =>
      api.get<Smb[]>(
        '/smbs',
        { ...filters, sort: sort || undefined, per_page: PER_PAGE, ...(cursor ? { cursor } : { page }) },
        signal,
      ),
    [filterKey, sort, page, cursor],
  )

  useEffect(() => {
    if (list.data?.meta.total !== undefined) setSavedTotal(list.data.meta.total)
  }, [list.data])
  // a new filter is a new selection
  useEffect(() => {
    setSelected(new Set())
    setCursors([])
  }, [filterKey])

  const communityName = useMemo(() => {
    const map = new Map<string, string>()
    for (const c of communities.data ?? []) map.set(c.id, c.name)
    return map
  }, [communities.data])

  const update = (changes: Record<string, string | null>, keepPage = false) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k)
      else next.set(k, v)
    }
    if (!keepPage) {
      next.delete('page')
      next.delete('cursor')
    }
    setParams(next)
  }

  const applyFilters = (f: Filters) => {
    const next = new URLSearchParams()
    for (const [k, v] of Object.entries(f)) if (v) next.set(k, v)
    if (sort) next.set('sort', sort)
    setParams(next)
  }

  const toggleSort = (key: string) => {
    const nextSort = sort === key ? `-${key}` : sort === `-${key}` ? '' : key
    setCursors([])
    update({ sort: nextSort || null })
  }

  const rows = list.data?.data ?? []
  // cursor pages are not counted: keep the count of the first page
  const total = list.data?.meta.total ?? savedTotal
  const meta = list.data?.meta
  const nextCursor = meta?.next_cursor ?? null
  const lastPage = meta?.last_page ?? (total !== null ? Math.max(1, Math.ceil(total / PER_PAGE)) : null)
  const pageNumber = cursor ? cursors.length + 1 + (page > 1 ? page - 1 : 0) : page
  const hasNext = nextCursor !== null || (!cursor && lastPage !== null && page < lastPage)
  const goNext = () => {
    if (nextCursor) {
      setCursors((c) => [...c, cursor])
      const next = new URLSearchParams(params)
      next.set('cursor', nextCursor)
      setParams(next)
    } else update({ page: String(page + 1) }, true)
  }
  const goPrevious = () => {
    if (cursor) {
      const previous = cursors[cursors.length - 1]
      setCursors((c) => c.slice(0, -1))
      const next = new URLSearchParams(params)
      if (previous) next.set('cursor', previous)
      else next.delete('cursor')
      setParams(next)
    } else update({ page: page > 2 ? String(page - 1) : null }, true)
  }

  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id))
  const toggleAll = () => {
    const next = new Set(selected)
    for (const r of rows) {
      if (allOnPage) next.delete(r.id)
      else next.add(r.id)
    }
    setSelected(next)
  }
  const toggle = (id: string) => {
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setSelected(next)
  }

  const activeCount = Object.keys(filters).filter((k) => k !== 'search').length

  return (
    <section>
      <div className="page-head">
        <h1>SMBs</h1>
        <div className="actions">
          {can(Permission.exportSmbs) && (
            <a className="button secondary" href={`/api/v1/smbs/export${queryString({ ...filters, format: 'csv' })}`} download>
              Export all matching
            </a>
          )}
          {can(Permission.edit) && (
            <Link className="button primary" to="/smbs/new">
              New SMB
            </Link>
          )}
        </div>
      </div>

      <SearchBar
        value={filters.search ?? ''}
        onSearch={(search) => update({ search: search || null })}
        onToggleFilters={() => setShowFilters((s) => !s)}
        filtersOpen={showFilters}
        activeCount={activeCount}
      />
      {user && <SavedViews userId={user.id} current={params} onApply={(q) => setParams(new URLSearchParams(q))} />}
      {showFilters && (
        <FilterPanel
          key={filterKey}
          filters={filters}
          communities={communities.data ?? []}
          tags={tags.data ?? []}
          canSeeDeleted={can(Permission.remove)}
          onApply={applyFilters}
        />
      )}

      {selected.size > 0 && (
        <BulkBar
          selected={selected}
          filters={filters}
          tags={tags.data ?? []}
          onTagsChanged={tags.reload}
          onDone={() => list.reload()}
          onClear={() => setSelected(new Set())}
        />
      )}

      <div className="list-status" aria-live="polite">
        {list.loading && list.data ? <span className="muted">Updating…</span> : null}
        {total !== null && (
          <span data-testid="smb-total">
            {total.toLocaleString()} SMB{total === 1 ? '' : 's'}
            {meta?.sort === 'relevance' ? ' · best matches first' : ''}
          </span>
        )}
      </div>

      {list.error ? (
        <ErrorState error={list.error} retry={list.reload} />
      ) : !list.data ? (
        <Loading label="Loading SMBs…" />
      ) : rows.length === 0 ? (
        <Empty>
          No SMBs match.{' '}
          {Object.keys(filters).length > 0 ? (
            <button type="button" className="link" onClick={() => setParams(new URLSearchParams())}>
              Clear the filters
            </button>
          ) : (
            can(Permission.edit) && <Link to="/smbs/new">Add the first one</Link>
          )}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="data smb-table">
            <thead>
              <tr>
                <th className="select">
                  <input type="checkbox" aria-label="Select all on this page" checked={allOnPage} onChange={toggleAll} />
                </th>
                <SortHeader column={SORTABLE[0]} sort={sort} onSort={toggleSort} />
                <th className="hide-sm">Community</th>
                <th className="hide-sm">City</th>
                <th>Tier</th>
                <SortHeader column={SORTABLE[1]} sort={sort} onSort={toggleSort} />
                <th className="hide-sm">Campaign</th>
                <SortHeader column={SORTABLE[2]} sort={sort} onSort={toggleSort} className="hide-sm" />
                <SortHeader column={SORTABLE[3]} sort={sort} onSort={toggleSort} className="hide-md" />
                <SortHeader column={SORTABLE[4]} sort={sort} onSort={toggleSort} className="hide-md" />
              </tr>
            </thead>
            <tbody>
              {rows.map((smb) => (
                <tr key={smb.id} className={selected.has(smb.id) ? 'selected' : ''}>
                  <td className="select">
                    <input
                      type="checkbox"
                      aria-label={`Select ${smb.business_name}`}
                      checked={selected.has(smb.id)}
                      onChange={() => toggle(smb.id)}
                    />
                  </td>
                  <td>
                    <Link to={`/smbs/${smb.id}`}>{smb.business_name}</Link>
                    {smb.primary_contact_name && <div className="muted small">{smb.primary_contact_name}</div>}
                  </td>
                  <td className="hide-sm">{communityName.get(smb.community_id) ?? '…'}</td>
                  <td className="hide-sm">{[smb.city, smb.state].filter(Boolean).join(', ') || '—'}</td>
                  <td>
                    <TierBadge tier={smb.engagement_tier} />
                  </td>
                  <td className="num">{smb.engagement_score}</td>
                  <td className="hide-sm">
                    <StatusBadge status={smb.campaign_status} />
                  </td>
                  <td className="num hide-sm">{smb.data_quality_score}</td>
                  <td className="hide-md">{date(smb.created_at)}</td>
                  <td className="hide-md">{date(smb.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {list.data && rows.length > 0 && (
        <nav className="pager" aria-label="Pages">
          <button type="button" className="secondary" onClick={goPrevious} disabled={pageNumber <= 1 && !cursor}>
            ← Previous
          </button>
          <span>
            Page {pageNumber}
            {lastPage !== null ? ` of ${lastPage.toLocaleString()}` : ''}
          </span>
          <button type="button" className="secondary" onClick={goNext} disabled={!hasNext}>
            Next →
          </button>
        </nav>
      )}
    </section>
  )
}

function SortHeader({
  column,
  sort,
  onSort,
  className,
}: {
  column: { key: string; label: string }
  sort: string
  onSort: (key: string) => void
  className?: string
}) {
  const direction = sort === column.key ? 'ascending' : sort === `-${column.key}` ? 'descending' : 'none'
  return (
    <th aria-sort={direction} className={className}>
      <button type="button" className="sort" onClick={() => onSort(column.key)}>
        {column.label}
        <span aria-hidden="true">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ' ↕'}</span>
      </button>
    </th>
  )
}

function SearchBar({
  value,
  onSearch,
  onToggleFilters,
  filtersOpen,
  activeCount,
}: {
  value: string
  onSearch: (value: string) => void
  onToggleFilters: () => void
  filtersOpen: boolean
  activeCount: number
}) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  return (
    <form
      className="searchbar"
      role="search"
      onSubmit={(e) => {
        e.preventDefault()
        onSearch(text.trim())
      }}
    >
      <label htmlFor="smb-search" className="visually-hidden">
        Search SMBs
      </label>
      <input
        id="smb-search"
        type="search"
        placeholder="Search name, contact, email, phone, city…"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="primary">
        Search
      </button>
      <button type="button" className="secondary" aria-expanded={filtersOpen} onClick={onToggleFilters}>
        Filters{activeCount > 0 ? ` (${activeCount})` : ''}
      </button>
    </form>
  )
}

function Checks({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string
  options: { value: string; label: string }[]
  value: string | undefined
  onChange: (value: string) => void
}) {
  const chosen = new Set((value ?? '').split(',').filter(Boolean))
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input
            type="checkbox"
            checked={chosen.has(o.value)}
            onChange={(e) => {
              const next = new Set(chosen)
              if (e.target.checked) next.add(o.value)
              else next.delete(o.value)
              onChange([...next].join(','))
            }}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  )
}

function FilterPanel({
  filters,
  communities,
  tags,
  canSeeDeleted,
  onApply,
}: {
  filters: Filters
  communities: Community[]
  tags: Tag[]
  canSeeDeleted: boolean
  onApply: (filters: Filters) => void
}) {
  const [draft, setDraft] = useState<Filters>(filters)
  const set = (key: FilterKey) => (value: string) => setDraft((d) => ({ ...d, [key]: value || undefined }))
  const text = (key: FilterKey, labelText: string, type = 'text') => (
    <label className="filter-text">
      {labelText}
      <input type={type} value={draft[key] ?? ''} onChange={(e) => set(key)(e.target.value)} name={key} />
    </label>
  )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onApply(draft)
  }
  return (
    <form className="card filters" onSubmit={submit} aria-label="Filters">
      <div className="filter-grid">
        <Checks
          legend="Community"
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
          value={draft.community_id}
          onChange={set('community_id')}
        />
        <Checks
          legend="Engagement tier"
          options={[1, 2, 3, 4].map((t) => ({ value: String(t), label: TIER_NAMES[t] }))}
          value={draft.engagement_tier}
          onChange={set('engagement_tier')}
        />
        <Checks
          legend="Campaign status"
          options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: label(s) }))}
          value={draft.campaign_status}
          onChange={set('campaign_status')}
        />
        <Checks
          legend="Can receive"
          options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_NAMES[c] }))}
          value={draft.can_receive}
          onChange={set('can_receive')}
        />
        <Checks
          legend="Service model"
          options={SERVICE_MODELS.map((s) => ({ value: s, label: label(s) }))}
          value={draft.service_model}
          onChange={set('service_model')}
        />
        <Checks
          legend="Subscription"
          options={SUBSCRIPTION_TIERS.map((s) => ({ value: s, label: label(s) }))}
          value={draft.subscription_tier}
          onChange={set('subscription_tier')}
        />
        {tags.length > 0 && (
          <div>
            <Checks
              legend="Tags"
              options={tags.map((t) => ({ value: t.id, label: t.name }))}
              value={draft.tag}
              onChange={set('tag')}
            />
            <label className="filter-text">
              Match
              <select value={draft.tag_match ?? 'any'} onChange={(e) => set('tag_match')(e.target.value === 'any' ? '' : e.target.value)}>
                <option value="any">any of the tags</option>
                <option value="all">all of the tags</option>
              </select>
            </label>
          </div>
        )}
        <div>
          <label className="filter-text">
            State
            <select value={draft.state ?? ''} onChange={(e) => set('state')(e.target.value)} name="state">
              <option value="">Any</option>
              {US_STATES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          {text('city', 'City')}
          {text('data_quality_score_min', 'Data quality from', 'number')}
          {text('data_quality_score_max', 'Data quality to', 'number')}
        </div>
        <div>
          {text('created_after', 'Created on or after', 'date')}
          {text('created_before', 'Created before', 'date')}
          {text('updated_after', 'Updated on or after', 'date')}
          {text('updated_before', 'Updated before', 'date')}
          {canSeeDeleted && (
            <label className="inline">
              <input
                type="checkbox"
                checked={draft.deleted === 'only'}
                onChange={(e) => set('deleted')(e.target.checked ? 'only' : '')}
              />{' '}
              Deleted SMBs only
            </label>
          )}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button type="button" className="secondary" onClick={() => onApply(draft.search ? { search: draft.search } : {})}>
          Clear filters
        </button>
      </div>
    </form>
  )
}

function SavedViews({ userId, current, onApply }: { userId: string; current: URLSearchParams; onApply: (query: string) => void }) {
  const toast = useToast()
  const [views, setViews] = useState<SavedView[]>(() => loadViews(userId))
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const query = (() => {
    const q = new URLSearchParams(current)
    q.delete('page')
    q.delete('cursor')
    return q.toString()
  })()
  return (
    <div className="saved-views">
      <span className="muted">Saved views:</span>
      {views.length === 0 && <span className="muted small">none yet</span>}
      {views.map((v) => (
        <span key={v.name} className={`view-chip${v.query === query ? ' active' : ''}`}>
          <button type="button" className="link" onClick={() => onApply(v.query)}>
            {v.name}
          </button>
          <button
            type="button"
            className="link"
            aria-label={`Delete saved view ${v.name}`}
            onClick={() => {
              setViews(deleteView(userId, v.name))
              toast.info(`Saved view “${v.name}” deleted`)
            }}
          >
            ×
          </button>
        </span>
      ))}
      {naming ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            if (!name.trim()) return
            setViews(saveView(userId, { name: name.trim(), query }))
            toast.success(`Saved view “${name.trim()}”`)
            setNaming(false)
            setName('')
          }}
        >
          <label htmlFor="view-name" className="visually-hidden">
            Name of the view
          </label>
          <input id="view-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Name this view" autoFocus />
          <button type="submit" className="primary small">
            Save
          </button>
          <button type="button" className="link" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="link" onClick={() => setNaming(true)}>
          + Save current view
        </button>
      )}
    </div>
  )
}

function BulkBar({
  selected,
  filters,
  tags,
  onTagsChanged,
  onDone,
  onClear,
}: {
  selected: Set<string>
  filters: Filters
  tags: Tag[]
  onTagsChanged: () => void
  onDone: () => void
  onClear: () => void
}) {
  const { can } = useAuth()
  const toast = useToast()
  const [tagId, setTagId] = useState('')
  const [newTag, setNewTag] = useState('')
  const [busy, setBusy] = useState(false)
  const [updating, setUpdating] = useState(false)
  const ids = [...selected]

  const tagSelected = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    try {
      let id = tagId
      let name = tags.find((t) => t.id === tagId)?.name ?? ''
      if (tagId === '__new') {
        const created = await api.post<Tag>('/tags', { name: newTag.trim() })
        id = created.data.id
        name = created.data.name
        onTagsChanged()
      }
      const result = await api.post<{ tagged_count: number }>(`/tags/${id}/smbs`, { smb_ids: ids })
      toast.success(`Tagged ${result.data.tagged_count} SMB${result.data.tagged_count === 1 ? '' : 's'} “${name}”`)
      setTagId('')
      setNewTag('')
      onDone()
    } catch (error) {
      toast.error(error instanceof ApiError && error.errors[0] ? `${error.message}: ${error.errors[0].message}` : error)
    } finally {
      setBusy(false)
    }
  }

  const exportSelected = async () => {
    setBusy(true)
    try {
      // the export endpoint takes the ids themselves, a request line's worth at a time
      const files = []
      for (const part of chunks(ids, EXPORT_IDS_PER_REQUEST)) {
        files.push(await download('/smbs/export', { ids: part, deleted: filters.deleted, format: 'csv' }))
      }
      const { text, rows } = joinCsvParts(files.map((f) => f.text))
      saveFile(text, files[0]?.fileName?.replace('.csv', '-selected.csv') ?? 'smbs-selected.csv')
      toast.success(`Exported ${rows} selected SMB${rows === 1 ? '' : 's'}`)
    } catch (error) {
      toast.error(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="bulkbar" role="region" aria-label="Selection">
      <b>{selected.size} selected</b>
      {can(Permission.edit) && (
        <form className="inline-form" onSubmit={tagSelected}>
          <label htmlFor="bulk-tag" className="visually-hidden">
            Tag to add
          </label>
          <select id="bulk-tag" value={tagId} onChange={(e) => setTagId(e.target.value)} required>
            <option value="">Choose a tag…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            {can(Permission.tags) && <option value="__new">New tag…</option>}
          </select>
          {tagId === '__new' && (
            <>
              <label htmlFor="bulk-new-tag" className="visually-hidden">
                New tag name
              </label>
              <input id="bulk-new-tag" value={newTag} onChange={(e) => setNewTag(e.target.value)} placeholder="Tag name" required />
            </>
          )}
          <button type="submit" className="primary small" disabled={busy || !tagId}>
            Tag selected
          </button>
        </form>
      )}
      {can(Permission.edit) && can(Permission.audiences) && (
        <button type="button" className="secondary small" onClick={() => setUpdating(true)} disabled={busy}>
          Update fields…
        </button>
      )}
      {can(Permission.exportSmbs) && (
        <button type="button" className="secondary small" onClick={exportSelected} disabled={busy}>
          Export selected (CSV)
        </button>
      )}
      {updating && (
        <BulkUpdate
          ids={ids}
          onClose={() => setUpdating(false)}
          onDone={() => {
            setUpdating(false)
            onDone()
          }}
        />
      )}
      <button type="button" className="link" onClick={onClear}>
        Clear selection
      </button>
    </div>
  )
}


const BULK_FIELDS: { key: string; label: string; options: { value: string; label: string }[] }[] = [
  { key: 'service_model', label: 'Service model', options: SERVICE_MODELS.map((v) => ({ value: v, label: label(v) })) },
  { key: 'subscription_tier', label: 'Subscription', options: SUBSCRIPTION_TIERS.map((v) => ({ value: v, label: label(v) })) },
  ...['email_opted_in', 'sms_opted_in', 'rvm_opted_in', 'phone_opted_in', 'do_not_contact'].map((key) => ({
    key,
    label: label(key),
    options: [
      { value: 'true', label: 'Yes' },
      { value: 'false', label: 'No' },
    ],
  })),
]

/** Sets one field on every selected SMB (POST /smbs/bulk-update). */
function BulkUpdate({ ids, onClose, onDone }: { ids: string[]; onClose: () => void; onDone: () => void }) {
  const toast = useToast()
  const [field, setField] = useState(BULK_FIELDS[0].key)
  const [value, setValue] = useState(BULK_FIELDS[0].options[0].value)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const chosen = BULK_FIELDS.find((f) => f.key === field) ?? BULK_FIELDS[0]
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const typed = value === 'true' ? true : value === 'false' ? false : value
    try {
      const result = await api.post<{ updated_count: number }>('/smbs/bulk-update', { ids, updates: { [field]: typed } })
      toast.success(`Updated ${result.data.updated_count} SMB${result.data.updated_count === 1 ? '' : 's'}: ${chosen.label}`)
      onDone()
    } catch (err) {
      setError(err instanceof ApiError && err.errors.length ? err.errors.map((x) => x.message).join('; ') : err instanceof Error ? err.message : 'Could not update')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal title={`Update ${ids.length} SMB${ids.length === 1 ? '' : 's'}`} onClose={onClose}>
      <form onSubmit={submit} aria-label="Bulk update">
        <FormError message={error} />
        <Field label="Field">
          {(props) => (
            <select
              {...props}
              value={field}
              onChange={(e) => {
                setField(e.target.value)
                setValue(BULK_FIELDS.find((f) => f.key === e.target.value)?.options[0].value ?? '')
              }}
            >
              {BULK_FIELDS.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="New value">
          {(props) => (
            <select {...props} value={value} onChange={(e) => setValue(e.target.value)}>
              {chosen.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Updating…' : 'Update'}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  )
}
