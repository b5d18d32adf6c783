-- wrk script for check_load.py: rotates over the paths given after `--`, counts the responses by
-- status, and prints one machine-readable LOADRESULT line at the end.
--
--   wrk -t2 -c50 -d30s -s counts.lua http://127.0.0.1:PORT -- 200 / /css/style.css ...
--
-- The first argument is the one status every response must have; a response with another status,
-- or a 200 with an empty body, counts as unexpected.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   expected = tonumber(args[1])
   requests = {}
   for i = 2, #args do
      requests[#requests + 1] = wrk.format("GET", args[i])
   end
   if #requests == 0 then
      requests[1] = wrk.format("GET", "/")
   end
   next_index = 0
   counts = {}
   unexpected = 0
   empty = 0
end

function request()
   next_index = next_index % #requests + 1
   return requests[next_index]
end

function response(status, headers, body)
   counts[status] = (counts[status] or 0) + 1
   if status ~= expected then
      unexpected = unexpected + 1
   elseif status == 200 and (body == nil or #body == 0) then
      empty = empty + 1
   end
end

function done(summary, latency, requests)
   local statuses = {}
   local total_unexpected = 0
   local total_empty = 0
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("counts")) do
         statuses[status] = (statuses[status] or 0) + count
      end
      total_unexpected = total_unexpected + thread:get("unexpected")
      total_empty = total_empty + thread:get("empty")
   end
   local e = summary.errors
   io.write(string.format(
      "LOADRESULT requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d"
         .. " unexpected=%d empty=%d lat_mean_us=%.0f lat_stdev_us=%.0f lat_p50_us=%d lat_p90_us=%d lat_p99_us=%d lat_max_us=%d",
      summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
      total_unexpected, total_empty, latency.mean, latency.stdev, latency:percentile(50), latency:percentile(90),
      latency:percentile(99), latency.max))
   for status, count in pairs(statuses) do
      io.write(string.format(" s%d=%d", status, count))
   end
   io.write("\n")
end
