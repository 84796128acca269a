#!/usr/bin/env bash
# Checks the deployment files without a Docker engine: compose files, Traefik configuration, Dockerfiles,
# .env.example, and shellcheck on scripts/*.sh (skipped with a message when shellcheck is not installed).
# Exits non-zero and prints every violation.
#
#   scripts/validate-deploy.sh              check the files in this checkout
#   scripts/validate-deploy.sh DIR          check the files in DIR (same layout)
#   scripts/validate-deploy.sh --self-test  break copies of the files one way at a time and assert each is caught
#
# Needs python3 with PyYAML (Debian: python3-yaml). When the python3 on PATH lacks it, /usr/bin/python3 is tried.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR
readonly REPO_DIR="$SCRIPT_DIR/.."

die() {
    echo "validate-deploy: $*" >&2
    exit 1
}

find_python() {
    local candidate
    for candidate in python3 /usr/bin/python3; do
        if "$candidate" -c 'import yaml' >/dev/null 2>&1; then
            echo "$candidate"
            return
        fi
    done
    die "python3 with PyYAML is required (Debian: apt-get install python3-yaml; or pip install pyyaml)"
}

# Runs the structural checks on the deployment files in $1.
validate() {
    local root=$1 python status=0
    python=$(find_python)
    "$python" - "$root" <<'PY' || status=1
import glob, os, re, sys
import yaml

root = sys.argv[1]
errors = []

def err(where, message):
    errors.append(f"{where}: {message}")

VAR = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}")
SECRET = re.compile(r"PASSWORD|SECRET|ACCESS_KEY|TOKEN|ENCRYPTION_KEY")
BACKING = ("postgres", "redis", "minio/")

# --- .env.example: the variables an operator can set ---
env_example = os.path.join(root, ".env.example")
documented = set()
if os.path.exists(env_example):
    for line in open(env_example):
        m = re.match(r"\s*#?\s*([A-Z_][A-Z0-9_]*)=", line)
        if m:
            documented.add(m.group(1))
else:
    err(".env.example", "missing")

def image_ok(where, image, has_build):
    """Pinned: a tag or digest other than latest; a ${VAR:?} image is the operator's to pin."""
    if image is None:
        if not has_build:
            err(where, "no image and no build")
        return
    m = VAR.fullmatch(image)
    if m and m.group(2) == ":?":
        return
    resolved = VAR.sub(lambda v: v.group(3) if v.group(2) in (":-", "-") else "", image)
    if "@sha256:" in resolved:
        return
    name, _, tag = resolved.rpartition(":") if ":" in resolved.split("/")[-1] else (resolved, "", "")
    if not tag or tag == "latest":
        err(where, f"image '{image}' is not pinned to a version tag")

def env_items(env):
    if isinstance(env, dict):
        return [(k, "" if v is None else str(v)) for k, v in env.items()]
    items = []
    for entry in env or []:
        k, _, v = str(entry).partition("=")
        items.append((k, v))
    return items

label_rules = []
compose_files = sorted(glob.glob(os.path.join(root, "docker-compose*.yml")))
if not compose_files:
    err(root, "no docker-compose*.yml found")
for path in compose_files:
    name = os.path.basename(path)
    text = open(path).read()
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        err(name, f"not valid YAML: {e}")
        continue
    services = (doc or {}).get("services")
    if not isinstance(services, dict) or not services:
        err(name, "no services")
        continue
    production = name != "docker-compose.yml"

    # Every ${VAR} is documented; in production files every secret is required (${VAR:?...}).
    for m in VAR.finditer(text):
        var, op = m.group(1), m.group(2)
        if var not in documented:
            err(name, f"${{{var}}} is not listed in .env.example")
        if production and SECRET.search(var) and op != ":?":
            err(name, f"secret ${{{var}}} must be required as ${{{var}:?message}}, not defaulted or optional")

    one_shot = {s for s, d in services.items() if str(d.get("restart", "")) == "no"}
    healthy = {s for s, d in services.items()
               if isinstance(d.get("healthcheck"), dict) and not d["healthcheck"].get("disable")}
    for svc, d in services.items():
        where = f"{name} service {svc}"
        image_ok(where, d.get("image"), "build" in d)
        if svc not in one_shot and svc not in healthy:
            err(where, "no healthcheck (only one-shot jobs with restart: \"no\" may go without)")
        deps = d.get("depends_on") or {}
        if isinstance(deps, list):
            deps = {dep: {"condition": "service_started"} for dep in deps}
        for dep, spec in deps.items():
            condition = (spec or {}).get("condition", "service_started")
            if dep in one_shot:
                if condition != "service_completed_successfully":
                    err(where, f"depends_on {dep} (a one-shot job) must use service_completed_successfully")
            elif dep in healthy and condition != "service_healthy":
                err(where, f"depends_on {dep} must use condition: service_healthy, not {condition}")
            elif dep not in services and name == "docker-compose.yml":
                err(where, f"depends_on unknown service {dep}")
        for key, value in env_items(d.get("environment")):
            if SECRET.search(key) and value and "${" not in value and "$$" not in value:
                err(where, f"{key} has a literal value; take it from the environment")
        image = str(d.get("image", ""))
        backing = image.startswith(BACKING)
        if production:
            if backing and (d.get("ports") or []):
                err(where, "publishes ports; backing services stay on the internal network in production")
            if svc not in one_shot:
                if not d.get("restart") and not (d.get("deploy") or {}).get("restart_policy"):
                    err(where, "no restart policy")
                limits = ((d.get("deploy") or {}).get("resources") or {}).get("limits") or {}
                if "cpus" not in limits or "memory" not in limits:
                    err(where, "no deploy.resources.limits cpus and memory")
                if not (d.get("logging") or {}).get("options"):
                    err(where, "no logging driver options (log rotation)")
        if name == "docker-compose.ha.yml" and svc != "traefik" and d.get("ports"):
            err(where, "publishes ports; in the HA stack only traefik does")
        labels = d.get("labels") or {}
        label_items = labels.items() if isinstance(labels, dict) else [str(l).partition("=")[::2] for l in labels]
        for key, value in label_items:
            if re.match(r"traefik\.http\.routers\..*\.rule$", key):
                label_rules.append((where, str(value)))  # checked below with the file-provided routers

# --- Traefik: only the API, the console and the API description are routed, over TLS, to health-checked servers ---
ALLOWED_PREFIXES = {"/api/", "/console/", "/v3/api-docs", "/swagger-ui"}
ALLOWED_PATHS = {"/", "/health/live", "/health/ready"}
MATCHER = re.compile(r"(PathPrefix|PathRegexp|Path)\(\s*`([^`]*)`\s*\)")

def check_rule(where, rule):
    for alternative in rule.split("||"):
        matchers = MATCHER.findall(alternative)
        if not matchers:
            err(where, f"rule alternative '{alternative.strip()}' has no path matcher, so it routes every path")
        for kind, value in matchers:
            ok = (kind == "PathPrefix" and value in ALLOWED_PREFIXES) or (kind == "Path" and value in ALLOWED_PATHS)
            if not ok:
                err(where, f"{kind}(`{value}`) is routed; only PathPrefix {sorted(ALLOWED_PREFIXES)} "
                           f"and Path {sorted(ALLOWED_PATHS)} may be (no /actuator, no /health/detailed)")

for where, rule in label_rules:
    check_rule(where, rule)

static_path = os.path.join(root, "traefik", "traefik.yml")
dynamic_files = sorted(glob.glob(os.path.join(root, "traefik", "dynamic", "*.yml")))
if not os.path.exists(static_path):
    err("traefik/traefik.yml", "missing")
else:
    static = yaml.safe_load(open(static_path)) or {}
    api = static.get("api") or {}
    if api.get("insecure") or api.get("dashboard"):
        err("traefik/traefik.yml", "the Traefik API/dashboard is enabled")
    docker = (static.get("providers") or {}).get("docker")
    if docker is not None and docker.get("exposedByDefault", True):
        err("traefik/traefik.yml", "providers.docker.exposedByDefault must be false")
if not dynamic_files:
    err("traefik/dynamic", "no dynamic configuration")
certificates = 0
for path in dynamic_files:
    name = "traefik/dynamic/" + os.path.basename(path)
    doc = yaml.safe_load(open(path)) or {}
    http = doc.get("http") or {}
    for router, spec in (http.get("routers") or {}).items():
        where = f"{name} router {router}"
        check_rule(where, str(spec.get("rule", "")))
        if "tls" not in spec:
            err(where, "not TLS")
        if "web" in (spec.get("entryPoints") or []):
            err(where, "served on the plain-HTTP entry point")
    for service, spec in (http.get("services") or {}).items():
        lb = spec.get("loadBalancer") or {}
        if (lb.get("healthCheck") or {}).get("path") != "/health/ready":
            err(f"{name} service {service}", "loadBalancer.healthCheck.path must be /health/ready")
    certificates += len((doc.get("tls") or {}).get("certificates") or [])
if dynamic_files and certificates == 0:
    err("traefik/dynamic", "no file-provided TLS certificate (tls.certificates)")

# --- Dockerfiles ---
reactor_modules = re.findall(r"<module>([^<]+)</module>", open(os.path.join(root, "pom.xml")).read())
for path in sorted(glob.glob(os.path.join(root, "Dockerfile*"))):
    name = os.path.basename(path)
    lines = re.sub(r"\\\n", " ", open(path).read()).splitlines()
    # The build stage runs the whole reactor, so it needs every module's sources.
    copied = {line.split()[1] for line in lines if line.split()[:1] == ["COPY"] and len(line.split()) == 3}
    for module in reactor_modules:
        if module not in copied:
            err(name, f"the build stage does not COPY the reactor module '{module}'")
    stages, final, arguments, seen_from = set(), [], {}, False
    for line in lines:
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        # An ARG before the first FROM may name a base image; its default is what an operator builds from.
        if words[0].upper() == "ARG" and not seen_from:
            key, _, default = words[1].partition("=")
            arguments[key] = default
        if words[0].upper() == "FROM":
            seen_from = True
            image = words[1]
            m = re.fullmatch(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", image)
            if m:
                if not arguments.get(m.group(1)):
                    err(name, f"FROM {image}: the build argument has no default image before the first FROM")
                    image = ""
                else:
                    image = arguments[m.group(1)]
            if image and image not in stages:
                tag = image.rpartition(":")[2] if ":" in image.split("/")[-1] else ""
                if (not tag or tag == "latest") and "@sha256:" not in image:
                    err(name, f"FROM {image} is not pinned to a version tag")
            if len(words) >= 4 and words[2].upper() == "AS":
                stages.add(words[3])
            final = []
        final.append(line)
    final_text = "\n".join(final)
    users = re.findall(r"^USER\s+(\S+)", final_text, re.M)
    if not users or users[-1].split(":")[0] in ("root", "0"):
        err(name, "the runtime stage does not end as a non-root USER")
    if not re.search(r"^HEALTHCHECK\s+.*CMD .*?/health/live", final_text, re.M):
        err(name, "the runtime stage has no HEALTHCHECK on /health/live")
    if not re.search(r"^EXPOSE\s+8000\b", final_text, re.M):
        err(name, "no EXPOSE 8000")
    # Outside a container the management port listens on loopback; in one, Prometheus scrapes it from its own.
    if not re.search(r"^ENV\s.*\bMANAGEMENT_ADDRESS=0\.0\.0\.0\b", final_text, re.M):
        err(name, "the runtime stage does not set MANAGEMENT_ADDRESS=0.0.0.0 (Prometheus scrapes the management port)")
    for flag in ("--enable-native-access=ALL-UNNAMED", "jdk.incubator.vector", "-XX:MaxRAMPercentage="):
        if flag not in final_text:
            err(name, f"the runtime stage does not pass {flag} to java")
    if not re.search(r'^VOLUME\s+.*/models.*/data|^VOLUME\s+.*/data.*/models', final_text, re.M):
        err(name, "no VOLUME for /models and /data")

for e in errors:
    print("  " + e)
if errors:
    print(f"validate-deploy: {len(errors)} violation(s) in {root}")
    sys.exit(1)
print(f"validate-deploy: {len(compose_files)} compose files, Traefik and Dockerfiles OK in {root}")
PY
    return "$status"
}

run_shellcheck() {
    if ! command -v shellcheck >/dev/null 2>&1; then
        echo "validate-deploy: shellcheck not installed; skipping the shell script lint"
        return 0
    fi
    shellcheck "$REPO_DIR"/scripts/*.sh
    echo "validate-deploy: shellcheck OK"
}

# The deployment files, copied into a fresh folder.
readonly DEPLOY_FILES=(pom.xml Dockerfile Dockerfile.gpu .env.example traefik docker-compose.yml docker-compose.prod.yml
    docker-compose.ha.yml docker-compose.monitoring.yml)

# Copies the files to $1, applies the sed expression $3 to file $2 there, and asserts that the validator then
# fails with a message containing $4.
expect_failure() {
    local work=$1 file=$2 expression=$3 expected=$4 output
    rm -rf "$work" && mkdir -p "$work"
    (cd "$REPO_DIR" && cp -r "${DEPLOY_FILES[@]}" "$work/")
    sed -i -e "$expression" "$work/$file"
    if cmp -s "$REPO_DIR/$file" "$work/$file"; then
        die "self-test: '$expression' did not change $file; update the self-test"
    fi
    if output=$(validate "$work" 2>&1); then
        die "self-test: the validator accepted $file after '$expression'"
    fi
    if [[ "$output" != *"$expected"* ]]; then
        die "self-test: after '$expression' on $file expected '$expected' in:"$'\n'"$output"
    fi
    echo "  caught: $file: $expected"
}

# shellcheck disable=SC2016 # the $, ` and {} in the expressions and messages are meant literally
self_test() {
    local work
    work=$(mktemp -d)
    # shellcheck disable=SC2064 # expand now: work is local
    trap "rm -rf '$work'" EXIT
    expect_failure "$work/t" docker-compose.yml '/^  redis:/,/^  minio:/{/healthcheck:/,/retries:/d}' \
        "service redis: no healthcheck"
    expect_failure "$work/t" docker-compose.yml '0,/condition: service_healthy/s//condition: service_started/' \
        "must use condition: service_healthy"
    expect_failure "$work/t" docker-compose.prod.yml '/^  postgres:/a\    ports: ["5432:5432"]' \
        "service postgres: publishes ports"
    expect_failure "$work/t" docker-compose.prod.yml \
        's/\${DATABASE_PASSWORD:?DATABASE_PASSWORD is required}/${DATABASE_PASSWORD:-changeme}/' \
        'secret ${DATABASE_PASSWORD} must be required'
    expect_failure "$work/t" docker-compose.ha.yml 's/image: redis:7.4-bookworm/image: redis:latest/' \
        "image 'redis:latest' is not pinned"
    expect_failure "$work/t" docker-compose.monitoring.yml 's/PROMETHEUS_RETENTION:-15d/PROMETHEUS_KEEP:-15d/' \
        '${PROMETHEUS_KEEP} is not listed in .env.example'
    expect_failure "$work/t" docker-compose.prod.yml '/cpus: "1"/d' "service redis: no deploy.resources.limits"
    expect_failure "$work/t" traefik/dynamic/facerec.yml 's#Path(`/health/ready`)#PathPrefix(`/actuator/`)#' \
        'PathPrefix(`/actuator/`) is routed'
    expect_failure "$work/t" traefik/dynamic/facerec.yml 's#path: /health/ready#path: /health/live#' \
        "healthCheck.path must be /health/ready"
    expect_failure "$work/t" Dockerfile 's/^USER facerec:facerec/USER root/' "does not end as a non-root USER"
    expect_failure "$work/t" Dockerfile.gpu '/^HEALTHCHECK/,/CMD curl/d' "no HEALTHCHECK"
    expect_failure "$work/t" Dockerfile '/^COPY console console/d' "does not COPY the reactor module 'console'"
    expect_failure "$work/t" Dockerfile '/MANAGEMENT_ADDRESS=0.0.0.0/d; s/MANAGEMENT_PORT=8081 \\/MANAGEMENT_PORT=8081/' \
        "does not set MANAGEMENT_ADDRESS=0.0.0.0"
    expect_failure "$work/t" docker-compose.yml '1i services: [unclosed' "not valid YAML"
    expect_failure "$work/t" Dockerfile 's/^ARG RUNTIME_IMAGE=.*/ARG RUNTIME_IMAGE=eclipse-temurin:latest/' \
        "FROM eclipse-temurin:latest is not pinned"
    expect_failure "$work/t" Dockerfile.gpu 's/^ARG CUDA_IMAGE=.*/ARG CUDA_IMAGE/' \
        'FROM ${CUDA_IMAGE}: the build argument has no default'
    echo "validate-deploy: self-test OK (every broken copy was rejected)"
}

case "${1:-}" in
    --self-test) self_test ;;
    -h | --help) sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" ;;
    "") validate "$REPO_DIR" && run_shellcheck ;;
    *) validate "$1" ;;
esac
