-- The request of mirror-request.lua (DESIGN.md's mirrored request, a trusted caller: no alert), paced: each
-- connection waits DELAY_MS between requests, so CONNECTIONS connections offer about CONNECTIONS * 1000 / DELAY_MS
-- requests/s. proxy.sh uses it to compare latency at half of the maximum load (wrk has no fixed-rate mode).
dofile(os.getenv("EWIDS_BENCH_DIR") .. "/mirror-request.lua")

local delay_ms = tonumber(os.getenv("DELAY_MS") or "10")

function delay()
  return delay_ms
end
