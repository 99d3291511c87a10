import { useId, useState } from 'react'

/**
 * Put ahead of a mail's HTML in the preview frame: nothing remote loads (so looking at a
 * mail never fires its open pixel) and links would open a new window, which the sandbox
 * forbids (so a click never reaches a tracking link).
 */
export const PREVIEW_HEAD =
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">` +
  '<base target="_blank">'

export function previewDocument(html: string): string {
  return PREVIEW_HEAD + html
}

/** A mail's HTML (in a sandboxed frame: no scripts, no same origin, no navigation) and its text, as tabs. */
export function MailPreview({ html, text, title }: { html: string | null; text: string | null; title: string }) {
  const [tab, setTab] = useState<'html' | 'text'>(html ? 'html' : 'text')
  const id = useId()
  const tabs = [
    { key: 'html' as const, label: 'HTML' },
    { key: 'text' as const, label: 'Text' },
  ]
  return (
    <div className="mail-preview">
      <div className="tabs" role="tablist" aria-label={`${title}: version`}>
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`${id}-${t.key}-tab`}
            aria-selected={tab === t.key}
            aria-controls={`${id}-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            className={tab === t.key ? 'active' : ''}
            onClick={() => setTab(t.key)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = tab === 'html' ? 'text' : 'html'
                setTab(next)
                document.getElementById(`${id}-${next}-tab`)?.focus()
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'html' ? (
        <div role="tabpanel" id={`${id}-html`} aria-labelledby={`${id}-html-tab`}>
          {html ? (
            <>
              <iframe className="mail-html" title={`${title} (HTML)`} sandbox="" referrerPolicy="no-referrer" srcDoc={previewDocument(html)} />
              <p className="muted small">Shown without remote images or working links, so looking at it records no open or click.</p>
            </>
          ) : (
            <p className="muted">No HTML version.</p>
          )}
        </div>
      ) : (
        <div role="tabpanel" id={`${id}-text`} aria-labelledby={`${id}-text-tab`}>
          {text ? <pre className="mail-text">{text}</pre> : <p className="muted">No text version.</p>}
        </div>
      )}
    </div>
  )
}
