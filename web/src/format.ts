export const TIER_NAMES: Record<number, string> = { 1: 'Premium', 2: 'Engaged', 3: 'Active', 4: 'Passive' }

export const CAMPAIGN_STATUSES = ['pending', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const
export const SERVICE_MODELS = ['self_serve', 'managed', 'hybrid', 'enterprise'] as const
export const SUBSCRIPTION_TIERS = ['free', 'basic', 'standard', 'premium', 'enterprise'] as const
export const CHANNELS = ['email', 'sms', 'rvm', 'phone'] as const
export const CHANNEL_NAMES: Record<string, string> = { email: 'Email', sms: 'SMS', rvm: 'Voicemail (RVM)', phone: 'Phone' }

export function label(value: string | null | undefined): string {
  if (!value) return '—'
  const text = value.replace(/_/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const date = new Date(value)
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export function date(value: string | null | undefined): string {
  if (!value) return '—'
  const [y, m, d] = value.substring(0, 10).split('-').map(Number)
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { dateStyle: 'medium' })
}

export function number(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString()
}

/** Today's date in the browser's time zone, as YYYY-MM-DD. */
export function isoDay(offsetDays = 0, from = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + offsetDays)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
  'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR',
  'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR', 'GU', 'VI', 'AS', 'MP',
]
