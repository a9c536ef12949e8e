#!/usr/bin/env bash
# Install the Prometheus server and pushgateway that perfgate's integration
# tests and `make stack` run, from the Debian or Ubuntu archive, when their
# binaries are not on PATH yet. It needs root (or sudo) and apt only.
#
# The packages' maintainer scripts would start both as system services on
# ports 9090 and 9091 on every interface. The script forbids that for the
# duration of the install with a temporary /usr/sbin/policy-rc.d, unless the
# machine already has one (containers usually do). The tests and `make
# stack` start their own servers on 127.0.0.1.
set -euo pipefail

missing=()
if ! command -v prometheus >/dev/null 2>&1; then
	missing+=(prometheus)
fi
if ! command -v prometheus-pushgateway >/dev/null 2>&1 && ! command -v pushgateway >/dev/null 2>&1; then
	missing+=(prometheus-pushgateway)
fi
if [ "${#missing[@]}" -eq 0 ]; then
	echo "install-servers: prometheus and pushgateway are installed"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-servers: ${missing[*]} missing and apt-get not found;" \
		"install Prometheus and the Pushgateway by hand, or set PERFGATE_PROMETHEUS" \
		"and PERFGATE_PUSHGATEWAY to their binaries" >&2
	exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "install-servers: installing ${missing[*]} needs root; run this script as root" >&2
		exit 1
	fi
	sudo=(sudo)
fi

policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
	# invoke-rc.d and deb-systemd-invoke start no service while this
	# script exits with status 101.
	printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
	"${sudo[@]}" chmod 755 "$policy"
	trap '"${sudo[@]}" rm -f "$policy"' EXIT
fi

echo "install-servers: installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

if ! command -v prometheus >/dev/null 2>&1 ||
	{ ! command -v prometheus-pushgateway >/dev/null 2>&1 && ! command -v pushgateway >/dev/null 2>&1; }; then
	echo "install-servers: prometheus or the pushgateway is still not on PATH after the install" >&2
	exit 1
fi
echo "install-servers: done"
