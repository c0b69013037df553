/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GIC model's core (include/emu/gic.h): reset state, interrupt lines, SGI generation, the
 * highest-priority pending interrupt of a PE, the IRQ/FIQ signals, acknowledge, priority drop
 * and deactivation. The register views over it are emu/gic_dist.c (GICD, GICR), emu/gic_icc.c
 * (the ICC_* system registers) and emu/gic_v2.c (GICC).
 *
 * Reset state: as TF-A leaves the GIC when it enters the normal world (its gicv3_distif_init,
 * gicv3_rdistif_init and gicv3_cpuif_enable, or the gicv2_ equivalents on QEMU's GICv2): every
 * interrupt group 1 non-secure, level-sensitive (SGIs edge), disabled, at priority 0x80, but
 * SGIs 8-15, which TF-A's QEMU platform keeps for the secure world (group 0 on a GICv2, group 1
 * secure on a GICv3, enabled, priority 0);
 * GICD_CTLR with affinity routing on (v3) and group 0 and group 1 secure enabled; every
 * redistributor awake; each CPU interface with group 0 and group 1 secure enabled, PMR 0xff.
 * The normal world enables group 1 non-secure itself, as Linux does.
 */
#include <inttypes.h>
#include <string.h>

#include "emu/gic_internal.h"

/* v3 IROUTER: Aff0-Aff2 in bits [23:0], Interrupt_Routing_Mode in bit 31, Aff3 in [39:32]. */
#define GIC_IROUTER_IRM (UINT64_C(1) << 31)
#define GIC_MPIDR_AFF_MASK UINT64_C(0xff00ffffff)
/* A v3 redistributor is an RD_base and an SGI_base frame of 64 KiB each. */
#define GIC_REDIST_STRIDE 0x20000u
/*
 * The INTIDs QEMU's virt machine gives its GIC, as GICD_TYPER.ITLinesNumber reports them
 * under QEMU 7.2: 288 on the GICv2 (ITLinesNumber 8), 256 on the GICv3 (7).
 */
#define GIC_VIRT_INTIDS_V2 288u
#define GIC_VIRT_INTIDS_V3 256u

const char *emu_gic_group_name(enum emu_gic_group group)
{
	switch (group) {
	case EMU_GIC_G0:
		return "G0";
	case EMU_GIC_G1S:
		return "G1S";
	case EMU_GIC_G1NS:
		return "G1NS";
	}
	return "?";
}

/* Puts one interrupt in its reset state. */
static void gic_reset_irq(struct emu_gic_irq *irq, bool edge)
{
	memset(irq, 0, sizeof(*irq));
	irq->edge = edge;
	irq->group1 = true;
	irq->priority = GIC_DEFAULT_PRIORITY;
}

bool emu_gic_init(struct emu_gic_state *gic, const struct emu_platform *p, unsigned pe_count,
		  const uint64_t *mpidr, struct diag *err)
{
	unsigned intids = p->gic.version == 3 ? GIC_VIRT_INTIDS_V3 : GIC_VIRT_INTIDS_V2;

	memset(gic, 0, sizeof(*gic));
	if (!p->gic.present) {
		diag_set(err, "", 0, 0, "platform %s has no GIC", p->name);
		return false;
	}
	if (pe_count == 0 || pe_count > EMU_GIC_MAX_PES || (p->gic.version == 2 && pe_count > 8)) {
		diag_set(err, "", 0, 0, "a GICv%u model cannot serve %u PEs (1 to %u)",
			 p->gic.version, pe_count, p->gic.version == 2 ? 8u : EMU_GIC_MAX_PES);
		return false;
	}
	if (p->gic.version == 3 && p->gic.cpu_size < (uint64_t)pe_count * GIC_REDIST_STRIDE) {
		diag_set(err, "", 0, 0,
			 "the GICv3 redistributor window of %s (%#" PRIx64
			 " bytes) has no room for %u PEs (128 KiB each)",
			 p->name, p->gic.cpu_size, pe_count);
		return false;
	}
	for (unsigned i = 0; i < p->uart_count; i++) {
		unsigned need = 32u + p->uarts[i].irq + 1u;

		if (need > intids)
			intids = (need + 31u) & ~31u;
	}
	for (unsigned i = 0; i < p->secure_device_count; i++) {
		unsigned need = 32u + p->secure_devices[i].irq + 1u;

		if (need > intids)
			intids = (need + 31u) & ~31u;
	}
	if (intids > EMU_GIC_MAX_INTIDS)
		intids = EMU_GIC_MAX_INTIDS;
	gic->desc = p->gic;
	gic->pe_count = pe_count;
	gic->intid_count = intids;
	for (unsigned i = 0; i < pe_count; i++) {
		gic->mpidr[i] = mpidr != NULL ? mpidr[i] & GIC_MPIDR_AFF_MASK : i;
		for (unsigned n = 0; n < EMU_GIC_PRIVATE; n++) {
			struct emu_gic_irq *irq = &gic->priv[i][n];

			gic_reset_irq(irq, n < EMU_GIC_SGI_COUNT);
			/* GICv2 SGIs are always enabled, as on GIC-400 and QEMU (IHI0048 §4.3.5).
			 */
			irq->enabled = p->gic.version == 2 && n < EMU_GIC_SGI_COUNT;
			if (n >= GIC_FIRST_SECURE_SGI && n < EMU_GIC_SGI_COUNT) {
				irq->group1 = false;
				irq->grpmod = p->gic.version == 3;
				irq->priority = 0;
				irq->enabled = true;
			}
		}
		gic->cpu[i].pmr = 0xff;
		gic->cpu[i].bpr0 = GIC_MIN_BPR;
		gic->cpu[i].bpr1[0] = GIC_MIN_BPR + 1;
		gic->cpu[i].bpr1[1] = GIC_MIN_BPR + 1;
		gic->cpu[i].igrpen0 = true;
		gic->cpu[i].igrpen1[1] = true;
		gic->cpu[i].fiqen = true;
	}
	for (unsigned n = 0; n < intids - EMU_GIC_PRIVATE; n++) {
		gic_reset_irq(&gic->spi[n], false);
		gic->spi[n].route = gic->mpidr[0];
		gic->spi[n].targets = 1;
	}
	gic->dist_ctlr = GIC_CTLR_ENABLE_G0;
	if (p->gic.version == 3)
		gic->dist_ctlr |= GIC_CTLR_ENABLE_G1S | GIC_CTLR_ARE_S | GIC_CTLR_ARE_NS;
	return true;
}

void emu_gic_set_change(struct emu_gic_state *gic, struct emu_gic_change change)
{
	gic->change = change;
}

void gic_changed(struct emu_gic_state *gic, unsigned pe)
{
	/* Whatever changed, the PE's highest-priority pending interrupt is found again. */
	if (pe < gic->pe_count) {
		gic->hppi[pe].valid = false;
	} else {
		for (unsigned i = 0; i < gic->pe_count; i++)
			gic->hppi[i].valid = false;
	}
	if (gic->change.fn == NULL)
		return;
	if (pe != ~0u) {
		gic->change.fn(gic->change.ctx, pe);
		return;
	}
	for (unsigned i = 0; i < gic->pe_count; i++)
		gic->change.fn(gic->change.ctx, i);
}

void gic_changed_priority(struct emu_gic_state *gic, unsigned pe)
{
	if (gic->change.fn != NULL)
		gic->change.fn(gic->change.ctx, pe);
}

void gic_changed_intid(struct emu_gic_state *gic, unsigned pe, unsigned intid)
{
	gic_changed(gic, intid < EMU_GIC_PRIVATE ? pe : ~0u);
}

struct emu_gic_irq *gic_irq_mut(struct emu_gic_state *gic, unsigned pe, unsigned intid)
{
	if (intid < EMU_GIC_PRIVATE)
		return pe < gic->pe_count ? &gic->priv[pe][intid] : NULL;
	if (intid >= gic->intid_count)
		return NULL;
	return &gic->spi[intid - EMU_GIC_PRIVATE];
}

const struct emu_gic_irq *emu_gic_irq(const struct emu_gic_state *gic, unsigned pe, unsigned intid)
{
	return gic_irq_mut((struct emu_gic_state *)gic, pe, intid);
}

enum emu_gic_group gic_group_of(const struct emu_gic_state *gic, const struct emu_gic_irq *irq)
{
	if (irq->group1)
		return EMU_GIC_G1NS;
	/* IGRPMODR exists on v3 with two security states (IHI0069 §12.9.15). */
	return gic_is_v3(gic) && !gic_ds(gic) && irq->grpmod ? EMU_GIC_G1S : EMU_GIC_G0;
}

enum emu_gic_group emu_gic_irq_group(const struct emu_gic_state *gic, unsigned pe, unsigned intid)
{
	const struct emu_gic_irq *irq = emu_gic_irq(gic, pe, intid);

	return irq != NULL ? gic_group_of(gic, irq) : EMU_GIC_G0;
}

bool gic_may_touch(const struct emu_gic_state *gic, unsigned pe, unsigned intid, bool secure)
{
	const struct emu_gic_irq *irq = emu_gic_irq(gic, pe, intid);

	if (irq == NULL)
		return false;
	return secure || gic_ds(gic) || gic_group_of(gic, irq) == EMU_GIC_G1NS;
}

/* Whether an SPI is routed to PE pe (v3 IROUTER, v2 ITARGETSR). */
static bool gic_spi_routed(const struct emu_gic_state *gic, const struct emu_gic_irq *irq,
			   unsigned pe)
{
	if (!gic_is_v3(gic))
		return (irq->targets >> pe) & 1u;
	/* 1 of N: every participating PE sees it; the first to acknowledge takes it. */
	if (irq->route & GIC_IROUTER_IRM)
		return true;
	return (irq->route & GIC_MPIDR_AFF_MASK) == gic->mpidr[pe];
}

/* Whether group is enabled in the distributor and PE pe's CPU interface. */
static bool gic_group_enabled(const struct emu_gic_state *gic, unsigned pe,
			      enum emu_gic_group group)
{
	const struct emu_gic_cpuif *c = &gic->cpu[pe];

	switch (group) {
	case EMU_GIC_G0:
		return (gic->dist_ctlr & GIC_CTLR_ENABLE_G0) && c->igrpen0;
	case EMU_GIC_G1S:
		return (gic->dist_ctlr & GIC_CTLR_ENABLE_G1S) && c->igrpen1[1];
	case EMU_GIC_G1NS:
		return (gic->dist_ctlr & GIC_CTLR_ENABLE_G1NS) && c->igrpen1[0];
	}
	return false;
}

/* Considers one interrupt for the highest-priority pending one (lower INTIDs win ties). */
static void gic_consider(const struct emu_gic_state *gic, unsigned pe, unsigned intid,
			 const struct emu_gic_irq *irq, struct gic_hppi *best)
{
	enum emu_gic_group group;

	if (!irq->enabled || irq->active || !gic_is_pending(irq) || irq->priority >= best->priority)
		return;
	group = gic_group_of(gic, irq);
	if (!gic_group_enabled(gic, pe, group))
		return;
	best->intid = intid;
	best->priority = irq->priority;
	best->group = group;
}

/* Searches every INTID PE pe sees for its highest-priority pending interrupt. */
static void gic_hppi_search(const struct emu_gic_state *gic, unsigned pe, struct gic_hppi *out)
{
	/* An asleep redistributor forwards nothing to its CPU interface (IHI0069 §11.1). */
	if (gic_is_v3(gic) && (gic->redist[pe].waker & GIC_WAKER_SLEEP))
		return;
	for (unsigned n = 0; n < EMU_GIC_PRIVATE; n++)
		gic_consider(gic, pe, n, &gic->priv[pe][n], out);
	for (unsigned n = EMU_GIC_PRIVATE; n < gic->intid_count; n++) {
		const struct emu_gic_irq *irq = &gic->spi[n - EMU_GIC_PRIVATE];

		if (gic_spi_routed(gic, irq, pe))
			gic_consider(gic, pe, n, irq, out);
	}
}

void gic_hppi(const struct emu_gic_state *const_gic, unsigned pe, struct gic_hppi *out)
{
	/* The cache is not the GIC's state: a const view may fill it (as a lookup would). */
	struct emu_gic_state *gic = (struct emu_gic_state *)const_gic;
	struct emu_gic_hppi_cache *c;

	out->intid = EMU_GIC_SPURIOUS;
	out->priority = 0x100;
	out->group = EMU_GIC_G0;
	if (pe >= gic->pe_count)
		return;
	/*
	 * The search looks at every INTID; its answer only changes with the PE's state, and every
	 * change goes through gic_changed, which drops it. A CPU that polls while the interrupt is
	 * masked (at every block boundary) reads it from here.
	 */
	c = &gic->hppi[pe];
	if (!c->valid) {
		gic_hppi_search(gic, pe, out);
		c->intid = (uint16_t)out->intid;
		c->priority = (uint16_t)out->priority;
		c->group = (uint8_t)out->group;
		c->valid = true;
		return;
	}
	out->intid = c->intid;
	out->priority = c->priority;
	out->group = (enum emu_gic_group)c->group;
}

unsigned emu_gic_highest_pending(const struct emu_gic_state *gic, unsigned pe)
{
	struct gic_hppi h;

	gic_hppi(gic, pe, &h);
	return h.intid;
}

unsigned gic_gprio_mask(const struct emu_gic_state *gic, unsigned pe, enum emu_gic_group group)
{
	const struct emu_gic_cpuif *c = &gic->cpu[pe];
	unsigned bpr;

	/* CBPR: group 1 uses the group 0 binary point (IHI0069 §12.2.6). */
	if ((group == EMU_GIC_G1S && c->cbpr[1]) || (group == EMU_GIC_G1NS && c->cbpr[0]))
		group = EMU_GIC_G0;
	if (group == EMU_GIC_G0)
		bpr = c->bpr0;
	else
		bpr = c->bpr1[group == EMU_GIC_G1S];
	/* The non-secure binary point counts from one more (IHI0069 §4.8.5). */
	if (group == EMU_GIC_G1NS && bpr > 0)
		bpr--;
	return (0xffu << (bpr + 1)) & 0xffu;
}

unsigned emu_gic_running_priority(const struct emu_gic_state *gic, unsigned pe)
{
	const struct emu_gic_cpuif *c = &gic->cpu[pe];
	uint32_t all = c->ap0 | c->ap1[0] | c->ap1[1];

	if (all == 0)
		return EMU_GIC_IDLE_PRIORITY;
	return (unsigned)__builtin_ctz(all) << (8 - EMU_GIC_PRIORITY_BITS);
}

bool gic_can_preempt(const struct emu_gic_state *gic, unsigned pe, const struct gic_hppi *hppi)
{
	unsigned rprio, mask;

	if (hppi->intid == EMU_GIC_SPURIOUS || hppi->priority >= gic->cpu[pe].pmr)
		return false;
	rprio = emu_gic_running_priority(gic, pe);
	if (rprio == EMU_GIC_IDLE_PRIORITY)
		return true;
	mask = gic_gprio_mask(gic, pe, hppi->group);
	return (hppi->priority & mask) < (rprio & mask);
}

unsigned emu_gic_signals(const struct emu_gic_state *gic, unsigned pe, bool secure)
{
	struct gic_hppi h;

	if (pe >= gic->pe_count)
		return 0;
	gic_hppi(gic, pe, &h);
	if (!gic_can_preempt(gic, pe, &h))
		return 0;
	if (!gic_is_v3(gic))
		return h.group == EMU_GIC_G0 && gic->cpu[pe].fiqen ? EMU_GIC_FIQ : EMU_GIC_IRQ;
	switch (h.group) {
	case EMU_GIC_G0:
		return EMU_GIC_FIQ;
	case EMU_GIC_G1S:
		return secure || gic_ds(gic) ? EMU_GIC_IRQ : EMU_GIC_FIQ;
	case EMU_GIC_G1NS:
		return secure && !gic_ds(gic) ? EMU_GIC_FIQ : EMU_GIC_IRQ;
	}
	return 0;
}

/* The interrupt PE pe would be signalled now if it is of the wanted security, else 1023. */
static unsigned gic_pending_of(const struct emu_gic_state *gic, unsigned pe, bool want_ns)
{
	struct gic_hppi h;

	if (pe >= gic->pe_count)
		return EMU_GIC_SPURIOUS;
	gic_hppi(gic, pe, &h);
	if (!gic_can_preempt(gic, pe, &h))
		return EMU_GIC_SPURIOUS;
	/* A GICv2's group 1 is the model's group 1 non-secure too (emu/gic_v2.c). */
	if ((h.group == EMU_GIC_G1NS) == want_ns)
		return h.intid;
	return EMU_GIC_SPURIOUS;
}

unsigned emu_gic_ns_pending(const struct emu_gic_state *gic, unsigned pe)
{
	return gic_pending_of(gic, pe, true);
}

unsigned emu_gic_secure_pending(const struct emu_gic_state *gic, unsigned pe)
{
	return gic_pending_of(gic, pe, false);
}

/* The active-priority word of a group on PE pe. */
static uint32_t *gic_ap_word(struct emu_gic_state *gic, unsigned pe, enum emu_gic_group group)
{
	struct emu_gic_cpuif *c = &gic->cpu[pe];

	switch (group) {
	case EMU_GIC_G0:
		return &c->ap0;
	case EMU_GIC_G1S:
		return &c->ap1[1];
	case EMU_GIC_G1NS:
		return &c->ap1[0];
	}
	return &c->ap0;
}

unsigned gic_acknowledge(struct emu_gic_state *gic, unsigned pe, unsigned groups, unsigned *source)
{
	struct emu_gic_irq *irq;
	struct gic_hppi h;
	unsigned level;

	*source = 0;
	gic_hppi(gic, pe, &h);
	if (!gic_can_preempt(gic, pe, &h) || !((groups >> h.group) & 1u))
		return EMU_GIC_SPURIOUS;
	irq = gic_irq_mut(gic, pe, h.intid);
	if (!gic_is_v3(gic) && h.intid < EMU_GIC_SGI_COUNT) {
		/* GICv2: the lowest-numbered source is taken; the others stay pending. */
		*source = (unsigned)__builtin_ctz(irq->sgi_sources);
		irq->sgi_sources &= (uint8_t) ~(1u << *source);
		irq->pending = irq->sgi_sources != 0;
	} else {
		irq->pending = false;
	}
	irq->active = true;
	level = (h.priority & gic_gprio_mask(gic, pe, h.group)) >> (8 - EMU_GIC_PRIORITY_BITS);
	*gic_ap_word(gic, pe, h.group) |= UINT32_C(1) << level;
	gic_changed_intid(gic, pe, h.intid);
	return h.intid;
}

bool gic_priority_drop(struct emu_gic_state *gic, unsigned pe, enum emu_gic_group group)
{
	struct emu_gic_cpuif *c = &gic->cpu[pe];
	uint32_t all = c->ap0 | c->ap1[0] | c->ap1[1], bit;
	uint32_t *word = gic_ap_word(gic, pe, group);

	if (all == 0)
		return false;
	bit = all & -all;
	/* The highest active priority must belong to the group the EOI names (as QEMU checks). */
	if (!(*word & bit))
		return false;
	*word &= ~bit;
	gic_changed_priority(gic, pe);
	return true;
}

void gic_deactivate(struct emu_gic_state *gic, unsigned pe, unsigned intid, bool secure)
{
	struct emu_gic_irq *irq = gic_irq_mut(gic, pe, intid);

	if (irq == NULL || !irq->active || !gic_may_touch(gic, pe, intid, secure))
		return;
	irq->active = false;
	gic_changed_intid(gic, pe, intid);
}

/* Drives an input line: a rising edge pends an edge-triggered interrupt. */
static void gic_drive(struct emu_gic_state *gic, unsigned pe, unsigned intid, bool level)
{
	struct emu_gic_irq *irq = gic_irq_mut(gic, pe, intid);

	if (irq == NULL || irq->level == level)
		return;
	if (level && irq->edge)
		irq->pending = true;
	irq->level = level;
	gic_changed_intid(gic, pe, intid);
}

void emu_gic_set_ppi(struct emu_gic_state *gic, unsigned pe, unsigned intid, bool level)
{
	if (intid >= EMU_GIC_SGI_COUNT && intid < EMU_GIC_PRIVATE)
		gic_drive(gic, pe, intid, level);
}

void emu_gic_set_spi(struct emu_gic_state *gic, unsigned intid, bool level)
{
	if (intid >= EMU_GIC_PRIVATE)
		gic_drive(gic, 0, intid, level);
}

/* Sets one interrupt's group, priority and enable. */
static void gic_configure_one(struct emu_gic_state *gic, unsigned pe, unsigned intid,
			      enum emu_gic_group group, uint8_t priority, bool enabled)
{
	struct emu_gic_irq *irq = gic_irq_mut(gic, pe, intid);

	if (irq == NULL)
		return;
	irq->group1 = group == EMU_GIC_G1NS;
	irq->grpmod = group == EMU_GIC_G1S;
	irq->priority = (uint8_t)(priority & GIC_PRIORITY_MASK);
	/* GICv2 SGIs stay enabled (see emu_gic_init). */
	irq->enabled = enabled || (!gic_is_v3(gic) && intid < EMU_GIC_SGI_COUNT);
	gic_changed_intid(gic, pe, intid);
}

void emu_gic_configure(struct emu_gic_state *gic, unsigned pe, unsigned intid,
		       enum emu_gic_group group, uint8_t priority, bool enabled)
{
	if (intid >= EMU_GIC_PRIVATE || pe != ~0u) {
		gic_configure_one(gic, pe == ~0u ? 0 : pe, intid, group, priority, enabled);
		return;
	}
	for (unsigned i = 0; i < gic->pe_count; i++)
		gic_configure_one(gic, i, intid, group, priority, enabled);
}

/* Whether an SGI configured in group may be raised by a generation request (IHI0069 §12.2.22,
 * §12.2.23, §12.2.1; GICv2 (IHI0048) §4.3.15 for GICD_SGIR's NSATT). */
static bool gic_sgi_allowed(const struct emu_gic_state *gic, enum emu_gic_group group, bool secure,
			    enum emu_gic_sgi_kind kind, bool nsatt)
{
	if (gic_ds(gic))
		secure = true;
	switch (kind) {
	case EMU_GIC_SGI_G0:
		return secure && group == EMU_GIC_G0;
	case EMU_GIC_SGI_G1:
		if (gic_ds(gic))
			return group == EMU_GIC_G1NS;
		return group == (secure ? EMU_GIC_G1S : EMU_GIC_G1NS);
	case EMU_GIC_SGI_G1_ALT:
		/* The other state's group 1; non-secure senders would need GICR_NSACR. */
		return !gic_ds(gic) && secure && group == EMU_GIC_G1NS;
	case EMU_GIC_SGI_V2:
		if (!secure)
			return group == EMU_GIC_G1NS;
		return nsatt ? group == EMU_GIC_G1NS : group == EMU_GIC_G0;
	}
	return false;
}

uint64_t emu_gic_send_sgi(struct emu_gic_state *gic, unsigned source, bool secure, unsigned intid,
			  uint64_t targets, enum emu_gic_sgi_kind kind, bool nsatt)
{
	uint64_t reached = 0;

	if (intid >= EMU_GIC_SGI_COUNT || source >= gic->pe_count)
		return 0;
	for (unsigned pe = 0; pe < gic->pe_count; pe++) {
		struct emu_gic_irq *irq = &gic->priv[pe][intid];

		if (!((targets >> pe) & 1u) ||
		    !gic_sgi_allowed(gic, gic_group_of(gic, irq), secure, kind, nsatt))
			continue;
		irq->pending = true;
		if (!gic_is_v3(gic))
			irq->sgi_sources |= (uint8_t)(1u << source);
		reached |= UINT64_C(1) << pe;
		gic_changed(gic, pe);
	}
	return reached;
}

void emu_gic_report(const struct emu_gic_state *gic, unsigned pe, FILE *out)
{
	const struct emu_gic_cpuif *c;
	struct gic_hppi h;
	bool any = false;

	if (pe >= gic->pe_count)
		return;
	c = &gic->cpu[pe];
	gic_hppi(gic, pe, &h);
	fprintf(out,
		"GICv%u, PE %u: GICD_CTLR %#" PRIx32
		", group enables G0 %u G1S %u G1NS %u, PMR %#x, "
		"running priority %#x\n",
		gic->desc.version, pe, gic->dist_ctlr, c->igrpen0, c->igrpen1[1], c->igrpen1[0],
		c->pmr, emu_gic_running_priority(gic, pe));
	if (h.intid == EMU_GIC_SPURIOUS)
		fprintf(out, "  highest pending: none\n");
	else
		fprintf(out, "  highest pending: INTID %u (%s, priority %#x)\n", h.intid,
			emu_gic_group_name(h.group), h.priority);
	fprintf(out, "  active:");
	for (unsigned n = 0; n < gic->intid_count; n++) {
		const struct emu_gic_irq *irq = emu_gic_irq(gic, pe, n);

		if (irq->active && (n < EMU_GIC_PRIVATE || gic_spi_routed(gic, irq, pe))) {
			fprintf(out, " %u", n);
			any = true;
		}
	}
	fprintf(out, "%s\n", any ? "" : " none");
}
