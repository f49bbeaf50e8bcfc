// GoTrue (Supabase Auth) behind the API gateway, as supabase-js drives it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonKey, browserClient, env, recordingFetch, refresh, signIn, signUp, url } from './target.js';

describe('GoTrue: sign-out revokes refresh tokens by scope', () => {
  it('signOut() (scope global): 204, and no session of the user refreshes any more', async () => {
    const account = await signUp();
    const rec = recordingFetch();
    const a = await signIn(account.email, account.password, { fetch: rec.fetch });
    const b = await signIn(account.email, account.password);
    const { error } = await a.client.auth.signOut();
    assert.equal(error, null);
    const logout = rec.responses.find((r) => r.url.includes('/auth/v1/logout'));
    assert.equal(logout?.status, 204, `POST /auth/v1/logout answered ${logout?.status}`);
    assert.match(logout.url, /scope=global/);
    for (const s of [a.session, b.session]) {
      const again = await refresh(s.refresh_token);
      assert.equal(again.error?.code, 'refresh_token_not_found', `refresh after sign-out: ${JSON.stringify(again.error)}`);
    }
    // GoTrue answers 403 session_not_found, which auth-js reports as a missing session
    const seen = recordingFetch();
    const user = await browserClient({ fetch: seen.fetch }).auth.getUser(a.session.access_token);
    assert.equal(user.data.user, null);
    assert.equal(user.error?.name, 'AuthSessionMissingError');
    assert.equal(seen.last().status, 403);
    assert.equal(JSON.parse(seen.last().text).code, 'session_not_found');
  });

  it("signOut({ scope: 'local' }) ends only this session", async () => {
    const account = await signUp();
    const a = await signIn(account.email, account.password);
    const b = await signIn(account.email, account.password);
    await a.client.auth.signOut({ scope: 'local' });
    assert.equal((await refresh(a.session.refresh_token)).error?.code, 'refresh_token_not_found');
    const other = await refresh(b.session.refresh_token);
    assert.equal(other.error, null, `the other session must survive: ${JSON.stringify(other.error)}`);
  });

  it("signOut({ scope: 'others' }) ends every other session", async () => {
    const account = await signUp();
    const a = await signIn(account.email, account.password);
    const b = await signIn(account.email, account.password);
    await a.client.auth.signOut({ scope: 'others' });
    assert.equal((await refresh(b.session.refresh_token)).error?.code, 'refresh_token_not_found');
    const own = await refresh(a.session.refresh_token);
    assert.equal(own.error, null, `this session must survive: ${JSON.stringify(own.error)}`);
  });
});

describe('GoTrue: refresh-token rotation', () => {
  it('two concurrent refreshes with one token (middleware and page) both get the active token', async () => {
    const account = await signUp();
    const { session } = await signIn(account.email, account.password);
    const [first, second] = await Promise.all([refresh(session.refresh_token), refresh(session.refresh_token)]);
    assert.equal(first.error, null, `first: ${JSON.stringify(first.error)}`);
    assert.equal(second.error, null, `second: ${JSON.stringify(second.error)}`);
    assert.equal(first.data.session.refresh_token, second.data.session.refresh_token);
    assert.notEqual(first.data.session.refresh_token, session.refresh_token);
  });

  it('an older token reused within the reuse interval is tolerated', async () => {
    const account = await signUp();
    const { session } = await signIn(account.email, account.password);
    const second = await refresh(session.refresh_token);
    const third = await refresh(second.data.session.refresh_token);
    assert.equal(third.error, null);
    const reused = await refresh(session.refresh_token);
    assert.equal(reused.error, null, `reuse within the interval: ${JSON.stringify(reused.error)}`);
    assert.ok(reused.data.session.refresh_token);
  });
});

describe('GoTrue: user_metadata', () => {
  it('full_name is kept as given at sign-up, in getUser() and after a refresh', async () => {
    const account = await signUp('Dana Whitfield');
    const { client, session } = await signIn(account.email, account.password);
    const { data: { user } } = await client.auth.getUser();
    assert.equal(user.user_metadata.full_name, 'Dana Whitfield');
    assert.equal(user.user_metadata.role, 'subscriber');
    const refreshed = await refresh(session.refresh_token);
    assert.equal(refreshed.data.session.user.user_metadata.full_name, 'Dana Whitfield');
  });
});

describe('API gateway: apikey', () => {
  it('a request without a valid apikey is refused with 401', async () => {
    const wrong = await browserClient({ key: 'not-the-anon-key' }).auth.signInWithPassword({
      email: env('LOADGATE_ADMIN_EMAIL'),
      password: env('LOADGATE_ADMIN_PASSWORD'),
    });
    assert.equal(wrong.error?.status, 401);
    assert.equal(wrong.error?.message, 'Invalid API key');
    const none = await fetch(`${url()}/rest/v1/profiles?select=role`);
    assert.equal(none.status, 401);
    assert.equal((await none.json()).message, 'No API key found in request');
    const anon = await fetch(`${url()}/rest/v1/profiles?select=role`, { headers: { apikey: anonKey() } });
    assert.equal(anon.status, 200);
    assert.deepEqual(await anon.json(), [], 'the anon role sees no profile');
  });
});

describe('GoTrue: error shape', () => {
  it('errors come as {code, message} with X-Supabase-Api-Version honoured', async () => {
    const rec = recordingFetch();
    const { error } = await browserClient({ fetch: rec.fetch }).auth.signInWithPassword({
      email: env('LOADGATE_ADMIN_EMAIL'),
      password: 'not-the-password',
    });
    assert.equal(error?.status, 400);
    assert.equal(error?.code, 'invalid_credentials');
    const res = rec.last();
    assert.equal(res.headers.get('x-supabase-api-version'), '2024-01-01');
    assert.deepEqual(JSON.parse(res.text), { code: 'invalid_credentials', message: 'Invalid login credentials' });
  });
});
