/* SPDX-License-Identifier: BSD-3-Clause */
/* Reports the exception level the guest was entered at and, at EL2, uses EL2 registers. */
#include <sdk/sdk.h>

#define VBAR_VALUE 0x40000800ul

int main(void)
{
	unsigned el = sdk_current_el();

	sdk_printf("currentel=%d\n", (int)el);
	if (el == 2) {
		sdk_write_sysreg(VBAR_EL2, VBAR_VALUE);
		sdk_isb();
		sdk_printf("vbar_el2=%lx\n", sdk_read_sysreg(VBAR_EL2));
		sdk_printf("hcr_el2=%lx\n", sdk_read_sysreg(HCR_EL2));
	} else if (el == 1) {
		sdk_printf("el1 ok\n");
	}
	return 0;
}
