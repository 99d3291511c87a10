/** Small dependency-free SVG charts; every chart has a text alternative. */

export interface Segment {
  key: string
  label: string
  value: number
}

/** One horizontal bar split into segments, with a legend that carries the numbers. */
export function StackedBar({ segments, title }: { segments: Segment[]; title: string }) {
  const total = segments.reduce((sum, s) => sum + s.value, 0)
  return (
    <figure className="stacked">
      <div className="stacked-bar" role="img" aria-label={`${title}: ${segments.map((s) => `${s.label} ${s.value}`).join(', ')}`}>
        {total === 0 ? (
          <div className="stacked-empty" />
        ) : (
          segments
            .filter((s) => s.value > 0)
            .map((s) => (
              <div
                key={s.key}
                className={`seg seg-${s.key}`}
                style={{ width: `${(100 * s.value) / total}%` }}
                title={`${s.label}: ${s.value}`}
              />
            ))
        )}
      </div>
      <figcaption className="legend">
        {segments.map((s) => (
          <span key={s.key}>
            <i className={`swatch seg-${s.key}`} aria-hidden="true" /> {s.label} <b>{s.value.toLocaleString()}</b>
          </span>
        ))}
      </figcaption>
    </figure>
  )
}

/** A line of daily values (nulls are gaps), with horizontal guide lines at band minimums. */
export function LineChart({
  points,
  min = 0,
  max = 100,
  guides = [],
  title,
}: {
  points: { x: string; y: number | null }[]
  min?: number
  max?: number
  guides?: { y: number; label: string }[]
  title: string
}) {
  const width = 600
  const height = 180
  const pad = { l: 32, r: 8, t: 8, b: 22 }
  const w = width - pad.l - pad.r
  const h = height - pad.t - pad.b
  const sx = (i: number) => pad.l + (points.length <= 1 ? w / 2 : (i * w) / (points.length - 1))
  const sy = (v: number) => pad.t + h - ((v - min) / (max - min || 1)) * h
  const paths: string[] = []
  let current = ''
  points.forEach((p, i) => {
    if (p.y === null) {
      if (current) paths.push(current)
      current = ''
    } else {
      current += `${current ? 'L' : 'M'}${sx(i).toFixed(1)},${sy(p.y).toFixed(1)}`
    }
  })
  if (current) paths.push(current)
  const known = points.filter((p) => p.y !== null)
  const last = known[known.length - 1]
  return (
    <svg
      className="line-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${title}: ${known.length} days with a score${last ? `, latest ${last.y} on ${last.x}` : ''}`}
    >
      {guides.map((g) => (
        <g key={g.label}>
          <line x1={pad.l} x2={width - pad.r} y1={sy(g.y)} y2={sy(g.y)} className="guide" />
          <text x={width - pad.r} y={sy(g.y) - 2} textAnchor="end" className="guide-label">
            {g.label}
          </text>
        </g>
      ))}
      <text x={pad.l - 4} y={sy(max) + 4} textAnchor="end" className="axis">
        {max}
      </text>
      <text x={pad.l - 4} y={sy(min)} textAnchor="end" className="axis">
        {min}
      </text>
      {points.length > 0 && (
        <>
          <text x={pad.l} y={height - 4} className="axis">
            {points[0].x}
          </text>
          <text x={width - pad.r} y={height - 4} textAnchor="end" className="axis">
            {points[points.length - 1].x}
          </text>
        </>
      )}
      {paths.map((d, i) => (
        <path key={i} d={d} className="line" />
      ))}
      {known.length === 1 && last && <circle cx={sx(points.indexOf(last))} cy={sy(last.y as number)} r={3} className="dot" />}
    </svg>
  )
}
