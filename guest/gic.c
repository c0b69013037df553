/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GIC driver behind sdk/gic.h: GICv3 (IHI0069) register offsets of the distributor, the
 * redistributor's RD_base and SGI_base frames and the ICC_* system registers; GICv2 (IHI0048)
 * GICD and GICC offsets.
 */
#include <sdk/gic.h>
#include <sdk/sysreg.h>

#define GICD_CTLR 0x0000u
#define GICD_IGROUPR 0x0080u
#define GICD_ISENABLER 0x0100u
#define GICD_ICENABLER 0x0180u
#define GICD_ISPENDR 0x0200u
#define GICD_IPRIORITYR 0x0400u
#define GICD_ITARGETSR 0x0800u
#define GICD_SGIR 0x0f00u
#define GICD_IROUTER 0x6000u
/*
 * GICD_CTLR v2: EnableGrp0 | EnableGrp1 as a GIC without Security Extensions (QEMU's virt
 * without EL3) reads it; through the non-secure view of one with them, bit 0 enables group 1
 * and bit 1 is ignored. v3 non-secure view: EnableGrp1A, ARE_NS.
 */
#define GICD_CTLR_V2_ENABLE 0x3u
#define GICD_CTLR_V3_GRP1A 0x2u
#define GICD_CTLR_V3_ARE_NS 0x10u
#define GICD_CTLR_RWP 0x80000000u

#define GICR_WAKER 0x0014u
#define GICR_WAKER_PROCESSOR_SLEEP 0x2u
#define GICR_WAKER_CHILDREN_ASLEEP 0x4u
#define GICR_SGI_BASE 0x10000u

#define GICC_CTLR 0x0000u
#define GICC_PMR 0x0004u
#define GICC_BPR 0x0008u
#define GICC_IAR 0x000cu
#define GICC_EOIR 0x0010u
#define GICC_RPR 0x0014u
/*
 * GICC_CTLR: EnableGrp0 | EnableGrp1 | AckCtl, so that a view that also sees group 0 (a GIC
 * without Security Extensions) acknowledges the group 1 interrupts this driver uses; the
 * non-secure view takes bit 0 as EnableGrp1 and ignores the others.
 */
#define GICC_CTLR_ENABLE 0x7u

static inline void sdk_mmio_w32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline uint32_t sdk_mmio_r32(uintptr_t addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void sdk_mmio_w8(uintptr_t addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}

static inline void sdk_mmio_w64(uintptr_t addr, uint64_t v)
{
	*(volatile uint64_t *)addr = v;
}

struct sdk_gic sdk_gic_virt(unsigned version)
{
	struct sdk_gic g = {
		.version = version,
		.dist = SDK_GIC_VIRT_DIST,
		.cpu = SDK_GIC_VIRT_CPU,
		.redist = SDK_GIC_VIRT_REDIST,
		.mpidr = sdk_read_mpidr() & 0xff00ffffffull,
	};

	return g;
}

/* The frame an INTID's banked registers are in: SGI_base for SGIs and PPIs on v3. */
static uintptr_t sdk_gic_bank(const struct sdk_gic *g, unsigned intid)
{
	if (g->version == 3 && intid < 32)
		return g->redist + GICR_SGI_BASE;
	return g->dist;
}

void sdk_gic_init(const struct sdk_gic *g)
{
	if (g->version != 3) {
		sdk_mmio_w32(g->dist + GICD_CTLR, GICD_CTLR_V2_ENABLE);
		sdk_mmio_w32(g->cpu + GICC_PMR, 0xff);
		sdk_mmio_w32(g->cpu + GICC_BPR, 0);
		sdk_mmio_w32(g->cpu + GICC_CTLR, GICC_CTLR_ENABLE);
		return;
	}
	sdk_mmio_w32(g->dist + GICD_CTLR, GICD_CTLR_V3_ARE_NS | GICD_CTLR_V3_GRP1A);
	while ((sdk_mmio_r32(g->dist + GICD_CTLR) & GICD_CTLR_RWP) != 0)
		;
	sdk_mmio_w32(g->redist + GICR_WAKER,
		     sdk_mmio_r32(g->redist + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
	while ((sdk_mmio_r32(g->redist + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) != 0)
		;
	if (sdk_current_el() == 2)
		sdk_write_sysreg(S3_4_C12_C9_5,
				 sdk_read_sysreg(S3_4_C12_C9_5) | 0x9u);          /* SRE_EL2 */
	sdk_write_sysreg(S3_0_C12_C12_5, sdk_read_sysreg(S3_0_C12_C12_5) | 0x1u); /* SRE_EL1 */
	sdk_isb();
	sdk_write_sysreg(S3_0_C4_C6_0, 0xff); /* ICC_PMR_EL1 */
	sdk_write_sysreg(S3_0_C12_C12_3, 0);  /* ICC_BPR1_EL1 */
	sdk_write_sysreg(S3_0_C12_C12_7, 1);  /* ICC_IGRPEN1_EL1 */
	sdk_isb();
}

void sdk_gic_enable(const struct sdk_gic *g, unsigned intid, uint8_t prio)
{
	uintptr_t bank = sdk_gic_bank(g, intid);
	uint32_t bit = 1u << (intid % 32);

	sdk_mmio_w32(bank + GICD_IGROUPR + 4 * (intid / 32),
		     sdk_mmio_r32(bank + GICD_IGROUPR + 4 * (intid / 32)) | bit);
	sdk_mmio_w8(bank + GICD_IPRIORITYR + intid, prio);
	if (intid >= 32) {
		if (g->version == 3)
			sdk_mmio_w64(g->dist + GICD_IROUTER + 8 * intid, g->mpidr);
		else
			sdk_mmio_w8(g->dist + GICD_ITARGETSR + intid, 1);
	}
	sdk_mmio_w32(bank + GICD_ISENABLER + 4 * (intid / 32), bit);
}

void sdk_gic_disable(const struct sdk_gic *g, unsigned intid)
{
	sdk_mmio_w32(sdk_gic_bank(g, intid) + GICD_ICENABLER + 4 * (intid / 32),
		     1u << (intid % 32));
}

unsigned sdk_gic_ack(const struct sdk_gic *g)
{
	if (g->version == 3)
		return (unsigned)(sdk_read_sysreg(S3_0_C12_C12_0) & 0xffffffu); /* ICC_IAR1_EL1 */
	return sdk_mmio_r32(g->cpu + GICC_IAR) & 0x3ffu;
}

void sdk_gic_eoi(const struct sdk_gic *g, unsigned intid)
{
	if (g->version == 3) {
		sdk_write_sysreg(S3_0_C12_C12_1, intid); /* ICC_EOIR1_EL1 */
		sdk_isb();
		return;
	}
	sdk_mmio_w32(g->cpu + GICC_EOIR, intid);
}

void sdk_gic_set_pmr(const struct sdk_gic *g, uint8_t pmr)
{
	if (g->version == 3) {
		sdk_write_sysreg(S3_0_C4_C6_0, pmr); /* ICC_PMR_EL1 */
		sdk_isb();
		return;
	}
	sdk_mmio_w32(g->cpu + GICC_PMR, pmr);
}

unsigned sdk_gic_running_priority(const struct sdk_gic *g)
{
	if (g->version == 3)
		return (unsigned)(sdk_read_sysreg(S3_0_C12_C11_3) & 0xffu); /* ICC_RPR_EL1 */
	return sdk_mmio_r32(g->cpu + GICC_RPR) & 0xffu;
}

bool sdk_gic_pending(const struct sdk_gic *g, unsigned intid)
{
	return (sdk_mmio_r32(sdk_gic_bank(g, intid) + GICD_ISPENDR + 4 * (intid / 32)) &
		(1u << (intid % 32))) != 0;
}

void sdk_gic_send_sgi(const struct sdk_gic *g, unsigned intid, uint16_t targets)
{
	if (g->version == 3) {
		uint64_t aff = g->mpidr;
		/* ICC_SGI1R_EL1: Aff3 [55:48], Aff2 [39:32], Aff1 [23:16], INTID [27:24], list. */
		uint64_t v = ((aff >> 32) & 0xffull) << 48 | ((aff >> 16) & 0xffull) << 32 |
			     ((aff >> 8) & 0xffull) << 16 | (uint64_t)(intid & 0xfu) << 24 |
			     targets;

		sdk_write_sysreg(S3_0_C12_C11_5, v);
		sdk_isb();
		return;
	}
	sdk_mmio_w32(g->dist + GICD_SGIR, (uint32_t)(targets & 0xffu) << 16 | (intid & 0xfu));
}
