/* SPDX-License-Identifier: BSD-3-Clause */
/* Parks in a branch-to-self, the idle loop a run should recognise. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("parking\n");
	__asm__ volatile("b ." : : : "memory");
	return 1;
}
