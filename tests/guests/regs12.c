/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Register preservation across calls: (a) an unknown SMC64 call through the SMCCC 1.2 block,
 * all 18 result registers printed; (b) x8-x30 across an SMC32 call; (c) x4-x17 across an
 * SMCCC 1.1 call. The checks live in regs12_asm.S because C cannot pin x8-x30.
 */
#include <sdk/sdk.h>

/* FFA_MEM_RECLAIM's number in the SMC64 form, which FF-A does not define. */
#define UNKNOWN_SMC64_FID (FFA_MEM_RECLAIM | FFA_FID_SMC64_BIT)

/* regs12_asm.S: number of registers that did not survive `smc #0` with w0 = fid. */
int check_smc32_preserve(uint32_t fid);
int check_smc11_preserve(uint32_t fid);

int main(void)
{
	struct sdk_smccc_regs regs;

	regs.x[0] = UNKNOWN_SMC64_FID;
	for (unsigned i = 1; i < 18; i++)
		regs.x[i] = 0x1111111111111111ull * i; /* x1 = 0x1111..., x2 = 0x2222..., ... */
	sdk_smc12(&regs);
	for (unsigned i = 0; i < 18; i++)
		sdk_printf("x%d=%lx\n", (int)i, regs.x[i]);

	sdk_printf("smc32 preserved mismatches=%d\n", check_smc32_preserve(SMCCC_VERSION));
	sdk_printf("smc11 preserved mismatches=%d\n", check_smc11_preserve(SMCCC_VERSION));
	return 0;
}
