-- wrk script: 4 KiB PUTs, each to a new name. CASA_BENCH_MODE=vault replays the pre-signed
-- requests of presign.py (CASA_BENCH_REQS); CASA_BENCH_MODE=dav PUTs the same bodies to nginx WebDAV.
local mode = os.getenv("CASA_BENCH_MODE") or "vault"
local pad = string.rep("x", 4088)
local threads = {}
local counter = 1

function setup(thread)
    thread:set("id", counter)
    thread:set("stride", tonumber(os.getenv("CASA_BENCH_THREADS") or "2"))
    table.insert(threads, thread)
    counter = counter + 1
end

-- The head (request line and headers, Content-Length included) of request i, without its body:
-- wrk.format sets Content-Length from the body it is given, so format with one and cut it off.
local function head(i)
    local body = string.rep("-", 4096)
    local formatted
    if mode == "dav" then
        formatted = wrk.format("PUT", string.format("/dav/b%08d", i), {["Content-Type"] = "application/octet-stream"}, body)
    else
        local r = reqs[i]
        formatted = wrk.format("PUT", r[1], {
            ["Content-Type"] = "application/octet-stream",
            ["Casa-Key"] = r[2], ["Casa-Freshness"] = freshness, ["Casa-Nonce"] = r[3], ["Casa-Signature"] = r[4],
            ["Casa-Content-Hash"] = r[5],
        }, body)
    end
    return string.sub(formatted, 1, #formatted - #body)
end

function init(args)
    if mode == "vault" then dofile(os.getenv("CASA_BENCH_REQS")) end
    local count = mode == "vault" and #reqs or tonumber(os.getenv("CASA_BENCH_COUNT") or "150000")
    -- Each thread formats its requests' heads once, before the clock starts, so that the load
    -- generator (on the same two cores as the server) spends as little as it can per request.
    heads = {}
    for i = id, count, stride do heads[i] = head(i) end
    index = id
    exhausted = 0
end

function request()
    local i = index
    index = index + stride
    if heads[i] == nil then
        exhausted = exhausted + 1
        return wrk.format("GET", "/health")
    end
    -- The body presign.py signed: its number, then the padding.
    return heads[i] .. string.format("%08d", mode == "vault" and reqs[i][6] or i) .. pad
end

function done(summary, latency, requests)
    -- wrk counts non-2xx/3xx answers itself (errors.status): no Lua callback per response, which
    -- would parse every response's headers into Lua tables on the load generator's CPU.
    local e = summary.errors
    local failed = e.status + e.connect + e.read + e.write + e.timeout
    local exhausted_total = 0
    for _, thread in ipairs(threads) do
        exhausted_total = exhausted_total + thread:get("exhausted")
    end
    io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d exhausted=%d\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed, exhausted_total))
end
