// Screenshots of the dashboard, the SMB list and the SMB detail for docs/screenshots/,
// taken in headless Chromium from a running server with the demo data:
//   ./mvnw spring-boot:run   (with FIBONACCO_ADMIN_PASSWORD set), then
//   BASE_URL=http://localhost:8080 EMAIL=admin@fibonacco.local PASSWORD=… npm run screenshots
// The first run adds a note, a task and a tag to the most engaged SMB and starts its 90-day
// program, so its page shows them.
import { mkdirSync } from 'node:fs'
import { launch, signIn } from './browser.mjs'

const BASE = (process.env.BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '')
const EMAIL = process.env.EMAIL ?? 'admin@fibonacco.local'
const PASSWORD = process.env.PASSWORD
if (!PASSWORD) throw new Error('set PASSWORD (the admin password)')
const OUT = new URL('../../docs/screenshots/', import.meta.url).pathname
mkdirSync(OUT, { recursive: true })

const context = await launch()
const page = context.pages()[0] ?? (await context.newPage())
await signIn(page, BASE, EMAIL, PASSWORD)

// the API, with this session and its CSRF token
const call = (method, path, body) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const token = decodeURIComponent((document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')) ?? '=').split('=')[1])
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json' }
      if (method !== 'GET') headers['X-XSRF-TOKEN'] = token
      let response = await fetch('/api/v1' + path, { method, headers, body: body ? JSON.stringify(body) : undefined })
      if (response.status === 403 && method !== 'GET') {
        const csrf = await (await fetch('/api/v1/auth/csrf')).json()
        headers['X-XSRF-TOKEN'] = csrf.data.token
        response = await fetch('/api/v1' + path, { method, headers, body: body ? JSON.stringify(body) : undefined })
      }
      return response.status === 204 ? null : response.json()
    },
    { method, path, body },
  )

await call('GET', '/auth/csrf')
const top = (await call('GET', '/smbs?sort=-engagement_score&per_page=1')).data[0]
const notes = await call('GET', `/smbs/${top.id}/notes`)
if (notes.data.length === 0) {
  await call('POST', `/smbs/${top.id}/notes`, { content: 'Met the owner at the chamber breakfast; wants the managed plan before the holidays.', is_pinned: true })
  await call('POST', `/smbs/${top.id}/notes`, { content: 'Prefers calls after 3pm.' })
  const today = new Date().toISOString().substring(0, 10)
  await call('POST', `/smbs/${top.id}/tasks`, { title: 'Call back about the managed plan', due_date: today, priority: 'high' })
  const tags = await call('GET', '/tags?per_page=200')
  let tag = tags.data.find((t) => t.name === 'Hot lead')
  if (!tag) tag = (await call('POST', '/tags', { name: 'Hot lead', color: 'red' })).data
  await call('POST', `/smbs/${top.id}/tags`, { tag_ids: [tag.id] })
}
// its 90-day program running, so the SMB page shows the program with its first send
const program = await call('GET', `/smbs/${top.id}/campaigns`)
if (program.data.program.campaign_status === 'pending') await call('POST', `/smbs/${top.id}/campaign/start`, {})

const settle = () => page.waitForLoadState('networkidle').then(() => page.waitForTimeout(400))

await page.goto(BASE + '/')
await settle()
await page.screenshot({ path: OUT + 'dashboard.png', fullPage: true })

await page.goto(BASE + '/smbs?sort=-engagement_score')
await settle()
await page.getByLabel('Select all on this page').check()
await page.getByLabel('Select all on this page').blur()
await settle()
await page.screenshot({ path: OUT + 'smb-list.png' })

await page.goto(BASE + `/smbs/${top.id}`)
await settle()
await page.screenshot({ path: OUT + 'smb-detail.png', fullPage: true })

await page.goto(BASE + '/campaigns?empty_days=hide')
await settle()
await page.screenshot({ path: OUT + 'campaign-catalog.png' })

await page.setViewportSize({ width: 390, height: 844 })
await page.goto(BASE + `/smbs/${top.id}`)
await settle()
await page.screenshot({ path: OUT + 'smb-detail-phone.png' })

await context.close()
console.log(`screenshots in ${OUT}`)
