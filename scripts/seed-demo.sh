#!/usr/bin/env bash
# Seeds the demo tenant through the public REST API (idempotent): tenant 'demo' with owner
# demo@example.com, an Owner API key (written once to the given file) and an active agent 'assistant'.
set -euo pipefail
GATEWAY="$1"; ADMIN_KEY="$2"; KEY_FILE="$3"
# The answers (one holds the new demo key) go to a private temporary file, not a fixed, world-readable path in /tmp.
ANSWER="$(mktemp)"; trap 'rm -f "$ANSWER"' EXIT
api() { # method path [json] -> prints status code, body to $ANSWER
  curl -sS -o "$ANSWER" -w '%{http_code}' -X "$1" "$GATEWAY$2" \
    -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
code=$(api POST /api/v1/tenants '{"id":"demo","displayName":"Demo Company","owner":"demo@example.com"}')
case "$code" in 201|409) ;; *) echo "seeding the demo tenant failed ($code): $(cat "$ANSWER")"; exit 1;; esac
if [ ! -s "$KEY_FILE" ]; then
  code=$(api POST /api/v1/tenants/demo/keys '{"user":"demo@example.com","name":"demo"}')
  [ "$code" = 201 ] || { echo "creating the demo key failed ($code)"; exit 1; }
  (umask 077 && python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["key"])' "$ANSWER" > "$KEY_FILE")
fi
code=$(api POST /api/v1/tenants/demo/agents '{"id":"assistant","name":"Demo assistant","description":"Answers questions about the demo company","roles":["support"]}')
case "$code" in 201) api POST /api/v1/tenants/demo/agents/assistant/start >/dev/null;; 409) ;; *) echo "seeding the demo agent failed ($code)"; exit 1;; esac
