/* SPDX-License-Identifier: BSD-3-Clause */
#include <sdk/sdk.h>
#include <sdk/sysreg.h>

#include "exc_report.h"

uint64_t exc_report(unsigned group, uint64_t elr, uint64_t base, bool hex, uint64_t spsr)
{
	uint64_t esr = sdk_read_sysreg(ESR_EL1);
	uint64_t ec = esr >> 26;

	sdk_printf("  group %u ESR %08lx ELR ", group, esr);
	if (hex)
		sdk_printf("+%lx", (unsigned long)(elr - base));
	else
		sdk_printf("at+%lu", (unsigned long)(elr - base));
	sdk_printf(" SPSR %08lx", spsr);
	if (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25 || ec == 0x22)
		sdk_printf(" FAR %lx", sdk_read_sysreg(FAR_EL1));
	sdk_printf("\n");
	return ec;
}
