import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'
import { api } from '../api/client'
import type { OutboxMessage } from '../api/types'
import { Permission, useAuth } from '../auth'
import { MailPreview } from '../components/MailPreview'
import { Empty, ErrorState, Loading } from '../components/States'
import { dateTime } from '../format'
import { useLoad } from '../hooks'

const PER_PAGE = 25

/** Mail the default transport captured instead of sending: a list, and the chosen one rendered. */
export function OutboxPage() {
  const { can } = useAuth()
  const [params, setParams] = useSearchParams()
  const to = params.get('to') ?? ''
  const page = Number(params.get('page') ?? '1') || 1
  const [text, setText] = useState(to)
  useEffect(() => setText(to), [to])
  const allowed = can(Permission.campaigns)
  const list = useLoad(
    (signal) =>
      allowed ? api.get<OutboxMessage[]>('/outbox', { to: to || undefined, page, per_page: PER_PAGE }, signal) : Promise.resolve(null),
    [to, page, allowed],
  )
  if (!allowed)
    return (
      <section>
        <h1>Outbox</h1>
        <p className="notice" role="note">
          The outbox is for admins and managers.
        </p>
      </section>
    )

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k)
      else next.set(k, v)
    }
    setParams(next)
  }
  const messages = list.data?.data ?? []
  const selected = messages.find((m) => m.id === params.get('id')) ?? messages[0]
  const lastPage = list.data?.meta.last_page ?? 1
  const total = list.data?.meta.total ?? 0

  return (
    <section>
      <h1>Outbox</h1>
      <p className="muted">
        Mail captured by the outbox transport (<code>fibonacco.email.transport=outbox</code>, the default): nothing here
        left the machine.
      </p>
      <form
        className="searchbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          set({ to: text.trim() || null, page: null, id: null })
        }}
      >
        <label htmlFor="outbox-to" className="visually-hidden">
          Recipient address
        </label>
        <input id="outbox-to" type="search" placeholder="Recipient address (exact)" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="primary">
          Filter
        </button>
        {to && (
          <button type="button" className="secondary" onClick={() => set({ to: null, page: null, id: null })}>
            Show all
          </button>
        )}
      </form>
      {list.error ? (
        <ErrorState error={list.error} retry={list.reload} />
      ) : !list.data ? (
        <Loading label="Loading the outbox…" />
      ) : messages.length === 0 ? (
        <Empty>{to ? `No mail captured for ${to}.` : 'No mail captured yet. Program emails land here when their send time comes.'}</Empty>
      ) : (
        <div className="outbox">
          <div className="card">
            <p className="muted small" aria-live="polite">
              {total.toLocaleString()} message{total === 1 ? '' : 's'}, newest first
            </p>
            <ul className="outbox-list" aria-label="Captured mail">
              {messages.map((m) => (
                <li key={m.id}>
                  <button type="button" aria-current={m.id === selected?.id ? 'true' : undefined} onClick={() => set({ id: m.id })}>
                    <span className="subject">{m.subject}</span>
                    <span className="muted small">
                      to {m.to} · {dateTime(m.created_at)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {lastPage > 1 && (
              <nav className="pager" aria-label="Pages">
                <button type="button" className="secondary small" disabled={page <= 1} onClick={() => set({ page: page > 2 ? String(page - 1) : null, id: null })}>
                  ← Newer
                </button>
                <span>
                  Page {page} of {lastPage}
                </span>
                <button type="button" className="secondary small" disabled={page >= lastPage} onClick={() => set({ page: String(page + 1), id: null })}>
                  Older →
                </button>
              </nav>
            )}
          </div>
          {selected && <Message message={selected} />}
        </div>
      )}
    </section>
  )
}

function Message({ message }: { message: OutboxMessage }) {
  return (
    <article className="card" aria-labelledby="outbox-subject" data-testid="outbox-message">
      <h2 id="outbox-subject">{message.subject}</h2>
      <dl className="mail-headers">
        <dt>From</dt>
        <dd>{message.from}</dd>
        <dt>To</dt>
        <dd>{message.to}</dd>
        <dt>Captured</dt>
        <dd>{dateTime(message.created_at)}</dd>
        <dt>Message-ID</dt>
        <dd>
          <code>{message.message_id}</code>
        </dd>
        {Object.entries(message.headers).map(([name, value]) => (
          <div key={name} style={{ display: 'contents' }}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <MailPreview key={message.id} html={message.body_html} text={message.body_text} title={message.subject} />
    </article>
  )
}
