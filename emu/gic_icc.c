/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GICv3 CPU interface's system registers, ICC_* (GICv3 (IHI0069) §12.2), served by the model
 * for the PE, security state and exception level of the access:
 * - ICC_IAR0/1, EOIR0/1, HPPIR0/1, DIR, RPR, PMR, BPR0/1, CTLR, SRE, IGRPEN0/1, AP0R0/AP1R0 and
 *   SGI0R/SGI1R/ASGI1R at EL1 and EL2, ICC_SRE_EL2 at EL2;
 * - registers banked by security state (BPR1, CTLR, IGRPEN1, AP1R0) have a secure and a
 *   non-secure copy (with GICD_CTLR.DS clear);
 * - with DS clear, non-secure accesses see the non-secure views of PMR and RPR (IHI0069
 *   §4.8.6), and group 0 registers read as zero / spurious and ignore writes: on hardware they
 *   trap to EL3 (SCR_EL3.FIQ, as TF-A sets it with an SPMC), where no guest code runs here.
 * UNDEFINED: everything at EL0, the _EL2 registers below EL2, the _EL3 registers, the ICH_* and
 * ICV_* virtualisation registers (not modelled), reads of write-only registers and writes of
 * read-only ones, and every ICC register of a GICv2 model (Cortex-A72 with a GICv2 has no
 * system-register interface: ID_AA64PFR0_EL1.GIC is 0 and QEMU's gic-version=2 makes them
 * UNDEFINED).
 */
#include "emu/gic_internal.h"

#define ICC_KEY(crn, crm, op2) EMU_SYSREG_KEY(3, 0, (crn), (crm), (op2))
#define ICC_PMR ICC_KEY(4, 6, 0)
#define ICC_IAR0 ICC_KEY(12, 8, 0)
#define ICC_EOIR0 ICC_KEY(12, 8, 1)
#define ICC_HPPIR0 ICC_KEY(12, 8, 2)
#define ICC_BPR0 ICC_KEY(12, 8, 3)
#define ICC_AP0R0 ICC_KEY(12, 8, 4)
#define ICC_AP0R3 ICC_KEY(12, 8, 7)
#define ICC_AP1R0 ICC_KEY(12, 9, 0)
#define ICC_AP1R3 ICC_KEY(12, 9, 3)
#define ICC_DIR ICC_KEY(12, 11, 1)
#define ICC_RPR ICC_KEY(12, 11, 3)
#define ICC_SGI1R ICC_KEY(12, 11, 5)
#define ICC_ASGI1R ICC_KEY(12, 11, 6)
#define ICC_SGI0R ICC_KEY(12, 11, 7)
#define ICC_IAR1 ICC_KEY(12, 12, 0)
#define ICC_EOIR1 ICC_KEY(12, 12, 1)
#define ICC_HPPIR1 ICC_KEY(12, 12, 2)
#define ICC_BPR1 ICC_KEY(12, 12, 3)
#define ICC_CTLR ICC_KEY(12, 12, 4)
#define ICC_SRE ICC_KEY(12, 12, 5)
#define ICC_IGRPEN0 ICC_KEY(12, 12, 6)
#define ICC_IGRPEN1 ICC_KEY(12, 12, 7)
#define ICC_SRE_EL2 EMU_SYSREG_KEY(3, 4, 12, 9, 5)

/* ICC_CTLR_EL1's read-only fields as QEMU's (0x8c00): PRIbits 4 (5 bits), IDbits 1, A3V. */
#define ICC_CTLR_RO                                                                                \
	((uint64_t)(EMU_GIC_PRIORITY_BITS - 1) << 8 | UINT64_C(1) << 11 | UINT64_C(1) << 15)
/* ICC_SRE_ELx: SRE, DFB, DIB read as one (and Enable at EL2). */
#define ICC_SRE_EL1_VALUE UINT64_C(0x7)
#define ICC_SRE_EL2_VALUE UINT64_C(0xf)

/* SGI generation register fields (IHI0069 §12.2.22). */
#define ICC_SGI_TARGETS_MASK UINT64_C(0xffff)
#define ICC_SGI_AFF1_SHIFT 16
#define ICC_SGI_INTID_SHIFT 24
#define ICC_SGI_AFF2_SHIFT 32
#define ICC_SGI_IRM (UINT64_C(1) << 40)
#define ICC_SGI_RS_SHIFT 44
#define ICC_SGI_AFF3_SHIFT 48

bool emu_gic_is_icc(uint32_t key)
{
	unsigned op0 = key >> 16, op1 = (key >> 12) & 0xf, crn = (key >> 8) & 0xf;
	unsigned crm = (key >> 4) & 0xf;

	if (key == ICC_PMR)
		return true;
	return op0 == 3 && (op1 == 0 || op1 == 4 || op1 == 6) && crn == 12 && crm >= 8;
}

/* The group 1 of the access's security state. */
static enum emu_gic_group icc_g1(const struct emu_gic_state *gic, bool secure)
{
	return secure && !gic_ds(gic) ? EMU_GIC_G1S : EMU_GIC_G1NS;
}

/* The bank of a register banked by security state (one bank with DS set: the non-secure). */
static unsigned icc_bank(const struct emu_gic_state *gic, bool secure)
{
	return secure && !gic_ds(gic) ? 1u : 0u;
}

/* Whether group 0 registers are out of reach of the access (non-secure with DS clear). */
static bool icc_g0_hidden(const struct emu_gic_state *gic, bool secure)
{
	return !secure && !gic_ds(gic);
}

/* HPPIR0/1 (IHI0069 §12.2.13-14): the pending INTID if it belongs to the register's group. */
static unsigned icc_hppir(const struct emu_gic_state *gic, unsigned pe, bool secure, bool g1)
{
	struct gic_hppi h;

	gic_hppi(gic, pe, &h);
	if (h.intid == EMU_GIC_SPURIOUS)
		return EMU_GIC_SPURIOUS;
	if (!g1)
		return h.group == EMU_GIC_G0 && !icc_g0_hidden(gic, secure) ? h.intid
									    : EMU_GIC_SPURIOUS;
	return h.group == icc_g1(gic, secure) ? h.intid : EMU_GIC_SPURIOUS;
}

/* BPR1's value as read: with CBPR set it reflects BPR0 (IHI0069 §12.2.5). */
static uint64_t icc_bpr1_read(const struct emu_gic_state *gic, unsigned pe, bool secure)
{
	const struct emu_gic_cpuif *c = &gic->cpu[pe];
	unsigned bank = icc_bank(gic, secure);

	if (c->cbpr[bank])
		return bank == 1 || gic_ds(gic) ? c->bpr0 : (c->bpr0 + 1u > 7u ? 7u : c->bpr0 + 1u);
	return c->bpr1[bank];
}

static uint64_t icc_ctlr_read(const struct emu_gic_state *gic, unsigned pe, bool secure)
{
	const struct emu_gic_cpuif *c = &gic->cpu[pe];
	unsigned bank = icc_bank(gic, secure);

	return ICC_CTLR_RO | (uint64_t)c->cbpr[bank] | (uint64_t)c->eoimode[bank] << 1 |
	       (uint64_t)c->pmhe << 6;
}

static void icc_ctlr_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t value)
{
	struct emu_gic_cpuif *c = &gic->cpu[pe];
	unsigned bank = icc_bank(gic, secure);

	c->cbpr[bank] = value & GIC_ICC_CTLR_CBPR;
	c->eoimode[bank] = (value & GIC_ICC_CTLR_EOIMODE) != 0;
	/* PMHE is an alias of ICC_CTLR_EL3's: read-only to non-secure accesses with DS clear. */
	if (secure || gic_ds(gic))
		c->pmhe = (value & GIC_ICC_CTLR_PMHE) != 0;
	gic_changed(gic, pe);
}

/* Reads the registers that are readable; false if the key is not one. */
static bool icc_read(struct emu_gic_state *gic, struct emu_gic_access at, uint32_t key,
		     uint64_t *value)
{
	struct emu_gic_cpuif *c = &gic->cpu[at.pe];
	bool hidden0 = icc_g0_hidden(gic, at.secure);
	unsigned source;

	switch (key) {
	case ICC_PMR:
		*value = at.secure || gic_ds(gic) ? c->pmr : gic_ns_priority_read(c->pmr);
		return true;
	case ICC_IAR0:
		*value = hidden0 ? EMU_GIC_SPURIOUS
				 : gic_acknowledge(gic, at.pe, 1u << EMU_GIC_G0, &source);
		return true;
	case ICC_IAR1:
		*value = gic_acknowledge(gic, at.pe, 1u << icc_g1(gic, at.secure), &source);
		return true;
	case ICC_HPPIR0:
	case ICC_HPPIR1:
		*value = icc_hppir(gic, at.pe, at.secure, key == ICC_HPPIR1);
		return true;
	case ICC_BPR0:
		*value = hidden0 ? 0 : c->bpr0;
		return true;
	case ICC_BPR1:
		*value = icc_bpr1_read(gic, at.pe, at.secure);
		return true;
	case ICC_RPR: {
		unsigned rpr = emu_gic_running_priority(gic, at.pe);

		*value = at.secure || gic_ds(gic) ? rpr : gic_ns_running_priority(rpr);
		return true;
	}
	case ICC_CTLR:
		*value = icc_ctlr_read(gic, at.pe, at.secure);
		return true;
	case ICC_SRE:
		*value = ICC_SRE_EL1_VALUE;
		return true;
	case ICC_IGRPEN0:
		*value = hidden0 ? 0 : c->igrpen0;
		return true;
	case ICC_IGRPEN1:
		*value = c->igrpen1[icc_bank(gic, at.secure)];
		return true;
	case ICC_AP0R0:
		*value = hidden0 ? 0 : c->ap0;
		return true;
	case ICC_AP1R0:
		*value = c->ap1[icc_bank(gic, at.secure)];
		return true;
	default:
		/* AP0R1-3 and AP1R1-3: RAZ/WI with 5 priority bits (IHI0069 §12.2.1). */
		if ((key > ICC_AP0R0 && key <= ICC_AP0R3) ||
		    (key > ICC_AP1R0 && key <= ICC_AP1R3)) {
			*value = 0;
			return true;
		}
		return false;
	}
}

/*
 * The PEs an SGI generation register names (IHI0069 §12.2.22): those whose Aff3.Aff2.Aff1
 * match and whose Aff0 is RS * 16 plus a set bit of the target list; with IRM, all but the
 * sender.
 */
static uint64_t icc_sgi_targets(const struct emu_gic_state *gic, unsigned self, uint64_t value)
{
	uint64_t targets = 0;
	uint64_t aff321 = ((value >> ICC_SGI_AFF3_SHIFT) & 0xffu) << 32 |
			  ((value >> ICC_SGI_AFF2_SHIFT) & 0xffu) << 16 |
			  ((value >> ICC_SGI_AFF1_SHIFT) & 0xffu) << 8;
	unsigned rs = (unsigned)(value >> ICC_SGI_RS_SHIFT) & 0xfu;

	for (unsigned pe = 0; pe < gic->pe_count; pe++) {
		uint64_t m = gic->mpidr[pe];
		unsigned aff0 = (unsigned)(m & 0xffu);

		if (value & ICC_SGI_IRM) {
			if (pe != self)
				targets |= UINT64_C(1) << pe;
			continue;
		}
		if ((m & UINT64_C(0xff00ffff00)) != aff321 || aff0 / 16u != rs)
			continue;
		if ((value & ICC_SGI_TARGETS_MASK) >> (aff0 % 16u) & 1u)
			targets |= UINT64_C(1) << pe;
	}
	return targets;
}

/* EOIR0/1 (IHI0069 §12.2.9-10): priority drop, and deactivation unless EOImode is set. */
static void icc_eoi(struct emu_gic_state *gic, struct emu_gic_access at, enum emu_gic_group group,
		    uint64_t value)
{
	unsigned intid = (unsigned)(value & 0xffffffu);
	const struct emu_gic_irq *irq;

	if (intid >= EMU_GIC_SPECIAL_FIRST && intid <= EMU_GIC_SPURIOUS)
		return;
	if (!gic_priority_drop(gic, at.pe, group))
		return;
	if (gic->cpu[at.pe].eoimode[icc_bank(gic, at.secure)])
		return;
	irq = emu_gic_irq(gic, at.pe, intid);
	if (irq != NULL && gic_group_of(gic, irq) == group)
		gic_deactivate(gic, at.pe, intid, at.secure);
}

/* Writes the registers that are writable; false if the key is not one. */
static bool icc_write(struct emu_gic_state *gic, struct emu_gic_access at, uint32_t key,
		      uint64_t value)
{
	struct emu_gic_cpuif *c = &gic->cpu[at.pe];
	bool hidden0 = icc_g0_hidden(gic, at.secure);
	unsigned bank = icc_bank(gic, at.secure), bpr = (unsigned)(value & 7u);

	switch (key) {
	case ICC_PMR:
		if (at.secure || gic_ds(gic))
			c->pmr = (uint8_t)(value & GIC_PRIORITY_MASK);
		else if (c->pmr & 0x80u)
			c->pmr = (uint8_t)(gic_ns_priority_write((unsigned)value) &
					   GIC_PRIORITY_MASK);
		gic_changed_priority(gic, at.pe);
		return true;
	case ICC_EOIR0:
		if (!hidden0)
			icc_eoi(gic, at, EMU_GIC_G0, value);
		return true;
	case ICC_EOIR1:
		icc_eoi(gic, at, icc_g1(gic, at.secure), value);
		return true;
	case ICC_DIR:
		/* Ignored unless EOImode splits priority drop from deactivation (as QEMU). */
		if (c->eoimode[bank])
			gic_deactivate(gic, at.pe, (unsigned)(value & 0xffffffu), at.secure);
		return true;
	case ICC_BPR0:
		if (!hidden0)
			c->bpr0 = (uint8_t)(bpr < GIC_MIN_BPR ? GIC_MIN_BPR : bpr);
		gic_changed_priority(gic, at.pe);
		return true;
	case ICC_BPR1:
		if (!c->cbpr[bank]) {
			unsigned min = bank == 1 ? GIC_MIN_BPR : GIC_MIN_BPR + 1;

			c->bpr1[bank] = (uint8_t)(bpr < min ? min : bpr);
		}
		gic_changed_priority(gic, at.pe);
		return true;
	case ICC_CTLR:
		icc_ctlr_write(gic, at.pe, at.secure, value);
		return true;
	case ICC_SRE:
		return true; /* SRE, DFB, DIB are RAO/WI */
	case ICC_IGRPEN0:
		if (!hidden0)
			c->igrpen0 = value & 1u;
		gic_changed(gic, at.pe);
		return true;
	case ICC_IGRPEN1:
		c->igrpen1[bank] = value & 1u;
		gic_changed(gic, at.pe);
		return true;
	case ICC_AP0R0:
		if (!hidden0)
			c->ap0 = (uint32_t)value;
		gic_changed(gic, at.pe);
		return true;
	case ICC_AP1R0:
		c->ap1[bank] = (uint32_t)value;
		gic_changed(gic, at.pe);
		return true;
	case ICC_SGI0R:
	case ICC_SGI1R:
	case ICC_ASGI1R:
		emu_gic_send_sgi(gic, at.pe, at.secure,
				 (unsigned)(value >> ICC_SGI_INTID_SHIFT) & 0xfu,
				 icc_sgi_targets(gic, at.pe, value),
				 key == ICC_SGI0R   ? EMU_GIC_SGI_G0
				 : key == ICC_SGI1R ? EMU_GIC_SGI_G1
						    : EMU_GIC_SGI_G1_ALT,
				 false);
		return true;
	default:
		return (key > ICC_AP0R0 && key <= ICC_AP0R3) ||
		       (key > ICC_AP1R0 && key <= ICC_AP1R3);
	}
}

/* Whether the access may reach key at all (EL and version checks); *result when not. */
static bool icc_reachable(const struct emu_gic_state *gic, struct emu_gic_access at, uint32_t key,
			  enum emu_gic_sysreg_result *result)
{
	unsigned op1 = (key >> 12) & 0xfu;

	*result = EMU_GIC_SYSREG_UNDEFINED;
	if (!emu_gic_is_icc(key)) {
		*result = EMU_GIC_SYSREG_NOT_GIC;
		return false;
	}
	if (gic == NULL || !gic_is_v3(gic) || at.pe >= gic->pe_count || at.el == 0)
		return false;
	if (op1 == 4)
		return key == ICC_SRE_EL2 && at.el >= 2;
	return op1 == 0;
}

enum emu_gic_sysreg_result emu_gic_sysreg_read(struct emu_gic_state *gic, struct emu_gic_access at,
					       uint32_t key, uint64_t *value)
{
	enum emu_gic_sysreg_result result;

	*value = 0;
	if (!icc_reachable(gic, at, key, &result))
		return result;
	if (key == ICC_SRE_EL2) {
		*value = ICC_SRE_EL2_VALUE;
		return EMU_GIC_SYSREG_DONE;
	}
	return icc_read(gic, at, key, value) ? EMU_GIC_SYSREG_DONE : EMU_GIC_SYSREG_UNDEFINED;
}

enum emu_gic_sysreg_result emu_gic_sysreg_write(struct emu_gic_state *gic, struct emu_gic_access at,
						uint32_t key, uint64_t value)
{
	enum emu_gic_sysreg_result result;

	if (!icc_reachable(gic, at, key, &result))
		return result;
	if (key == ICC_SRE_EL2)
		return EMU_GIC_SYSREG_DONE;
	return icc_write(gic, at, key, value) ? EMU_GIC_SYSREG_DONE : EMU_GIC_SYSREG_UNDEFINED;
}
