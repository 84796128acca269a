#!/usr/bin/env bash
# Backs up facerec's data: the database, then the enrolled images, into BACKUP_DIR/facerec-<UTC time>/, and keeps
# the BACKUP_KEEP newest backups.
#
#   scripts/backup.sh                      cron: 15 2 * * * facerec cd /opt/facerec && scripts/backup.sh
#
# Database: PostgreSQL (DATABASE_HOST set) with pg_dump's custom format, online and consistent; the embedded
# database (no DATABASE_HOST) as a copy of FACEREC_DATA_DIR/db, only while the service is stopped (the file is not
# consistent while it runs). Images: the local folder FACEREC_DATA_DIR/images copied, or the S3 bucket (S3_ENDPOINT
# set) mirrored with the aws or mc client. The database goes first: every image it refers to exists when the copy
# starts (images of faces enrolled later are only orphans, which the service sweeps).
# Settings: BACKUP_DIR (./backups), BACKUP_KEEP (14), BACKUP_TIMEOUT (3600 s per step), the service's own
# DATABASE_*, FACEREC_DATA_DIR, S3_* variables, and SERVER_PORT/PID_FILE to tell whether the service runs.
# A backup is written under a .partial name and renamed when complete; rotation counts complete backups only.
set -euo pipefail

# shellcheck source=lib/ops.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ops.sh"

readonly HOME_DIR=${FACEREC_HOME:-$(cd "$OPS_SCRIPTS_DIR/.." && pwd)}
readonly BACKUP_DIR=${BACKUP_DIR:-$HOME_DIR/backups}
readonly BACKUP_KEEP=${BACKUP_KEEP:-14}
readonly BACKUP_TIMEOUT=${BACKUP_TIMEOUT:-3600}
readonly DATA_DIR=${FACEREC_DATA_DIR:-$HOME_DIR/data}

log() {
    echo "$(ts) backup: $*"
}

die() {
    echo "$(ts) backup: FAILED: $*" >&2
    exit 1
}

[[ $# -eq 0 ]] || { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $BACKUP_KEEP =~ ^[1-9][0-9]*$ ]] || die "BACKUP_KEEP must be a whole number of at least 1"

service_running() {
    live_pid_from "${PID_FILE:-${LOG_DIR:-$HOME_DIR/logs}/facerec.pid}" >/dev/null ||
        tcp_open 127.0.0.1 "${SERVER_PORT:-8000}"
}

backup_database() {
    local target=$1
    if [[ -n ${DATABASE_HOST:-} ]]; then
        command -v pg_dump >/dev/null 2>&1 || die "pg_dump not found (Debian: postgresql-client)"
        # PGPASSWORD keeps the password off the command line that ps shows.
        PGPASSWORD=${DATABASE_PASSWORD:-} timeout "$BACKUP_TIMEOUT" pg_dump --format=custom --no-owner \
            --host "$DATABASE_HOST" --port "${DATABASE_PORT:-5432}" --username "${DATABASE_USER:-facerec}" \
            --dbname "${DATABASE_NAME:-facerec}" --file "$target/database.dump" ||
            die "pg_dump of ${DATABASE_NAME:-facerec} on $DATABASE_HOST failed"
        echo "database=postgresql" >>"$target/MANIFEST"
        log "database: pg_dump of ${DATABASE_NAME:-facerec} ($(du -h "$target/database.dump" | cut -f1))"
    else
        ! service_running || die "the embedded database is only backed up while the service is stopped" \
            "(stop it, or use PostgreSQL: DATABASE_HOST)"
        [[ -d $DATA_DIR/db ]] || die "no embedded database in $DATA_DIR/db (set FACEREC_DATA_DIR or DATABASE_HOST)"
        cp -a "$DATA_DIR/db" "$target/db"
        echo "database=embedded" >>"$target/MANIFEST"
        log "database: embedded, copied from $DATA_DIR/db"
    fi
}

backup_images() {
    local target=$1
    if [[ -n ${S3_ENDPOINT:-} ]]; then
        mkdir -p "$target/images"
        s3_mirror "s3://${S3_BUCKET:-facerec}" "$target/images" || die "mirroring bucket ${S3_BUCKET:-facerec} failed"
        echo "images=s3" >>"$target/MANIFEST"
    elif [[ -d $DATA_DIR/images ]]; then
        cp -a "$DATA_DIR/images" "$target/images"
        echo "images=local" >>"$target/MANIFEST"
    else
        mkdir -p "$target/images"
        echo "images=local" >>"$target/MANIFEST"
    fi
    log "images: $(find "$target/images" -type f | wc -l) files ($(du -sh "$target/images" | cut -f1))"
}

rotate() {
    local -a backups
    mapfile -t backups < <(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'facerec-*' ! -name '*.partial' |
        sort -r)
    local old
    for old in "${backups[@]:BACKUP_KEEP}"; do
        rm -rf "$old"
        log "rotation: removed $(basename "$old")"
    done
}

mkdir -p "$BACKUP_DIR"
name=facerec-$(date -u +%Y%m%dT%H%M%S.%3NZ)
partial=$BACKUP_DIR/$name.partial
rm -rf "$partial"
mkdir -m 0700 "$partial"
trap 'rm -rf "$partial"' EXIT
started=$SECONDS
echo "created=$(ts)" >"$partial/MANIFEST"
backup_database "$partial"
backup_images "$partial"
mv "$partial" "$BACKUP_DIR/$name"
trap - EXIT
log "complete in $((SECONDS - started))s: $BACKUP_DIR/$name"
rotate
