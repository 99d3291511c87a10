import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { api, onUnauthorized } from './api/client'
import type { Me } from './api/types'

interface Auth {
  user: Me | null
  loading: boolean
  signIn: (email: string, password: string) => Promise<void>
  signOut: () => Promise<void>
  can: (permission: string) => boolean
}

const AuthContext = createContext<Auth | null>(null)

export const Permission = {
  view: 'crm.contacts.view',
  edit: 'crm.contacts.edit',
  remove: 'crm.contacts.delete',
  exportSmbs: 'crm.contacts.export',
  importSmbs: 'crm.contacts.import',
  activities: 'crm.activities.manage',
  communities: 'crm.communities.manage',
  tags: 'crm.tags.manage',
  audiences: 'crm.audiences.manage',
  scoring: 'crm.scoring.manage',
  campaigns: 'crm.campaigns.manage',
  users: 'crm.users.manage',
} as const

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null)
  const [loading, setLoading] = useState(true)

  useEffect(() => {
    onUnauthorized(() => setUser(null))
    api
      .get<Me>('/auth/me')
      .then((result) => setUser(result.data))
      .catch(() => setUser(null))
      .finally(() => setLoading(false))
    return () => onUnauthorized(null)
  }, [])

  const signIn = useCallback(async (email: string, password: string) => {
    await api.post('/auth/login', { email, password })
    const me = await api.get<Me>('/auth/me')
    setUser(me.data)
  }, [])

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout')
    } finally {
      setUser(null)
    }
  }, [])

  const value = useMemo<Auth>(
    () => ({ user, loading, signIn, signOut, can: (permission) => !!user?.permissions.includes(permission) }),
    [user, loading, signIn, signOut],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext)
  if (!auth) throw new Error('useAuth outside AuthProvider')
  return auth
}
