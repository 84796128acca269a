#!/usr/bin/env bash
# Checks the monitoring configuration: Prometheus config and alert rules (promtool), the rules' unit tests,
# Alertmanager's config and routes (amtool, when installed) and the Grafana dashboards (valid JSON).
# Installs nothing: `make test-monitoring` runs scripts/ensure-tools.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
    echo "promtool not found: install the prometheus package (or run make test-monitoring, which does)" >&2
    exit 1
fi

promtool check config prometheus/prometheus.yml
promtool check rules prometheus/rules/facerec.yml
promtool test rules prometheus/rules/facerec.test.yml

if command -v amtool >/dev/null 2>&1; then
    amtool check-config alertmanager/alertmanager.yml
    # route <labels> <receiver>: each kind of alert reaches the receiver meant for it.
    route() {
        local receiver=$1
        shift
        amtool config routes test --config.file=alertmanager/alertmanager.yml --verify.receivers="$receiver" "$@" \
            >/dev/null 2>&1 || { echo "alertmanager: $* does not route to $receiver" >&2; exit 1; }
    }
    route pager-webhook alertname=FacerecApiDown severity=critical job=facerec-api
    route team-webhook alertname=FacerecCacheUnavailable severity=warning job=facerec-api
    route blackhole alertname=FacerecApiDown severity=critical job=facerec-api-dev
    echo "alertmanager: routes as expected"
else
    echo "amtool not found (Debian package prometheus-alertmanager): skipping the Alertmanager check" >&2
fi

for dashboard in grafana/dashboards/*.json; do
    python3 -m json.tool "$dashboard" >/dev/null || { echo "invalid JSON: $dashboard" >&2; exit 1; }
done
if python3 -c 'import yaml' 2>/dev/null; then
    for provisioning in grafana/provisioning/*/*.yml; do
        python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$provisioning" \
            || { echo "invalid YAML: $provisioning" >&2; exit 1; }
    done
else
    echo "python3 yaml module not found: skipping the Grafana provisioning YAML check" >&2
fi
echo "monitoring: all checks passed"
