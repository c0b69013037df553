/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SMCCC and PSCI calls by SMC and HVC, including non-zero call immediates, each printed as
 * "<name> x0=.. x1=.. x2=.. x3=..".
 */
#include <sdk/sdk.h>

#define UNKNOWN_FID 0x82000077u

static void show(const char *name, struct sdk_smccc_res r)
{
	sdk_printf("%s x0=%lx x1=%lx x2=%lx x3=%lx\n", name, r.x0, r.x1, r.x2, r.x3);
}

/* SMCCC_VERSION through `smc #0x1234`: the immediate is not part of the SMCCC call. */
static struct sdk_smccc_res smc_imm_1234(void)
{
	register uint64_t x0 __asm__("x0") = SMCCC_VERSION;
	register uint64_t x1 __asm__("x1") = 0;
	register uint64_t x2 __asm__("x2") = 0;
	register uint64_t x3 __asm__("x3") = 0;

	__asm__ volatile("smc #0x1234" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return (struct sdk_smccc_res){x0, x1, x2, x3};
}

/* SMCCC_VERSION through `hvc #0x42`. */
static struct sdk_smccc_res hvc_imm_42(void)
{
	register uint64_t x0 __asm__("x0") = SMCCC_VERSION;
	register uint64_t x1 __asm__("x1") = 0;
	register uint64_t x2 __asm__("x2") = 0;
	register uint64_t x3 __asm__("x3") = 0;

	__asm__ volatile("hvc #0x42" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return (struct sdk_smccc_res){x0, x1, x2, x3};
}

int main(void)
{
	show("smccc_version_smc", sdk_smc11(SMCCC_VERSION, 0, 0, 0, 0, 0, 0, 0));
	show("smccc_version_hvc", sdk_hvc11(SMCCC_VERSION, 0, 0, 0, 0, 0, 0, 0));
	show("smccc_arch_features",
	     sdk_smc11(SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0, 0, 0, 0, 0, 0));
	show("psci_version", sdk_smc11(PSCI_VERSION, 0, 0, 0, 0, 0, 0, 0));
	show("psci_features", sdk_smc11(PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0, 0, 0, 0, 0));
	show("unknown_smc", sdk_smc11(UNKNOWN_FID, 0, 0, 0, 0, 0, 0, 0));
	show("smc_imm_1234", smc_imm_1234());
	show("hvc_imm_42", hvc_imm_42());
	return 0;
}
