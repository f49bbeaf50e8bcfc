-- wrk script: sends METHOD/BODY/headers from environment variables.
--   WRK_METHOD (default GET), WRK_BODY (optional), WRK_AUTH (bearer token, optional),
--   WRK_COOKIE (optional), WRK_HEADER_NAME / WRK_HEADER_VALUE (one extra header, optional)
wrk.method = os.getenv("WRK_METHOD") or "GET"
local body = os.getenv("WRK_BODY")
if body and #body > 0 then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local auth = os.getenv("WRK_AUTH")
if auth and #auth > 0 then wrk.headers["Authorization"] = "Bearer " .. auth end
local cookie = os.getenv("WRK_COOKIE")
if cookie and #cookie > 0 then wrk.headers["Cookie"] = cookie end
local hn = os.getenv("WRK_HEADER_NAME")
if hn and #hn > 0 then wrk.headers[hn] = os.getenv("WRK_HEADER_VALUE") end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT req/s=%.1f p50=%.1fms p95=%.1fms p99=%.1fms requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
