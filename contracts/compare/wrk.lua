-- Driven by contracts/compare/load.py: one route, bounded by a request count per thread and
-- by wrk's -d; done() prints one JSON line the driver parses (wrk's text output is not).
-- The driver sets these globals first (prepended lines): METHOD, BODY, HEADERS, EXPECT, LIMIT.
wrk.method = METHOD
if BODY ~= "" then wrk.body = BODY end
for name, value in pairs(HEADERS) do wrk.headers[name] = value end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(_args)
  seen = 0
  unexpected = 0
end

function response(status, _headers, _body)
  seen = seen + 1
  if status ~= EXPECT then unexpected = unexpected + 1 end
  if seen >= LIMIT then wrk.thread:stop() end
end

function done(summary, latency, _requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("unexpected") end
  local e = summary.errors
  io.write(string.format(
    '\nWRK_JSON {"requests":%d,"duration_us":%d,"unexpected_status":%d,' ..
    '"socket_errors":%d,"p50_us":%d,"p99_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, bad,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50.0), latency:percentile(99.0), latency.mean))
end
