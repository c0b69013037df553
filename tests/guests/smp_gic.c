/* SPDX-License-Identifier: BSD-3-Clause */
/* The GIC as each CPU of the several-CPU guests sees it (smp_common.h). */
#include "smp_common.h"

/* One PE's redistributor frames on virt's GICv3: RD_base and SGI_base. */
#define SMP_GICR_FRAME 0x20000ul

unsigned smp_gic_version(void)
{
	return ((sdk_read_sysreg(id_aa64pfr0_el1) >> 24) & 0xfu) != 0 ? 3 : 2;
}

struct sdk_gic smp_my_gic(unsigned version)
{
	struct sdk_gic g = sdk_gic_virt(version);

	if (version == 3)
		g.redist += SMP_GICR_FRAME * sdk_cpu_index();
	return g;
}
