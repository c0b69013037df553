/* SPDX-License-Identifier: BSD-3-Clause */
#include "smp_common.h"

/* QEMU's virt puts the device tree at the start of RAM; x0 has it only under ffa-sim. */
#define SMP_QEMU_DTB 0x40000000ul

void smp_read_cpus(const void *fdt, struct smp_cpus *cpus)
{
	const void *cells;
	uint32_t len = 0;
	unsigned acells;

	if (fdt == 0 || !sdk_fdt_check(fdt))
		fdt = (const void *)SMP_QEMU_DTB;
	cells = sdk_fdt_getprop(fdt, sdk_fdt_path_offset(fdt, "/cpus"), "#address-cells", &len);
	acells = cells != 0 ? sdk_fdt_cell(cells) : 1;

	sdk_psci_use_conduit_of(fdt);
	cpus->count = 0;
	for (int node = sdk_fdt_find_prop_string(fdt, -1, "device_type", "cpu");
	     node >= 0 && cpus->count < SDK_MAX_CPUS;
	     node = sdk_fdt_find_prop_string(fdt, node, "device_type", "cpu")) {
		const uint8_t *reg = sdk_fdt_getprop(fdt, node, "reg", &len);
		uint64_t v = 0;

		for (unsigned i = 0; reg != 0 && i < acells && 4 * i < len; i++)
			v = (v << 32) | sdk_fdt_cell(reg + 4 * i);
		cpus->mpidr[cpus->count++] = v;
	}
}

void smp_wait_flag(volatile uint32_t *flag)
{
	while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) == 0)
		sdk_wfe();
}

void smp_set_flag(volatile uint32_t *flag)
{
	__atomic_store_n(flag, 1, __ATOMIC_RELEASE);
	__asm__ volatile("dsb ish" ::: "memory");
	sdk_sev();
}
