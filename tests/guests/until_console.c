/* SPDX-License-Identifier: BSD-3-Clause */
/* Prints a marker then keeps working forever, for runs that stop on console output. */
#include <sdk/sdk.h>

int main(void)
{
	volatile uint64_t counter = 0;

	sdk_printf("boot complete\n");
	for (;;)
		counter = counter + 1;
}
