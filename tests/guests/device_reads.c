/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reads a device window with fixed read values (tests/data/platform/device_reads.yaml): each
 * register at its width, parts of them at smaller widths, a register after a write (ignored),
 * and a word that has no fixed value (zero).
 */
#include <sdk/sdk.h>

#define DEVICE_BASE 0x0a000000ul

int main(void)
{
	volatile uint8_t *dev = (volatile uint8_t *)DEVICE_BASE;

	sdk_printf("id 0x%x\n", *(volatile uint32_t *)(dev + 0x0));
	sdk_printf("wide 0x%llx\n", (unsigned long long)*(volatile uint64_t *)(dev + 0x8));
	sdk_printf("byte 0x%x\n", dev[0x10]);
	sdk_printf("half 0x%x\n", *(volatile uint16_t *)(dev + 0x2));
	sdk_printf("low byte of wide 0x%x\n", dev[0x8]);
	*(volatile uint32_t *)(dev + 0x0) = 0xffffffffu;
	sdk_printf("after write 0x%x\n", *(volatile uint32_t *)(dev + 0x0));
	sdk_printf("unset 0x%x\n", *(volatile uint32_t *)(dev + 0x20));
	return 0;
}
