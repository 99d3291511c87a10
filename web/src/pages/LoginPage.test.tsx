import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { render } from '@testing-library/react'
import { App } from '../App'
import { AuthProvider } from '../auth'
import { ToastProvider } from '../components/Toasts'
import { MemoryRouter } from 'react-router'
import { ME, mockApi } from '../test/mockApi'

afterEach(() => vi.unstubAllGlobals())

function renderApp() {
  return render(
    <MemoryRouter>
      <ToastProvider>
        <AuthProvider>
          <App />
        </AuthProvider>
      </ToastProvider>
    </MemoryRouter>,
  )
}

describe('sign-in', () => {
  it('says so when the password is wrong', async () => {
    mockApi({
      'GET /api/v1/auth/me': { status: 401, body: { code: 'authentication_required', detail: 'Sign in' } },
      'GET /api/v1/auth/csrf': { data: { token: 'x' }, meta: {} },
      'POST /api/v1/auth/login': { status: 401, body: { code: 'bad_credentials', detail: 'Wrong email or password' } },
    })
    renderApp()
    await userEvent.type(await screen.findByLabelText('Email'), 'dana@example.com')
    await userEvent.type(screen.getByLabelText('Password'), 'nope')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.')
  })

  it('signs in and shows the user name and role, then signs out', async () => {
    let signedIn = false
    mockApi({
      'GET /api/v1/auth/me': () =>
        signedIn ? { body: { data: ME.viewer, meta: {} } } : { status: 401, body: { code: 'authentication_required' } },
      'GET /api/v1/auth/csrf': { data: { token: 'x' }, meta: {} },
      'POST /api/v1/auth/login': () => {
        signedIn = true
        return { body: { data: ME.viewer, meta: {} } }
      },
      'POST /api/v1/auth/logout': () => {
        signedIn = false
        return { status: 204 }
      },
      'GET /api/v1/communities': { data: [], meta: {} },
      'GET /api/v1/tasks': { data: [], meta: { total: 0, overdue_count: 0 } },
    })
    renderApp()
    await userEvent.type(await screen.findByLabelText('Email'), 'sam@example.com')
    await userEvent.type(screen.getByLabelText('Password'), 'a-long-enough-password')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByTestId('current-user')).toHaveTextContent('Sam Ortega')
    expect(screen.getByTestId('current-user')).toHaveTextContent('viewer')
    // a viewer is not offered the import
    expect(screen.queryByRole('link', { name: 'Import' })).not.toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }))
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument()
  })
})
