/* SPDX-License-Identifier: BSD-3-Clause */
/* A load from an address with nothing behind it. */
#include <sdk/sdk.h>

#define UNMAPPED 0x7000000000ul

int main(void)
{
	uint64_t value;

	sdk_printf("about to fault\n");
	__asm__ volatile("ldr %0, [%1]" : "=r"(value) : "r"(UNMAPPED) : "memory");
	sdk_printf("read %lx\n", value);
	return 1;
}
