import type { ReactNode } from 'react'
import { messageOf } from './Toasts'

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  )
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>{messageOf(error, 'Could not load this.')}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  )
}

/** Loading, error or the content, for one async load. */
export function Async<T>({
  state,
  children,
  label,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void }
  children: (data: T) => ReactNode
  label?: string
}) {
  if (state.error) return <ErrorState error={state.error} retry={state.reload} />
  if (state.data === undefined) return <Loading label={label} />
  return <>{children(state.data)}</>
}
