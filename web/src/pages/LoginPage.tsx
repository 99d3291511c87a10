import { useState, type FormEvent } from 'react'
import { ApiError } from '../api/client'
import { useAuth } from '../auth'
import { Field, FormError } from '../components/Field'

export function LoginPage() {
  const { signIn } = useAuth()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setFieldErrors({})
    try {
      await signIn(email.trim(), password)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError('Wrong email or password.')
      else if (e instanceof ApiError && e.status === 429)
        setError('Too many failed sign-ins for this email. Wait 15 minutes and try again.')
      else if (e instanceof ApiError && e.errors.length > 0) setFieldErrors(e.fieldErrors)
      else setError(e instanceof Error ? e.message : 'Could not sign in.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={submit} noValidate>
        <div className="brand">
          <span className="logo" aria-hidden="true">
            F
          </span>
          <h1>Fibonacco Command Center</h1>
        </div>
        <p className="muted">Sign in with your work email.</p>
        <FormError message={error} />
        <Field label="Email" error={fieldErrors.email}>
          {(props) => (
            <input
              {...props}
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          )}
        </Field>
        <Field label="Password" error={fieldErrors.password}>
          {(props) => (
            <input
              {...props}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
