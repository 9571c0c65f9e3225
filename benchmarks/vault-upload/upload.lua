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

function init(args)
    if mode == "vault" then dofile(os.getenv("CASA_BENCH_REQS")) end
    index = id
    failures = 0
    exhausted = 0
end

function request()
    local i = index
    index = index + stride
    if mode == "dav" then
        return wrk.format("PUT", string.format("/dav/b%08d", i), {["Content-Type"] = "application/octet-stream"},
            string.format("%08d", i) .. pad)
    end
    local r = reqs[i]
    if r == nil then
        exhausted = exhausted + 1
        return wrk.format("GET", "/health")
    end
    return wrk.format("PUT", r[1], {
        ["Content-Type"] = "application/octet-stream",
        ["Casa-Key"] = r[2], ["Casa-Freshness"] = freshness, ["Casa-Nonce"] = r[3], ["Casa-Signature"] = r[4],
        ["Casa-Content-Hash"] = r[5],
    }, string.format("%08d", r[6]) .. pad)
end

function response(status, headers, body)
    if status < 200 or status > 299 then failures = failures + 1 end
end

function done(summary, latency, requests)
    local failed, exhausted_total = 0, 0
    for _, thread in ipairs(threads) do
        failed = failed + thread:get("failures")
        exhausted_total = exhausted_total + thread:get("exhausted")
    end
    io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d exhausted=%d\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed, exhausted_total))
end
