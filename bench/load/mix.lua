-- bench/load/mix.lua - wrk script for bench/load/run: a mix of reads and
-- writes on the synthetic territory "big". Per request, by weight:
--   60 % GET: lists of actors, flows, candidates, synergies (random pages,
--        sorts, filters) and actor, flow and candidate details;
--   15 % POST /api/actors and /api/flows (new ids: thread, counter);
--   15 % PATCH /api/actors/{id} and /api/flows/{id} (existing records);
--   10 % POST /api/candidates/{key}/decision (accepted or rejected).
-- Every response's status is counted per code; one other than 200 and 201
-- is "unexpected" (counted with the start of its body).
-- LOAD_DATA names a Lua file that sets actors, flows, cands (lists of ids).
dofile(os.getenv("LOAD_DATA"))

local threads = {}
local nthreads = 0
-- ids made here carry the run's tag (LOAD_RUN) and the thread's number (tid,
-- a global each thread gets from setup), so that no two requests create the same
local run = os.getenv("LOAD_RUN") or "x"
-- LOAD_NO_ACTOR_DETAIL=1: GET /api/actors/{id} (which reads every candidate of
-- the database in this version) replaced by the actor's flows
local no_detail = os.getenv("LOAD_NO_ACTOR_DETAIL") == "1"
tid = 0

function setup(thread)
    nthreads = nthreads + 1
    thread:set("tid", nthreads)
    table.insert(threads, thread)
end

local n = 0
local kinds = {}
counts = {}
unexpected = {}

local function enc(s)
    return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function pick(t) return t[math.random(#t)] end

local json = "application/json"

-- each builder returns method, path, body, expected status
local function build()
    local r = math.random(100)
    n = n + 1
    if r <= 12 then
        return "GET", "/api/actors?territory=big&per_page=50&page=" .. math.random(200), nil, 200
    elseif r <= 20 then
        return "GET", "/api/actors?territory=big&per_page=20&sort=-name&q=" .. math.random(9999), nil, 200
    elseif r <= 30 then
        if no_detail then -- the actor's flows instead of its detail page
            return "GET", "/api/flows?actor=" .. enc(pick(actors)), nil, 200
        end
        return "GET", "/api/actors/" .. enc(pick(actors)), nil, 200
    elseif r <= 38 then
        return "GET", "/api/flows?territory=big&per_page=50&sort=-quantity&page=" .. math.random(500), nil, 200
    elseif r <= 44 then
        return "GET", "/api/flows/" .. enc(pick(flows)), nil, 200
    elseif r <= 52 then
        return "GET", "/api/candidates?territory=big&per_page=50&min_score=0.3&page=" .. math.random(20), nil, 200
    elseif r <= 56 then
        return "GET", "/api/candidates/" .. enc(pick(cands)), nil, 200
    elseif r <= 60 then
        return "GET", "/api/synergies?territory=big&per_page=50", nil, 200
    elseif r <= 68 then
        local id = string.format("L%s-%d-%d", run, tid, n)
        return "POST", "/api/actors", string.format(
            '{"id":"%s","name":"Load test %s","naf":"20.14Z","kind":"company","territory":"big","lat":%.4f,"lon":%.4f}',
            id, id, 43 + math.random() * 6, 0 + math.random() * 7), 201
    elseif r <= 75 then
        local a = pick(actors)
        return "POST", "/api/flows", string.format(
            '{"id":"LF%s-%d-%d","actor_id":"%s","direction":"supply","code":"17 04 05","description":"load test","quantity":%d,"unit":"t","period":"year"}',
            run, tid, n, a, math.random(1000)), 201
    elseif r <= 83 then
        return "PATCH", "/api/actors/" .. enc(pick(actors)),
            string.format('{"address":"%d rue du Banc d\'Essai"}', math.random(999)), 200
    elseif r <= 90 then
        return "PATCH", "/api/flows/" .. enc(pick(flows)),
            string.format('{"quantity":%d}', math.random(5000)), 200
    else
        if math.random(2) == 1 then
            return "POST", "/api/candidates/" .. enc(pick(cands)) .. "/decision", '{"status":"accepted"}', 200
        end
        return "POST", "/api/candidates/" .. enc(pick(cands)) .. "/decision",
            '{"status":"rejected","reason":"load test"}', 200
    end
end

function init(args)
    math.randomseed(os.time() + tid * 7919)
end

issued = {}

function request()
    local m, p, b, want = build()
    local k = m .. " " .. want
    issued[k] = (issued[k] or 0) + 1
    local h = {}
    if b then h["Content-Type"] = json end
    return wrk.format(m, p, h, b)
end

-- wrk does not say which request a response answers (a thread has many
-- connections): a status is expected when it is 200 or 201, and the 201s
-- must match the creations issued (less those still in flight at the end).
function response(status, headers, body)
    counts[status] = (counts[status] or 0) + 1
    if status ~= 200 and status ~= 201 then
        local k = status .. " " .. string.sub(body or "", 1, 120)
        unexpected[k] = (unexpected[k] or 0) + 1
    end
end

function done(summary, latency, requests)
    local all, bad, iss = {}, {}, {}
    for _, t in ipairs(threads) do
        for k, c in pairs(t:get("issued")) do iss[k] = (iss[k] or 0) + c end
        for code, c in pairs(t:get("counts")) do all[code] = (all[code] or 0) + c end
        for k, c in pairs(t:get("unexpected")) do bad[k] = (bad[k] or 0) + c end
    end
    local codes = {}
    for code in pairs(all) do table.insert(codes, code) end
    table.sort(codes)
    for _, code in ipairs(codes) do io.write(string.format("status %d: %d\n", code, all[code])) end
    local nbad = 0
    for k, c in pairs(bad) do
        io.write(string.format("unexpected %s: %d\n", k, c))
        nbad = nbad + c
    end
    io.write(string.format("unexpected total: %d\n", nbad))
    io.write(string.format("creations issued: %d, 201 answers: %d\n", iss["POST 201"] or 0, all[201] or 0))
    for _, p in ipairs({50, 90, 99, 99.9}) do
        io.write(string.format("latency p%s: %.2f ms\n", p, latency:percentile(p) / 1000))
    end
    io.write(string.format("requests: %d in %.1f s: %.0f req/s; socket errors: connect %d, read %d, write %d, timeout %d; non-2xx/3xx %d\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
        summary.errors.status))
end
