/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Drives the GIC by polling, with interrupts masked at the CPU: sets up the distributor, the
 * redistributor (GICv3) and the CPU interface as a non-secure driver does, sends itself an SGI
 * and takes it through the acknowledge and end-of-interrupt registers, in EOImode 0 and then
 * with priority drop and deactivation split (EOImode 1). ID_AA64PFR0_EL1.GIC chooses the
 * GICv3 system registers or the GICv2 CPU interface. The output is the same on QEMU's
 * -M virt and -M virt,gic-version=3 (without secure firmware) as under ffa-sim.
 */
#include <sdk/sdk.h>

#define GICD 0x08000000ul
#define GICC 0x08010000ul
#define GICR 0x080a0000ul
#define GICR_SGI (GICR + 0x10000ul)

#define SGI 1u
#define PRIO 0x80u

/* ICC_* by encoding (the assembler does not know them at -march=armv8-a). */
#define ICC_PMR S3_0_C4_C6_0
#define ICC_IAR1 S3_0_C12_C12_0
#define ICC_EOIR1 S3_0_C12_C12_1
#define ICC_HPPIR1 S3_0_C12_C12_2
#define ICC_CTLR S3_0_C12_C12_4
#define ICC_IGRPEN1 S3_0_C12_C12_7
#define ICC_DIR S3_0_C12_C11_1
#define ICC_RPR S3_0_C12_C11_3
#define ICC_SGI1R S3_0_C12_C11_5

/* One more expansion, so that the names above become encodings before they are stringised. */
#define rd_sys(reg) sdk_read_sysreg(reg)
#define wr_sys(reg, v) sdk_write_sysreg(reg, v)

static inline uint32_t rd32(unsigned long addr)
{
	return *(volatile uint32_t *)addr;
}

static inline void wr32(unsigned long addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline void wr8(unsigned long addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}

/* GICv3: wake the redistributor, group 1 with affinity routing, the SGI enabled. */
static void v3_setup(void)
{
	wr32(GICR + 0x14, rd32(GICR + 0x14) & ~2u);
	for (unsigned i = 0; i < 1000 && (rd32(GICR + 0x14) & 4u); i++)
		;
	sdk_printf("waker=%x\n", rd32(GICR + 0x14) & 6u);
	wr32(GICD + 0x0, 0x12); /* ARE_NS, EnableGrp1A */
	wr32(GICR_SGI + 0x80, ~0u);
	wr8(GICR_SGI + 0x400 + SGI, PRIO);
	wr32(GICR_SGI + 0x100, 1u << SGI);
	wr_sys(ICC_PMR, 0xf0);
	wr_sys(ICC_IGRPEN1, 1);
	sdk_isb();
	sdk_printf("pmr=%lx enabled=%x\n", rd_sys(ICC_PMR), rd32(GICR_SGI + 0x100) & 0xffffu);
}

static void v3_round(unsigned eoimode)
{
	uint64_t iar;

	wr_sys(ICC_CTLR, eoimode << 1);
	wr_sys(ICC_SGI1R, (uint64_t)SGI << 24 | 1u);
	sdk_isb();
	sdk_printf("eoimode=%lx hppir=%lx rpr=%lx\n", (rd_sys(ICC_CTLR) >> 1) & 1u,
		   rd_sys(ICC_HPPIR1), rd_sys(ICC_RPR));
	iar = rd_sys(ICC_IAR1);
	sdk_printf("iar=%lx rpr=%lx again=%lx active=%x\n", iar, rd_sys(ICC_RPR), rd_sys(ICC_IAR1),
		   rd32(GICR_SGI + 0x300) & 0xffffu);
	wr_sys(ICC_EOIR1, iar);
	sdk_isb();
	sdk_printf("eoi: rpr=%lx active=%x\n", rd_sys(ICC_RPR), rd32(GICR_SGI + 0x300) & 0xffffu);
	if (eoimode) {
		wr_sys(ICC_DIR, iar);
		sdk_isb();
		sdk_printf("dir: active=%x\n", rd32(GICR_SGI + 0x300) & 0xffffu);
	}
}

/* GICv2: the distributor and CPU interface, SGI to this CPU only. */
static void v2_setup(void)
{
	wr32(GICD + 0x0, 1);
	wr8(GICD + 0x400 + SGI, PRIO);
	wr32(GICD + 0x100, 1u << SGI);
	wr32(GICC + 0x4, 0xf0);
	wr32(GICC + 0x0, 1);
	sdk_printf("pmr=%x enabled=%x\n", rd32(GICC + 0x4), rd32(GICD + 0x100) & 0xffffu);
}

static void v2_round(unsigned eoimode)
{
	uint32_t iar;

	wr32(GICC + 0x0, 1u | eoimode << 9);
	wr32(GICD + 0xf00, 2u << 24 | SGI); /* to this CPU */
	sdk_printf("eoimode=%x hppir=%x rpr=%x\n", (rd32(GICC + 0x0) >> 9) & 1u, rd32(GICC + 0x18),
		   rd32(GICC + 0x14));
	iar = rd32(GICC + 0xc);
	sdk_printf("iar=%x rpr=%x again=%x active=%x\n", iar, rd32(GICC + 0x14), rd32(GICC + 0xc),
		   rd32(GICD + 0x300) & 0xffffu);
	wr32(GICC + 0x10, iar);
	sdk_printf("eoi: rpr=%x active=%x\n", rd32(GICC + 0x14), rd32(GICD + 0x300) & 0xffffu);
	if (eoimode) {
		wr32(GICC + 0x1000, iar);
		sdk_printf("dir: active=%x\n", rd32(GICD + 0x300) & 0xffffu);
	}
}

int main(void)
{
	unsigned v3 = ((sdk_read_sysreg(S3_0_C0_C4_0) >> 24) & 0xfu) != 0;

	sdk_printf("gic=v%u\n", v3 ? 3u : 2u);
	if (v3)
		v3_setup();
	else
		v2_setup();
	for (unsigned mode = 0; mode < 2; mode++) {
		if (v3)
			v3_round(mode);
		else
			v2_round(mode);
	}
	return 0;
}
