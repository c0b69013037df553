/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GIC's memory-mapped distributor (GICD, v2 and v3) and redistributors (GICR, v3): the
 * per-interrupt register banks both share, GICD_CTLR's secure and non-secure views, the ID
 * registers, ITARGETSR/SGIR/CPENDSGIR/SPENDSGIR (v2), IROUTER (v3), and each redistributor's
 * RD_base frame (CTLR, TYPER, WAKER) and SGI_base frame (the SGI/PPI bank).
 *
 * Affinity routing is always on in the v3 model (GICD_CTLR.ARE_S and ARE_NS read as one): the
 * legacy GICv2-compatible operation of a GICv3 is not modelled, so GICD's fields of INTIDs 0-31
 * are RAZ/WI there and those interrupts live in the redistributors (IHI0069 §12.9).
 * GICD_NSACR and GICR_NSACR are RAZ/WI: non-secure software can never reach secure interrupts.
 */
#include "emu/gic_internal.h"

/* Register block offsets, the same in GICD and in a redistributor's SGI_base frame. */
#define GIC_IGROUPR 0x080u
#define GIC_ISENABLER 0x100u
#define GIC_ICENABLER 0x180u
#define GIC_ISPENDR 0x200u
#define GIC_ICPENDR 0x280u
#define GIC_ISACTIVER 0x300u
#define GIC_ICACTIVER 0x380u
#define GIC_IPRIORITYR 0x400u
#define GIC_ITARGETSR 0x800u
#define GIC_ICFGR 0xc00u
#define GIC_IGRPMODR 0xd00u
#define GIC_NSACR 0xe00u
#define GIC_BANK_END 0xf00u

#define GICD_CTLR 0x000u
#define GICD_TYPER 0x004u
#define GICD_IIDR 0x008u
#define GICD_SGIR 0xf00u
#define GICD_CPENDSGIR 0xf10u
#define GICD_SPENDSGIR 0xf20u
#define GICD_IROUTER 0x6000u
#define GIC_PIDR2 0xffe8u
#define GICD_V2_PIDR2 0xfe8u /* in the 4 KiB GICv2 distributor map */

#define GICR_CTLR 0x0000u
#define GICR_IIDR 0x0004u
#define GICR_TYPER 0x0008u
#define GICR_TYPER_HI 0x000cu
#define GICR_WAKER 0x0014u
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_CTLR_DPG_MASK (7u << 24)
#define GIC_FRAME 0x10000u
#define GIC_REDIST_STRIDE 0x20000u

/*
 * Identification as QEMU's models report it: implementer Arm (0x43b); PIDR2.ArchRev 2 or 3
 * (IHI0069 §12.1.3). GICD_TYPER on v3: IDbits 16 (15 in [23:19]), A3V, No1N (IHI0069 §12.9.38).
 */
#define GIC_IIDR_V2 0x0100043bu
#define GIC_IIDR_V3 0x0300043bu
#define GIC_PIDR2_V2 0x2bu
#define GIC_PIDR2_V3 0x3bu
#define GICD_TYPER_SECURITY (1u << 10)
#define GICD_TYPER_V3_BITS ((15u << 19) | (1u << 24) | (1u << 25))

/* SGIR fields (GICv2 (IHI0048) §4.3.15). */
#define GICD_SGIR_FILTER_SHIFT 24
#define GICD_SGIR_TARGETS_SHIFT 16
#define GICD_SGIR_NSATT (1u << 15)

/* The byte of value a byte-wide register field at byte i gets, if byte_mask covers it. */
static inline bool gic_byte_written(uint32_t byte_mask, unsigned i)
{
	return (byte_mask >> (8 * i)) & 0xffu;
}

/* Reads one bit-per-interrupt register word (field is the state it reports). */
static uint32_t gic_bits_read(struct emu_gic_state *gic, unsigned pe, bool secure, unsigned first,
			      unsigned limit, unsigned word, unsigned reg)
{
	uint32_t value = 0;

	for (unsigned b = 0; b < 32; b++) {
		unsigned intid = word * 32 + b;
		const struct emu_gic_irq *irq = emu_gic_irq(gic, pe, intid);
		bool bit = false;

		if (intid < first || intid >= limit || irq == NULL ||
		    !gic_may_touch(gic, pe, intid, secure))
			continue;
		switch (reg) {
		case GIC_IGROUPR:
			bit = irq->group1;
			break;
		case GIC_ISENABLER:
		case GIC_ICENABLER:
			bit = irq->enabled;
			break;
		case GIC_ISPENDR:
		case GIC_ICPENDR:
			bit = gic_is_pending(irq);
			break;
		case GIC_ISACTIVER:
		case GIC_ICACTIVER:
			bit = irq->active;
			break;
		case GIC_IGRPMODR:
			bit = irq->grpmod;
			break;
		default:
			break;
		}
		value |= (uint32_t)bit << b;
	}
	return value;
}

/* Writes one bit-per-interrupt register word. */
static void gic_bits_write(struct emu_gic_state *gic, unsigned pe, bool secure, unsigned first,
			   unsigned limit, unsigned word, unsigned reg, uint32_t value)
{
	for (unsigned b = 0; b < 32; b++) {
		unsigned intid = word * 32 + b;
		struct emu_gic_irq *irq = gic_irq_mut(gic, pe, intid);
		bool bit = (value >> b) & 1u;

		if (intid < first || intid >= limit || irq == NULL ||
		    !gic_may_touch(gic, pe, intid, secure))
			continue;
		switch (reg) {
		case GIC_IGROUPR:
			irq->group1 = bit;
			break;
		case GIC_IGRPMODR:
			irq->grpmod = bit;
			break;
		case GIC_ISENABLER:
			irq->enabled |= bit;
			break;
		case GIC_ICENABLER:
			/* GICv2 SGI enables are RAO/WI (see emu_gic_init). */
			if (gic_is_v3(gic) || intid >= EMU_GIC_SGI_COUNT)
				irq->enabled &= !bit;
			break;
		case GIC_ISPENDR:
			/* GICv2 SGIs are pended per source through GICD_SPENDSGIR only. */
			if (bit && (gic_is_v3(gic) || intid >= EMU_GIC_SGI_COUNT))
				irq->pending = true;
			break;
		case GIC_ICPENDR:
			if (bit && (gic_is_v3(gic) || intid >= EMU_GIC_SGI_COUNT))
				irq->pending = false;
			break;
		case GIC_ISACTIVER:
			irq->active |= bit;
			break;
		case GIC_ICACTIVER:
			irq->active &= !bit;
			break;
		default:
			break;
		}
	}
	gic_changed(gic, first < EMU_GIC_PRIVATE && limit <= EMU_GIC_PRIVATE ? pe : ~0u);
}

bool gic_bank_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
		   unsigned first, unsigned limit, uint32_t *value)
{
	unsigned reg, base = (unsigned)offset & ~3u;

	*value = 0;
	if (offset < GIC_IGROUPR || offset >= GIC_BANK_END)
		return false;
	if (base >= GIC_IPRIORITYR && base < GIC_ITARGETSR) {
		for (unsigned i = 0; i < 4; i++) {
			unsigned intid = base - GIC_IPRIORITYR + i;
			const struct emu_gic_irq *irq = emu_gic_irq(gic, pe, intid);
			unsigned prio;

			if (intid < first || intid >= limit || irq == NULL ||
			    !gic_may_touch(gic, pe, intid, secure))
				continue;
			prio = irq->priority;
			if (!secure && !gic_ds(gic))
				prio = gic_ns_priority_read(prio);
			*value |= (uint32_t)prio << (8 * i);
		}
		return true;
	}
	if (base >= GIC_ITARGETSR && base < GIC_ICFGR) {
		if (gic_is_v3(gic))
			return true;
		for (unsigned i = 0; i < 4; i++) {
			unsigned intid = base - GIC_ITARGETSR + i;
			const struct emu_gic_irq *irq = emu_gic_irq(gic, pe, intid);

			if (intid >= limit || irq == NULL || !gic_may_touch(gic, pe, intid, secure))
				continue;
			/* Private interrupts target the reading CPU (IHI0048 §4.3.12). */
			*value |= (uint32_t)(intid < EMU_GIC_PRIVATE ? 1u << pe : irq->targets)
				  << (8 * i);
		}
		return true;
	}
	if (base >= GIC_ICFGR && base < GIC_IGRPMODR) {
		for (unsigned f = 0; f < 16; f++) {
			unsigned intid = (base - GIC_ICFGR) * 4 + f;
			const struct emu_gic_irq *irq = emu_gic_irq(gic, pe, intid);

			if (intid < first || intid >= limit || irq == NULL ||
			    !gic_may_touch(gic, pe, intid, secure))
				continue;
			*value |= (uint32_t)irq->edge << (2 * f + 1);
		}
		return true;
	}
	if (base >= GIC_NSACR)
		return true;
	reg = base & ~0x7fu;
	if (reg == GIC_IGRPMODR && (!gic_is_v3(gic) || gic_ds(gic)))
		return true;
	/* Group registers are secure: RAZ/WI to non-secure accesses with DS clear (as QEMU). */
	if ((reg == GIC_IGROUPR || reg == GIC_IGRPMODR) && !secure && !gic_ds(gic))
		return true;
	*value = gic_bits_read(gic, pe, secure, first, limit, (base & 0x7fu) / 4, reg);
	return true;
}

bool gic_bank_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
		    unsigned first, unsigned limit, uint32_t value, uint32_t byte_mask)
{
	unsigned reg, base = (unsigned)offset & ~3u;

	if (offset < GIC_IGROUPR || offset >= GIC_BANK_END)
		return false;
	if (base >= GIC_IPRIORITYR && base < GIC_ITARGETSR) {
		for (unsigned i = 0; i < 4; i++) {
			unsigned intid = base - GIC_IPRIORITYR + i;
			struct emu_gic_irq *irq = gic_irq_mut(gic, pe, intid);
			unsigned prio = (value >> (8 * i)) & 0xffu;

			if (!gic_byte_written(byte_mask, i) || intid < first || intid >= limit ||
			    irq == NULL || !gic_may_touch(gic, pe, intid, secure))
				continue;
			if (!secure && !gic_ds(gic))
				prio = gic_ns_priority_write(prio);
			irq->priority = (uint8_t)(prio & GIC_PRIORITY_MASK);
			gic_changed_intid(gic, pe, intid);
		}
		return true;
	}
	if (base >= GIC_ITARGETSR && base < GIC_ICFGR) {
		if (gic_is_v3(gic))
			return true;
		for (unsigned i = 0; i < 4; i++) {
			unsigned intid = base - GIC_ITARGETSR + i;
			struct emu_gic_irq *irq = gic_irq_mut(gic, pe, intid);

			if (!gic_byte_written(byte_mask, i) || intid < EMU_GIC_PRIVATE ||
			    irq == NULL || !gic_may_touch(gic, pe, intid, secure))
				continue;
			irq->targets = (uint8_t)((value >> (8 * i)) & ((1u << gic->pe_count) - 1u));
			gic_changed(gic, ~0u);
		}
		return true;
	}
	if (base >= GIC_ICFGR && base < GIC_IGRPMODR) {
		for (unsigned f = 0; f < 16; f++) {
			unsigned intid = (base - GIC_ICFGR) * 4 + f;
			struct emu_gic_irq *irq = gic_irq_mut(gic, pe, intid);

			/* SGIs are always edge-triggered: their fields are read-only. */
			if (!((byte_mask >> (2 * f + 1)) & 1u) || intid < EMU_GIC_SGI_COUNT ||
			    intid < first || intid >= limit || irq == NULL ||
			    !gic_may_touch(gic, pe, intid, secure))
				continue;
			irq->edge = (value >> (2 * f + 1)) & 1u;
			gic_changed_intid(gic, pe, intid);
		}
		return true;
	}
	if (base >= GIC_NSACR)
		return true;
	reg = base & ~0x7fu;
	if (reg == GIC_IGRPMODR && (!gic_is_v3(gic) || gic_ds(gic)))
		return true;
	if ((reg == GIC_IGROUPR || reg == GIC_IGRPMODR) && !secure && !gic_ds(gic))
		return true;
	gic_bits_write(gic, pe, secure, first, limit, (base & 0x7fu) / 4, reg, value & byte_mask);
	return true;
}

/* GICD_CTLR as an access in the given state reads it (IHI0069 §12.9.4, IHI0048 §4.3.1). */
static uint32_t gic_dist_ctlr_read(const struct emu_gic_state *gic, bool secure)
{
	uint32_t c = gic->dist_ctlr;

	if (secure || gic_ds(gic))
		return c;
	if (!gic_is_v3(gic))
		return (c & GIC_CTLR_ENABLE_G1NS) ? 1u : 0u;
	/* Non-secure view: EnableGrp1A in bit 1, ARE_NS in bit 4. */
	return (c & GIC_CTLR_ENABLE_G1NS) | ((c & GIC_CTLR_ARE_NS) ? 1u << 4 : 0u);
}

static void gic_dist_ctlr_write(struct emu_gic_state *gic, bool secure, uint32_t value)
{
	uint32_t keep = gic->dist_ctlr;

	if (!gic_is_v3(gic)) {
		if (secure)
			keep = value & (GIC_CTLR_ENABLE_G0 | GIC_CTLR_ENABLE_G1NS);
		else
			keep = (keep & ~GIC_CTLR_ENABLE_G1NS) |
			       ((value & 1u) ? GIC_CTLR_ENABLE_G1NS : 0u);
	} else if (secure || gic_ds(gic)) {
		uint32_t enables = GIC_CTLR_ENABLE_G0 | GIC_CTLR_ENABLE_G1NS |
				   (gic_ds(gic) ? 0u : GIC_CTLR_ENABLE_G1S);

		keep = (keep & ~enables) | (value & enables);
		/* DS may be set by a secure write and then stays set (IHI0069 §12.9.4). */
		if (secure && (value & GIC_CTLR_DS))
			keep = (keep & ~GIC_CTLR_ENABLE_G1S) | GIC_CTLR_DS;
	} else {
		keep = (keep & ~GIC_CTLR_ENABLE_G1NS) |
		       ((value & (1u << 1)) ? GIC_CTLR_ENABLE_G1NS : 0u);
	}
	gic->dist_ctlr = keep;
	gic_changed(gic, ~0u);
}

static uint32_t gic_dist_typer(const struct emu_gic_state *gic)
{
	uint32_t t = gic->intid_count / 32u - 1u;

	t |= (gic->pe_count > 8 ? 7u : gic->pe_count - 1u) << 5;
	if (!gic_ds(gic))
		t |= GICD_TYPER_SECURITY;
	if (gic_is_v3(gic))
		t |= GICD_TYPER_V3_BITS;
	return t;
}

/* GICD_IROUTER<n> halves (v3, SPIs only): hi selects bits [63:32]. */
static uint32_t gic_irouter_read(struct emu_gic_state *gic, bool secure, uint64_t offset)
{
	unsigned intid = (unsigned)((offset - GICD_IROUTER) / 8);
	const struct emu_gic_irq *irq = emu_gic_irq(gic, 0, intid);

	if (intid < EMU_GIC_PRIVATE || irq == NULL || !gic_may_touch(gic, 0, intid, secure))
		return 0;
	return (uint32_t)(offset & 4u ? irq->route >> 32 : irq->route);
}

static void gic_irouter_write(struct emu_gic_state *gic, bool secure, uint64_t offset,
			      uint32_t value)
{
	unsigned intid = (unsigned)((offset - GICD_IROUTER) / 8);
	struct emu_gic_irq *irq = gic_irq_mut(gic, 0, intid);

	if (intid < EMU_GIC_PRIVATE || irq == NULL || !gic_may_touch(gic, 0, intid, secure))
		return;
	if (offset & 4u)
		irq->route = (irq->route & UINT64_C(0xffffffff)) | (uint64_t)(value & 0xffu) << 32;
	else
		irq->route = (irq->route & ~UINT64_C(0xffffffff)) | (value & 0x80ffffffu);
	gic_changed(gic, ~0u);
}

/* GICD_SGIR (v2): a target list, all but self, or self (IHI0048 §4.3.15). */
static void gic_sgir_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint32_t value)
{
	unsigned filter = (value >> GICD_SGIR_FILTER_SHIFT) & 3u;
	uint64_t all = (UINT64_C(1) << gic->pe_count) - 1u, targets;

	switch (filter) {
	case 0:
		targets = (value >> GICD_SGIR_TARGETS_SHIFT) & 0xffu;
		break;
	case 1:
		targets = all & ~(UINT64_C(1) << pe);
		break;
	case 2:
		targets = UINT64_C(1) << pe;
		break;
	default:
		return; /* reserved */
	}
	emu_gic_send_sgi(gic, pe, secure, value & 0xfu, targets & all, EMU_GIC_SGI_V2,
			 (value & GICD_SGIR_NSATT) != 0);
}

/* GICD_CPENDSGIR / SPENDSGIR (v2): a byte per SGI of the accessing CPU, a bit per source. */
static uint32_t gic_sgi_sources_read(struct emu_gic_state *gic, unsigned pe, bool secure,
				     uint64_t offset)
{
	unsigned first = (unsigned)(offset & 0xcu);
	uint32_t value = 0;

	for (unsigned i = 0; i < 4; i++) {
		if (gic_may_touch(gic, pe, first + i, secure))
			value |= (uint32_t)gic->priv[pe][first + i].sgi_sources << (8 * i);
	}
	return value;
}

static void gic_sgi_sources_write(struct emu_gic_state *gic, unsigned pe, bool secure,
				  uint64_t offset, uint32_t value, uint32_t byte_mask, bool set)
{
	unsigned first = (unsigned)(offset & 0xcu);

	for (unsigned i = 0; i < 4; i++) {
		struct emu_gic_irq *irq = &gic->priv[pe][first + i];
		uint8_t bits = (uint8_t)((value & byte_mask) >> (8 * i));

		if (!gic_may_touch(gic, pe, first + i, secure))
			continue;
		bits &= (uint8_t)((1u << gic->pe_count) - 1u);
		irq->sgi_sources = set ? irq->sgi_sources | bits : irq->sgi_sources & ~bits;
		irq->pending = irq->sgi_sources != 0;
	}
	gic_changed(gic, pe);
}

uint32_t gic_dist_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset)
{
	bool v3 = gic_is_v3(gic);
	uint32_t value;

	switch (offset) {
	case GICD_CTLR:
		return gic_dist_ctlr_read(gic, secure);
	case GICD_TYPER:
		return gic_dist_typer(gic);
	case GICD_IIDR:
		return v3 ? GIC_IIDR_V3 : GIC_IIDR_V2;
	case GIC_PIDR2:
		return v3 ? GIC_PIDR2_V3 : 0u;
	case GICD_V2_PIDR2:
		return v3 ? 0u : GIC_PIDR2_V2;
	default:
		break;
	}
	if (gic_bank_read(gic, pe, secure, offset, v3 ? EMU_GIC_PRIVATE : 0, gic->intid_count,
			  &value))
		return value;
	if (!v3 && offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 0x10u)
		return gic_sgi_sources_read(gic, pe, secure, offset);
	if (v3 && offset >= GICD_IROUTER && offset < GICD_IROUTER + 8u * EMU_GIC_MAX_INTIDS)
		return gic_irouter_read(gic, secure, offset);
	return 0;
}

void gic_dist_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
		    uint32_t value, uint32_t byte_mask)
{
	bool v3 = gic_is_v3(gic);

	if (offset == GICD_CTLR) {
		if (byte_mask == 0xffffffffu)
			gic_dist_ctlr_write(gic, secure, value);
		return;
	}
	if (gic_bank_write(gic, pe, secure, offset, v3 ? EMU_GIC_PRIVATE : 0, gic->intid_count,
			   value, byte_mask))
		return;
	if (!v3 && offset == GICD_SGIR && byte_mask == 0xffffffffu) {
		gic_sgir_write(gic, pe, secure, value);
		return;
	}
	if (!v3 && offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 0x10u) {
		gic_sgi_sources_write(gic, pe, secure, offset, value, byte_mask,
				      offset >= GICD_SPENDSGIR);
		return;
	}
	if (v3 && offset >= GICD_IROUTER && offset < GICD_IROUTER + 8u * EMU_GIC_MAX_INTIDS &&
	    byte_mask == 0xffffffffu)
		gic_irouter_write(gic, secure, offset, value);
}

/* GICR_TYPER (IHI0069 §12.11.35): affinity, processor number, Last. */
static uint64_t gic_redist_typer(const struct emu_gic_state *gic, unsigned pe)
{
	uint64_t m = gic->mpidr[pe];
	uint64_t aff = (m & 0xffffffu) | ((m >> 32) & 0xffu) << 24;

	return aff << 32 | (uint64_t)pe << 8 | (pe + 1 == gic->pe_count ? 1u << 4 : 0u);
}

/* ProcessorSleep and ChildrenAsleep are secure-only with DS clear (IHI0069 §12.11.42). */
static bool gic_waker_visible(const struct emu_gic_state *gic, bool secure)
{
	return secure || gic_ds(gic);
}

uint32_t gic_redist_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset)
{
	uint32_t value;

	if (offset >= GIC_FRAME) {
		gic_bank_read(gic, pe, secure, offset - GIC_FRAME, 0, EMU_GIC_PRIVATE, &value);
		return value;
	}
	switch (offset) {
	case GICR_CTLR:
		return gic->redist[pe].ctlr;
	case GICR_IIDR:
		return GIC_IIDR_V3;
	case GICR_TYPER:
		return (uint32_t)gic_redist_typer(gic, pe);
	case GICR_TYPER_HI:
		return (uint32_t)(gic_redist_typer(gic, pe) >> 32);
	case GICR_WAKER:
		return gic_waker_visible(gic, secure) ? gic->redist[pe].waker : 0u;
	case GIC_PIDR2:
		return GIC_PIDR2_V3;
	default:
		return 0;
	}
}

void gic_redist_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
		      uint32_t value, uint32_t byte_mask)
{
	if (offset >= GIC_FRAME) {
		gic_bank_write(gic, pe, secure, offset - GIC_FRAME, 0, EMU_GIC_PRIVATE, value,
			       byte_mask);
		return;
	}
	if (byte_mask != 0xffffffffu)
		return;
	switch (offset) {
	case GICR_CTLR:
		gic->redist[pe].ctlr = value & GICR_CTLR_DPG_MASK;
		break;
	case GICR_WAKER:
		if (!gic_waker_visible(gic, secure))
			break;
		/* The handshake completes at once: ChildrenAsleep follows ProcessorSleep. */
		gic->redist[pe].waker = (value & GIC_WAKER_SLEEP)
						? GIC_WAKER_SLEEP | GICR_WAKER_CHILDREN_ASLEEP
						: 0u;
		gic_changed(gic, pe);
		break;
	default:
		break;
	}
}
