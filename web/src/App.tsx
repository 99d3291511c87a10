import { useState } from 'react'
import { NavLink, Route, Routes, useLocation } from 'react-router'
import { Permission, useAuth } from './auth'
import { Loading } from './components/States'
import { useToast } from './components/Toasts'
import { LoginPage } from './pages/LoginPage'
import { DashboardPage } from './pages/DashboardPage'
import { SmbListPage } from './pages/SmbListPage'
import { SmbDetailPage } from './pages/SmbDetailPage'
import { NewSmbPage } from './pages/NewSmbPage'
import { CommunitiesPage, CommunityPage } from './pages/CommunitiesPage'
import { ImportPage } from './pages/ImportPage'
import { SettingsPage } from './pages/SettingsPage'
import { CampaignPage, CatalogPage } from './pages/CatalogPage'
import { OutboxPage } from './pages/OutboxPage'

export function App() {
  const { user, loading } = useAuth()
  if (loading) return <Loading label="Starting the console…" />
  if (!user) return <LoginPage />
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<DashboardPage />} />
        <Route path="/smbs" element={<SmbListPage />} />
        <Route path="/smbs/new" element={<NewSmbPage />} />
        <Route path="/smbs/:id" element={<SmbDetailPage />} />
        <Route path="/communities" element={<CommunitiesPage />} />
        <Route path="/communities/:id" element={<CommunityPage />} />
        <Route path="/import" element={<ImportPage />} />
        <Route path="/campaigns" element={<CatalogPage />} />
        <Route path="/campaigns/:id" element={<CampaignPage />} />
        <Route path="/outbox" element={<OutboxPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  )
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <NavLink to="/">Back to the dashboard</NavLink>
      </p>
    </section>
  )
}

function Layout({ children }: { children: React.ReactNode }) {
  const { user, signOut, can } = useAuth()
  const toast = useToast()
  const [menuOpen, setMenuOpen] = useState(false)
  const location = useLocation()
  const [lastPath, setLastPath] = useState(location.pathname)
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname)
    setMenuOpen(false)
  }
  const links = [
    { to: '/', label: 'Dashboard', end: true },
    { to: '/smbs', label: 'SMBs' },
    { to: '/communities', label: 'Communities' },
    ...(can(Permission.importSmbs) ? [{ to: '/import', label: 'Import' }] : []),
    { to: '/campaigns', label: 'Campaigns' },
    ...(can(Permission.campaigns) ? [{ to: '/outbox', label: 'Outbox' }] : []),
    { to: '/settings', label: 'Settings' },
  ]
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            F
          </span>
          <span>Fibonacco</span>
        </div>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <nav id="main-nav" className={menuOpen ? 'open' : ''} aria-label="Main">
          {links.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          ))}
        </nav>
        <div className="whoami">
          <span className="who" data-testid="current-user">
            {user?.name} <span className={`badge role role-${user?.role}`}>{user?.role}</span>
          </span>
          <button
            type="button"
            className="secondary"
            onClick={() => signOut().then(() => toast.info('You are signed out.'), (e) => toast.error(e))}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}
