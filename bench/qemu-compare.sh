#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# qemu-compare.sh [BUILD] [REPS]: the rows that compare ffa-sim with QEMU booting real firmware
# (docs/performance.md, "Against QEMU"). They need what this tree does not hold, so they are
# not part of ffa-sim-bench:
#
# - the FF-A probe (tests/guests/probe_ffa.c) as the normal-world payload of real TF-A with its
#   EL3 SPMC and OP-TEE, and of real OP-TEE as the S-EL1 SPMC, built for QEMU virt: a folder
#   of such builds named by $FFA_SIM_ORACLE, with their mkbios and run-qemu scripts (each
#   folder: bl1.bin, fip.bin), against `ffa-sim run --el 2` of the matching system file;
# - U-Boot from Debian's u-boot-qemu (/usr/lib/u-boot/qemu_arm64/u-boot.bin) to its prompt and
#   `poweroff`, and tests/guests/counter_wait_long.elf (1.3 s of waits on the counter), under
#   ffa-sim and qemu-system-aarch64.
#
# Each run is timed REPS times (default 3) with /usr/bin/time: CPU (user + system) and wall
# seconds, the median printed. /usr/bin/time counts in 10 ms steps, and ffa-sim's run of the
# probe takes a few of them, so ffa-sim's side of the probe is also timed as SHORT_REPS runs
# (default 20) in one loop, the mean printed in milliseconds. Each row then prints its ratio
# against its target (the probe: QEMU's CPU time at least 30 times ffa-sim's; U-Boot: less
# CPU time than QEMU's) and "met" or "MISSED". A part whose inputs are missing is skipped with
# a note; with nothing to run at all the script exits 77 (skipped, as meson counts it).
# Answers of the probe that differ between QEMU and ffa-sim are printed (tests/test_oracle.c
# says which differences are by choice); timings are never a failure.
set -u
build=${1:-build}
reps=${2:-3}
short_reps=${SHORT_REPS:-20}
src=$(cd "$(dirname "$0")/.." && pwd)
ffa_sim=$build/tools/ffa-sim
guests=$build/tests/guests
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ran=0

command -v qemu-system-aarch64 >/dev/null 2>&1 || { echo "skipped: no qemu-system-aarch64"; exit 77; }
[ -x "$ffa_sim" ] || { echo "qemu-compare: no $ffa_sim (build first)" >&2; exit 2; }

# median of the numbers on stdin
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'
}

# timed NAME CMD...: runs CMD reps times under /usr/bin/time; prints "NAME cpu wall" medians.
timed() {
	name=$1
	shift
	: >"$tmp/times"
	i=0
	while [ "$i" -lt "$reps" ]; do
		/usr/bin/time -f '%U %S %e' -o "$tmp/t" "$@" >"$tmp/out" 2>&1 </dev/null
		awk '{ printf "%.3f %.3f\n", $1 + $2, $3 }' "$tmp/t" >>"$tmp/times"
		i=$((i + 1))
	done
	cpu=$(cut -d' ' -f1 "$tmp/times" | median)
	wall=$(cut -d' ' -f2 "$tmp/times" | median)
	printf '%-58s cpu %6s s   wall %6s s\n' "$name" "$cpu" "$wall"
}

# timed_short NAME CMD...: runs CMD short_reps times in one loop under /usr/bin/time; prints
# "NAME" and the mean CPU and wall milliseconds of a run, and leaves the CPU mean in $cpu_ms.
timed_short() {
	name=$1
	shift
	/usr/bin/time -f '%U %S %e' -o "$tmp/t" sh -c \
		'n=$1; shift; i=0; while [ "$i" -lt "$n" ]; do "$@" >/dev/null 2>&1 </dev/null; i=$((i + 1)); done' \
		sh "$short_reps" "$@"
	cpu_ms=$(awk -v n="$short_reps" '{ printf "%.1f", ($1 + $2) * 1000 / n }' "$tmp/t")
	wall_ms=$(awk -v n="$short_reps" '{ printf "%.1f", $3 * 1000 / n }' "$tmp/t")
	printf '%-58s cpu %6s ms  wall %6s ms  (mean of %s)\n' "$name" "$cpu_ms" "$wall_ms" \
		"$short_reps"
}



# The probe's answer lines: "P ..." and "R ..." of a console log (ffa-sim prefixes "[host] ").
answers() {
	sed -n 's/^\[host\] //; /^[PR] /p' "$1"
}

oracle=${FFA_SIM_ORACLE:-}
if [ -n "$oracle" ] && [ -x "$oracle/mkbios" ] && [ -f "$guests/probe_ffa.bin" ]; then
	for pair in tf-a-el3-spmc-optee-sp:oracle-tf-a-el3-spmc optee-sel1-spmc:oracle-optee-sel1-spmc; do
		cfg=${pair%%:*}
		sys=$src/systems/${pair#*:}.yaml
		[ -f "$oracle/$cfg/bl1.bin" ] || { echo "skipped: no $cfg in $oracle"; continue; }
		"$oracle/mkbios" "$cfg" "$guests/probe_ffa.bin" "$tmp/probe.bios" || exit 1
		timed "probe_ffa, QEMU + real $cfg" "$oracle/run-qemu" "$tmp/probe.bios" "$tmp/q"
		qemu_cpu=$cpu
		answers "$tmp/q.ns.log" >"$tmp/q.answers"
		timed_short "probe_ffa, ffa-sim run --el 2 ${pair#*:}.yaml" \
			"$ffa_sim" run --el 2 "$sys" "$guests/probe_ffa.elf"
		awk -v q="$qemu_cpu" -v s="$cpu_ms" 'BEGIN {
			r = s > 0 ? q * 1000 / s : 0
			printf "  QEMU / ffa-sim, CPU time: %.1fx (target at least 30x): %s\n", r,
				(r >= 30 ? "met" : "MISSED") }'
		"$ffa_sim" run --el 2 "$sys" "$guests/probe_ffa.elf" 2>/dev/null | answers /dev/stdin \
			>"$tmp/s.answers"
		calls=$(grep -c '^P ' "$tmp/q.answers")
		if cmp -s "$tmp/q.answers" "$tmp/s.answers"; then
			echo "  $calls calls, the same answers in both"
		else
			echo "  $calls calls, answers differ:"
			diff "$tmp/q.answers" "$tmp/s.answers" | head -20
		fi
		ran=1
	done
else
	echo "skipped: the FF-A probe (set FFA_SIM_ORACLE to a folder of real firmware for QEMU virt)"
fi

uboot=/usr/lib/u-boot/qemu_arm64/u-boot.bin
if [ -f "$uboot" ]; then
	printf '\npoweroff\n' >"$tmp/input"
	timed "U-Boot to poweroff, ffa-sim" \
		"$ffa_sim" run --load-addr 0 --input "$tmp/input" "$uboot"
	sim_cpu=$cpu
	timed "U-Boot to poweroff, QEMU" sh -c "sleep 1 | cat $tmp/input - | \
		qemu-system-aarch64 -M virt -cpu cortex-a72 -nographic -bios $uboot"
	awk -v q="$cpu" -v s="$sim_cpu" 'BEGIN {
		r = q > 0 ? s / q : 0
		printf "  ffa-sim / QEMU, CPU time: %.2fx (target below 1x, faster than QEMU): %s\n",
			r, (s < q ? "met" : "MISSED") }'
	ran=1
else
	echo "skipped: U-Boot (no $uboot: Debian's u-boot-qemu)"
fi

if [ -f "$guests/counter_wait_long.elf" ]; then
	timed "counter_wait_long (1.3 s of counter waits), ffa-sim" \
		"$ffa_sim" run "$guests/counter_wait_long.elf"
	timed "counter_wait_long, QEMU" qemu-system-aarch64 -M virt -cpu cortex-a72 -nographic \
		-semihosting -kernel "$guests/counter_wait_long.elf"
	ran=1
fi

[ "$ran" -eq 1 ] || exit 77
exit 0
