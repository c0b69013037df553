/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Runs from flash like firmware, finds its RAM and UART in the device tree (x0 at entry, or
 * the start of RAM where QEMU leaves it) and only then prints, through the UART it found.
 */
#include <sdk/sdk.h>

/* QEMU's -bios boot leaves x0 = 0 and the tree at the start of RAM. */
#define DTB_FALLBACK 0x40000000ul

int main(uint64_t dtb)
{
	const void *fdt = (const void *)(uintptr_t)dtb;
	uint64_t ram = 0, ram_size = 0, uart = 0;
	int node;

	if (!dtb || !sdk_fdt_check(fdt))
		fdt = (const void *)DTB_FALLBACK;
	if (!sdk_fdt_check(fdt))
		return 10;

	node = sdk_fdt_path_offset(fdt, "/memory");
	if (node < 0)
		node = sdk_fdt_find_prop_string(fdt, -1, "device_type", "memory");
	if (node < 0 || !sdk_fdt_read_reg(fdt, node, 0, &ram, &ram_size))
		return 11;
	node = sdk_fdt_find_compatible(fdt, -1, "arm,pl011");
	if (node < 0 || !sdk_fdt_read_reg(fdt, node, 0, &uart, NULL))
		return 12;

	sdk_uart_set_base((uintptr_t)uart);
	sdk_printf("dt ram=%lx size=%lx uart=%lx\n", ram, ram_size, uart);
	return 0;
}
