#!/usr/bin/env bash
# Measures what a running reference app sustains per journey endpoint with wrk (closed loop:
# -t1 -c16 for 10 s each). Start the app first with limits off and known secrets, e.g.
#   ADMIN_PORTAL_KEY=pk-demo-portal-key STRIPE_WEBHOOK_SECRET=whsec_demo CRON_SECRET=cron-demo \
#   LOADGATE_SEED_PASSWORD=Seed-pass-1 ./loadgate serve --port 18080 --rate-limits off
# then: reference-app/bench/wrk-journeys.sh http://127.0.0.1:18080
# Read-only endpoints run first, on the freshly seeded data; the writers (generate-letter,
# create-checkout) run last because each request adds rows.
set -euo pipefail
B=${1:-http://127.0.0.1:18080}
DUR=${DUR:-10s}
CONN=${CONN:-16}
HERE=$(cd "$(dirname "$0")" && pwd)
PASSWORD=${LOADGATE_SEED_PASSWORD:-Seed-pass-1}
PORTAL=${ADMIN_PORTAL_KEY:-pk-demo-portal-key}
json() { python3 -c "import sys,json;print(json.load(sys.stdin)$1)"; }
# the API gateway wants the anon key on /auth/v1 and /rest/v1; the app hands it to loopback callers
ANON=$(curl -s "$B/__loadgate/anon-key" | json '["anonKey"]')

TOKEN=$(curl -s -X POST "$B/auth/v1/token?grant_type=password" -H "apikey: $ANON" -H 'Content-Type: application/json' \
  -d "{\"email\":\"sub-0002@loadgate.test\",\"password\":\"$PASSWORD\"}" | json '["access_token"]')
LETTER=$(curl -s -X POST "$B/api/generate-letter" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"letterType":"demand_letter","intakeData":{"senderName":"Ann","senderAddress":"1 Main St","senderState":"CA","recipientName":"Bob","recipientAddress":"2 Oak St","recipientState":"NY","issueDescription":"The March invoice is still unpaid.","desiredOutcome":"Pay it in full."}}' | json '["letterId"]')
APPROVED=$(python3 - <<'PY'
import hashlib, uuid
b = bytearray(hashlib.md5(b"loadgate:letter:sub-0002@loadgate.test:0").digest())
b[6] = b[6] & 0x0f | 0x30; b[8] = b[8] & 0x3f | 0x80
print(uuid.UUID(bytes=bytes(b)))
PY
)
SESSION=$(curl -s -X POST "$B/api/create-checkout" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"planType":"one_time"}' | json '["sessionId"]')
curl -s -X POST "$B/api/verify-payment" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"sessionId\":\"$SESSION\"}" > /dev/null
ADMIN_COOKIE=$(curl -s -D - -o /dev/null -X POST "$B/api/admin-auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin-01@loadgate.test\",\"password\":\"$PASSWORD\",\"portalKey\":\"$PORTAL\"}" \
  | tr -d '\r' | sed -n 's/^Set-Cookie: \(admin_session=[^;]*\).*/\1/p')

run() {  # name path [VAR=value ...]; WRK_CONN=n overrides the connection count
  local name=$1 path=$2 conn=$CONN arg; shift 2
  for arg in "$@"; do [[ $arg == WRK_CONN=* ]] && conn=${arg#WRK_CONN=}; done
  printf '%-52s ' "$name"
  env "$@" wrk -t1 -c"$conn" -d"$DUR" --timeout 10s -s "$HERE/request.lua" "$B$path" \
    | grep '^RESULT' | sed 's/^RESULT //'
}

LETTER_BODY='{"letterType":"demand_letter","intakeData":{"senderName":"Ann","senderAddress":"1 Main St","senderState":"CA","recipientName":"Bob","recipientAddress":"2 Oak St","recipientState":"NY","issueDescription":"The March invoice is still unpaid.","desiredOutcome":"Pay it in full."}}'
run "health     GET /api/health" /api/health
run "auth       POST /auth/v1/token (bcrypt, 2 conns)" "/auth/v1/token?grant_type=password" WRK_CONN=2 \
  WRK_HEADER_NAME=apikey WRK_HEADER_VALUE="$ANON" WRK_METHOD=POST WRK_BODY="{\"email\":\"sub-0003@loadgate.test\",\"password\":\"$PASSWORD\"}"
run "auth       GET /auth/v1/user" /auth/v1/user WRK_AUTH="$TOKEN" WRK_HEADER_NAME=apikey WRK_HEADER_VALUE="$ANON"
run "letter_gen GET /rest/v1/letters (status poll)" "/rest/v1/letters?select=status&id=eq.$LETTER" WRK_AUTH="$TOKEN" \
  WRK_HEADER_NAME=apikey WRK_HEADER_VALUE="$ANON"
run "payment    POST /api/verify-payment (already active)" /api/verify-payment \
  WRK_METHOD=POST WRK_AUTH="$TOKEN" WRK_BODY="{\"sessionId\":\"$SESSION\"}"
run "download   GET /api/letters/{id}/pdf" "/api/letters/$APPROVED/pdf" WRK_AUTH="$TOKEN"
run "admin      GET /api/admin/analytics" "/api/admin/analytics?days=30&months=12" WRK_COOKIE="$ADMIN_COOKIE"
run "admin      GET /api/admin/letters" "/api/admin/letters?status=pending_review&limit=100" WRK_COOKIE="$ADMIN_COOKIE"
run "letter_gen POST /api/generate-letter (ai fast)" /api/generate-letter \
  WRK_METHOD=POST WRK_AUTH="$TOKEN" WRK_BODY="$LETTER_BODY"
run "payment    POST /api/create-checkout" /api/create-checkout \
  WRK_METHOD=POST WRK_AUTH="$TOKEN" WRK_BODY='{"planType":"annual"}'
