/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The simulated EL3 firmware: what TF-A's BL31 answers before any SPMC exists. SMCCC_VERSION
 * and SMCCC_ARCH_FEATURES (SMCCC (DEN0028) §7), PSCI_VERSION, PSCI_FEATURES, SYSTEM_OFF and
 * SYSTEM_RESET (PSCI (DEN0022) §5); every other function ID is unknown (x0 = -1, the other
 * registers as the caller left them, as TF-A answers). FF-A calls 0x60-0x8F go to the SPMC once
 * one is attached (fw_el3.ffa), as TF-A's SPMD hands them on. It is a plain call target
 * (include/emu/call.h): it never touches the CPU that called it.
 */
#ifndef FW_FIRMWARE_H
#define FW_FIRMWARE_H

#include <stdint.h>

#include "abi/regs.h"
#include "emu/call.h"

struct fw_el3 {
	uint32_t smccc_version;   /* what SMCCC_VERSION answers: 0x10000 (1.0) to 0x10005 (1.5) */
	enum ffa_smccc_rule rule; /* the result-register rule that version implies */
	uint32_t psci_version;
	/* FF-A function IDs are handed here when set (the SPMC); else they are unknown. */
	struct emu_call_target ffa;
};

/*
 * Initialises the firmware for an SMCCC version (SMCCC_VERSION_1_0 to SMCCC_VERSION_1_5): 1.0
 * and 1.1 return results in x0-x3, 1.2 and later in x0-x17 (SMC64) or w0-w7 (SMC32).
 */
void fw_el3_init(struct fw_el3 *fw, uint32_t smccc_version);

/*
 * The call handler to route SMC (and, without a hypervisor, HVC) calls to. It answers, or
 * decides that the run ends (PSCI SYSTEM_OFF and SYSTEM_RESET: EMU_STOP_EXIT, status 0).
 */
struct emu_call_target fw_el3_target(struct fw_el3 *fw);

#endif
