/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A calls before any FFA_VERSION, then the negotiation they may have cut short, printed as
 * "<name> -> <answer>". FF-A v1.2 (DEN0077A) §13.2.1 wants FFA_VERSION first; the SPMCs differ
 * in what they do without it (TF-A refuses the call, Hafnium and OP-TEE answer it at their
 * own version), and in whether such a call ends the negotiation phase.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

static void show(const char *name, const struct sdk_smccc_regs *r)
{
	char buf[64];

	if (sdk_ffa_is_success(r))
		sdk_printf("%s -> SUCCESS w2=0x%x\n", name, (unsigned)(uint32_t)r->x[2]);
	else
		sdk_printf("%s -> %s\n", name, sdk_ffa_result_text(r, buf, sizeof(buf)));
}

static void show_version(const char *name, const struct sdk_smccc_regs *r)
{
	uint32_t w0 = (uint32_t)r->x[0];

	if (w0 == 0xffffffffu)
		sdk_printf("%s -> NOT_SUPPORTED\n", name);
	else
		sdk_printf("%s -> %u.%u\n", name, sdk_smccc_version_major(w0),
			   sdk_smccc_version_minor(w0));
}

int main(void)
{
	struct sdk_smccc_regs r;

	r = sdk_ffa_id_get();
	show("id_get_before_version", &r);
	r = sdk_ffa_features(FFA_VERSION, 0);
	show("features_before_version", &r);
	r = sdk_ffa_version(SDK_FFA_VERSION_1_1);
	show_version("version_1_1", &r);
	r = sdk_ffa_id_get();
	show("id_get", &r);
	r = sdk_ffa_features(FFA_MSG_SEND_DIRECT_REQ2_64, 0);
	show("features_req2", &r);
	r = sdk_ffa_version(SDK_FFA_VERSION_1_1);
	show_version("version_1_1_again", &r);
	sdk_printf("ffa_before_version: done\n");
	return 0;
}
