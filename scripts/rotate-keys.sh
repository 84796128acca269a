#!/usr/bin/env bash
# Re-encrypts every embedding and image under the service's current ENCRYPTION_KEY and waits until it is done.
# Start every replica with the new ENCRYPTION_KEY and the old one in ENCRYPTION_PREVIOUS_KEYS first (DEPLOY.md).
#   API_URL          the service (default http://localhost:8000)
#   FACEREC_API_KEY  sent as X-API-Key when set
#   POLL_SECONDS     time between progress checks (default 2)
set -euo pipefail

api_url="${API_URL:-http://localhost:8000}"
endpoint="${api_url%/}/api/v1/admin/encryption/rotation"
poll="${POLL_SECONDS:-2}"
headers=(-H "Accept: application/json")
if [[ -n "${FACEREC_API_KEY:-}" ]]; then
	headers+=(-H "X-API-Key: ${FACEREC_API_KEY}")
fi

# call METHOD: the response body on 2xx; the body and a non-zero exit otherwise. Every call has a time limit.
call() {
	local body status
	body=$(curl -sS --connect-timeout 5 --max-time 30 -X "$1" "${headers[@]}" -w '\n%{http_code}' "$endpoint")
	status=${body##*$'\n'}
	body=${body%$'\n'*}
	if [[ $status != 2* ]]; then
		echo "rotate-keys: $1 $endpoint answered $status: $body" >&2
		return 1
	fi
	printf '%s' "$body"
}

# field JSON NAME: a top-level string or number, without needing jq.
field() {
	sed -nE "s/.*\"$2\":\"?([^\",}]*)\"?.*/\1/p" <<<"$1"
}
count() {
	sed -nE "s/.*\"$2\":\{\"total\":([0-9]+),\"done\":([0-9]+)\}.*/\2\/\1/p" <<<"$1"
}

progress=$(call POST)
echo "rotate-keys: rotation to key $(field "$progress" keyId) started"
while true; do
	state=$(field "$progress" state)
	echo "rotate-keys: $state: embeddings $(count "$progress" embeddings), images $(count "$progress" images)," \
		"failed $(field "$progress" failed)"
	case $state in
		done)
			if [[ $(field "$progress" failed) != 0 ]]; then
				echo "rotate-keys: some items failed (see the service log); run it again to retry them" >&2
				exit 1
			fi
			echo "rotate-keys: done; the previous keys can now be removed from ENCRYPTION_PREVIOUS_KEYS"
			exit 0
			;;
		failed)
			echo "rotate-keys: the rotation stopped ($(field "$progress" error)); run it again to resume" >&2
			exit 1
			;;
	esac
	sleep "$poll"
	progress=$(call GET)
done
