#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Boots the Linux kernel tools/linux builds (docs/linux.md) under ffa-sim to its init's line and
# power-off: at EL1 and EL2, under each SPMC personality at FF-A 1.0, 1.1 and 1.2, behind
# the pKVM-style proxy, and on SMCCC 1.1 firmware (where the FF-A driver must not probe). Every
# boot must end with status 0 (PSCI SYSTEM_OFF from the init's reboot(POWER_OFF)), print the
# init's line, and show the FF-A driver's probe lines with the version the SPMC offers. Under OP-TEE's own endpoint (systems/oracle-optee-sel1-spmc.yaml, the
# optee model) the OP-TEE driver must probe too: its "revision" and "initialized driver" lines.
#
#   tests/test_linux.sh FFA-SIM [IMAGE]
#
# IMAGE defaults to $FFA_SIM_LINUX_IMAGE, else the cached kernel `tools/linux --image` names.
# The KVM kernel (`tools/linux --flavour pkvm`, or $FFA_SIM_LINUX_PKVM_IMAGE) boots at EL2
# with kvm-arm.mode=protected: pKVM's own hypervisor and FF-A proxy (docs/linux.md, "pKVM").
# Each kernel's boots run when it is there. Exit status: 0 every boot passed, 1 one failed,
# 77 (a skip for meson) when there is neither kernel: build one with tools/linux.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ffa_sim=${1:?usage: test_linux.sh FFA-SIM [IMAGE]}
image=${2:-${FFA_SIM_LINUX_IMAGE:-}}
[ -n "$image" ] || image=$("$root/tools/linux" --image) || image=
pkvm_image=${FFA_SIM_LINUX_PKVM_IMAGE:-}
[ -n "$pkvm_image" ] || pkvm_image=$("$root/tools/linux" --flavour pkvm --image) || pkvm_image=
[ -z "$image" ] || [ -f "$image" ] || { echo "note: $image: no such kernel"; image=; }
[ -z "$pkvm_image" ] || [ -f "$pkvm_image" ] ||
  { echo "note: $pkvm_image: no such kernel"; pkvm_image=; }
if [ -z "$image" ] && [ -z "$pkvm_image" ]; then
  echo "SKIP: no kernel built from the current tools/linux*.config and init: run tools/linux"
  exit 77
fi

init_line="ffa-sim linux init: hello from /init, powering off"
bootargs="console=ttyAMA0"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed=0
count=0
# Set to 1 around the boots whose OP-TEE driver must probe (the optee model is there).
want_optee=0
optee_lines=("optee: revision 4.10 (d5001fe0)" "optee: initialized driver")

# verdict WHAT START END LOG NOTES [WHY...]: one boot's "ok" line with its time and instruction
# count, or (with reasons) its "FAIL" line and the last lines of its console and notes.
verdict() {
  local what=$1 start=$2 end=$3 log=$4 notes=$5
  shift 5
  if [ $# -gt 0 ]; then
    failed=$((failed + 1))
    echo "FAIL $what: $*"
    echo "--- last console lines:"
    tail -n 15 "$log"
    echo "--- notes:"
    tail -n 15 "$notes"
  else
    printf 'ok   %-22s %6.2f s  %s\n' "${what%% *}" "$(echo "$end - $start" | bc)" \
      "$(grep -m1 -o 'host: instructions [0-9]*' "$notes" || true)"
  fi
}

# boot NAME WANT-FIRMWARE-VERSION ARGS...: one boot and its checks; WANT-FIRMWARE-VERSION
# "none": the FF-A driver must not probe (firmware at SMCCC 1.1); "refused": its FFA_VERSION
# is answered NOT_SUPPORTED (a 64-bit -1, which it recognises).
boot() {
  local name=$1 fw=$2
  shift 2
  local log="$out/$name.log" notes="$out/$name.notes" status start end
  count=$((count + 1))
  start=$(date +%s.%N)
  timeout 300 "$ffa_sim" run -q --append "$bootargs" --max-insns 2000000000 --stats "$@" \
    "$image" >"$log" 2>"$notes"
  status=$?
  end=$(date +%s.%N)
  local why=()
  [ "$status" -eq 0 ] || why+=("status $status")
  grep -qF "$init_line" "$log" || why+=("no init line")
  if [ "$fw" = none ]; then
    ! grep -qF "ARM FF-A: " "$log" || why+=("the FF-A driver probed")
  elif [ "$fw" = refused ]; then
    grep -qF "ARM FF-A: FFA_VERSION returned not supported" "$log" ||
      why+=("no \"FFA_VERSION returned not supported\"")
  else
    grep -qF "ARM FF-A: Driver version 1.1" "$log" || why+=("no driver version line")
    grep -qF "ARM FF-A: Firmware version $fw found" "$log" ||
      why+=("no \"Firmware version $fw found\"")
  fi
  if [ "$want_optee" = 1 ]; then
    for l in "${optee_lines[@]}"; do
      grep -qF "$l" "$log" || why+=("no \"$l\"")
    done
  fi
  verdict "$name ($*)" "$start" "$end" "$log" "$notes" "${why[@]}"
}

if [ -n "$image" ]; then
  boot el1 1.2 --el 1
  boot el2 1.2 --el 2
  # Each personality at 1.0-1.2, at EL1 and EL2. At 1.0, TF-A's SPMD answers the driver's
  # FFA_VERSION(1.1) with the SPMC's 1.0 in front of Hafnium and OP-TEE (docs/linux.md).
  for el in 1 2; do
    for p in hafnium tf-a optee; do
      for v in 1.0 1.1 1.2; do
        boot "el$el-$p-$v" "$v" --el "$el" --spmc "$p:$v"
      done
    done
  done
  # Behind the proxy Linux 6.12 itself carries (pkvm:pre-1.2, FF-A 1.1), under each personality
  # at 1.1 and 1.2: the driver finds the proxy's 1.1. (At 1.0 the boot does not get there yet:
  # docs/linux.md, "Where the boot stops".)
  for p in hafnium tf-a optee; do
    for v in 1.1 1.2; do
      boot "pkvm-$p-$v" 1.1 --hypervisor pkvm:pre-1.2 --spmc "$p:$v"
    done
  done
  # Behind today's proxy (FF-A 1.2) the driver's 1.1 is a downgrade: Hafnium, whose negotiation
  # the proxy's own FFA_VERSION ended, refuses it; TF-A's SPMC and OP-TEE accept it.
  boot pkvm-hafnium refused --hypervisor pkvm --spmc hafnium:1.2
  boot pkvm-tf-a 1.1 --hypervisor pkvm --spmc tf-a:1.2
  boot pkvm-optee 1.1 --hypervisor pkvm --spmc optee:1.2
  # OP-TEE's endpoint as the real one declares it, answered by the optee model (docs/linux.md,
  # "The OP-TEE driver").
  want_optee=1
  for v in 1.1 1.2; do
    boot "optee-driver-el1-$v" "$v" --el 1 --spmc "optee:$v" "$root/systems/oracle-optee-sel1-spmc.yaml"
    boot "optee-driver-el2-$v" "$v" --el 2 --spmc "optee:$v" "$root/systems/oracle-optee-sel1-spmc.yaml"
  done
  want_optee=0
  # SMCCC 1.1 firmware: the boot goes on, the FF-A driver (which needs 1.2) stays away.
  boot smccc-1.1 none --el 2 --smccc 1.1
fi
# pKVM's kernel (tools/linux --flavour pkvm) entered at EL2 under Hafnium at 1.1 and 1.2
# (docs/linux.md, "pKVM"). Its FF-A and OP-TEE drivers are modules the init loads, after KVM
# has started. kvm-arm.mode=nvhe: KVM's nVHE hypervisor sets up its own EL2 translation regime,
# and the driver then talks to the firmware itself: it finds the SPMC's version.
# kvm-arm.mode=protected: pKVM's __pkvm_init runs (its own hyp tables, its FF-A proxy's
# FFA_VERSION(1.1) to the SPMC from EL2), the host is deprivileged behind pKVM's stage 2, and
# the driver's calls go through pKVM's proxy: pKVM answers its FFA_VERSION itself (1.1: the
# trace holds one FFA_VERSION, pKVM's) and maps its own buffers with the SPMC when the host
# maps its (FFA_RXTX_MAP_64). The init's page faults at stage 2 are
# taken from EL0 to pKVM at EL2. With OP-TEE's endpoint (the optee model), under OP-TEE as
# the SPMC and under Hafnium, the OP-TEE driver probes through the proxy too, its shared memory
# sent by pKVM's FFA_MEM_SHARE_64.
# boot_pkvm NAME MODE SPMC [SYSTEM]: the checks for one boot.
boot_pkvm() {
  local name=$1 mode=$2 spmc=$3 log="$out/$1.log" notes="$out/$1.notes" trace="$out/$1.trace"
  local status start end why=() want=() fw=${3#*:} versions
  local args=(--el 2 --spmc "$spmc" --trace "$trace")
  shift 3
  count=$((count + 1))
  start=$(date +%s.%N)
  timeout 300 "$ffa_sim" run -q --append "$bootargs kvm-arm.mode=$mode" --stats "${args[@]}" \
    "$pkvm_image" "$@" >"$log" 2>"$notes"
  status=$?
  end=$(date +%s.%N)
  [ "$status" -eq 0 ] || why+=("status $status")
  [ "$mode" = nvhe ] || fw=1.1
  want=("ffa-sim linux init: loaded /modules/ffa-module.ko" "ARM FF-A: Driver version 1.1"
        "ARM FF-A: Firmware version $fw found" "$init_line")
  if [ "$mode" = nvhe ]; then
    want+=("kvm [1]: Hyp nVHE mode initialized successfully")
  else
    want+=("kvm [1]: Protected nVHE mode initialized successfully")
    versions=$(grep -c " SMC FFA_VERSION " "$trace")
    [ "$versions" = 1 ] && grep -qF "SMC FFA_VERSION x1=0x10001 " "$trace" ||
      why+=("$versions FFA_VERSION calls reached the firmware, not pKVM's one")
    grep -qF "SMC FFA_RXTX_MAP_64 " "$trace" || why+=("pKVM mapped no buffers of its own")
  fi
  if [ $# -gt 0 ]; then
    want+=("${optee_lines[@]}")
    # pKVM reclaims through a hypervisor retrieve request: Hafnium answers it, OP-TEE as the
    # SPMC has no handler for it (NOT_SUPPORTED), and the driver's first reclaim fails.
    if [ "${spmc%%:*}" = optee ]; then
      want+=("optee: mem_reclaim: 0x100000000001 -95")
    elif grep -qF "mem_reclaim" "$log"; then
      why+=("a reclaim failed")
    fi
  fi
  for l in "${want[@]}"; do
    grep -qF "$l" "$log" || why+=("no \"$l\"")
  done
  verdict "$name" "$start" "$end" "$log" "$notes" "${why[@]}"
}

if [ -n "$pkvm_image" ]; then
  for v in 1.1 1.2; do
    boot_pkvm "pkvm-nvhe-$v" nvhe "hafnium:$v"
    boot_pkvm "pkvm-protected-$v" protected "hafnium:$v"
  done
  for p in optee hafnium; do
    boot_pkvm "pkvm-protected-optee-$p" protected "$p:1.2" "$root/systems/oracle-optee-sel1-spmc.yaml"
  done
fi
echo "$((count - failed)) of $count boots passed"
[ "$failed" -eq 0 ]
