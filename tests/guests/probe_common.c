/* SPDX-License-Identifier: BSD-3-Clause */
/* The call-and-print helpers the probe programs share (probe.h). */
#include "probe.h"

#include <sdk/psci.h>

struct sdk_smccc_regs probe_call(const char *label, uint64_t x0, uint64_t x1, uint64_t x2,
				 uint64_t x3, uint64_t x4, uint64_t x5, uint64_t x6, uint64_t x7)
{
	struct sdk_smccc_regs r = {{x0, x1, x2, x3, x4, x5, x6, x7}};

	for (unsigned i = 8; i < 18; i++)
		r.x[i] = PROBE_POISON | i;
	sdk_smc12(&r);
	sdk_printf("P %s", label);
	for (unsigned i = 0; i < 18; i++)
		sdk_printf(" %016llx", (unsigned long long)r.x[i]);
	sdk_printf("\n");
	return r;
}

void probe_dump(const char *label, const void *buf, unsigned len)
{
	const uint8_t *p = buf;

	sdk_printf("R %s", label);
	for (unsigned i = 0; i < len; i++)
		sdk_printf("%s%02x", i % 8 == 0 ? " " : "", p[i]);
	sdk_printf("\n");
}

int probe_end(void)
{
	sdk_printf("probe: done\n");
	sdk_psci_system_off();
	return 0;
}
