/* SPDX-License-Identifier: BSD-3-Clause */
/* Stage-1 MMU on with an identity map; the guest keeps running and printing. */
#include <sdk/sdk.h>

#include "mmu_setup.h"

int main(void)
{
	if (!mmu_setup(false))
		return 1;
	sdk_printf("mmu on sctlr=%lx\n", sdk_read_sysreg(SCTLR_EL1));
	sdk_printf("identity ok\n");
	return 0;
}
