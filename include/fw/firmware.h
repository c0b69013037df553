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

#include <stdbool.h>
#include <stdint.h>

#include "abi/fids.h"
#include "abi/regs.h"
#include "emu/call.h"

/* The CPUs a firmware can power: as many as the platform has (EMU_PLATFORM_MAX_CPUS). */
#define FW_MAX_CPUS 8

/* A CPU's power state as PSCI AFFINITY_INFO reports it (PSCI (DEN0022) §5.1.5). */
enum fw_cpu_power {
	FW_CPU_ON = PSCI_AFFINITY_ON,
	FW_CPU_OFF = PSCI_AFFINITY_OFF,
	FW_CPU_ON_PENDING = PSCI_AFFINITY_ON_PENDING
};

/*
 * What the firmware asks of whoever runs the CPUs (sim/smp.c): the firmware decides what a
 * PSCI call does and answers it, these carry out the change of power. fn NULL: a firmware
 * without CPUs to power (one CPU, no scheduler): CPU_OFF and CPU_SUSPEND end the run.
 */
struct fw_cpu_ops {
	/* The index of the CPU that makes the current call. */
	unsigned (*caller)(void *ctx);
	/* Starts CPU cpu (now ON_PENDING) at entry with x0 = context, as PSCI CPU_ON asks. */
	void (*cpu_on)(void *ctx, unsigned cpu, uint64_t entry, uint64_t context);
	/* The calling CPU powers down: it runs nothing after this call (CPU_OFF). */
	void (*cpu_off)(void *ctx, unsigned cpu);
	/*
	 * The calling CPU waits for a wake-up event (an interrupt for it, a CPU_ON is not one);
	 * standby: it then returns from the call with SUCCESS; powerdown: it then starts again at
	 * entry with x0 = context, as from CPU_ON (CPU_SUSPEND, PSCI (DEN0022) §5.4).
	 */
	void (*suspend)(void *ctx, unsigned cpu, bool powerdown, uint64_t entry, uint64_t context);
	void *ctx;
};

struct fw_el3 {
	uint32_t smccc_version;   /* what SMCCC_VERSION answers: 0x10000 (1.0) to 0x10005 (1.5) */
	enum ffa_smccc_rule rule; /* the result-register rule that version implies */
	uint32_t psci_version;
	/* FF-A function IDs are handed here when set (the SPMC); else they are unknown. */
	struct emu_call_target ffa;
	/* The CPUs PSCI powers: their MPIDRs and power states (CPU 0 boots). */
	unsigned cpu_count;
	uint64_t mpidrs[FW_MAX_CPUS];
	enum fw_cpu_power power[FW_MAX_CPUS];
	struct fw_cpu_ops cpus;
};

/*
 * Initialises the firmware for an SMCCC version (SMCCC_VERSION_1_0 to SMCCC_VERSION_1_5): 1.0
 * and 1.1 return results in x0-x3, 1.2 and later in x0-x17 (SMC64) or w0-w7 (SMC32).
 */
void fw_el3_init(struct fw_el3 *fw, uint32_t smccc_version);

/*
 * Declares the CPUs PSCI powers (1 to FW_MAX_CPUS; fw_el3_init declares one, MPIDR
 * 0x80000000): CPU 0 is on, the others off, as after a cold boot. ops carries out the
 * changes (its fn NULL: none).
 */
void fw_el3_set_cpus(struct fw_el3 *fw, unsigned count, const uint64_t *mpidrs,
		     struct fw_cpu_ops ops);

/* CPU cpu, started by CPU_ON (ON_PENDING), runs its first instruction: it is ON. */
void fw_el3_cpu_running(struct fw_el3 *fw, unsigned cpu);

/*
 * The call handler to route SMC (and, without a hypervisor, HVC) calls to. It answers, or
 * decides that the run ends (PSCI SYSTEM_OFF and SYSTEM_RESET: EMU_STOP_EXIT, status 0).
 */
struct emu_call_target fw_el3_target(struct fw_el3 *fw);

#endif
