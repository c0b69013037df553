/* SPDX-License-Identifier: BSD-3-Clause */
/* What the several-CPU guests share: the CPUs the device tree lists. */
#ifndef SMP_COMMON_H
#define SMP_COMMON_H

#include <stdint.h>

#include <sdk/sdk.h>

/* The CPUs of /cpus (device_type "cpu"), in order: their MPIDR affinity (reg). */
struct smp_cpus {
	unsigned count;
	uint64_t mpidr[SDK_MAX_CPUS];
};

/* Reads /cpus from the device tree at fdt, and picks the PSCI conduit it names. */
void smp_read_cpus(const void *fdt, struct smp_cpus *cpus);

/* Spins with WFE until *flag is non-zero (an acquire load each time round). */
void smp_wait_flag(volatile uint32_t *flag);

/* Sets *flag with release order and signals an event to every CPU. */
void smp_set_flag(volatile uint32_t *flag);

/* In smp_gic.c (guests with the SDK's interrupt sources): the GIC version the CPU's
 * ID_AA64PFR0_EL1.GIC names (3: system registers, else 2), and this CPU's view of virt's GIC
 * (its own redistributor on a GICv3). */
unsigned smp_gic_version(void);
struct sdk_gic smp_my_gic(unsigned version);

#endif
