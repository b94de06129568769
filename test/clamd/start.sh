#!/usr/bin/env bash
# Starts clamd (Debian's clamav-daemon) for the tests, on a socket in a folder of its own, with a
# test signature database: signatures cannot be downloaded here, and clamd refuses to start without
# one. Prints the address to give the tests as TEST_CLAMD_ADDRESS. Usage: test/clamd/start.sh <folder>
set -euo pipefail
dir="${1:?usage: test/clamd/start.sh <folder>}"
mkdir -p "${dir}/db"
dir="$(cd "${dir}" && pwd)"
eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
# The EICAR test file itself, by its MD5 and size…
printf '%s:%s:Parvis.Test.EICAR\n' "$(printf '%s' "${eicar}" | md5sum | cut -d' ' -f1)" "${#eicar}" >"${dir}/db/parvis-test.hdb"
# …and its text anywhere in a file (a PDF carrying it), by its bytes.
printf 'Parvis.Test.EICAR.Inside:0:*:%s\n' "$(printf '%s' "${eicar}" | od -An -tx1 | tr -d ' \n')" >"${dir}/db/parvis-test.ndb"
cat >"${dir}/clamd.conf" <<CONF
LocalSocket ${dir}/clamd.sock
LocalSocketMode 660
DatabaseDirectory ${dir}/db
PidFile ${dir}/clamd.pid
LogFile ${dir}/clamd.log
Foreground false
# Files over the limits are reported, not passed as clean (DOCUMENTS.md: scans that fail open).
AlertExceedsMax true
StreamMaxLength 12M
MaxFileSize 12M
MaxScanSize 50M
CONF
if [ -S "${dir}/clamd.sock" ] && [ -f "${dir}/clamd.pid" ] && kill -0 "$(cat "${dir}/clamd.pid")" 2>/dev/null; then
  echo "unix:${dir}/clamd.sock"
  exit 0
fi
rm -f "${dir}/clamd.sock"
clamd --config-file="${dir}/clamd.conf" >/dev/null
for _ in $(seq 1 60); do
  [ -S "${dir}/clamd.sock" ] && break
  sleep 1
done
[ -S "${dir}/clamd.sock" ] || { cat "${dir}/clamd.log" >&2; exit 1; }
echo "unix:${dir}/clamd.sock"
