-- wrk script for bench/mcp/run.sh: one request per call, counted as bad when it is not 2xx or its body holds a
-- JSON-RPC error or an isError tool result.
--
-- Environment (read once per thread):
--   BENCH_KIND     mcp | get          mcp: POST an MCP tools/call; get: plain GET of the request path
--   BENCH_TOOL     tool name          (mcp)
--   BENCH_PROTOCOL 2026-07-28 | 2025-11-25   2026-07-28: stateless request with the _meta envelope and the
--                                     Mcp-Method/Mcp-Name headers; older: a session (BENCH_SESSION) is needed
--   BENCH_SESSION  Mcp-Session-Id     (mcp, optional)
--   BENCH_AUTH     bearer token       (mcp, optional)
--   BENCH_PATH     request path       (both; /mcp or /pets/1)
--   BENCH_ARGS     JSON arguments     (mcp; default {"id":1})

local threads = {}
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
  table.insert(threads, thread)
end

local kind, tool, protocol, session, auth, path, args
local counter = 0
bad, non2xx, rpc_errors, tool_errors, sample = 0, 0, 0, 0, ""

function init(argv)
  kind = os.getenv("BENCH_KIND") or "mcp"
  tool = os.getenv("BENCH_TOOL") or ""
  protocol = os.getenv("BENCH_PROTOCOL") or "2026-07-28"
  session = os.getenv("BENCH_SESSION") or ""
  auth = os.getenv("BENCH_AUTH") or ""
  path = os.getenv("BENCH_PATH") or "/mcp"
  args = os.getenv("BENCH_ARGS") or '{"id":1}'
end

local function mcp_request()
  counter = counter + 1
  local id = string.format('"%d-%d"', tid, counter)
  local meta = ""
  if protocol >= "2026-07-28" then
    meta = string.format(',"_meta":{"io.modelcontextprotocol/protocolVersion":"%s",'
      .. '"io.modelcontextprotocol/clientInfo":{"name":"wrk","version":"4"},'
      .. '"io.modelcontextprotocol/clientCapabilities":{}}', protocol)
  end
  local body = string.format('{"jsonrpc":"2.0","id":%s,"method":"tools/call","params":{"name":"%s","arguments":%s%s}}',
    id, tool, args, meta)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
    ["MCP-Protocol-Version"] = protocol,
  }
  if protocol >= "2026-07-28" then
    headers["Mcp-Method"] = "tools/call"
    headers["Mcp-Name"] = tool
  end
  if session ~= "" then headers["Mcp-Session-Id"] = session end
  if auth ~= "" then headers["Authorization"] = "Bearer " .. auth end
  return wrk.format("POST", path, headers, body)
end

function request()
  if kind == "get" then
    counter = counter + 1
    return wrk.format("GET", path)
  end
  return mcp_request()
end

function response(status, headers, body)
  local is_bad = false
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    is_bad = true
  elseif kind == "mcp" then
    if body == nil or body == "" then
      rpc_errors = rpc_errors + 1
      is_bad = true
    elseif string.find(body, '"error"%s*:') then
      rpc_errors = rpc_errors + 1
      is_bad = true
    elseif string.find(body, '"isError"%s*:%s*true') then
      tool_errors = tool_errors + 1
      is_bad = true
    elseif not string.find(body, '"result"%s*:') then
      rpc_errors = rpc_errors + 1
      is_bad = true
    end
  end
  if is_bad then
    bad = bad + 1
    if sample == "" then sample = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local totals = { bad = 0, non2xx = 0, rpc_errors = 0, tool_errors = 0 }
  local first_sample = ""
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do
      totals[key] = totals[key] + (thread:get(key) or 0)
    end
    local s = thread:get("sample")
    if first_sample == "" and s ~= nil and s ~= "" then first_sample = s end
  end
  -- wrk's own error counts (connect/read/write/timeout) are bad responses too.
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH requests=%d duration_us=%d bad=%d non2xx=%d rpc_errors=%d tool_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, totals.bad + socket, totals.non2xx, totals.rpc_errors, totals.tool_errors, socket))
  io.write(string.format("BENCH p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
  if first_sample ~= "" then
    io.write("BENCH sample_bad=" .. string.gsub(first_sample, "\n", "\\n") .. "\n")
  end
end
