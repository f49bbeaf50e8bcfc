// The target the contract tests drive, from the environment that ContractTestsIT sets (or a
// developer, against `./loadgate serve`). A missing variable fails every test with its name.
import { createClient } from '@supabase/supabase-js';
import { createServerClient } from '@supabase/ssr';
import { randomUUID } from 'node:crypto';
import ws from 'ws';

// supabase-js builds its realtime client at construction and wants a WebSocket; Node before 22
// has none built in, so the clients get the ws package's (as supabase-js advises).
const realtime = { transport: ws };

export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`contract tests: ${name} is not set (expected the value from ContractTestsIT or your own target).`);
  }
  return value;
}

export const url = () => env('LOADGATE_URL');
export const anonKey = () => env('LOADGATE_ANON_KEY');

/** A fetch that keeps every response (status, headers, body text) the client received. */
export function recordingFetch() {
  const responses = [];
  const fetchAndRecord = async (input, init) => {
    const res = await fetch(input, init);
    const text = await res.clone().text();
    responses.push({ url: String(input), status: res.status, headers: res.headers, text });
    return res;
  };
  return { fetch: fetchAndRecord, responses, last: () => responses[responses.length - 1] };
}

/** A browser-style supabase-js client that keeps no session of its own between tests. */
export function browserClient(options = {}) {
  return createClient(url(), options.key ?? anonKey(), {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: options.fetch ? { fetch: options.fetch } : {},
    realtime,
  });
}

/** The @supabase/ssr server client TTML's middleware builds, over an in-memory cookie jar. */
export function ssrClient(jar = new Map()) {
  const client = createServerClient(url(), anonKey(), {
    realtime,
    cookies: {
      getAll: () => [...jar.entries()].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
  });
  return { client, jar };
}

/** Signs up a fresh subscriber as TTML's sign-up page does; returns its e-mail, password, session. */
export async function signUp(fullName = 'Contract Test') {
  const email = `contract-${randomUUID()}@loadgate.test`;
  const password = 'contract-secret-1';
  const { data, error } = await browserClient().auth.signUp({
    email,
    password,
    options: { data: { full_name: fullName, role: 'subscriber' } },
  });
  if (error) throw new Error(`sign-up failed: ${error.message}`);
  return { email, password, session: data.session, user: data.user };
}

/** A password grant on a fresh client: a new session of the account. */
export async function signIn(email, password, options = {}) {
  const client = browserClient(options);
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw new Error(`sign-in of ${email} failed: ${error.message}`);
  return { client, session: data.session };
}

/** A refresh-token grant on a fresh client. */
export async function refresh(refreshToken) {
  return browserClient().auth.refreshSession({ refresh_token: refreshToken });
}
