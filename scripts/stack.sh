#!/usr/bin/env bash
# Start or stop a local pushgateway and Prometheus for looking at perfgate's
# metrics: `scripts/stack.sh start` and `scripts/stack.sh stop`, usually
# through `make stack` and `make stack-stop`.
#
# Both listen on 127.0.0.1 only: the pushgateway on port 9091 and
# Prometheus on port 9090, which scrapes the gateway with the settings of
# deploy/prometheus.yml. Pid files, logs, the gateway's persistence file and
# Prometheus' storage live in STACK_DIR (default .stack in the repository
# root), so `stop` finds the processes again and nothing outside the
# directory is written.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
stack_dir=${STACK_DIR:-$root/.stack}
gateway_addr=127.0.0.1:9091
prometheus_addr=127.0.0.1:9090

find_bin() {
	local name
	for name in "$@"; do
		if command -v "$name" >/dev/null 2>&1; then
			command -v "$name"
			return 0
		fi
	done
	echo "stack: none of $* is on PATH; run scripts/install-servers.sh (or make servers)" >&2
	return 1
}

# running PIDFILE succeeds when the process named in PIDFILE is alive.
running() {
	[ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# wait_ready URL NAME polls URL/-/ready for up to 30 seconds.
wait_ready() {
	local i
	for i in $(seq 1 60); do
		if curl -fsS -o /dev/null "$1/-/ready" 2>/dev/null; then
			return 0
		fi
		sleep 0.5
	done
	echo "stack: $2 did not become ready at $1; see $stack_dir/$2.log" >&2
	return 1
}

start_server() {
	local name=$1
	shift
	if running "$stack_dir/$name.pid"; then
		echo "stack: $name already running (pid $(cat "$stack_dir/$name.pid"))"
		return 0
	fi
	nohup "$@" >"$stack_dir/$name.log" 2>&1 &
	echo $! >"$stack_dir/$name.pid"
}

start() {
	local gateway prometheus
	gateway=$(find_bin prometheus-pushgateway pushgateway)
	prometheus=$(find_bin prometheus)
	if ! command -v curl >/dev/null 2>&1; then
		echo "stack: curl is needed to wait for the servers; install it (apt-get install curl)" >&2
		exit 1
	fi
	mkdir -p "$stack_dir/prometheus-data"

	# Debian's pushgateway persists to /var/lib/prometheus by default; keep
	# the stack's groups in the stack directory instead.
	start_server pushgateway "$gateway" --web.listen-address="$gateway_addr" \
		--persistence.file="$stack_dir/pushgateway.data"
	start_server prometheus "$prometheus" \
		--config.file="$root/deploy/prometheus.yml" \
		--storage.tsdb.path="$stack_dir/prometheus-data" \
		--web.listen-address="$prometheus_addr"
	wait_ready "http://$gateway_addr" pushgateway
	wait_ready "http://$prometheus_addr" prometheus

	cat <<MSG
stack: pushgateway at http://$gateway_addr, Prometheus at http://$prometheus_addr
stack: logs and pid files in $stack_dir

Push a comparison (after make bench):
  bin/perfgate compare -format json bench.txt > report.json
  bin/perfgate push -gateway http://$gateway_addr report.json
Grafana: add a Prometheus data source for http://$prometheus_addr, then import
  $root/deploy/grafana/perfgate-dashboard.json
Stop both with: make stack-stop
MSG
}

stop() {
	local name pidfile pid
	for name in prometheus pushgateway; do
		pidfile=$stack_dir/$name.pid
		if ! running "$pidfile"; then
			rm -f "$pidfile"
			echo "stack: $name not running"
			continue
		fi
		pid=$(cat "$pidfile")
		kill "$pid"
		for _ in $(seq 1 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		if kill -0 "$pid" 2>/dev/null; then
			echo "stack: $name (pid $pid) did not stop within 10 s; stop it with kill $pid" >&2
			continue
		fi
		rm -f "$pidfile"
		echo "stack: stopped $name (pid $pid)"
	done
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*)
	echo "usage: scripts/stack.sh start|stop" >&2
	exit 2
	;;
esac
