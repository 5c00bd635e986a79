-- wrk script: acknowledged interactions from 64 listeners (<BENCH_PREFIX>0 … <BENCH_PREFIX>63) on station "big".
-- Each round uses fresh listeners (the driver joins them first): a profile's size grows with every new
-- artist it meets, and the cost of an interaction grows with it, so rounds must not inherit profiles.
-- Each request is a like, dislike or play of a random track of the 100k catalog, cycling in that order;
-- every 201 reply means the interaction was committed (group commit) before the answer.
local counter = 0
local types = { "like", "dislike", "play" }
local users = tonumber(os.getenv("BENCH_USERS") or "64")
local tracks = tonumber(os.getenv("BENCH_TRACKS") or "100000")
local prefix = os.getenv("BENCH_PREFIX") or "bench-"

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

local n = 0
request = function()
  n = n + 1
  local user = (n * 2 + (offset or 0)) % users
  local track = string.format("syn-%07d", math.random(1, tracks))
  local body = string.format('{"track_id":"%s","type":"%s"}', track, types[(n % 3) + 1])
  return wrk.format("POST", "/stations/big/listeners/" .. prefix .. user .. "/interactions",
                    { ["Content-Type"] = "application/json" }, body)
end
