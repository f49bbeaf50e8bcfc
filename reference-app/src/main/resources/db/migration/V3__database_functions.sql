-- The app's database functions, under the real schema's names, signatures and result columns
-- (TTML's supabase/migrations: 007_analytics_and_optimization, fix_allowance_privilege_escalation,
-- webhook_idempotency, email_queue_concurrency, audit_trail). The routes call them by name, and so
-- do the SQL benchmarks: no statement is spelled twice. Where the stand-in differs on purpose, the
-- comment says so.

-- The admin dashboard's seven counters, with the real formulas (pending includes under_review;
-- revenue is price less discount of the active subscriptions).
create or replace function get_admin_dashboard_stats()
returns table (
  total_users integer,
  total_subscribers integer,
  total_employees integer,
  pending_letters integer,
  approved_letters_today integer,
  total_revenue numeric,
  pending_commissions numeric)
language sql stable as $$
  select
    (select count(*) from profiles)::integer,
    (select count(*) from profiles where role = 'subscriber')::integer,
    (select count(*) from profiles where role = 'employee')::integer,
    (select count(*) from letters where status in ('pending_review', 'under_review'))::integer,
    (select count(*) from letters
      where status = 'approved' and approved_at::date = current_date)::integer,
    coalesce((select sum(price - coalesce(discount, 0)) from subscriptions
      where status = 'active'), 0)::numeric,
    coalesce((select sum(commission_amount) from commissions where status = 'pending'), 0)::numeric
$$;

create or replace function get_letter_statistics(days_back integer default 30)
returns table (
  total_letters integer,
  pending_count integer,
  approved_count integer,
  rejected_count integer,
  failed_count integer,
  avg_review_time_hours numeric)
language sql stable as $$
  select
    count(*)::integer,
    (count(*) filter (where status in ('pending_review', 'under_review')))::integer,
    (count(*) filter (where status = 'approved'))::integer,
    (count(*) filter (where status = 'rejected'))::integer,
    (count(*) filter (where status = 'failed'))::integer,
    coalesce((avg(extract(epoch from (approved_at - created_at)) / 3600)
      filter (where status = 'approved' and approved_at is not null))::numeric(10, 2), 0)::numeric
  from letters
  where created_at > now() - make_interval(days => days_back)
$$;

-- As the real function, plan types are matched by the names of the earlier plans (and the
-- current one_time), so monthly_membership and annual count in neither column: the real drift.
create or replace function get_subscription_analytics()
returns table (
  active_subscriptions integer,
  monthly_subscriptions integer,
  yearly_subscriptions integer,
  one_time_purchases integer,
  total_credits_remaining integer,
  avg_credits_per_user numeric)
language sql stable as $$
  select
    count(*)::integer,
    (count(*) filter (where plan_type in ('standard_4_month', 'monthly')))::integer,
    (count(*) filter (where plan_type in ('premium_8_month', 'yearly')))::integer,
    (count(*) filter (where plan_type in ('one_time', 'single_letter')))::integer,
    coalesce(sum(coalesce(credits_remaining, remaining_letters, 0)), 0)::integer,
    coalesce(avg(coalesce(credits_remaining, remaining_letters, 0))::numeric(10, 2), 0)::numeric
  from subscriptions
  where status = 'active'
$$;

-- Stand-in difference: months_back months including the current one, oldest first, and each
-- table aggregated once (the real function joins commissions to subscriptions, which counts a
-- subscription's revenue once per commission).
create or replace function get_revenue_summary(months_back integer default 12)
returns table (
  month_year text,
  subscription_revenue numeric,
  commission_paid numeric,
  net_revenue numeric,
  new_subscriptions integer)
language sql stable as $$
  with months as (
    select generate_series(date_trunc('month', now()) - make_interval(months => months_back - 1),
      date_trunc('month', now()), interval '1 month') as m),
  subs as (
    select date_trunc('month', created_at) as m,
      coalesce(sum(price) filter (where status = 'active'), 0) as revenue, count(*) as n
    from subscriptions where created_at >= (select min(m) from months) group by 1),
  paid as (
    select date_trunc('month', created_at) as m, sum(commission_amount) as amount
    from commissions where status = 'paid' and created_at >= (select min(m) from months)
    group by 1)
  select to_char(months.m, 'YYYY-MM'),
    coalesce(s.revenue, 0)::numeric,
    coalesce(p.amount, 0)::numeric,
    (coalesce(s.revenue, 0) - coalesce(p.amount, 0))::numeric,
    coalesce(s.n, 0)::integer
  from months left join subs s on s.m = months.m left join paid p on p.m = months.m
  order by months.m
$$;

-- The real function, for the caller in auth.uid(). Stand-in difference: the profile row is locked
-- first, so that two concurrent first letters of one user cannot both be free.
create or replace function check_and_deduct_allowance()
returns table (
  success boolean,
  remaining integer,
  error_message text,
  is_free_trial boolean,
  is_super_admin boolean)
language plpgsql as $$
declare
  v_user_id uuid := auth.uid();
  v_role text;
  v_sub_role text;
  v_letters integer;
  v_free boolean := false;
  v_subscription record;
  v_remaining integer;
begin
  if v_user_id is null then
    return query select false, 0, 'Authentication required'::text, false, false;
    return;
  end if;
  select p.role::text, p.admin_sub_role::text into v_role, v_sub_role
    from profiles p where p.id = v_user_id for update;
  if v_role = 'admin' and v_sub_role = 'super_admin' then
    return query select true, null::integer, null::text, false, true;
    return;
  end if;
  select count(*) into v_letters from letters l where l.user_id = v_user_id;
  v_free := v_letters = 0;
  for v_subscription in
    select s.id, s.remaining_letters, s.credits_remaining from subscriptions s
    where s.user_id = v_user_id and s.status = 'active'
    order by s.created_at desc limit 1 for update
  loop
    v_remaining := coalesce(v_subscription.remaining_letters, 0)
      + coalesce(v_subscription.credits_remaining, 0);
    if v_remaining > 0 then
      update subscriptions
        set remaining_letters = greatest(0, v_subscription.remaining_letters - 1),
            updated_at = now()
        where id = v_subscription.id;
      return query select true, v_remaining - 1, null::text, v_free, false;
      return;
    end if;
  end loop;
  if v_free then
    return query select true, 0, null::text, true, false;
    return;
  end if;
  return query select false, 0,
    'No letter credits remaining. Please purchase a subscription.'::text, false, false;
end
$$;

-- What GET /api/subscriptions/check-allowance means to report (the real route reads other
-- column names than this function returns).
create or replace function check_letter_allowance(u_id uuid)
returns table (has_allowance boolean, remaining integer, plan_name text, is_super boolean)
language sql stable as $$
  with who as (
    select coalesce(role = 'admin' and coalesce(admin_sub_role::text, 'super_admin')
      = 'super_admin', false) as super from profiles where id = u_id),
  credit as (
    select coalesce(sum(remaining_letters + credits_remaining), 0)::integer as n,
      (array_agg(plan order by created_at desc))[1] as plan
    from subscriptions where user_id = u_id and status = 'active')
  select coalesce(who.super, false) or credit.n > 0,
    case when coalesce(who.super, false) then null else credit.n end,
    credit.plan, coalesce(who.super, false)
  from credit left join who on true
$$;

create or replace function log_letter_audit(
  p_letter_id uuid,
  p_action text,
  p_old_status text default null,
  p_new_status text default null,
  p_notes text default null,
  p_metadata jsonb default null)
returns void
language sql as $$
  insert into letter_audit_trail
    (letter_id, action, performed_by, old_status, new_status, notes, metadata)
  values (p_letter_id, p_action, auth.uid(), p_old_status, p_new_status, p_notes,
    coalesce(p_metadata, '{}'::jsonb))
$$;

create or replace function check_and_record_webhook(
  p_stripe_event_id text,
  p_event_type text,
  p_metadata jsonb default null)
returns table (already_processed boolean, event_id bigint)
language plpgsql as $$
declare
  v_event_id bigint;
begin
  select w.id into v_event_id from webhook_events w where w.stripe_event_id = p_stripe_event_id;
  if found then
    return query select true, v_event_id;
    return;
  end if;
  insert into webhook_events (stripe_event_id, event_type, metadata)
    values (p_stripe_event_id, p_event_type, p_metadata)
    on conflict (stripe_event_id) do nothing
    returning id into v_event_id;
  if not found then
    select w.id into v_event_id from webhook_events w where w.stripe_event_id = p_stripe_event_id;
    return query select true, v_event_id;
    return;
  end if;
  return query select false, v_event_id;
end
$$;

-- get_pending_emails and claim_pending_emails in one statement: the due rows, oldest first,
-- locked with SKIP LOCKED so that concurrent processors never claim one mail twice.
create or replace function claim_pending_emails(p_limit integer default 10)
returns table (id uuid, recipient text, attempts integer, max_retries integer)
language sql as $$
  update email_queue q set status = 'processing', updated_at = now()
  from (
    select e.id from email_queue e
    where e.status = 'pending' and (e.next_retry_at is null or e.next_retry_at <= now())
    order by e.created_at limit p_limit for update skip locked) due
  where q.id = due.id
  returning q.id, q."to", q.attempts, q.max_retries
$$;
