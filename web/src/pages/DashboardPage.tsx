import { Link } from 'react-router'
import { ApiError, api } from '../api/client'
import type { Community, CommunityStats, DailyStats, Task } from '../api/types'
import { StackedBar } from '../components/Charts'
import { OutreachCharts } from '../components/OutreachCharts'
import { Async, Empty } from '../components/States'
import { useLoad } from '../hooks'
import { CAMPAIGN_STATUSES, TIER_NAMES, date, isoDay, label } from '../format'
import { useAuth } from '../auth'

export function DashboardPage() {
  const { user } = useAuth()
  const stats = useLoad(async (signal) => {
    const communities = await api.get<Community[]>('/communities', { per_page: 200 }, signal)
    return Promise.all(
      communities.data.map((c) => api.get<CommunityStats>(`/communities/${c.id}/stats`, undefined, signal).then((r) => r.data)),
    )
  }, [])
  const tasks = useLoad(async (signal) => {
    // due before tomorrow = due today or earlier; the API marks which are overdue
    const result = await api.get<Task[]>('/tasks', { assignee: 'me', due_before: isoDay(1), per_page: 100 }, signal)
    return { items: result.data, overdue: Number(result.meta.overdue_count ?? 0), total: Number(result.meta.total ?? 0) }
  }, [])

  const outreach = useLoad((signal) => outreachStats(signal), [])

  return (
    <section>
      <h1>Dashboard</h1>
      <p className="muted">Welcome back, {user?.name}.</p>
      <div className="grid-2">
        <div className="card">
          <h2>My tasks: due today and overdue</h2>
          <Async state={tasks} label="Loading your tasks…">
            {({ items, overdue, total }) =>
              items.length === 0 ? (
                <Empty>Nothing due today or overdue.</Empty>
              ) : (
                <>
                  <p>
                    <b>{total}</b> open task{total === 1 ? '' : 's'} due by today, <b className={overdue ? 'danger' : ''}>{overdue} overdue</b>
                  </p>
                  <ul className="task-list" data-testid="my-tasks">
                    {items.map((task) => (
                      <li key={task.id} className={task.is_overdue ? 'overdue' : ''}>
                        <Link to={`/smbs/${task.smb.id}`}>{task.title}</Link>
                        <span className="muted">
                          {' '}
                          · {task.smb.business_name} · {task.is_overdue ? 'overdue since' : 'due'} {date(task.due_date)}
                          {task.due_time ? ` ${task.due_time}` : ''} · {label(task.priority)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              )
            }
          </Async>
        </div>
        <div className="card">
          <h2>Campaign email, last 30 days</h2>
          <Async state={outreach} label="Loading the outreach numbers…">
            {(stats) => (
              <>
                <OutreachCharts stats={stats} />
                <p className="muted small">
                  Days in {stats.time_zone}. Each email counts once a day however often it was opened or clicked; opens
                  and clicks by privacy proxies and link scanners are left out.
                </p>
              </>
            )}
          </Async>
        </div>
      </div>
      <h2>Communities</h2>
      <Async state={stats} label="Loading community numbers…">
        {(all) =>
          all.length === 0 ? (
            <Empty>
              No communities yet. <Link to="/communities">Create one</Link> to start.
            </Empty>
          ) : (
            <>
              <Totals all={all} />
              <div className="community-grid">
                {all.map((s) => (
                  <article className="card" key={s.community_id} data-testid="community-stats">
                    <h3>
                      <Link to={`/communities/${s.community_id}`}>{s.community_name}</Link>
                    </h3>
                    <p>
                      <Link to={`/smbs?community_id=${s.community_id}`}>
                        <b>{s.total_smbs.toLocaleString()}</b> SMBs
                      </Link>{' '}
                      · {s.active_campaigns} running programs · data quality {s.average_data_quality}
                    </p>
                    <h4>By engagement tier</h4>
                    <StackedBar title={`${s.community_name} SMBs by tier`} segments={tierSegments(s.by_tier)} />
                    <h4>By campaign status</h4>
                    <StackedBar title={`${s.community_name} SMBs by campaign status`} segments={statusSegments(s.by_campaign_status)} />
                  </article>
                ))}
              </div>
            </>
          )
        }
      </Async>
    </section>
  )
}

/** The last 30 days in the browser's time zone, or in UTC when the server does not know that zone. */
async function outreachStats(signal: AbortSignal): Promise<DailyStats> {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  try {
    return (await api.get<DailyStats>('/campaigns/stats/daily', { days: 30, time_zone: zone }, signal)).data
  } catch (error) {
    if (error instanceof ApiError && error.fieldErrors.time_zone) {
      return (await api.get<DailyStats>('/campaigns/stats/daily', { days: 30 }, signal)).data
    }
    throw error
  }
}

function tierSegments(byTier: Record<string, number>) {
  return [1, 2, 3, 4].map((tier) => ({ key: `tier-${tier}`, label: TIER_NAMES[tier], value: byTier[String(tier)] ?? 0 }))
}

function statusSegments(byStatus: Record<string, number>) {
  return CAMPAIGN_STATUSES.map((status) => ({ key: `status-${status}`, label: label(status), value: byStatus[status] ?? 0 }))
}

function Totals({ all }: { all: CommunityStats[] }) {
  const byTier: Record<string, number> = {}
  const byStatus: Record<string, number> = {}
  let total = 0
  for (const s of all) {
    total += s.total_smbs
    for (const [k, v] of Object.entries(s.by_tier)) byTier[k] = (byTier[k] ?? 0) + v
    for (const [k, v] of Object.entries(s.by_campaign_status)) byStatus[k] = (byStatus[k] ?? 0) + v
  }
  return (
    <div className="card">
      <h3>All communities: {total.toLocaleString()} SMBs</h3>
      <div className="grid-2">
        <div>
          <h4>By engagement tier</h4>
          <StackedBar title="All SMBs by tier" segments={tierSegments(byTier)} />
        </div>
        <div>
          <h4>By campaign status</h4>
          <StackedBar title="All SMBs by campaign status" segments={statusSegments(byStatus)} />
        </div>
      </div>
    </div>
  )
}
