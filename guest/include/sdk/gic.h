/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A small driver for the GIC as the normal world sees it: GICv3 (distributor, this CPU's
 * redistributor, the ICC_* system registers) or GICv2 (GICD and GICC, memory-mapped), enough to
 * enable interrupts with a priority, acknowledge, end and send SGIs. Interrupts are made group
 * 1 (non-secure), the group the normal world takes as IRQ.
 */
#ifndef SDK_GIC_H
#define SDK_GIC_H

#include <stdbool.h>
#include <stdint.h>

/* Where the GIC is: virt's addresses by default (sdk_gic_virt). */
struct sdk_gic {
	unsigned version; /* 2 or 3 */
	uintptr_t dist;   /* GICD */
	uintptr_t cpu;    /* v2: GICC */
	uintptr_t redist; /* v3: this CPU's redistributor (RD_base; SGI_base is 64 KiB above) */
	uint64_t mpidr;   /* v3: this CPU's affinity, for GICD_IROUTER */
};

#define SDK_GIC_VIRT_DIST 0x08000000u
#define SDK_GIC_VIRT_CPU 0x08010000u
#define SDK_GIC_VIRT_REDIST 0x080a0000u
#define SDK_GIC_SPURIOUS 1023u

/* QEMU virt's GIC of the given version (2 or 3), for the boot CPU. */
struct sdk_gic sdk_gic_virt(unsigned version);

/*
 * Enables the distributor and this CPU's interface for group 1: v3 wakes the redistributor,
 * sets ICC_SRE, ICC_PMR_EL1 = 0xff, ICC_BPR1_EL1 = 0 and ICC_IGRPEN1_EL1; v2 sets GICC_PMR,
 * GICC_BPR and GICC_CTLR.
 */
void sdk_gic_init(const struct sdk_gic *g);

/* Makes intid group 1, gives it priority prio (lower is more urgent) and enables it; an SPI
 * is routed to this CPU. */
void sdk_gic_enable(const struct sdk_gic *g, unsigned intid, uint8_t prio);

/* Disables intid. */
void sdk_gic_disable(const struct sdk_gic *g, unsigned intid);

/* Acknowledges the highest-priority pending interrupt: its INTID, or 1023. */
unsigned sdk_gic_ack(const struct sdk_gic *g);

/* Ends the interrupt (priority drop and deactivation). */
void sdk_gic_eoi(const struct sdk_gic *g, unsigned intid);

/* Sets the priority mask: only interrupts with a priority below (more urgent than) pmr signal. */
void sdk_gic_set_pmr(const struct sdk_gic *g, uint8_t pmr);

/* The running priority (0xff when no interrupt is active). */
unsigned sdk_gic_running_priority(const struct sdk_gic *g);

/* Whether intid is pending (GICD/GICR ISPENDR). */
bool sdk_gic_pending(const struct sdk_gic *g, unsigned intid);

/* Sends SGI intid (0-15) to the CPUs in targets (bit n: Aff0 = n in this cluster). */
void sdk_gic_send_sgi(const struct sdk_gic *g, unsigned intid, uint16_t targets);

#endif
