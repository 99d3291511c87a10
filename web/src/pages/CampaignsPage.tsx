/**
 * The place for the 90-day program controls, the campaign catalog and the outbox. Their API
 * (the campaign and messaging modules) is not on this server yet; this page says so rather
 * than showing made-up data.
 */
export function CampaignsPage() {
  return (
    <section>
      <h1>Campaigns</h1>
      <div className="card notice" role="note">
        <p>
          <b>Coming with the campaign API.</b> This server does not offer the campaign endpoints yet, so there is
          nothing to show here.
        </p>
        <p>When they land, this section will hold:</p>
        <ul>
          <li>
            <b>Programs</b> — each SMB&apos;s 90-day program: state, day, start, pause with a reason, resume, cancel,
            and every send with its events (also on the SMB page).
          </li>
          <li>
            <b>Catalog</b> — the 90 days of campaigns, viewable and editable.
          </li>
          <li>
            <b>Outbox</b> — the captured mail, rendered.
          </li>
          <li>
            <b>Dashboard charts</b> — sends, opens, clicks, bounces and unsubscribes over the last 30 days.
          </li>
        </ul>
        <p className="muted">
          Each SMB&apos;s campaign status and program day, which the SMB API already reports, are shown on the SMB
          list and detail pages.
        </p>
      </div>
    </section>
  )
}
