/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Asks for the default system's echo partition (b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45) as U-Boot
 * does: U-Boot turns the text into bytes with every field byte-swapped, so the SPMC receives
 * e2b4c3b1-8f5c-614e-2a9d-451d3c6a0f7e, which no partition has. Then asks with the bytes in
 * text order, as the Linux driver does, and finds it. Ends with a breakpoint so that the fault
 * report lists the calls.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>

int main(void)
{
	struct sdk_smccc_regs r;

	sdk_ffa_version(0x10002);
	sdk_ffa_partition_info_get_text("e2b4c3b1-8f5c-614e-2a9d-451d3c6a0f7e", 1, &r);
	sdk_printf("u-boot spelling: x0=0x%llx w2=%d\n", (unsigned long long)r.x[0],
		   (int)(int32_t)r.x[2]);
	sdk_ffa_partition_info_get_text("b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45", 1, &r);
	sdk_printf("linux spelling: x0=0x%llx count=%d\n", (unsigned long long)r.x[0], (int)r.x[2]);
	__asm__ volatile("brk #0");
	return 0;
}
