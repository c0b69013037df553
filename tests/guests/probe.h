/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probe programs: bare-metal guests that make a fixed sequence of SMCCC and FF-A calls and
 * print every result register, one line per call, so that the output of one run under real
 * firmware in QEMU and one under ffa-sim can be compared with diff (docs/fidelity.md). The
 * same sources are linked for ffa-sim (guest/virt.ld) and as the payload of real firmware
 * (loaded at 0x60000000).
 *
 * Line format, stable for diff:
 *   "P <label> <x0> <x1> ... <x17>"   each register as 16 hex digits
 *   "R <label> <hex bytes>"           RX buffer bytes after a call that fills it
 */
#ifndef PROBE_H
#define PROBE_H

#include <stdint.h>

#include <sdk/sdk.h>

/* The value every unused argument register from x8 up carries: 0xc5c5c5c5000000NN for xNN,
 * so that an answer that leaves them, or clears them, shows it. */
#define PROBE_POISON 0xc5c5c5c500000000ull

/*
 * Makes one SMC with x0-x7 as given (the registers a call does not use are zero), x8-x17
 * poisoned, and prints the 18 result registers under `label`. Returns the result registers.
 */
struct sdk_smccc_regs probe_call(const char *label, uint64_t x0, uint64_t x1, uint64_t x2,
				 uint64_t x3, uint64_t x4, uint64_t x5, uint64_t x6, uint64_t x7);

/* Prints `len` bytes at `buf` as one "R" line under `label`. */
void probe_dump(const char *label, const void *buf, unsigned len);

/* Prints "done" and switches the machine off (PSCI SYSTEM_OFF, as QEMU wants it). */
int probe_end(void);

#endif
