package dev.loadgate.refapp.admin;

/** The dashboard aggregates, as the real analytics RPCs compute them. */
final class Analytics {
  private Analytics() {}

  /** {@code get_admin_dashboard_stats()}. */
  static final String DASHBOARD =
      "select (select count(*) from profiles) as total_users,"
          + " (select count(*) from profiles where role = 'subscriber') as total_subscribers,"
          + " (select count(*) from profiles where role = 'employee') as total_employees,"
          + " (select count(*) from letters where status = 'pending_review') as pending_letters,"
          + " (select count(*) from letters where status = 'approved'"
          + "   and approved_at >= date_trunc('day', now())) as approved_letters_today,"
          + " (select coalesce(sum(price), 0) from subscriptions where status = 'active')"
          + "   as total_revenue,"
          + " (select coalesce(sum(commission_amount), 0) from commissions where status = 'pending')"
          + "   as pending_commissions,"
          + " (select count(*) from employee_coupons where is_active) as active_coupons";

  /** {@code get_letter_statistics(days_back)}. */
  static final String LETTERS =
      "select count(*) as total_letters,"
          + " count(*) filter (where status in ('pending_review', 'under_review')) as pending_count,"
          + " count(*) filter (where status in ('approved', 'completed')) as approved_count,"
          + " count(*) filter (where status = 'rejected') as rejected_count,"
          + " count(*) filter (where status = 'failed') as failed_count,"
          + " round(coalesce(avg(extract(epoch from (reviewed_at - created_at)) / 3600)"
          + "   filter (where reviewed_at is not null), 0)::numeric, 2) as avg_review_time_hours"
          + " from letters where created_at >= now() - make_interval(days => ?)";

  /** {@code get_subscription_analytics()}. */
  static final String SUBSCRIPTIONS =
      "select count(*) as active_subscriptions,"
          + " count(*) filter (where plan_type = 'monthly_membership') as monthly_subscriptions,"
          + " count(*) filter (where plan_type = 'annual') as yearly_subscriptions,"
          + " count(*) filter (where plan_type = 'one_time') as one_time_purchases,"
          + " coalesce(sum(remaining_letters + credits_remaining), 0) as total_credits_remaining,"
          + " round(coalesce(avg(remaining_letters + credits_remaining), 0), 2)"
          + "   as avg_credits_per_user"
          + " from subscriptions where status = 'active'";

  /** {@code get_revenue_summary(months_back)}: one pass over each table, grouped by month. */
  static final String REVENUE =
      "with months as (select generate_series(date_trunc('month', now())"
          + "   - make_interval(months => ? - 1), date_trunc('month', now()), interval '1 month')"
          + "   as m),"
          + " subs as (select date_trunc('month', created_at) as m,"
          + "   coalesce(sum(price) filter (where status = 'active'), 0) as revenue, count(*) as n"
          + "   from subscriptions where created_at >= (select min(m) from months) group by 1),"
          + " paid as (select date_trunc('month', created_at) as m, sum(commission_amount) as amount"
          + "   from commissions where status = 'paid'"
          + "   and created_at >= (select min(m) from months) group by 1)"
          + " select to_char(months.m, 'YYYY-MM') as month_year,"
          + " coalesce(s.revenue, 0) as subscription_revenue,"
          + " coalesce(p.amount, 0) as commission_paid,"
          + " coalesce(s.revenue, 0) - coalesce(p.amount, 0) as net_revenue,"
          + " coalesce(s.n, 0) as new_subscriptions"
          + " from months left join subs s on s.m = months.m left join paid p on p.m = months.m"
          + " order by months.m";
}
