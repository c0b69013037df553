/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A guest that never stops and never parks: the loop does work (a volatile counter), so
 * spotting a branch-to-self is not enough; only an instruction budget ends it.
 */
#include <sdk/sdk.h>

int main(void)
{
	volatile uint64_t counter = 0;

	sdk_printf("about to fault\n");
	for (;;)
		counter = counter + 1;
}
