// End-to-end tests of the console in real headless Chromium (Debian's, driven by
// playwright-core) against a running server. The Maven build runs them from
// ConsoleEndToEndTests, which starts the server and makes the users; by hand:
//   BASE_URL=http://localhost:8080 ADMIN_EMAIL=… ADMIN_PASSWORD=… VIEWER_EMAIL=… VIEWER_PASSWORD=… node e2e/run.mjs
import { mkdirSync, readFileSync } from 'node:fs'
import { launch, signIn } from './browser.mjs'

const env = (name) => {
  const value = process.env[name]
  if (!value) throw new Error(`set ${name}`)
  return value
}
const BASE = env('BASE_URL').replace(/\/$/, '')
const ADMIN = { email: env('ADMIN_EMAIL'), password: env('ADMIN_PASSWORD') }
const VIEWER = { email: env('VIEWER_EMAIL'), password: env('VIEWER_PASSWORD') }
const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname
mkdirSync(ARTIFACTS, { recursive: true })

const suffix = Date.now().toString(36).slice(-5)
const community = `Brevard ${suffix}`
const business = `Pisgah Pottery ${suffix}`
const tagName = `Kiln ${suffix}`
const state = {}

/** A feedback message (toast) with this text. */
const toast = (text) => page.getByTestId('toast').filter({ hasText: text }).first()

function expect(condition, message) {
  if (!condition) throw new Error(message)
}

const context = await launch()
context.setDefaultTimeout(15_000)
const page = context.pages()[0] ?? (await context.newPage())
const pageErrors = []
page.on('pageerror', (error) => pageErrors.push(error.message))

const tests = [
  ['signs in and shows the user name and role', async () => {
    await page.goto(BASE + '/')
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByLabel('Password').fill('wrong-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText('Wrong email or password.').waitFor()
    await page.getByLabel('Password').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    const who = page.getByTestId('current-user')
    await who.waitFor()
    expect((await who.textContent()).includes('admin'), 'the role is shown')
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
    // the outreach charts, zero-filled for a new tenant
    await page.getByRole('img', { name: /^Sends per day, 30 days: 0 in all/ }).waitFor()
  }],

  ['creates a community, with field errors from the API', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Communities' }).click()
    await page.getByRole('button', { name: 'New community' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill(community)
    await dialog.getByRole('button', { name: 'Create community' }).click()
    // no state chosen: the API's 422 lands on the State field
    await dialog.locator('.field-invalid').filter({ hasText: 'State' }).waitFor()
    await dialog.getByLabel('State').selectOption('NC')
    await dialog.getByLabel('County').fill('Transylvania')
    await dialog.getByLabel('Population').fill('7700')
    await dialog.getByRole('button', { name: 'Create community' }).click()
    await toast(`${community} created`).waitFor()
    await page.getByRole('link', { name: community }).waitFor()
  }],

  ['creates an SMB in it', async () => {
    await page.goto(BASE + '/smbs')
    await page.getByRole('link', { name: 'New SMB' }).click()
    const form = page.getByRole('form', { name: 'New SMB' })
    await form.getByLabel('Community').selectOption({ label: `${community}, NC` })
    await form.getByLabel('Business name').fill(business)
    await form.getByLabel('Contact name').fill('Maya Reyes')
    await form.getByLabel('Email').fill('maya@not-an-email')
    await form.getByLabel('Phone').fill('828-555-0142')
    await form.getByLabel('City').fill('Brevard')
    await form.getByLabel('State').selectOption('NC')
    await form.getByRole('button', { name: 'Create SMB' }).click()
    await form.getByText('must be an email address').waitFor()
    await form.getByLabel('Email').fill(`maya.${suffix}@pisgahpottery.example`)
    await form.getByRole('button', { name: 'Create SMB' }).click()
    await page.getByRole('heading', { name: business }).waitFor()
    state.smbUrl = page.url()
  }],

  ['finds it with filters and search', async () => {
    await page.goto(BASE + '/smbs')
    await page.getByRole('button', { name: /^Filters/ }).click()
    await page.getByRole('checkbox', { name: community }).check()
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.getByRole('link', { name: business }).waitFor()
    expect((await page.getByTestId('smb-total').textContent()).startsWith('1 SMB'), 'one SMB in the new community')
    // a typo still finds it
    await page.getByLabel('Search SMBs').fill(`Pisgah Potery ${suffix}`)
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForURL(/search=/)
    await page.getByRole('link', { name: business }).waitFor()
    // select it and export the selection through the export endpoint
    await page.getByLabel(`Select ${business}`).check()
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export selected (CSV)' }).click()])
    const csv = readFileSync(await exported.path(), 'utf8')
    expect(csv.includes('business_name') && csv.includes(business), 'the export holds the selected SMB')
    await toast('Exported 1 selected SMB').waitFor()
    // sortable columns
    await page.getByRole('button', { name: /Score/ }).click()
    await page.waitForURL(/sort=engagement_score/)
    await page.getByRole('link', { name: business }).click()
    await page.getByRole('heading', { name: business }).waitFor()
  }],

  ['adds a note and a tag', async () => {
    await page.goto(state.smbUrl)
    await page.getByLabel('New note').fill('Owner prefers calls after 3pm; interested in the managed plan.')
    await page.getByRole('button', { name: 'Add note' }).click()
    await toast('Note added').waitFor()
    await page.getByTestId('notes').getByText('Owner prefers calls after 3pm').waitFor()
    await page.getByRole('button', { name: 'Pin', exact: true }).click()
    await toast('Note pinned').waitFor()
    await page.getByLabel('Add a tag').fill(tagName)
    await page.getByRole('button', { name: 'Add tag' }).click()
    await page.getByTestId('smb-tags').getByText(tagName).waitFor()
    await page.getByTestId('timeline').getByText(/note/i).first().waitFor()
  }],

  ['starts its program and pauses it with a reason', async () => {
    await page.goto(state.smbUrl)
    const panel = page.locator('.card.program')
    const programState = panel.getByTestId('program-state')
    await programState.getByText('Not started').waitFor()
    const controls = panel.getByRole('group', { name: 'Program controls' })
    expect(await controls.getByRole('button', { name: 'Pause…' }).isDisabled(), 'a program that has not started cannot be paused')
    await controls.getByRole('button', { name: 'Start…' }).click()
    await panel.getByRole('button', { name: 'Start program' }).click()
    await toast('Program started: day 1 today').waitFor()
    await programState.getByText('Day 1 of 90').waitFor()
    await programState.getByText('Running').waitFor()
    expect(await controls.getByRole('button', { name: 'Start…' }).isDisabled(), 'a running program cannot be started again')
    // the day's campaign is queued (or skipped, with its reason) as the program's first send
    await panel.getByTestId('program-sends').getByText('Day 1', { exact: true }).first().waitFor()
    await controls.getByRole('button', { name: 'Pause…' }).click()
    const pause = panel.getByRole('form', { name: 'Pause the program' })
    await pause.getByRole('button', { name: 'Pause program' }).click()
    await pause.getByText('Say why the program is paused').waitFor()
    await pause.getByLabel('Reason for pausing').fill('Owner away until the spring market')
    await pause.getByRole('button', { name: 'Pause program' }).click()
    await toast('Program paused').waitFor()
    await programState.getByText('Paused', { exact: true }).waitFor()
    await panel.getByTestId('pause-reason').getByText('Owner away until the spring market').waitFor()
    expect(await controls.getByRole('button', { name: 'Resume' }).isEnabled(), 'a paused program can be resumed')
    expect(await controls.getByRole('button', { name: 'Pause…' }).isDisabled(), 'a paused program cannot be paused again')
    // the SMB itself mirrors the program
    await page.locator('.page-head').getByText('Paused', { exact: true }).waitFor()
  }],

  ['shows the campaign catalog, a campaign to edit, and the outbox', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click()
    await page.getByRole('heading', { name: 'Campaign catalog' }).waitFor()
    await page.getByRole('row').filter({ hasText: 'HOOK-001' }).getByRole('link').click()
    await page.getByText(/HOOK-001 · HOOK · day 1/).waitFor()
    await page.getByRole('tab', { name: 'Text' }).click()
    await page.locator('pre.mail-text').getByText('{{unsubscribe_url}}').waitFor()
    await page.getByRole('button', { name: 'Edit campaign' }).click()
    const form = page.getByRole('form', { name: 'Edit HOOK-001' })
    await form.getByLabel('Text body').fill('Hello {{owner_name}}')
    await form.getByRole('button', { name: 'Save campaign' }).click()
    // the API's 422 lands on the field
    await form.locator('.field-invalid').filter({ hasText: 'Text body' }).getByText(/unknown merge field/).waitFor()
    await form.getByRole('button', { name: 'Cancel' }).click()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click()
    await page.getByRole('heading', { name: 'Outbox' }).waitFor()
    await page.locator('.outbox, .state-empty').first().waitFor()
  }],

  ['explains a stale write and saves after loading the newer version', async () => {
    await page.goto(state.smbUrl)
    await page.getByRole('button', { name: 'Edit profile' }).click()
    // someone else changes the SMB meanwhile (through the API, with this session)
    const status = await page.evaluate(async (url) => {
      const id = url.split('/').pop()
      const token = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')).split('=')[1])
      const response = await fetch(`/api/v1/smbs/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': '*', 'X-XSRF-TOKEN': token },
        body: JSON.stringify({ address: '12 Broad St' }),
      })
      return response.status
    }, state.smbUrl)
    expect(status === 200, `the concurrent change was saved (${status})`)
    await page.getByLabel('Doing business as').fill('Pisgah Pottery Studio')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.getByTestId('stale-write').getByText('Someone else saved this SMB').waitFor()
    await page.getByRole('button', { name: 'Load their version and keep my edits' }).click()
    await page.getByTestId('stale-write').getByText(/they changed: Address/).waitFor()
    await page.getByRole('button', { name: 'Save profile' }).click()
    await toast('Profile saved').waitFor()
    await page.getByText('Pisgah Pottery Studio').first().waitFor()
    await page.getByText('12 Broad St').first().waitFor()
  }],

  ['imports a CSV with one bad row and downloads the error report', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click()
    const csv = [
      'Company Name,E-mail,Phone,City,State',
      `French Broad Outfitters ${suffix},fbo.${suffix}@example.com,828-555-0171,Brevard,NC`,
      `Bad Row Bakery ${suffix},not-an-email,828-555-0172,Brevard,NC`,
      `Looking Glass Coffee ${suffix},lgc.${suffix}@example.com,828-555-0173,Brevard,NC`,
    ].join('\n')
    await page.getByLabel('File (CSV or JSON)').setInputFiles({ name: 'brevard.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByTestId('import-preview').getByText(`Bad Row Bakery ${suffix}`).waitFor()
    await page.getByLabel('Community for rows without one').selectOption({ label: `${community}, NC` })
    await page.getByRole('button', { name: 'Start dry run' }).click()
    await page.getByTestId('import-status').getByText('Completed').waitFor({ timeout: 90_000 })
    expect((await page.getByTestId('import-created').textContent()) === '2', 'the dry run would create 2')
    await page.getByRole('button', { name: 'Import for real' }).click()
    await page.getByRole('heading', { name: /^Import of brevard.csv: Completed/ }).waitFor({ timeout: 90_000 })
    expect((await page.getByTestId('import-failed').textContent()) === '1', 'one row rejected')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('error-report').click()])
    const report = readFileSync(await download.path(), 'utf8')
    expect(report.startsWith('row,column,value,reason'), 'the error report has its header')
    expect(report.includes('not-an-email') && report.includes('3,'), `the bad row is reported: ${report}`)
    await page.goto(BASE + `/smbs?search=${encodeURIComponent('Looking Glass Coffee ' + suffix)}`)
    await page.getByRole('link', { name: `Looking Glass Coffee ${suffix}` }).waitFor()
  }],

  ['a viewer sees no write controls', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await signIn(page, BASE, VIEWER.email, VIEWER.password)
    expect((await page.getByTestId('current-user').textContent()).includes('viewer'), 'signed in as a viewer')
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect((await nav.getByRole('link', { name: 'Import' }).count()) === 0, 'no import for a viewer')
    expect((await nav.getByRole('link', { name: 'Outbox' }).count()) === 0, 'no outbox for a viewer')
    await page.goto(BASE + `/smbs?search=${encodeURIComponent(business)}`)
    await page.getByRole('link', { name: business }).waitFor()
    expect((await page.getByRole('link', { name: 'New SMB' }).count()) === 0, 'no New SMB for a viewer')
    await page.goto(state.smbUrl)
    await page.getByRole('heading', { name: /Pisgah Pottery/ }).waitFor()
    await page.getByTestId('notes').waitFor()
    await page.getByTestId('pause-reason').getByText('Owner away until the spring market').waitFor()
    expect((await page.getByRole('group', { name: 'Program controls' }).count()) === 0, 'no program controls for a viewer')
    for (const name of ['Edit profile', 'Add note', 'Add tag', 'Add task', 'Delete', 'Pin', 'Unpin', 'Start…', 'Pause…', 'Resume', 'Cancel program…']) {
      expect((await page.getByRole('button', { name, exact: true }).count()) === 0, `no “${name}” for a viewer`)
    }
    expect((await page.getByLabel('New note').count()) === 0, 'no note form for a viewer')
    expect((await page.getByRole('button', { name: /Remove tag/ }).count()) === 0, 'no tag removal for a viewer')
    await page.goto(BASE + '/campaigns/HOOK-001')
    await page.getByText(/HOOK-001 · HOOK · day 1/).waitFor()
    expect((await page.getByRole('button', { name: 'Edit campaign' }).count()) === 0, 'no campaign editing for a viewer')
    await page.goto(BASE + '/communities')
    await page.getByRole('link', { name: community }).waitFor()
    expect((await page.getByRole('button', { name: 'New community' }).count()) === 0, 'no New community for a viewer')
  }],

  ['works at phone width and reloads a client route', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(state.smbUrl) // a full load of a client route: the server answers the app
    await page.getByRole('heading', { name: /Pisgah Pottery/ }).waitFor()
    const menu = page.getByRole('button', { name: 'Menu' })
    await menu.click()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SMBs' }).click()
    await page.getByRole('heading', { name: 'SMBs' }).waitFor()
    await page.getByTestId('smb-total').waitFor()
    await page.screenshot({ path: ARTIFACTS + 'phone-smbs.png' })
    await page.setViewportSize({ width: 1280, height: 900 })
  }],
]

let failed = 0
for (const [name, run] of tests) {
  const started = Date.now()
  try {
    await run()
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`)
  } catch (error) {
    failed++
    const file = ARTIFACTS + name.replace(/[^a-z0-9]+/gi, '-') + '.png'
    await page.screenshot({ path: file, fullPage: true }).catch(() => {})
    console.log(`  ✗ ${name}\n    ${String(error.message ?? error).split('\n').join('\n    ')}\n    screenshot: ${file}`)
    if (name.startsWith('signs in')) break
  }
}
if (pageErrors.length) {
  failed++
  console.log(`  ✗ the page threw: ${pageErrors.join('; ')}`)
}
await context.close()
console.log(failed ? `${failed} end-to-end test(s) failed` : `all ${tests.length} end-to-end tests passed`)
process.exit(failed ? 1 : 0)
