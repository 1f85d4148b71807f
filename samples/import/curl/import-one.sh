#!/usr/bin/env bash
# Import one organization and one user (with membership roles) into Scalekit through its REST
# API, idempotently: every entity is looked up by external_id first, so a second run creates
# nothing. Request bodies use the proto field names of the API (snake_case).
#
# Environment (required): SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET
# Environment (optional, defaults below): ORG_EXTERNAL_ID, ORG_DISPLAY_NAME, ORG_METADATA
#   (JSON object of strings), USER_EXTERNAL_ID, USER_EMAIL, USER_FIRST_NAME, USER_LAST_NAME,
#   USER_ROLES (comma-separated role names)
# Needs: bash, curl, node (JSON handling; no jq). Output: one JSON summary line on stdout.
# Exit: 0 done, 1 conflict or API error, 2 bad configuration.
# The client secret and the access token never appear on a command line or in the output.
set -euo pipefail

die() { echo "import-one: $1" >&2; exit "${2:-1}"; }

for name in SCALEKIT_ENVIRONMENT_URL SCALEKIT_CLIENT_ID SCALEKIT_CLIENT_SECRET; do
  [[ -n ${!name:-} ]] || die "$name is not set" 2
done
BASE=${SCALEKIT_ENVIRONMENT_URL%/}
export ORG_EXTERNAL_ID=${ORG_EXTERNAL_ID:-legacy-org-1}
export ORG_DISPLAY_NAME=${ORG_DISPLAY_NAME:-Acme Corp}
export ORG_METADATA=${ORG_METADATA:-'{"legacy_plan":"enterprise"}'}
export USER_EXTERNAL_ID=${USER_EXTERNAL_ID:-legacy-user-1}
export USER_EMAIL=${USER_EMAIL:-ada@example.com}
export USER_FIRST_NAME=${USER_FIRST_NAME:-Ada}
export USER_LAST_NAME=${USER_LAST_NAME:-Lovelace}
export USER_ROLES=${USER_ROLES:-admin}

umask 077
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# js EXPR [FILE]: evaluate a JavaScript expression with `r` = the JSON document in FILE (if
# given) and `e` = the environment; print strings raw, anything else as JSON.
js() {
  node -e '
    const fs = require("fs");
    const r = process.argv[2] ? JSON.parse(fs.readFileSync(process.argv[2], "utf8")) : undefined;
    const v = new Function("r", "e", `return (${process.argv[1]});`)(r, process.env);
    process.stdout.write(v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v));
  ' "$1" "${2:-}"
}
urlenc() { VALUE=$1 js 'encodeURIComponent(e.VALUE)'; }

[[ $(js '(() => { try { const m = JSON.parse(e.ORG_METADATA);
          return m !== null && typeof m === "object" && !Array.isArray(m) && Object.values(m).every((v) => typeof v === "string");
        } catch { return false; } })()') == true ]] || die "ORG_METADATA must be a JSON object of strings" 2
USER_EMAIL=$(js 'e.USER_EMAIL.trim().toLowerCase()')
ROLES_JSON=$(js 'e.USER_ROLES.split(",").map((s) => s.trim()).filter(Boolean)')
export USER_EMAIL ROLES_JSON
[[ $ROLES_JSON != '[]' ]] || die "USER_ROLES names no role" 2

# 1. Access token: client_credentials, form-encoded. The secret goes through stdin.
printf '%s' "$SCALEKIT_CLIENT_SECRET" | curl -fsS -X POST "$BASE/oauth/token" \
  --data-urlencode grant_type=client_credentials \
  --data-urlencode "client_id=$SCALEKIT_CLIENT_ID" \
  --data-urlencode client_secret@- \
  -o "$WORK/token.json" || die "token request to $BASE/oauth/token failed"
printf 'Authorization: Bearer %s\n' "$(js 'r.access_token' "$WORK/token.json")" > "$WORK/auth.h"

# probe METHOD PATH [BODY_FILE]: call the API, keep the body in $WORK/resp.json, print the HTTP
# status (000 when there was no answer). For calls where a 404 or 409 is an answer.
probe() {
  local args=(-sS -X "$1" -H @"$WORK/auth.h" -o "$WORK/resp.json" -w '%{http_code}')
  if [[ -n ${3:-} ]]; then args+=(-H 'Content-Type: application/json' --data-binary @"$3"); fi
  curl "${args[@]}" "$BASE$2" || true
}
# call METHOD PATH [BODY_FILE]: a call that must succeed; any HTTP error stops the script.
call() {
  local args=(-fsS -X "$1" -H @"$WORK/auth.h" -o "$WORK/resp.json")
  if [[ -n ${3:-} ]]; then args+=(-H 'Content-Type: application/json' --data-binary @"$3"); fi
  curl "${args[@]}" "$BASE$2" || die "$1 $2 failed"
}
body() { js "$1" > "$WORK/body.json"; echo "$WORK/body.json"; }
fail_status() { die "$1: HTTP $2: $(js 'r.message || JSON.stringify(r)' "$WORK/resp.json" 2>/dev/null || true)"; }

# 2. Roles first: memberships may only reference roles that exist.
ROLES_CREATED=()
while IFS= read -r role; do
  status=$(probe GET "/api/v1/roles/$(urlenc "$role")")
  case $status in
    200) ;;
    404) call POST /api/v1/roles "$(ROLE=$role body '({ name: e.ROLE,
           display_name: e.ROLE.replace(/[_-]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()) })')"
         ROLES_CREATED+=("$role") ;;
    *) fail_status "GET role $role" "$status" ;;
  esac
done < <(js 'JSON.parse(e.ROLES_JSON).map((name) => `${name}\n`).join("")')

# 3. Organization, by external_id. Metadata goes in a PATCH after the create, as the SDK
#    samples do, so both paths behave the same; the PATCH only runs when something differs.
ORG_ACTION=unchanged
status=$(probe GET "/api/v1/organizations:external/$(urlenc "$ORG_EXTERNAL_ID")")
case $status in
  200) ;;
  404) call POST /api/v1/organizations "$(body '({ display_name: e.ORG_DISPLAY_NAME, external_id: e.ORG_EXTERNAL_ID })')"
       ORG_ACTION=created ;;
  *) fail_status "GET organization $ORG_EXTERNAL_ID" "$status" ;;
esac
ORG_ID=$(js 'r.organization.id' "$WORK/resp.json")
export ORG_ID
if [[ $(js '(o => (o.display_name ?? o.displayName) !== e.ORG_DISPLAY_NAME ||
              Object.entries(JSON.parse(e.ORG_METADATA)).some(([k, v]) => (o.metadata || {})[k] !== v))(r.organization)' \
        "$WORK/resp.json") == true ]]; then
  call PATCH "/api/v1/organizations/$ORG_ID" "$(body '({ display_name: e.ORG_DISPLAY_NAME, metadata: JSON.parse(e.ORG_METADATA) })')"
  [[ $ORG_ACTION == created ]] || ORG_ACTION=updated
fi

# 4. User, by external_id. send_invitation_email=false is a query parameter (not in the body):
#    without it Scalekit emails an invitation and the membership stays pending.
USER_ACTION=unchanged
MEMBERSHIP_ACTION=unchanged
status=$(probe GET "/api/v1/users:external/$(urlenc "$USER_EXTERNAL_ID")")
case $status in
  200)
    USER_ID=$(js 'r.user.id' "$WORK/resp.json")
    [[ $(js '(r.user.email || "").toLowerCase()' "$WORK/resp.json") == "$USER_EMAIL" ]] \
      || die "user external_id $USER_EXTERNAL_ID ($USER_ID) already has a different email; not overwritten"
    membership=$(js '(r.user.memberships || []).find((m) => (m.organization_id ?? m.organizationId) === e.ORG_ID) || null' "$WORK/resp.json")
    if [[ -z $membership ]]; then
      call POST "/api/v1/memberships/organizations/$ORG_ID/users/$USER_ID?send_invitation_email=false" \
        "$(body '({ roles: JSON.parse(e.ROLES_JSON).map((name) => ({ name })) })')"
      MEMBERSHIP_ACTION=created
    elif [[ $(MEMBERSHIP=$membership js 'JSON.stringify((JSON.parse(e.MEMBERSHIP).roles || []).map((x) => x.name).sort()) !== JSON.stringify(JSON.parse(e.ROLES_JSON).sort())') == true ]]; then
      call PATCH "/api/v1/memberships/organizations/$ORG_ID/users/$USER_ID" \
        "$(MEMBERSHIP=$membership body '({ roles: JSON.parse(e.ROLES_JSON).map((name) => ({ name })), metadata: JSON.parse(e.MEMBERSHIP).metadata || {} })')"
      MEMBERSHIP_ACTION=roles-set
    fi
    if [[ $(js '(p => (p.given_name || p.givenName || p.first_name || p.firstName || "") !== e.USER_FIRST_NAME ||
                     (p.family_name || p.familyName || p.last_name || p.lastName || "") !== e.USER_LAST_NAME)(r.user.user_profile || r.user.userProfile || {})' \
          "$WORK/resp.json") == true ]]; then
      call PATCH "/api/v1/users/$USER_ID" "$(body '({ user_profile: { given_name: e.USER_FIRST_NAME,
        family_name: e.USER_LAST_NAME, first_name: e.USER_FIRST_NAME, last_name: e.USER_LAST_NAME } })')"
      USER_ACTION=updated
    fi
    ;;
  404)
    # first_name/last_name are what the Node SDK 2.11 sends (deprecated in the proto);
    # given_name/family_name replace them. Both are sent so either reading works.
    status=$(probe POST "/api/v1/organizations/$ORG_ID/users?send_invitation_email=false" \
      "$(body '({ email: e.USER_EMAIL, external_id: e.USER_EXTERNAL_ID,
                  user_profile: { given_name: e.USER_FIRST_NAME, family_name: e.USER_LAST_NAME,
                                  first_name: e.USER_FIRST_NAME, last_name: e.USER_LAST_NAME } })')")
    case $status in
      200|201) ;;
      409) die "user external_id $USER_EXTERNAL_ID: the email already belongs to another Scalekit user; not overwritten" ;;
      *) fail_status "create user $USER_EXTERNAL_ID" "$status" ;;
    esac
    USER_ID=$(js 'r.user.id' "$WORK/resp.json")
    USER_ACTION=created
    # Set the membership roles explicitly: the organization's default role may have been applied.
    call PATCH "/api/v1/memberships/organizations/$ORG_ID/users/$USER_ID" \
      "$(body '({ roles: JSON.parse(e.ROLES_JSON).map((name) => ({ name })) })')"
    MEMBERSHIP_ACTION=roles-set
    ;;
  *) fail_status "GET user $USER_EXTERNAL_ID" "$status" ;;
esac

# 5. Read back what was written: the API may accept a call and still not hold the result.
status=$(probe GET "/api/v1/users:external/$(urlenc "$USER_EXTERNAL_ID")")
[[ $status == 200 ]] || fail_status "read-back of user $USER_EXTERNAL_ID" "$status"
readback=$(js '(m => !m ? "missing" :
  JSON.stringify((m.roles || []).map((x) => x.name).sort()) !== JSON.stringify(JSON.parse(e.ROLES_JSON).sort()) ? "roles" :
  [undefined, 1, "ACTIVE"].includes(m.membership_status ?? m.membershipStatus) ? "ok" : "status")(
  (r.user.memberships || []).find((m) => (m.organization_id ?? m.organizationId) === e.ORG_ID))' "$WORK/resp.json")
case $readback in
  ok) WARNINGS='[]' ;;
  status) WARNINGS='["membership status is not ACTIVE"]' ;;
  *) die "read-back: membership of $USER_ID in $ORG_ID does not carry roles $USER_ROLES ($readback)" ;;
esac

ROLES_CREATED_CSV=$(IFS=,; echo "${ROLES_CREATED[*]-}")
export USER_ID ORG_ACTION USER_ACTION MEMBERSHIP_ACTION ROLES_CREATED_CSV WARNINGS
js '(created => ({
  roles: { created, existing: JSON.parse(e.ROLES_JSON).filter((n) => !created.includes(n)) },
  organization: { external_id: e.ORG_EXTERNAL_ID, id: e.ORG_ID, action: e.ORG_ACTION },
  user: { external_id: e.USER_EXTERNAL_ID, id: e.USER_ID, action: e.USER_ACTION },
  membership: { organization_id: e.ORG_ID, roles: JSON.parse(e.ROLES_JSON), action: e.MEMBERSHIP_ACTION },
  warnings: JSON.parse(e.WARNINGS),
}))(e.ROLES_CREATED_CSV.split(",").filter(Boolean))'
echo
