/** Saved filter views of the SMB list, kept in this browser per user. */
export interface SavedView {
  name: string
  query: string
}

const key = (userId: string) => `fibonacco.smb-views.${userId}`

export function loadViews(userId: string): SavedView[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(key(userId)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((v) => typeof v?.name === 'string' && typeof v?.query === 'string') : []
  } catch {
    return []
  }
}

export function saveView(userId: string, view: SavedView): SavedView[] {
  const views = [...loadViews(userId).filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name))
  localStorage.setItem(key(userId), JSON.stringify(views))
  return views
}

export function deleteView(userId: string, name: string): SavedView[] {
  const views = loadViews(userId).filter((v) => v.name !== name)
  localStorage.setItem(key(userId), JSON.stringify(views))
  return views
}
