/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GICv3 CPU interface's presence: ID_AA64PFR0_EL1.GIC, ICC_SRE_EL1 and an ICC_IAR1_EL1 read
 * with nothing pending. On a GICv2 platform the ICC_SRE_EL1 read is an undefined instruction,
 * as on QEMU's -M virt -cpu cortex-a72.
 */
#include <sdk/sdk.h>

int main(void)
{
	/* ID_AA64PFR0_EL1, ICC_SRE_EL1 and ICC_IAR1_EL1 by encoding: the assembler does not know
	 * the ICC names at -march=armv8-a. */
	sdk_printf("pfr0.gic=%lx\n", (sdk_read_sysreg(S3_0_C0_C4_0) >> 24) & 0xfu);
	sdk_printf("sre=%lx\n", sdk_read_sysreg(S3_0_C12_C12_5));
	sdk_printf("iar1=%lx\n", sdk_read_sysreg(S3_0_C12_C12_0));
	return 0;
}
