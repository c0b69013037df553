/* SPDX-License-Identifier: BSD-3-Clause */
/* A branch to an address that is not 4-byte aligned: a PC alignment fault. */
#include <sdk/sdk.h>

static void target(void)
{
	sdk_printf("not reached\n");
}

int main(void)
{
	void (*misaligned)(void) = (void (*)(void))((uintptr_t)target + 2);

	sdk_printf("about to fault\n");
	misaligned();
	return 1;
}
