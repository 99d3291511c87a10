import { TIER_NAMES, label } from '../format'

export function TierBadge({ tier, name }: { tier: number; name?: string }) {
  return (
    <span className={`badge tier tier-${tier}`} title={`Engagement tier ${tier}`}>
      {name ?? TIER_NAMES[tier] ?? `Tier ${tier}`}
    </span>
  )
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status status-${status}`}>{label(status)}</span>
}

export function TagChip({ name, color, onRemove }: { name: string; color: string; onRemove?: () => void }) {
  return (
    <span className={`chip chip-${color}`}>
      {name}
      {onRemove && (
        <button type="button" className="chip-remove" aria-label={`Remove tag ${name}`} onClick={onRemove}>
          ×
        </button>
      )}
    </span>
  )
}

export function YesNo({ value, yes = 'Yes', no = 'No' }: { value: boolean; yes?: string; no?: string }) {
  return <span className={value ? 'yes' : 'no'}>{value ? `✓ ${yes}` : `✕ ${no}`}</span>
}
