#!/usr/bin/env bash
# Watches the facerec service and restarts it when it is dead or hung.
#
#   scripts/auto-heal.sh check     one check with retries: exit 0 ready, 1 dead, 2 hung, 3 alive but not ready
#   scripts/auto-heal.sh monitor   checks every CHECK_INTERVAL s and heals; statistics every STATS_EVERY checks,
#                                  on SIGUSR1 and at exit (SIGTERM, SIGINT)
#   scripts/auto-heal.sh start|stop|restart   the service itself; restart is the healing used by monitor
#
# Dead: no process (PID file, or systemd's MainPID). Hung: the process is there but /health/live gives no 200
# within TIMEOUT s on MAX_RETRIES tries RETRY_DELAY s apart. Both are restarted: SIGTERM, SIGKILL after STOP_GRACE
# s (HUNG_STOP_GRACE s for a hung one, which drains nothing), any facerec process still holding the port killed,
# then started again (startup.sh start, which waits until ready). Not ready while alive (a dependency such as the database is down) is logged, not restarted: a restart
# does not bring a database back.
#
# Settings: API_URL (http://localhost:$SERVER_PORT), SERVER_PORT (8000), CHECK_INTERVAL (10), MAX_RETRIES (3),
# RETRY_DELAY (5), TIMEOUT (5), STOP_GRACE (10), HUNG_STOP_GRACE (5), STATS_EVERY (30), LOG_FILE ($LOG_DIR/auto-heal.log), PID_FILE
# and LOG_DIR as startup.sh; SERVICE_MANAGER=script (startup.sh) or systemd (signals SYSTEMD_UNIT's main process
# and lets its Restart= policy start it again; default unit facerec.service).
set -euo pipefail

# shellcheck source=lib/ops.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ops.sh"

readonly HOME_DIR=${FACEREC_HOME:-$(cd "$OPS_SCRIPTS_DIR/.." && pwd)}
readonly SERVER_PORT=${SERVER_PORT:-8000}
readonly API_URL=${API_URL:-http://localhost:$SERVER_PORT}
readonly CHECK_INTERVAL=${CHECK_INTERVAL:-10}
readonly MAX_RETRIES=${MAX_RETRIES:-3}
readonly RETRY_DELAY=${RETRY_DELAY:-5}
readonly STOP_GRACE=${STOP_GRACE:-10}
readonly HUNG_STOP_GRACE=${HUNG_STOP_GRACE:-5}
readonly STATS_EVERY=${STATS_EVERY:-30}
readonly LOG_DIR=${LOG_DIR:-$HOME_DIR/logs}
readonly PID_FILE=${PID_FILE:-$LOG_DIR/facerec.pid}
readonly LOG_FILE=${LOG_FILE:-$LOG_DIR/auto-heal.log}
readonly SERVICE_MANAGER=${SERVICE_MANAGER:-script}
readonly SYSTEMD_UNIT=${SYSTEMD_UNIT:-facerec.service}
readonly STARTUP="$OPS_SCRIPTS_DIR/startup.sh"
# startup.sh reads the same PID file, port and log folder.
export SERVER_PORT LOG_DIR PID_FILE

mkdir -p "$(dirname "$LOG_FILE")"

log() {
    echo "$(ts) auto-heal: $*" | tee -a "$LOG_FILE"
}

service_pid() {
    if [[ $SERVICE_MANAGER == systemd ]]; then
        local pid
        pid=$(systemctl show --property MainPID --value "$SYSTEMD_UNIT" 2>/dev/null || echo 0)
        [[ $pid =~ ^[0-9]+$ && $pid != 0 ]] && alive "$pid" && echo "$pid"
    else
        live_pid_from "$PID_FILE"
    fi
}

# check_once: the service's state; sets STATE (ready|dead|hung|not-ready) and DETAIL.
check_once() {
    local pid attempt
    if ! pid=$(service_pid); then
        STATE=dead DETAIL="no facerec process"
        return
    fi
    for ((attempt = 1; attempt <= MAX_RETRIES; attempt++)); do
        if http_get "$API_URL/health/live" && [[ $HTTP_CODE == 200 ]]; then
            http_get "$API_URL/health/ready" || true
            if [[ $HTTP_CODE == 200 ]]; then
                STATE=ready DETAIL="pid $pid ready (${HTTP_MS} ms)"
            else
                STATE=not-ready DETAIL="pid $pid alive but not ready: $(describe_failure)"
            fi
            return
        fi
        # Died between the tries: no need to wait for the remaining ones.
        alive "$pid" || { STATE=dead DETAIL="pid $pid exited"; return; }
        ((attempt == MAX_RETRIES)) || sleep "$RETRY_DELAY"
    done
    STATE=hung DETAIL="pid $pid gives no live answer after $MAX_RETRIES tries: $(describe_failure)"
}

# free_port: kills a facerec process still holding the port (a stray instance whose PID file is gone); anything
# else on the port is left alone and reported.
free_port() {
    local holder cmdline
    tcp_open 127.0.0.1 "$SERVER_PORT" || return 0
    for holder in $(ss -ltnpH "sport = :$SERVER_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
        cmdline=$(tr '\0' ' ' <"/proc/$holder/cmdline" 2>/dev/null || true)
        if [[ $cmdline == *facerec*.jar* ]]; then
            log "port $SERVER_PORT still held by facerec pid $holder: stopping it"
            stop_pid "$holder" "$STOP_GRACE" facerec | tee -a "$LOG_FILE"
        else
            log "port $SERVER_PORT is held by pid $holder, not a facerec process: leaving it alone"
            return 1
        fi
    done
}

# stop_service [grace]: SIGTERM, then SIGKILL after grace seconds (STOP_GRACE by default).
stop_service() {
    local pid grace=${1:-$STOP_GRACE}
    if pid=$(service_pid); then
        log "stopping pid $pid (SIGTERM, SIGKILL after ${grace}s)"
        stop_pid "$pid" "$grace" facerec | tee -a "$LOG_FILE"
    fi
    [[ $SERVICE_MANAGER == systemd ]] || rm -f "$PID_FILE"
    free_port
}

start_service() {
    if [[ $SERVICE_MANAGER == systemd ]]; then
        # Restart= in the unit starts it again; wait as systemctl would, until ready or START_TIMEOUT.
        local deadline=$((SECONDS + ${START_TIMEOUT:-180}))
        until http_get "$API_URL/health/ready" && [[ $HTTP_CODE == 200 ]]; do
            ((SECONDS < deadline)) || { log "$SYSTEMD_UNIT not ready within ${START_TIMEOUT:-180}s"; return 1; }
            sleep 1
        done
        log "$SYSTEMD_UNIT ready again"
    else
        "$STARTUP" start 2>&1 | tee -a "$LOG_FILE"
    fi
}

# restart_service [grace]
restart_service() {
    local started=$SECONDS
    stop_service "${1:-$STOP_GRACE}" || return 1
    start_service || return 1
    log "restarted in $((SECONDS - started))s"
}

# --- Monitor ------------------------------------------------------------------------------------------------------

checks=0 ready_checks=0 not_ready=0 restarts=0 failed_restarts=0 last_restart=never
MONITOR_STARTED=$(date +%s)
readonly MONITOR_STARTED

duration() {
    local s=$1
    printf '%dd %02dh %02dm %02ds' $((s / 86400)) $((s % 86400 / 3600)) $((s % 3600 / 60)) $((s % 60))
}

stats() {
    local pid service_uptime=down availability=0
    if pid=$(service_pid); then
        service_uptime=$(duration "$(ps -o etimes= -p "$pid" | tr -d ' ')")
    fi
    ((checks == 0)) || availability=$((100 * ready_checks / checks))
    log "stats: monitor up $(duration $(($(date +%s) - MONITOR_STARTED))), service up $service_uptime," \
        "checks $checks, ready $ready_checks ($availability%), not ready $not_ready, restarts $restarts," \
        "failed restarts $failed_restarts, last restart $last_restart"
}

monitor() {
    log "monitoring $API_URL every ${CHECK_INTERVAL}s (retries $MAX_RETRIES, ${RETRY_DELAY}s apart;" \
        "manager $SERVICE_MANAGER; log $LOG_FILE)"
    # A stop request ends the loop after the current step, so a restart under way is finished and counted.
    local stopping=0
    trap 'stopping=1' TERM INT
    trap stats USR1
    while ((stopping == 0)); do
        check_once
        checks=$((checks + 1))
        case $STATE in
            ready) ready_checks=$((ready_checks + 1)) ;;
            not-ready)
                not_ready=$((not_ready + 1))
                log "$DETAIL (not restarting: a restart does not bring a dependency back)"
                ;;
            dead | hung)
                log "service $STATE: $DETAIL; restarting"
                local grace=$STOP_GRACE
                [[ $STATE == dead ]] || grace=$HUNG_STOP_GRACE
                if restart_service "$grace"; then
                    restarts=$((restarts + 1))
                    last_restart=$(ts)
                else
                    failed_restarts=$((failed_restarts + 1))
                    log "restart failed; trying again in ${CHECK_INTERVAL}s"
                fi
                ;;
        esac
        ((checks % STATS_EVERY != 0)) || stats
        ((stopping == 0)) || break
        # Sleeping in the background lets the traps run at once.
        sleep "$CHECK_INTERVAL" &
        wait $! || true
    done
    stats
    log "monitor stopped"
}

case ${1:-} in
    check)
        check_once
        log "$STATE: $DETAIL"
        case $STATE in ready) exit 0 ;; dead) exit 1 ;; hung) exit 2 ;; *) exit 3 ;; esac
        ;;
    monitor) monitor ;;
    start)
        if [[ $SERVICE_MANAGER == systemd ]]; then systemctl start "$SYSTEMD_UNIT"; else start_service; fi
        ;;
    stop)
        if [[ $SERVICE_MANAGER == systemd ]]; then systemctl stop "$SYSTEMD_UNIT"; else stop_service; fi
        log "stopped"
        ;;
    restart) restart_service ;;
    *)
        sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
