/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSCI calls (PSCI (DEN0022) §5.1). PSCI_VERSION, SYSTEM_OFF and SYSTEM_RESET (guest/psci.c)
 * always call by SMC; the CPU power calls (guest/smp.c) by SMC unless sdk_psci_use_conduit_of()
 * read "hvc" from the device tree's /psci node: the simulator's firmware takes both, QEMU's virt
 * machine without EL3 only HVC. Several CPUs: sdk_cpu_start() powers a CPU on running a C
 * function on a stack of its own (guest/secondary.S's sdk_secondary_entry), which powers the CPU
 * off when it returns.
 */
#ifndef SDK_PSCI_H
#define SDK_PSCI_H

#include <stdbool.h>
#include <stdint.h>

/* The function IDs (PSCI_VERSION, PSCI_SYSTEM_OFF ...) are abi/fids.h's. */
#include <abi/fids.h>

/* PSCI_VERSION: major in bits [31:16], minor in [15:0]. */
uint32_t sdk_psci_version(void);

/* SYSTEM_OFF. Does not return on success; returns the PSCI error code (w0) otherwise. */
int32_t sdk_psci_system_off(void);

/* SYSTEM_RESET. Does not return on success; returns the PSCI error code (w0) otherwise. */
int32_t sdk_psci_system_reset(void);

/* CPUs the SDK gives a stack (crt0): CPU index 0 (the boot CPU) to SDK_MAX_CPUS - 1. */
#define SDK_MAX_CPUS 8
/* Each secondary CPU's stack, in bytes. */
#define SDK_CPU_STACK_SIZE 8192

/* Makes the CPU power calls by HVC from now on when the device tree's /psci method is "hvc",
 * else by SMC. */
void sdk_psci_use_conduit_of(const void *fdt);

/* Makes the CPU power calls by HVC (true) or SMC (false, the default). */
void sdk_psci_use_hvc(bool hvc);

/* PSCI_FEATURES(fid): 0 or feature flags when implemented, NOT_SUPPORTED (-1) otherwise. */
int32_t sdk_psci_features(uint32_t fid);

/* CPU_ON (64-bit): starts the CPU with this MPIDR at entry with x0 = context. */
int32_t sdk_psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context);

/* CPU_OFF. Does not return on success. */
int32_t sdk_psci_cpu_off(void);

/* AFFINITY_INFO (64-bit): 0 on, 1 off, 2 on pending, or a negative error. */
int32_t sdk_psci_affinity_info(uint64_t mpidr, uint32_t lowest_level);

/* CPU_SUSPEND (64-bit): power_state; entry and context for a powerdown state. */
int32_t sdk_psci_cpu_suspend(uint32_t power_state, uint64_t entry, uint64_t context);

/* MIGRATE_INFO_TYPE: 0-2, or NOT_SUPPORTED (-1: TF-A v2.15 on QEMU and ffa-sim). */
int32_t sdk_psci_migrate_info_type(void);

/*
 * A CPU index from an MPIDR's affinity: Aff0 + Aff1 + 4 * Aff2, which numbers QEMU virt's CPUs
 * (Aff0) and the FVP's (MT set, the core in Aff1, the cluster in Aff2) from 0 alike, without
 * the MT bit, so a device tree's reg gives the same index. It picks the CPU's stack; CPUs with
 * an index of SDK_MAX_CPUS or more park.
 */
unsigned sdk_cpu_index_of(uint64_t mpidr);

/* This CPU's index (sdk_cpu_index_of(sdk_read_mpidr())). */
unsigned sdk_cpu_index(void);

/* What a secondary CPU runs: fn(arg), then CPU_OFF. Must stay valid until fn has started. */
struct sdk_cpu_start {
	void (*fn)(void *arg);
	void *arg;
};

/*
 * crt0's entry point for CPUs started by CPU_ON: x0 is a struct sdk_cpu_start; sets the CPU's
 * stack, runs start->fn(start->arg), then CPU_OFF.
 */
void sdk_secondary_entry(void);

/* CPU_ON of mpidr at crt0's sdk_secondary_entry, which runs start->fn(start->arg). */
int32_t sdk_cpu_start(uint64_t mpidr, const struct sdk_cpu_start *start);

/* Event hints: wait for an event (or an interrupt), signal one to every CPU. */
static inline void sdk_wfe(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static inline void sdk_sev(void)
{
	__asm__ volatile("sev" ::: "memory");
}

#endif
