-- Mirrors the real app's tables and indexes (Supabase migrations), reduced to the columns the
-- stand-in reads or writes, plus the Supabase Auth tables it needs (schema "auth").

create schema if not exists auth;

create table auth.users (
  id uuid primary key,
  email text not null unique,
  encrypted_password text not null,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);

create table auth.refresh_tokens (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  revoked boolean not null default false,
  created_at timestamptz not null default now()
);
create index refresh_tokens_user_id_idx on auth.refresh_tokens (user_id);

create type user_role as enum ('subscriber', 'employee', 'admin');
create type admin_sub_role as enum ('super_admin', 'attorney_admin');
create type letter_status as enum (
  'draft', 'generating', 'pending_review', 'under_review', 'approved', 'rejected', 'completed', 'failed');
create type subscription_status as enum ('active', 'canceled', 'past_due', 'trialing');
create type commission_status as enum ('pending', 'paid');

create table profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null unique,
  full_name text,
  role user_role not null default 'subscriber',
  admin_sub_role admin_sub_role,
  phone text,
  company_name text,
  stripe_customer_id text,
  total_letters_generated integer not null default 0,
  is_licensed_attorney boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index idx_profiles_role on profiles (role);
create index idx_profiles_email on profiles (email);

create table letters (
  id uuid primary key,
  user_id uuid not null references profiles (id) on delete cascade,
  title text not null,
  status letter_status not null default 'draft',
  letter_type text,
  intake_data jsonb,
  ai_draft_content text,
  final_content text,
  pdf_storage_path text,
  pdf_generated_at timestamptz,
  is_attorney_reviewed boolean not null default false,
  reviewed_by uuid references profiles (id),
  reviewed_at timestamptz,
  review_notes text,
  rejection_reason text,
  approved_at timestamptz,
  assigned_to uuid references profiles (id),
  assigned_at timestamptz,
  generated_at timestamptz,
  generation_metadata jsonb,
  generation_error text,
  sender_state text,
  recipient_state text,
  jurisdiction text,
  court_type text,
  statutes_cited text[],
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index idx_letters_user_id on letters (user_id);
create index idx_letters_status on letters (status);
create index idx_letters_user_status on letters (user_id, status);
create index idx_letters_created_status on letters (created_at desc, status);
create index idx_letters_review_queue on letters (created_at desc)
  where status in ('pending_review', 'under_review');
create index idx_letters_reviewed_at on letters (reviewed_at);
create index idx_letters_recipient_state on letters (recipient_state);
create index idx_letters_jurisdiction on letters (jurisdiction);
create index idx_letters_statutes_cited on letters using gin (statutes_cited);

create table employee_coupons (
  id uuid primary key,
  employee_id uuid unique references profiles (id) on delete cascade,
  code text not null unique,
  description text,
  discount_percent integer not null default 20,
  is_active boolean not null default true,
  usage_count integer not null default 0,
  max_uses integer,
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index idx_employee_coupons_code on employee_coupons (code);

create table subscriptions (
  id uuid primary key,
  user_id uuid not null references profiles (id) on delete cascade,
  status subscription_status not null default 'trialing',
  plan text,
  plan_type text,
  price numeric(10, 2) not null default 0,
  discount numeric(10, 2) not null default 0,
  coupon_code text,
  remaining_letters integer not null default 0,
  credits_remaining integer not null default 0,
  stripe_subscription_id text,
  stripe_customer_id text,
  stripe_session_id text unique,
  current_period_start timestamptz,
  current_period_end timestamptz,
  last_reset_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index idx_subscriptions_user_id on subscriptions (user_id);
create index idx_subscriptions_status on subscriptions (status);
create index idx_subscriptions_user_status on subscriptions (user_id, status);
create index idx_subscriptions_active_user on subscriptions (user_id) where status = 'active';

create table commissions (
  id uuid primary key,
  employee_id uuid not null references profiles (id) on delete cascade,
  subscription_id uuid not null references subscriptions (id) on delete cascade,
  commission_rate numeric(5, 4) not null default 0.05,
  subscription_amount numeric(10, 2) not null,
  commission_amount numeric(10, 2) not null,
  status commission_status not null default 'pending',
  paid_at timestamptz,
  created_at timestamptz not null default now()
);
create index idx_commissions_employee_status on commissions (employee_id, status);

create table coupon_usage (
  id uuid primary key,
  user_id uuid not null references profiles (id) on delete cascade,
  employee_id uuid references profiles (id),
  coupon_code text not null,
  discount_percent integer not null,
  amount_before numeric(10, 2) not null,
  amount_after numeric(10, 2) not null,
  subscription_id uuid references subscriptions (id),
  plan_type text,
  ip_address text,
  user_agent text,
  fraud_risk_score integer not null default 0,
  created_at timestamptz not null default now()
);
create index idx_coupon_usage_employee on coupon_usage (employee_id);
create index idx_coupon_usage_subscription on coupon_usage (subscription_id);
create index idx_coupon_usage_created_at on coupon_usage (created_at);

create table letter_audit_trail (
  id bigint generated always as identity primary key,
  letter_id uuid not null references letters (id) on delete cascade,
  action text not null,
  performed_by uuid references profiles (id),
  old_status text,
  new_status text,
  notes text,
  metadata jsonb,
  created_at timestamptz not null default now()
);
create index idx_letter_audit_trail_letter on letter_audit_trail (letter_id, created_at desc);

create table webhook_events (
  id bigint generated always as identity primary key,
  stripe_event_id text not null unique,
  event_type text not null,
  processed_at timestamptz not null default now(),
  metadata jsonb
);

-- Delivery columns beyond the real table (provider, provider_ms, bounced_at, template) let a
-- probe compute success rate, bounce rate and delivery time (created_at -> sent_at).
create table email_queue (
  id uuid primary key,
  "to" text not null,
  subject text not null,
  html text,
  text text,
  template text,
  status text not null default 'pending'
    check (status in ('pending', 'processing', 'sent', 'failed')),
  attempts integer not null default 0,
  max_retries integer not null default 3,
  next_retry_at timestamptz,
  error text,
  provider text,
  provider_ms integer,
  sent_at timestamptz,
  bounced_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index idx_email_queue_status on email_queue (status);
create index idx_email_queue_next_retry on email_queue (next_retry_at) where status = 'pending';
create index idx_email_queue_created_at on email_queue (created_at);
create index idx_email_queue_processing on email_queue (status, next_retry_at, created_at)
  where status in ('pending', 'processing');

create table security_audit_log (
  id bigint generated always as identity primary key,
  event_type text not null,
  email text,
  ip_address text,
  details jsonb,
  created_at timestamptz not null default now()
);
create index idx_security_audit_log_event_time on security_audit_log (event_type, created_at desc);

-- Stand-in for Stripe's own state: the checkout sessions Stripe would hold.
create table stripe_checkout_sessions (
  id text primary key,
  user_id uuid not null references profiles (id) on delete cascade,
  subscription_id uuid not null references subscriptions (id) on delete cascade,
  payment_status text not null default 'paid',
  metadata jsonb not null,
  created_at timestamptz not null default now()
);

-- The DB probe reads pg_stat_statements; an external database without it still migrates.
do $$
begin
  create extension if not exists pg_stat_statements;
exception when others then
  raise notice 'pg_stat_statements not available: %', sqlerrm;
end
$$;
