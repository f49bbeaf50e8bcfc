// PostgREST as supabase-js and @supabase/ssr read it: .single() and .maybeSingle().
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { env, recordingFetch, signIn, signUp, ssrClient } from './target.js';

describe('PostgREST: one object for application/vnd.pgrst.object+json', () => {
  it("single(): the middleware's profile read (@supabase/ssr) answers one object", async () => {
    const account = await signUp();
    const { client } = ssrClient();
    const signedIn = await client.auth.signInWithPassword({ email: account.email, password: account.password });
    assert.equal(signedIn.error, null);
    const { data: { user } } = await client.auth.getUser();
    const { data: profile, error, status } = await client.from('profiles').select('role').eq('id', user.id).single();
    assert.equal(error, null, `expected no error, got ${JSON.stringify(error)}`);
    assert.equal(status, 200);
    assert.deepEqual(profile, { role: 'subscriber' }, 'profile?.role must be readable, as the middleware reads it');
  });

  it('single() on a row the caller may not see: 406 PGRST116', async () => {
    const owner = await signUp();
    const other = await signUp();
    const { client } = await signIn(other.email, other.password);
    const { data, error, status } = await client.from('profiles').select('role').eq('id', owner.user.id).single();
    assert.equal(status, 406);
    assert.equal(data, null);
    assert.equal(error?.code, 'PGRST116');
    assert.equal(error?.details, 'The result contains 0 rows');
  });

  it('single() when several rows match: 406 PGRST116', async () => {
    const rec = recordingFetch();
    const { client } = await signIn(env('LOADGATE_ADMIN_EMAIL'), env('LOADGATE_ADMIN_PASSWORD'), { fetch: rec.fetch });
    const { error, status } = await client.from('profiles').select('role').eq('role', 'subscriber').single();
    assert.equal(status, 406);
    assert.equal(error?.code, 'PGRST116');
    assert.match(error?.details ?? '', /^The result contains \d+ rows$/);
    assert.match(rec.last().headers.get('content-type') ?? '', /application\/json/);
  });

  it('maybeSingle(): no row is null without an error, several rows are PGRST116', async () => {
    const owner = await signUp();
    const { client: other } = await signIn((await signUp()).email, 'contract-secret-1');
    const none = await other.from('profiles').select('role').eq('id', owner.user.id).maybeSingle();
    assert.equal(none.error, null);
    assert.equal(none.data, null);
    const { client: admin } = await signIn(env('LOADGATE_ADMIN_EMAIL'), env('LOADGATE_ADMIN_PASSWORD'));
    const several = await admin.from('profiles').select('role').eq('role', 'subscriber').maybeSingle();
    assert.equal(several.error?.code, 'PGRST116', `got ${JSON.stringify(several.error)}`);
    assert.equal(several.data, null);
  });
});
