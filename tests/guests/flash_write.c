/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stores to flash from a RAM image: ignored, as QEMU's virt flash in read-array mode ignores
 * data that is not a command; the flash reads as before (zero: no image there) and the guest
 * goes on.
 */
#include <sdk/sdk.h>

#define FLASH_ADDR 0x1000ul

__attribute__((noinline)) static uint64_t read_flash(void)
{
	return *(volatile uint64_t *)FLASH_ADDR;
}

int main(void)
{
	sdk_printf("about to write\n");
	__asm__ volatile("str %0, [%1]" : : "r"(0x1234ul), "r"(FLASH_ADDR) : "memory");
	sdk_printf("flash reads 0x%llx\n", (unsigned long long)read_flash());
	return read_flash() == 0 ? 0 : 1;
}
