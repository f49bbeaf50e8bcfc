// The admin dashboard's analytics, as the portal reads them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { env, url } from './target.js';

describe('admin dashboard: get_admin_dashboard_stats', () => {
  it("dashboard has the real RPC's seven fields", async () => {
    const login = await fetch(`${url()}/api/admin-auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: env('LOADGATE_ADMIN_EMAIL'),
        password: env('LOADGATE_ADMIN_PASSWORD'),
        portalKey: env('LOADGATE_ADMIN_PORTAL_KEY'),
      }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('admin_session='));
    assert.ok(cookie, 'the login sets admin_session');
    const res = await fetch(`${url()}/api/admin/analytics`, { headers: { Cookie: cookie.split(';')[0] } });
    assert.equal(res.status, 200);
    const { data } = await res.json();
    assert.deepEqual(Object.keys(data.dashboard).sort(), [
      'approved_letters_today',
      'pending_commissions',
      'pending_letters',
      'total_employees',
      'total_revenue',
      'total_subscribers',
      'total_users',
    ]);
  });
});
