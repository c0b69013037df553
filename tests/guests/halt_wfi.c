/* SPDX-License-Identifier: BSD-3-Clause */
/* Parks in a WFI loop with interrupts masked: nothing will ever wake it. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("sleeping\n");
	__asm__ volatile("1: wfi\n\tb 1b" : : : "memory");
	return 1;
}
