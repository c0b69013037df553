/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secure devices and secure interrupts (docs/platform.md "Secure devices", docs/ffa-support.md
 * "Secure interrupts"): the platform's SP805s, counting on CPU 0's clock; which partition owns
 * each (its manifest's device-regions); the GIC set-up of the interrupts partitions own, as the
 * SPMC makes it at boot; and EL3's FIQ handler for the normal world's CPU.
 *
 * A secure interrupt that fires while the normal world runs is signalled to its PE as a FIQ
 * (group 0 on a GICv2, secure group 1 on a GICv3: IHI0069 §4.6.2), which SCR_EL3.FIQ takes to
 * EL3; TF-A's SPMD hands it to the SPMC with FFA_INTERRUPT and resumes the normal world after
 * the SPMC's FFA_NORMAL_WORLD_RESUME. Hafnium acknowledges it in the GIC, ends it at once (the
 * priority drop deactivates it: EOImode 0) and makes the owner's virtual interrupt pending
 * (ffa_interrupts_handle_secure_interrupt); a waiting owner runs until it waits again
 * (spmc_secure_interrupt). The normal world then goes on where it was, unaware.
 */
#include <inttypes.h>

#include "sim/sim.h"

/* The GICv3 CPU interface registers Hafnium uses for secure group 1 (IHI0069 §12.2). */
#define SECURE_ICC_IAR1_EL1 EMU_SYSREG_KEY(3, 0, 12, 12, 0)
#define SECURE_ICC_EOIR1_EL1 EMU_SYSREG_KEY(3, 0, 12, 12, 1)
/* The GICv2 CPU interface's acknowledge and end registers (IHI0048 §4.4.4, §4.4.5). */
#define SECURE_GICC_IAR 0x0cu
#define SECURE_GICC_EOIR 0x10u
#define SECURE_GICC_INTID_MASK 0x3ffu
/* The distributor's routing registers: GICv3 GICD_IROUTER<n>, GICv2 GICD_ITARGETSR<n>. */
#define SECURE_GICD_IROUTER 0x6000u
#define SECURE_GICD_ITARGETSR 0x800u
/* The SPI range of INTIDs (IHI0069 §2.2.1). */
#define SECURE_FIRST_SPI 32u

void sim_secure_setup_devices(struct sim *sim)
{
	struct sim_secure *s = &sim->secure;

	s->sp805_count = sim->platform.secure_device_count;
	for (unsigned i = 0; i < s->sp805_count; i++) {
		emu_sp805_init(&s->sp805s[i], &sim->platform.secure_devices[i],
			       sim->gic_ready ? &sim->gic : NULL, &sim->pes[0], 0);
		/* EMU_PE_MAX_SOURCES holds every secure device a platform may have. */
		(void)emu_pe_add_source(&sim->pes[0], emu_sp805_source(&s->sp805s[i]));
	}
}

/* The run's CPUs. */
static unsigned secure_cpus(const struct sim *sim)
{
	return sim->platform.cpu_count > 0 ? sim->platform.cpu_count : 1;
}

/* The index of the run's CPU whose MPIDR has the affinity mpidr, or -1. */
static int secure_target_cpu(const struct sim *sim, uint64_t mpidr)
{
	for (unsigned k = 0; k < secure_cpus(sim); k++) {
		if ((sim->platform.mpidrs[k] & PART_MPIDR_AFFINITY) == mpidr)
			return (int)k;
	}
	return -1;
}

bool sim_secure_check_interrupt(const struct sim *sim, const struct part_manifest *m, unsigned i,
				unsigned j, struct diag *err)
{
	const struct part_device *d = &m->devices[i];
	unsigned limit = sim->gic_ready ? sim->gic.intid_count : EMU_GIC_SPECIAL_FIRST;

	if (d->interrupts[j] < SECURE_FIRST_SPI || d->interrupts[j] >= limit) {
		diag_set(err, m->file, d->interrupt_at[j].line, d->interrupt_at[j].column,
			 "%s: device-regions[%u].interrupts[%u]: interrupt %" PRIu32
			 " is not an SPI of platform \"%s\" (%u to %u): a partition owns its "
			 "devices' shared peripheral interrupts",
			 m->name, i, j, d->interrupts[j], sim->platform.name, SECURE_FIRST_SPI,
			 limit - 1);
		return false;
	}
	if (d->interrupt_targeted[j] && secure_target_cpu(sim, d->interrupt_mpidr[j]) < 0) {
		diag_set(err, m->file, d->target_at[j].line, d->target_at[j].column,
			 "%s: device-regions[%u].interrupts-target: interrupt %" PRIu32
			 " targets MPIDR 0x%" PRIx64
			 ", none of the run's CPUs (%u, affinities 0x%" PRIx64 " to 0x%" PRIx64 ")",
			 m->name, i, d->interrupts[j], d->interrupt_mpidr[j], secure_cpus(sim),
			 sim->platform.mpidrs[0] & PART_MPIDR_AFFINITY,
			 sim->platform.mpidrs[secure_cpus(sim) - 1] & PART_MPIDR_AFFINITY);
		return false;
	}
	return true;
}

bool sim_secure_claim_devices(struct sim *sim, const struct sim_partition *part, struct diag *err)
{
	const struct part_manifest *m = part->manifest;
	struct sim_secure *s = &sim->secure;

	for (unsigned i = 0; i < m->device_count; i++) {
		const struct part_device *d = &m->devices[i];
		uint64_t end = d->base + (uint64_t)d->pages * PART_PAGE_SIZE;

		for (unsigned k = 0; k < s->sp805_count; k++) {
			const struct emu_secure_device *dev = &s->sp805s[k].desc;
			const struct part_manifest *other;

			if (dev->base < d->base || dev->base >= end)
				continue;
			if (d->base != dev->base || d->pages != 1) {
				diag_set(err, m->file, d->at.line, d->at.column,
					 "%s: device-regions[%u] \"%s\": secure device \"%s\" is "
					 "one "
					 "page at 0x%" PRIx64 "; the region must be that page",
					 m->name, i, d->name, dev->name, dev->base);
				return false;
			}
			if (s->owner[k] != NULL && s->owner[k] != part) {
				other = s->owner[k]->manifest;
				diag_set(err, m->file, d->at.line, d->at.column,
					 "%s: device-regions[%u] \"%s\": secure device \"%s\" at "
					 "0x%" PRIx64
					 " already belongs to partition \"%s\" (%s:%u)",
					 m->name, i, d->name, dev->name, dev->base, other->name,
					 other->file, other->line);
				return false;
			}
			s->owner[k] = part;
		}
	}
	return true;
}

/* Acknowledges the highest-priority pending secure interrupt of PE pe; 1020-1023: none. */
static unsigned secure_ack(struct sim *sim, unsigned pe)
{
	struct emu_gic_access at = {.pe = pe, .secure = true, .el = 2};
	uint64_t v = EMU_GIC_SPURIOUS;

	if (sim->platform.gic.version == 3) {
		if (emu_gic_sysreg_read(&sim->gic, at, SECURE_ICC_IAR1_EL1, &v) !=
		    EMU_GIC_SYSREG_DONE)
			return EMU_GIC_SPURIOUS;
		return (unsigned)v;
	}
	v = emu_gic_mmio_read(&sim->gic, pe, true, sim->platform.gic.cpu_base + SECURE_GICC_IAR, 4);
	return (unsigned)(v & SECURE_GICC_INTID_MASK);
}

/* Priority drop and deactivation of intid on PE pe (EOImode 0). */
static void secure_eoi(struct sim *sim, unsigned pe, unsigned intid)
{
	struct emu_gic_access at = {.pe = pe, .secure = true, .el = 2};

	if (sim->platform.gic.version == 3)
		(void)emu_gic_sysreg_write(&sim->gic, at, SECURE_ICC_EOIR1_EL1, intid);
	else
		emu_gic_mmio_write(&sim->gic, pe, true,
				   sim->platform.gic.cpu_base + SECURE_GICC_EOIR, 4, intid);
}

/* The group the SPMC gives a secure interrupt: secure group 1 on a GICv3, group 0 on a GICv2. */
static enum emu_gic_group secure_group(const struct sim *sim)
{
	return sim->platform.gic.version == 3 ? EMU_GIC_G1S : EMU_GIC_G0;
}

/*
 * An owner that leaves its device's level-sensitive interrupt asserted (it was not waiting, or
 * did not clear the device) would have it fire again at once, and the normal world would never
 * run again: the simulator disables it in the GIC, once, with a note.
 */
static void secure_storm_guard(struct sim *sim, unsigned pe, unsigned intid)
{
	const struct emu_gic_irq *irq = emu_gic_irq(&sim->gic, pe, intid);

	if (irq == NULL || !irq->enabled || !(irq->pending || (irq->level && !irq->edge)))
		return;
	emu_gic_configure(&sim->gic, pe, intid, secure_group(sim), irq->priority, false);
	sim->secure.storm_masks++;
	if (!sim->cfg.quiet && sim->spmc.notes != NULL)
		fprintf(sim->spmc.notes,
			"ffa-sim: note: secure interrupt %u is still asserted after the SPMC "
			"handled "
			"it (its owner was not waiting, or did not clear its device): disabled in "
			"the "
			"GIC\n",
			intid);
}

/* Counts what the SPMC made of a secure interrupt and guards against its storm (above); also
 * the SPMC's spmc_intc.done. */
static void secure_done(void *ctx, unsigned pe, uint32_t intid, enum spmc_sint_outcome outcome)
{
	struct sim *sim = ctx;

	switch (outcome) {
	case SPMC_SINT_HANDLED:
		sim->secure.handled++;
		break;
	case SPMC_SINT_QUEUED:
		sim->secure.queued++;
		break;
	case SPMC_SINT_SPURIOUS:
		sim->secure.spurious++;
		break;
	case SPMC_SINT_INJECTED:
		/* Its owner runs on and takes it in its vectors: the device is not cleared yet. */
		sim->secure.injected++;
		return;
	case SPMC_SINT_PREEMPTED:
		/* Its owner gets FFA_INTERRUPT next and handles it then. */
		sim->secure.preempted++;
		return;
	case SPMC_SINT_FAILED:
		break;
	}
	secure_storm_guard(sim, pe, intid);
}

/* Acknowledges and ends at once the secure interrupt pending on PE pe; SPMC_INVALID_INTID. */
static uint32_t secure_ack_end(struct sim *sim, unsigned pe)
{
	unsigned intid = secure_ack(sim, pe);

	if (intid >= EMU_GIC_SPECIAL_FIRST)
		return SPMC_INVALID_INTID;
	secure_eoi(sim, pe, intid);
	return intid;
}

/* EL3's FIQ handler for the normal world's CPU: the secure interrupt goes to the SPMC. */
static void secure_fiq(void *ctx, struct emu_cpu *cpu)
{
	struct sim *sim = ctx;
	unsigned pe = emu_cpu_pe(cpu)->index;
	uint32_t intid = secure_ack_end(sim, pe);

	if (intid == SPMC_INVALID_INTID)
		return;
	sim->secure.taken++;
	sim->secure.taken_on[pe]++;
	secure_done(sim, pe, intid, spmc_secure_interrupt(&sim->spmc, intid));
}

/*
 * The SPMC's own acknowledgement of a secure interrupt that stopped a partition on CPU pe
 * (spmc_intc.take): at S-EL2 it is an IRQ (secure group 1 to a secure PE), which Hafnium's
 * irq_lower takes, acknowledges and ends at once.
 */
static uint32_t secure_take(void *ctx, unsigned pe)
{
	struct sim *sim = ctx;
	uint32_t intid = secure_ack_end(sim, pe);

	if (intid != SPMC_INVALID_INTID) {
		sim->secure.in_partitions++;
		sim->secure.taken_on[pe]++;
	}
	return intid;
}

/*
 * Routes SPI intid to the CPU with affinity mpidr through the distributor, as Hafnium's GIC
 * driver does for a manifest's interrupts-target: GICD_IROUTER<n> = the affinity on a GICv3
 * (IHI0069 §12.9.22), the CPU's bit in GICD_ITARGETSR<n> on a GICv2 (IHI0048 §4.3.12; a
 * platform has at most 8 CPUs, all of which ITARGETSR can name).
 */
static void secure_route(struct sim *sim, unsigned intid, uint64_t mpidr)
{
	uint64_t dist = sim->platform.gic.dist_base;
	int cpu = secure_target_cpu(sim, mpidr);

	if (cpu < 0)
		return; /* refused when the partition was added (sim_secure_check_interrupt) */
	if (sim->platform.gic.version == 3) {
		emu_gic_mmio_write(&sim->gic, 0, true, dist + SECURE_GICD_IROUTER + 8u * intid, 4,
				   (uint32_t)mpidr);
		emu_gic_mmio_write(&sim->gic, 0, true, dist + SECURE_GICD_IROUTER + 8u * intid + 4,
				   4, (uint32_t)(mpidr >> 32));
	} else {
		emu_gic_mmio_write(&sim->gic, 0, true, dist + SECURE_GICD_ITARGETSR + intid, 1,
				   1u << cpu);
	}
	sim->secure.routed++;
}

void sim_secure_setup_interrupts(struct sim *sim)
{
	struct sim_secure *s = &sim->secure;

	if (!sim->gic_ready || !sim->spmc_enabled ||
	    sim->spmc.cfg.personality->sirq != SPMC_SIRQ_VIRTUAL)
		return;
	for (unsigned p = 0; p < sim->part_count; p++) {
		const struct part_manifest *m = sim->parts[p].manifest;

		for (unsigned i = 0; i < m->device_count; i++) {
			const struct part_device *d = &m->devices[i];

			for (unsigned j = 0; j < d->interrupt_count; j++) {
				emu_gic_configure(
					&sim->gic, ~0u, d->interrupts[j], secure_group(sim),
					PART_INTR_PRIORITY(d->interrupt_attributes[j]), true);
				if (d->interrupt_targeted[j])
					secure_route(sim, d->interrupts[j], d->interrupt_mpidr[j]);
				s->configured++;
			}
		}
	}
	if (s->configured == 0)
		return;
	sim->host.el3_fiq = (struct emu_cpu_el3_fiq){secure_fiq, sim};
	/* Hafnium takes them while its partitions run too (spmc_secure_interrupt_running). */
	sim->spmc.intc = (struct spmc_intc){secure_take, secure_done, sim};
}

/* The CPU the interrupt of secure device k is routed to by its owner's interrupts-target, or 0. */
static unsigned secure_device_cpu(const struct sim *sim, unsigned k)
{
	const struct sim_partition *part = sim->secure.owner[k];
	unsigned intid = sim->secure.sp805s[k].desc.irq + SECURE_FIRST_SPI;
	int cpu;

	if (part == NULL)
		return 0;
	for (unsigned i = 0; i < part->manifest->device_count; i++) {
		const struct part_device *d = &part->manifest->devices[i];

		for (unsigned j = 0; j < d->interrupt_count; j++) {
			if (d->interrupts[j] != intid || !d->interrupt_targeted[j])
				continue;
			cpu = secure_target_cpu(sim, d->interrupt_mpidr[j]);
			return cpu > 0 && (unsigned)cpu < sim->pe_count ? (unsigned)cpu : 0;
		}
	}
	return 0;
}

void sim_secure_setup_cpus(struct sim *sim)
{
	struct sim_secure *s = &sim->secure;

	for (unsigned k = 1; k < sim->smp.count; k++)
		sim->smp.cpus[k].cpu->el3_fiq = sim->host.el3_fiq;
	if (s->configured == 0)
		return;
	for (unsigned k = 0; k < s->sp805_count; k++) {
		unsigned cpu = secure_device_cpu(sim, k);
		struct emu_sp805 *wd = &s->sp805s[k];

		if (cpu == 0 || !emu_pe_remove_source(&sim->pes[0], wd))
			continue;
		wd->pe = &sim->pes[cpu];
		(void)emu_pe_add_source(wd->pe, emu_sp805_source(wd));
	}
}
