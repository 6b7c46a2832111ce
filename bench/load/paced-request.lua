-- The request of mirror-request.lua (DESIGN.md's mirrored request, a trusted caller: no alert), paced: each
-- connection waits a random time of mean DELAY_MS between requests, so CONNECTIONS connections offer about
-- CONNECTIONS * 1000 / DELAY_MS requests/s. proxy.sh uses it to compare latency at half of the maximum load (wrk has
-- no fixed-rate mode).
--
-- The wait is exponentially distributed (PACING=exponential, the default), so the merged arrivals are close to a
-- Poisson stream, as independent callers produce. A constant wait (PACING=constant) keeps connections that started
-- together in step: they arrive as a train every DELAY_MS, and the last of the train waits for all the others, which
-- measures the train's length rather than the proxy's latency.
dofile(os.getenv("EWIDS_BENCH_DIR") .. "/mirror-request.lua")

local delay_ms = tonumber(os.getenv("DELAY_MS") or "10")
local exponential = (os.getenv("PACING") or "exponential") ~= "constant"

-- Each wrk thread loads this script into its own Lua state; a fixed seed keeps runs comparable.
math.randomseed(tonumber(os.getenv("PACING_SEED") or "20261129"))

function delay()
  if not exponential then
    return delay_ms
  end
  -- wrk takes whole milliseconds; rounding keeps the mean at delay_ms. 1 - random() is in (0, 1], so log() is finite.
  return math.floor(-delay_ms * math.log(1 - math.random()) + 0.5)
end
