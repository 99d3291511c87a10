// The API's shapes as the console uses them (snake_case, as on the wire).

export interface Me {
  id: string
  tenant_id: string
  email: string
  name: string
  role: 'admin' | 'manager' | 'agent' | 'viewer'
  platform_admin: boolean
  permissions: string[]
}

export interface CanContact {
  email: boolean
  sms: boolean
  rvm: boolean
  phone: boolean
}

export interface Smb {
  id: string
  community_id: string
  slug: string
  business_name: string
  dba_name: string | null
  business_type: string | null
  category: string | null
  primary_contact_name: string | null
  primary_email: string | null
  primary_phone: string | null
  website: string | null
  address: string | null
  city: string | null
  state: string | null
  zip: string | null
  business_description: string | null
  engagement_tier: number
  engagement_score: number
  last_email_open: string | null
  last_email_click: string | null
  campaign_status: string
  manifest_destiny_day: number
  manifest_destiny_start_date: string | null
  next_scheduled_send: string | null
  service_model: string | null
  subscription_tier: string
  email_opted_in: boolean
  sms_opted_in: boolean
  rvm_opted_in: boolean
  phone_opted_in: boolean
  do_not_contact: boolean
  can_contact: CanContact
  source: string | null
  data_quality_score: number
  version: number
  created_at: string
  updated_at: string
  deleted_at: string | null
}

export interface Community {
  id: string
  name: string
  slug: string
  state: string
  county: string | null
  population: number | null
  timezone: string
  settings: Record<string, unknown>
  created_at: string
  updated_at: string
}

export interface CommunityStats {
  community_id: string
  community_name: string
  total_smbs: number
  active_campaigns: number
  by_tier: Record<string, number>
  by_campaign_status: Record<string, number>
  opted_in: Record<string, number>
  can_contact: Record<string, number>
  do_not_contact: number
  average_data_quality: number
}

export interface Ref {
  id: string
  name: string
}

export interface Task {
  id: string
  smb: { id: string; business_name: string }
  title: string
  description: string | null
  due_date: string | null
  due_time: string | null
  priority: 'low' | 'medium' | 'high' | 'urgent'
  status: 'pending' | 'in_progress' | 'completed' | 'cancelled'
  is_overdue: boolean
  assignee: Ref | null
  created_by: Ref | null
  completed_at: string | null
  created_at: string
}

export interface Note {
  id: string
  smb_id: string
  content: string
  is_pinned: boolean
  author: Ref | null
  created_at: string
  updated_at: string
}

export interface Tag {
  id: string
  name: string
  slug: string
  color: string
  description: string | null
  smb_count?: number
}

export interface Activity {
  id: string
  activity_type: string
  title: string
  description: string | null
  subject_type: string | null
  subject_id: string | null
  metadata: Record<string, unknown>
  performed_by: Ref | null
  occurred_at: string
}

export interface ImportJob {
  id: string
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled'
  file_name: string
  file_format: string
  file_size: number
  community_id: string | null
  on_duplicate: string
  match_on: string
  dry_run: boolean
  rows_total: number | null
  rows_processed: number
  created: number
  updated: number
  skipped: number
  failed: number
  progress: number
  failure_reason: string | null
  errors_url: string
  created_at: string
  finished_at: string | null
}

export interface User {
  id: string
  email: string
  name: string
  role: string
  active: boolean
  last_login_at: string | null
  created_at: string
}

export interface ApiToken {
  id: string
  name: string
  token_prefix: string
  created_at: string
  last_used_at: string | null
  expires_at: string | null
}

export interface Band {
  key: string
  name: string
  min_score: number
}

export interface ScoreRule {
  key: string
  name: string
  signal_type?: string | null
  conditions?: Record<string, unknown> | null
  points: number
  window_days?: number | null
  decay_points_per_week?: number | null
  category?: string | null
  max_occurrences?: number | null
  inactive_days?: number | null
}

export interface ScoreModelBody {
  name: string
  min_score: number
  max_score: number
  bands: Band[]
  categories: { key: string; name: string; cap: number }[]
  rules: ScoreRule[]
}

export interface ScoreModel {
  key: string
  is_default: boolean
  version: number
  updated_at: string | null
  model: ScoreModelBody
}

export interface Rescore {
  id: string
  model: string
  status: string
  total: number
  done: number
  changed: number
  error: string | null
}

export interface Engagement {
  smb_id: string
  score: number
  tier: number
  tier_name: string
  pin: { tier: number; tier_name: string; reason: string; expires_at: string | null; pinned_at: string } | null
  explanation: string
  tier_policy: {
    tier: number
    name: string
    min_score: number
    email_frequency: string
    content_personalization: boolean
    rvm_eligible: boolean
    rvm_monthly_limit: number
  }
  engagement: ScoreExplanation
  lead: ScoreExplanation
  recent_signals: { signal_type: string; occurred_at: string; machine_generated: boolean; scored: boolean }[]
  tier_changes: { old_tier: number; new_tier: number; direction: string; reason: string; occurred_at: string }[]
  as_of: string
}

export interface ScoreExplanation {
  model: string
  score: number
  band: string
  band_name: string
  min_score: number
  max_score: number
  rules: { rule: string; name: string; occurrences: number; points: number; category: string | null }[]
  categories: { key: string; name: string; cap: number; raw_points: number; points: number }[]
  bands: Band[]
}

export interface ScoreHistory {
  model: string
  from: string
  to: string
  days: { day: string; score: number | null; band: string | null; tier: number | null }[]
}

/** An SMB's 90-day program (GET /smbs/{id}/campaigns → program; the start/pause/resume/cancel answers). */
export interface Program {
  smb_id: string
  campaign_status: 'pending' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled'
  manifest_destiny_day: number
  manifest_destiny_start_date: string | null
  current_campaign_id: string | null
  next_scheduled_send: string | null
  next_advance_at: string | null
  pause_reason: string | null
  paused_at: string | null
  paused_days: number
  started_at: string | null
  completed_at: string | null
  cancelled_at: string | null
}

export interface EmailEvent {
  id: string
  event_type: string
  event_at: string
  link_clicked: string | null
  bounce_type: string | null
  machine_generated: boolean
  user_agent: string | null
}

export interface CampaignSend {
  id: string
  campaign_id: string
  /** 'program': the day's email; 'rvm_followup': the email that follows a voicemail drop. */
  kind: 'program' | 'rvm_followup'
  program_day: number | null
  status: string
  skip_reason: string | null
  email: string
  subject: string | null
  scheduled_for: string | null
  sent_at: string | null
  message_id: string | null
  opened_at: string | null
  clicked_at: string | null
  open_count: number
  click_count: number
  machine_open_count: number
  machine_click_count: number
  unsubscribed_at: string | null
  attempts: number
  events: EmailEvent[]
}

/** A ringless voicemail drop of the program (the follow-up of an unopened email). */
export interface VoicemailDrop {
  id: string
  campaign_send_id: string | null
  status: string
  phone: string
  scheduled_for: string | null
  sent_at: string | null
  delivered_at: string | null
  attempts: number
  last_error: string | null
  callback_received: boolean
  callback_at: string | null
}

export interface ProgramWithSends {
  program: Program
  sends: CampaignSend[]
  /** Absent from servers that predate voicemail follow-ups. */
  voicemails?: VoicemailDrop[]
}

/** A campaign of the catalog (GET /campaigns). */
export interface Campaign {
  id: string
  type: string
  week: number
  day: number
  title: string
  subject: string
  preview_text: string | null
  slug: string
  service_type: string | null
  landing_page_slug: string | null
  email_template_id: string | null
  body_html: string | null
  body_text: string | null
  approval_button_text: string | null
  approval_config: Record<string, unknown>
  rvm_script: string | null
  rvm_config: Record<string, unknown>
  upsell_services: string[]
  meeting_topic: string | null
  is_active: boolean
  created_at: string
  updated_at: string
}

/** Mail captured by the outbox transport (GET /outbox). */
export interface OutboxMessage {
  id: string
  message_id: string
  from: string
  to: string
  subject: string
  body_html: string
  body_text: string
  headers: Record<string, string>
  campaign_send_id: string | null
  created_at: string
}

export interface OutreachDay {
  day: string
  sends: number
  opens: number
  clicks: number
  bounces: number
  unsubscribes: number
}

/** GET /campaigns/stats/daily */
export interface DailyStats {
  from: string
  to: string
  time_zone: string
  days: OutreachDay[]
  totals: Omit<OutreachDay, 'day'>
}
