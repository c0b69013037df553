/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GICv2 CPU interface (GICC, GICv2 (IHI0048) §4.4), memory-mapped and banked per CPU: the
 * CPU that accesses it sees its own. Group 0 is the secure group, group 1 the non-secure one
 * (the model's EMU_GIC_G1NS). Secure accesses see CTLR's full view, BPR as group 0's binary
 * point, IAR/EOIR/HPPIR for group 0 (and group 1 with AckCtl), and the AIAR/AEOIR/AHPPIR/ABPR
 * aliases for group 1; non-secure accesses see group 1 only, with the non-secure views of PMR
 * and RPR (IHI0048 §3.6.2).
 */
#include "emu/gic_internal.h"

#define GICC_CTLR 0x00u
#define GICC_PMR 0x04u
#define GICC_BPR 0x08u
#define GICC_IAR 0x0cu
#define GICC_EOIR 0x10u
#define GICC_RPR 0x14u
#define GICC_HPPIR 0x18u
#define GICC_ABPR 0x1cu
#define GICC_AIAR 0x20u
#define GICC_AEOIR 0x24u
#define GICC_AHPPIR 0x28u
#define GICC_APR0 0xd0u
#define GICC_NSAPR0 0xe0u
#define GICC_IIDR 0xfcu
#define GICC_DIR 0x1000u

/* GICC_CTLR's secure view (IHI0048 §4.4.1); the non-secure view has EnableGrp1 in bit 0. */
#define GICC_CTLR_ENABLE_G0 (1u << 0)
#define GICC_CTLR_ENABLE_G1 (1u << 1)
#define GICC_CTLR_ACKCTL (1u << 2)
#define GICC_CTLR_FIQEN (1u << 3)
#define GICC_CTLR_CBPR (1u << 4)
#define GICC_CTLR_EOIMODES (1u << 9)
#define GICC_CTLR_EOIMODENS (1u << 10)
#define GICC_CTLR_NS_EOIMODENS (1u << 9)

/* GICC_IIDR: architecture version 2, implementer Arm (as QEMU's GICv2). */
#define GICC_IIDR_VALUE 0x0002043bu
/* A secure GICC_IAR that finds a group 1 interrupt without AckCtl (IHI0048 §4.4.4). */
#define GIC_INTID_GROUP1_PENDING 1022u
#define GICC_IAR_CPUID_SHIFT 10

static uint32_t gicc_ctlr_read(const struct emu_gic_cpuif *c, bool secure)
{
	if (!secure)
		return (uint32_t)c->igrpen1[0] | (c->eoimode[0] ? GICC_CTLR_NS_EOIMODENS : 0u);
	return (c->igrpen0 ? GICC_CTLR_ENABLE_G0 : 0u) |
	       (c->igrpen1[0] ? GICC_CTLR_ENABLE_G1 : 0u) | (c->ackctl ? GICC_CTLR_ACKCTL : 0u) |
	       (c->fiqen ? GICC_CTLR_FIQEN : 0u) | (c->cbpr[0] ? GICC_CTLR_CBPR : 0u) |
	       (c->eoimode[1] ? GICC_CTLR_EOIMODES : 0u) |
	       (c->eoimode[0] ? GICC_CTLR_EOIMODENS : 0u);
}

static void gicc_ctlr_write(struct emu_gic_cpuif *c, bool secure, uint32_t v)
{
	if (!secure) {
		c->igrpen1[0] = v & 1u;
		c->eoimode[0] = (v & GICC_CTLR_NS_EOIMODENS) != 0;
		return;
	}
	c->igrpen0 = (v & GICC_CTLR_ENABLE_G0) != 0;
	c->igrpen1[0] = (v & GICC_CTLR_ENABLE_G1) != 0;
	c->ackctl = (v & GICC_CTLR_ACKCTL) != 0;
	c->fiqen = (v & GICC_CTLR_FIQEN) != 0;
	/* CBPR: group 1 preemption uses GICC_BPR (model: the non-secure bank's CBPR). */
	c->cbpr[0] = (v & GICC_CTLR_CBPR) != 0;
	c->eoimode[1] = (v & GICC_CTLR_EOIMODES) != 0;
	c->eoimode[0] = (v & GICC_CTLR_EOIMODENS) != 0;
}

/* The groups a GICC_IAR / GICC_HPPIR access may report, and what it reads otherwise. */
static unsigned gicc_groups(const struct emu_gic_cpuif *c, bool secure, bool alias)
{
	if (!secure || alias)
		return 1u << EMU_GIC_G1NS;
	return 1u << EMU_GIC_G0 | (c->ackctl ? 1u << EMU_GIC_G1NS : 0u);
}

/* GICC_IAR / AIAR: acknowledges, with the source CPU of an SGI in bits [12:10]. */
static uint32_t gicc_iar(struct emu_gic_state *gic, unsigned pe, bool secure, bool alias)
{
	struct emu_gic_cpuif *c = &gic->cpu[pe];
	struct gic_hppi h;
	unsigned source, intid;

	gic_hppi(gic, pe, &h);
	if (secure && !alias && !c->ackctl && h.intid != EMU_GIC_SPURIOUS &&
	    h.group == EMU_GIC_G1NS && gic_can_preempt(gic, pe, &h))
		return GIC_INTID_GROUP1_PENDING;
	intid = gic_acknowledge(gic, pe, gicc_groups(c, secure, alias), &source);
	if (intid < EMU_GIC_SGI_COUNT)
		intid |= source << GICC_IAR_CPUID_SHIFT;
	return intid;
}

/* GICC_HPPIR / AHPPIR: the pending INTID, without acknowledging it. */
static uint32_t gicc_hppir(struct emu_gic_state *gic, unsigned pe, bool secure, bool alias)
{
	const struct emu_gic_cpuif *c = &gic->cpu[pe];
	struct gic_hppi h;
	uint32_t value;

	gic_hppi(gic, pe, &h);
	if (h.intid == EMU_GIC_SPURIOUS)
		return EMU_GIC_SPURIOUS;
	if (!((gicc_groups(c, secure, alias) >> h.group) & 1u))
		return secure && !alias && h.group == EMU_GIC_G1NS ? GIC_INTID_GROUP1_PENDING
								   : EMU_GIC_SPURIOUS;
	value = h.intid;
	if (h.intid < EMU_GIC_SGI_COUNT)
		value |= (uint32_t)__builtin_ctz(gic->priv[pe][h.intid].sgi_sources)
			 << GICC_IAR_CPUID_SHIFT;
	return value;
}

/* GICC_EOIR / AEOIR: priority drop, then deactivation unless the state's EOImode is set. */
static void gicc_eoir(struct emu_gic_state *gic, unsigned pe, bool secure, bool alias,
		      uint32_t value)
{
	unsigned intid = value & 0x3ffu;
	const struct emu_gic_irq *irq = emu_gic_irq(gic, pe, intid);
	enum emu_gic_group group = EMU_GIC_G1NS;

	if (irq == NULL)
		return;
	if (secure && !alias)
		group = gic_group_of(gic, irq);
	if ((!secure || alias) && gic_group_of(gic, irq) != EMU_GIC_G1NS)
		return;
	if (!gic_priority_drop(gic, pe, group))
		return;
	if (!gic->cpu[pe].eoimode[secure && !alias ? 1 : 0])
		gic_deactivate(gic, pe, intid, secure);
}

uint32_t gic_cpuif_v2_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset)
{
	struct emu_gic_cpuif *c = &gic->cpu[pe];

	switch (offset) {
	case GICC_CTLR:
		return gicc_ctlr_read(c, secure);
	case GICC_PMR:
		return secure ? c->pmr : gic_ns_priority_read(c->pmr);
	case GICC_BPR:
		return secure ? c->bpr0 : c->bpr1[0];
	case GICC_IAR:
		return gicc_iar(gic, pe, secure, false);
	case GICC_RPR: {
		unsigned rpr = emu_gic_running_priority(gic, pe);

		return secure ? rpr : gic_ns_running_priority(rpr);
	}
	case GICC_HPPIR:
		return gicc_hppir(gic, pe, secure, false);
	case GICC_ABPR:
		return secure ? c->bpr1[0] : 0u;
	case GICC_AIAR:
		return secure ? gicc_iar(gic, pe, true, true) : EMU_GIC_SPURIOUS;
	case GICC_AHPPIR:
		return secure ? gicc_hppir(gic, pe, true, true) : EMU_GIC_SPURIOUS;
	case GICC_APR0:
		return secure ? c->ap0 : c->ap1[0];
	case GICC_NSAPR0:
		return secure ? c->ap1[0] : 0u;
	case GICC_IIDR:
		return GICC_IIDR_VALUE;
	default:
		return 0;
	}
}

void gic_cpuif_v2_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
			uint32_t value)
{
	struct emu_gic_cpuif *c = &gic->cpu[pe];
	unsigned bpr = value & 7u;

	switch (offset) {
	case GICC_CTLR:
		gicc_ctlr_write(c, secure, value);
		break;
	case GICC_PMR:
		if (secure)
			c->pmr = (uint8_t)(value & GIC_PRIORITY_MASK);
		else if (c->pmr & 0x80u)
			c->pmr = (uint8_t)(gic_ns_priority_write(value) & GIC_PRIORITY_MASK);
		break;
	case GICC_BPR:
		if (secure)
			c->bpr0 = (uint8_t)(bpr < GIC_MIN_BPR ? GIC_MIN_BPR : bpr);
		else
			c->bpr1[0] = (uint8_t)(bpr < GIC_MIN_BPR + 1 ? GIC_MIN_BPR + 1 : bpr);
		break;
	case GICC_ABPR:
		if (secure)
			c->bpr1[0] = (uint8_t)(bpr < GIC_MIN_BPR + 1 ? GIC_MIN_BPR + 1 : bpr);
		break;
	case GICC_EOIR:
		gicc_eoir(gic, pe, secure, false, value);
		break;
	case GICC_AEOIR:
		if (secure)
			gicc_eoir(gic, pe, true, true, value);
		break;
	case GICC_DIR:
		if (c->eoimode[secure ? 1 : 0])
			gic_deactivate(gic, pe, value & 0x3ffu, secure);
		break;
	case GICC_APR0:
		if (secure)
			c->ap0 = value;
		else
			c->ap1[0] = value;
		break;
	case GICC_NSAPR0:
		if (secure)
			c->ap1[0] = value;
		break;
	default:
		return;
	}
	gic_changed(gic, pe);
}
