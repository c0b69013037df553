/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probes of an SPMC's FF-A answers, run once on real firmware in QEMU and once under ffa-sim
 * with the matching personality (docs/ffa-support.md, "Hafnium"). Each call prints one line:
 * its label, then x0-x17 of the answer in hex; the outputs of the two runs are diffed.
 */
#ifndef PROBE_HAFNIUM_COMMON_H
#define PROBE_HAFNIUM_COMMON_H

#include <stdint.h>

#include <sdk/ffa.h>

/* Issues the call in x0-x7 (every other register zero), prints "label: x0 ... x17". */
struct sdk_smccc_regs probe_call(const char *label, uint64_t x0, uint64_t x1, uint64_t x2,
				 uint64_t x3, uint64_t x4, uint64_t x5);

/* FFA_VERSION(requested), printed. */
struct sdk_smccc_regs probe_version(uint32_t requested);

/* Buffers, descriptors, registers form, FFA_FEATURES, notification argument checks, unmap. */
void probe_discovery(void);

/*
 * The tour of a caller below v1.3: FFA_VERSION(version), a call that ends the negotiation,
 * FFA_VERSION(1.3) and (version) again, probe_discovery(), then off. Returns 0.
 */
int probe_negotiated(uint32_t version);

/* PSCI SYSTEM_OFF: QEMU exits; under ffa-sim the run ends with status 0. */
void probe_off(void);

#endif
