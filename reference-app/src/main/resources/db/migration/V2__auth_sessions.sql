-- GoTrue's session model: every sign-in opens a row in auth.sessions; its refresh tokens form a
-- family (parent -> child) inside that session. Logout deletes sessions by scope; the refresh
-- grant rotates within a session (see AuthRoutes and docs/reference-app.md).

create table auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  refreshed_at timestamptz
);
create index sessions_user_id_idx on auth.sessions (user_id);

-- Tokens issued before sessions existed have no session and are refused, as GoTrue refuses them.
-- Like GoTrue, the token itself is kept (token), since a reused parent gets the active one back.
alter table auth.refresh_tokens
  add column session_id uuid references auth.sessions (id) on delete cascade,
  add column parent text,
  add column updated_at timestamptz not null default now(),
  add column token text;
create index refresh_tokens_session_id_idx on auth.refresh_tokens (session_id, revoked);

-- Supabase's helpers: PostgREST (and this app) put the caller's JWT claims into the transaction
-- setting request.jwt.claims; auth.uid() and auth.role() read them back.
create or replace function auth.uid() returns uuid
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
