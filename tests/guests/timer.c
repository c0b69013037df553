/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Generic timer and identification registers. Under the simulator virtual time follows the
 * instruction count, so the delta is the same every run. (The GIC CPU interface is
 * tests/guests/gic_sysreg.c's: virt's GICv2 has no ICC registers.)
 */
#include <sdk/sdk.h>

#define LOOPS 1000

int main(void)
{
	volatile uint64_t counter = 0;
	uint64_t before, after;

	sdk_printf("cntfrq=%lu\n", sdk_read_cntfrq());
	before = sdk_read_cntvct();
	for (unsigned i = 0; i < LOOPS; i++)
		counter = counter + 1;
	after = sdk_read_cntvct();
	sdk_printf("delta=%lu\n", after - before);
	sdk_printf("mpidr=%lx\n", sdk_read_mpidr());
	return 0;
}
