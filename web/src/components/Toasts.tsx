import { createContext, useCallback, useContext, useState, type ReactNode } from 'react'
import { ApiError } from '../api/client'

type Kind = 'success' | 'error' | 'info'
interface Toast {
  id: number
  kind: Kind
  text: string
}

interface Toaster {
  success: (text: string) => void
  error: (error: unknown, fallback?: string) => void
  info: (text: string) => void
}

const ToastContext = createContext<Toaster | null>(null)

export function messageOf(error: unknown, fallback = 'Something went wrong'): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `Not allowed: ${error.message}`
    return error.message
  }
  if (error instanceof Error && error.message) return error.message
  return fallback
}

let next = 1

/** Every action says how it went, in a live region screen readers announce. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const push = useCallback((kind: Kind, text: string) => {
    const id = next++
    setToasts((current) => [...current.slice(-3), { id, kind, text }])
    setTimeout(() => setToasts((current) => current.filter((t) => t.id !== id)), kind === 'error' ? 8000 : 4000)
  }, [])
  const [toaster] = useState<Toaster>(() => ({
    success: (text) => push('success', text),
    error: (error, fallback) => push('error', messageOf(error, fallback)),
    info: (text) => push('info', text),
  }))
  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} data-testid="toast">
            <span>{t.text}</span>
            <button
              type="button"
              className="link"
              aria-label="Dismiss"
              onClick={() => setToasts((c) => c.filter((x) => x.id !== t.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  )
}

export function useToast(): Toaster {
  const toaster = useContext(ToastContext)
  if (!toaster) throw new Error('useToast outside ToastProvider')
  return toaster
}
