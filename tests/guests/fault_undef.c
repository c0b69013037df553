/* SPDX-License-Identifier: BSD-3-Clause */
/* A permanently undefined instruction. */
#include <sdk/sdk.h>

int main(void)
{
	sdk_printf("about to fault\n");
	__asm__ volatile("udf #0" : : : "memory");
	sdk_printf("udf returned\n");
	return 1;
}
