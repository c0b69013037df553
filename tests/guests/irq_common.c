/* SPDX-License-Identifier: BSD-3-Clause */
#include "irq_common.h"

#define HCR_EL2_RW (1ull << 31)
#define HCR_EL2_IMO (1ull << 4)
#define HCR_EL2_FMO (1ull << 3)

bool irq_find_gic(uint64_t dtb, struct sdk_gic *g)
{
	const void *fdt = (const void *)(uintptr_t)(dtb != 0 ? dtb : 0x40000000u);
	uint64_t base, size;
	int node;

	if (!sdk_fdt_check(fdt))
		return false;
	node = sdk_fdt_find_compatible(fdt, -1, "arm,gic-v3");
	*g = sdk_gic_virt(node >= 0 ? 3 : 2);
	if (node < 0)
		node = sdk_fdt_find_compatible(fdt, -1, "arm,cortex-a15-gic");
	if (node < 0 || !sdk_fdt_read_reg(fdt, node, 0, &base, &size))
		return false;
	g->dist = (uintptr_t)base;
	if (!sdk_fdt_read_reg(fdt, node, 1, &base, &size))
		return false;
	if (g->version == 3)
		g->redist = (uintptr_t)base;
	else
		g->cpu = (uintptr_t)base;
	return true;
}

void irq_route_to_el2(void)
{
	if (sdk_current_el() != 2)
		return;
	sdk_write_sysreg(HCR_EL2, HCR_EL2_RW | HCR_EL2_IMO | HCR_EL2_FMO);
	sdk_isb();
}
