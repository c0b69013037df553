#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Builds the guest SDK as a static library for installation: each source compiled with the
# guest flags (and function/data sections, so that --gc-sections drops what a guest does not
# use), then archived. Usage: mklib.sh CC AR OUTPUT.a WORKDIR CFLAGS... -- SOURCES...
set -eu
cc=$1 ar=$2 out=$3 work=$4
shift 4
flags=
while [ "$1" != "--" ]; do
	flags="$flags $1"
	shift
done
shift
mkdir -p "$work"
rm -f "$out" "$work"/*.o
for src in "$@"; do
	obj="$work/$(basename "$src").o"
	# shellcheck disable=SC2086
	"$cc" $flags -ffunction-sections -fdata-sections -c -o "$obj" "$src"
done
"$ar" rcsD "$out" "$work"/*.o
