#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the database and image store the service is configured with,
# replacing what is there. The service must be stopped (its gallery index and caches would not see the change);
# start it afterwards.
#
#   scripts/restore.sh BACKUP_FOLDER --yes        e.g. scripts/restore.sh backups/facerec-20261122T021500.000Z --yes
#
# Database: PostgreSQL (DATABASE_HOST set): pg_restore --clean into DATABASE_NAME, created when missing; embedded:
# FACEREC_DATA_DIR/db replaced. Images: FACEREC_DATA_DIR/images replaced, or the bucket (S3_ENDPOINT set) mirrored
# back with deletion of objects not in the backup. The kinds must match the backup's MANIFEST: a PostgreSQL dump
# is not restored into the embedded database, nor the reverse.
set -euo pipefail

# shellcheck source=lib/ops.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ops.sh"

readonly HOME_DIR=${FACEREC_HOME:-$(cd "$OPS_SCRIPTS_DIR/.." && pwd)}
readonly DATA_DIR=${FACEREC_DATA_DIR:-$HOME_DIR/data}

log() {
    echo "$(ts) restore: $*"
}

die() {
    echo "$(ts) restore: FAILED: $*" >&2
    exit 1
}

usage() {
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[[ $# -eq 2 && $2 == --yes ]] || usage
backup=${1%/}
[[ -r $backup/MANIFEST ]] || die "$backup is not a complete backup (no MANIFEST)"
database_kind=$(sed -n 's/^database=//p' "$backup/MANIFEST")
images_kind=$(sed -n 's/^images=//p' "$backup/MANIFEST")

if live_pid_from "${PID_FILE:-${LOG_DIR:-$HOME_DIR/logs}/facerec.pid}" >/dev/null ||
    tcp_open 127.0.0.1 "${SERVER_PORT:-8000}"; then
    die "the service is running (port ${SERVER_PORT:-8000}): stop it first (scripts/startup.sh stop, or systemctl stop facerec facerec-monitor)"
fi

restore_database() {
    if [[ -n ${DATABASE_HOST:-} ]]; then
        [[ $database_kind == postgresql ]] || die "the backup holds a $database_kind database; DATABASE_HOST is set"
        command -v pg_restore >/dev/null 2>&1 || die "pg_restore not found (Debian: postgresql-client)"
        local name=${DATABASE_NAME:-facerec}
        # PGPASSWORD keeps the password off the command line that ps shows.
        export PGPASSWORD=${DATABASE_PASSWORD:-} PGHOST=$DATABASE_HOST PGPORT=${DATABASE_PORT:-5432} \
            PGUSER=${DATABASE_USER:-facerec} PGCONNECT_TIMEOUT=10
        if ! psql --dbname "$name" --no-psqlrc --quiet --command 'select 1' >/dev/null 2>&1; then
            log "database $name does not exist: creating it"
            createdb "$name" || die "cannot create database $name"
        fi
        timeout "${BACKUP_TIMEOUT:-3600}" pg_restore --clean --if-exists --no-owner --single-transaction \
            --exit-on-error --dbname "$name" "$backup/database.dump" || die "pg_restore into $name failed"
        log "database: $name restored"
    else
        [[ $database_kind == embedded ]] || die "the backup holds a $database_kind database; set DATABASE_HOST"
        rm -rf "$DATA_DIR/db"
        mkdir -p "$DATA_DIR"
        cp -a "$backup/db" "$DATA_DIR/db"
        log "database: embedded, restored into $DATA_DIR/db"
    fi
}

restore_images() {
    if [[ -n ${S3_ENDPOINT:-} ]]; then
        [[ $images_kind == s3 ]] || log "note: the images come from a local folder; mirroring them into the bucket"
        s3_mirror "$backup/images" "s3://${S3_BUCKET:-facerec}" delete || die "mirroring into the bucket failed"
        log "images: mirrored into bucket ${S3_BUCKET:-facerec}"
    else
        rm -rf "$DATA_DIR/images"
        mkdir -p "$DATA_DIR"
        cp -a "$backup/images" "$DATA_DIR/images"
        log "images: $(find "$DATA_DIR/images" -type f | wc -l) files restored into $DATA_DIR/images"
    fi
}

restore_database
restore_images
log "done: start the service (scripts/startup.sh start, or systemctl start facerec facerec-monitor)"
