/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GIC's identification and configuration registers as the normal world reads them:
 * GICD_CTLR, GICD_TYPER, GICD_IIDR, PIDR2, and on a GICv3 the first redistributor's TYPER and
 * ICC_CTLR_EL1 / ICC_SRE_EL1, on a GICv2 GICC_IIDR. Compared with QEMU under TF-A (tests/
 * test_gic_guests.c names the runs).
 */
#include <sdk/sdk.h>

#define GICD 0x08000000ul
#define GICC 0x08010000ul
#define GICR 0x080a0000ul

static inline uint32_t rd32(unsigned long addr)
{
	return *(volatile uint32_t *)addr;
}

int main(void)
{
	unsigned v3 = ((sdk_read_sysreg(S3_0_C0_C4_0) >> 24) & 0xfu) != 0;

	sdk_printf("gicd: ctlr=%x typer=%x iidr=%x\n", rd32(GICD), rd32(GICD + 0x4),
		   rd32(GICD + 0x8));
	if (!v3) {
		sdk_printf("pidr2=%x gicc_iidr=%x\n", rd32(GICD + 0xfe8), rd32(GICC + 0xfc));
		return 0;
	}
	sdk_printf("pidr2=%x gicr: typer=%x:%x iidr=%x\n", rd32(GICD + 0xffe8), rd32(GICR + 0xc),
		   rd32(GICR + 0x8) & ~0xffffff00u, rd32(GICR + 0x4));
	/* ICC_CTLR_EL1 and ICC_SRE_EL1 by encoding. */
	sdk_printf("icc: ctlr=%lx sre=%lx\n", sdk_read_sysreg(S3_0_C12_C12_4),
		   sdk_read_sysreg(S3_0_C12_C12_5));
	return 0;
}
