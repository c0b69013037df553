/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The proxy's behaviour switches and profiles, as data. Each switch names the Linux change
 * (commit subject) that moved it; each profile is the set of values of one point in the
 * history of arch/arm64/kvm/hyp/nvhe/ffa.c. docs/hypervisor.md has the same table for people.
 */
#include <stdio.h>
#include <string.h>

#include "hyp/pkvm.h"

#define HYP_SETTING_MAX 64

static const char *const renegotiation_values[] = {"return-hyp-version", "not-supported", NULL};
static const char *const version_check_values[] = {"compare-u64", "compare-s32", NULL};
static const char *const rxtx_mask_values[] = {"whole-w2", "bits-1-0", NULL};
static const char *const range_values[] = {"0x60-0x7f", "0x60-0xff", NULL};
static const char *const convention_values[] = {"smccc-1.1", "smccc-1.2", NULL};
static const char *const max_version_values[] = {"1.0", "1.1", "1.2", NULL};
static const char *const req2_values[] = {"pass-through", "deny", "forward", NULL};
static const char *const encoding_values[] = {"sign-extended", "zero-extended", NULL};
static const char *const deny_list_values[] = {"ffa-1.1", "ffa-1.2", NULL};
static const char *const finalise_values[] = {"at-boot", "on-request", NULL};

static const struct hyp_switch_desc hyp_switches[HYP_SW_COUNT] = {
	[HYP_SW_RENEGOTIATION] = {
		"renegotiation", renegotiation_values,
		"KVM: arm64: Correct return value on host version downgrade attempt",
		"a lower FFA_VERSION after the negotiation: the proxy's version, or NOT_SUPPORTED",
	},
	[HYP_SW_VERSION_ERROR_CHECK] = {
		"version-error-check", version_check_values,
		"KVM: arm64: Fix error checking for FFA_VERSION",
		"FFA_VERSION's NOT_SUPPORTED read from the 64-bit register or from w0 as an s32",
	},
	[HYP_SW_FEATURES_RXTX_MASK] = {
		"features-rxtx-mask", rxtx_mask_values,
		"KVM: arm64: Mask response to FFA_FEATURE call",
		"FFA_FEATURES(FFA_RXTX_MAP_64) w2 read whole or as bits 1:0 (minimum buffer size)",
	},
	[HYP_SW_FFA_FUNCTION_RANGE] = {
		"ffa-function-range", range_values,
		"KVM: arm64: Update the identification range for the FF-A smcs",
		"the function numbers the proxy treats as FF-A",
	},
	[HYP_SW_RESULT_CONVENTION] = {
		"result-convention", convention_values,
		"KVM: arm64: Use SMCCC 1.2 for FF-A initialization and in host handler",
		"the registers the proxy's own answers write: x0-x3, or SMCCC 1.2's",
	},
	[HYP_SW_MAX_VERSION] = {
		"max-version", max_version_values,
		"KVM: arm64: Bump the supported version of FF-A to 1.2",
		"the FF-A version the proxy asks the SPMC for (1.1 since \"KVM: arm64: Use FF-A "
		"1.1 with pKVM\")",
	},
	[HYP_SW_DIRECT_REQ2] = {
		"direct-req2", req2_values,
		"KVM: arm64: Support FFA_MSG_SEND_DIRECT_REQ2 in host handler",
		"FFA_MSG_SEND_DIRECT_REQ2: passed through unchecked, denied, or forwarded with the "
		"source check",
	},
	[HYP_SW_NOT_SUPPORTED_ENCODING] = {
		"not-supported-encoding", encoding_values, NULL,
		"the proxy's own error values: sign-extended (pKVM) or 32-bit (the SPMCs, ACS)",
	},
	[HYP_SW_DENY_LIST] = {
		"deny-list", deny_list_values,
		"KVM: arm64: Mark optional FF-A 1.2 interfaces as unsupported",
		"the functions answered NOT_SUPPORTED (ffa-1.2 adds NOTIFICATION_*, \"KVM: arm64: "
		"Mark FFA_NOTIFICATION_* calls as unsupported\", and the optional 1.2 interfaces)",
	},
	[HYP_SW_FINALISE] = {
		"finalise", finalise_values,
		"firmware: arm_ffa: Defer probe until pKVM is initialized",
		"when the proxy initialises and traps: at boot, or on the host's finalise call",
	},
};

struct hyp_profile {
	const char *name;
	uint8_t sw[HYP_SW_COUNT];
};

/*
 * The points in Linux's history, oldest last. `current` is the proxy as Linux has it today;
 * `ffa-1.2` is the FF-A 1.2 series as merged, before the FFA_VERSION error check was fixed;
 * `pre-1.2` is the proxy of the FF-A 1.1 series ("KVM: arm64: Trap FFA_VERSION host call in
 * pKVM" up to "KVM: arm64: Use FF-A 1.1 with pKVM"), before the 1.2 series;
 * `req2-forwarding` adds the DIRECT_REQ2 host handler that was posted with the 1.2 series
 * (with its source check) and left out of it.
 */
static const struct hyp_profile hyp_profiles[] = {
	{"current", {
		[HYP_SW_RENEGOTIATION] = HYP_RENEGOTIATION_NOT_SUPPORTED,
		[HYP_SW_VERSION_ERROR_CHECK] = HYP_VERSION_CHECK_COMPARE_S32,
		[HYP_SW_FEATURES_RXTX_MASK] = HYP_RXTX_MASK_BITS_1_0,
		[HYP_SW_FFA_FUNCTION_RANGE] = HYP_RANGE_60_FF,
		[HYP_SW_RESULT_CONVENTION] = HYP_RESULT_SMCCC_1_2,
		[HYP_SW_MAX_VERSION] = HYP_MAX_VERSION_1_2,
		[HYP_SW_DIRECT_REQ2] = HYP_REQ2_DENY,
		[HYP_SW_NOT_SUPPORTED_ENCODING] = HYP_ENCODING_SIGN_EXTENDED,
		[HYP_SW_DENY_LIST] = HYP_DENY_LIST_FFA_1_2,
		[HYP_SW_FINALISE] = HYP_FINALISE_AT_BOOT,
	}},
	{"req2-forwarding", {
		[HYP_SW_RENEGOTIATION] = HYP_RENEGOTIATION_NOT_SUPPORTED,
		[HYP_SW_VERSION_ERROR_CHECK] = HYP_VERSION_CHECK_COMPARE_S32,
		[HYP_SW_FEATURES_RXTX_MASK] = HYP_RXTX_MASK_BITS_1_0,
		[HYP_SW_FFA_FUNCTION_RANGE] = HYP_RANGE_60_FF,
		[HYP_SW_RESULT_CONVENTION] = HYP_RESULT_SMCCC_1_2,
		[HYP_SW_MAX_VERSION] = HYP_MAX_VERSION_1_2,
		[HYP_SW_DIRECT_REQ2] = HYP_REQ2_FORWARD,
		[HYP_SW_NOT_SUPPORTED_ENCODING] = HYP_ENCODING_SIGN_EXTENDED,
		[HYP_SW_DENY_LIST] = HYP_DENY_LIST_FFA_1_2,
		[HYP_SW_FINALISE] = HYP_FINALISE_AT_BOOT,
	}},
	{"ffa-1.2", {
		[HYP_SW_RENEGOTIATION] = HYP_RENEGOTIATION_NOT_SUPPORTED,
		[HYP_SW_VERSION_ERROR_CHECK] = HYP_VERSION_CHECK_COMPARE_U64,
		[HYP_SW_FEATURES_RXTX_MASK] = HYP_RXTX_MASK_BITS_1_0,
		[HYP_SW_FFA_FUNCTION_RANGE] = HYP_RANGE_60_FF,
		[HYP_SW_RESULT_CONVENTION] = HYP_RESULT_SMCCC_1_2,
		[HYP_SW_MAX_VERSION] = HYP_MAX_VERSION_1_2,
		[HYP_SW_DIRECT_REQ2] = HYP_REQ2_DENY,
		[HYP_SW_NOT_SUPPORTED_ENCODING] = HYP_ENCODING_SIGN_EXTENDED,
		[HYP_SW_DENY_LIST] = HYP_DENY_LIST_FFA_1_2,
		[HYP_SW_FINALISE] = HYP_FINALISE_AT_BOOT,
	}},
	{"pre-1.2", {
		[HYP_SW_RENEGOTIATION] = HYP_RENEGOTIATION_RETURN_HYP_VERSION,
		[HYP_SW_VERSION_ERROR_CHECK] = HYP_VERSION_CHECK_COMPARE_U64,
		[HYP_SW_FEATURES_RXTX_MASK] = HYP_RXTX_MASK_WHOLE_W2,
		[HYP_SW_FFA_FUNCTION_RANGE] = HYP_RANGE_60_FF,
		[HYP_SW_RESULT_CONVENTION] = HYP_RESULT_SMCCC_1_1,
		[HYP_SW_MAX_VERSION] = HYP_MAX_VERSION_1_1,
		[HYP_SW_DIRECT_REQ2] = HYP_REQ2_PASS_THROUGH,
		[HYP_SW_NOT_SUPPORTED_ENCODING] = HYP_ENCODING_SIGN_EXTENDED,
		[HYP_SW_DENY_LIST] = HYP_DENY_LIST_FFA_1_1,
		[HYP_SW_FINALISE] = HYP_FINALISE_AT_BOOT,
	}},
};

#define HYP_PROFILE_COUNT (sizeof(hyp_profiles) / sizeof(hyp_profiles[0]))

size_t hyp_switch_count(void)
{
	return HYP_SW_COUNT;
}

const struct hyp_switch_desc *hyp_switch_at(size_t i)
{
	return i < HYP_SW_COUNT ? &hyp_switches[i] : NULL;
}

/* The number of values switch i has. */
static unsigned hyp_value_count(size_t i)
{
	unsigned n = 0;

	while (hyp_switches[i].values[n] != NULL)
		n++;
	return n;
}

const char *hyp_switch_value(const struct hyp_pkvm_config *cfg, size_t i)
{
	if (i >= HYP_SW_COUNT || cfg->sw[i] >= hyp_value_count(i))
		return "?";
	return hyp_switches[i].values[cfg->sw[i]];
}

const char *const *hyp_profile_names(void)
{
	static const char *const names[HYP_PROFILE_COUNT + 1] = {
		"current", "req2-forwarding", "ffa-1.2", "pre-1.2", NULL,
	};

	return names;
}

bool hyp_profile_find(const char *name, struct hyp_pkvm_config *cfg)
{
	if (name == NULL || *name == '\0')
		name = HYP_DEFAULT_PROFILE;
	for (size_t i = 0; i < HYP_PROFILE_COUNT; i++) {
		if (strcmp(hyp_profiles[i].name, name) != 0)
			continue;
		memset(cfg, 0, sizeof(*cfg));
		memcpy(cfg->sw, hyp_profiles[i].sw, sizeof(cfg->sw));
		snprintf(cfg->profile, sizeof(cfg->profile), "%s", hyp_profiles[i].name);
		return true;
	}
	return false;
}

/* Appends "a, b or c" (a NULL-terminated list) to buf. */
static void hyp_list(char *buf, size_t size, const char *const *items)
{
	size_t len = strlen(buf);

	for (size_t i = 0; items[i] != NULL && len < size; i++) {
		const char *sep = i == 0 ? "" : items[i + 1] == NULL ? " or " : ", ";

		snprintf(buf + len, size - len, "%s%s", sep, items[i]);
		len = strlen(buf);
	}
}

bool hyp_pkvm_set(struct hyp_pkvm_config *cfg, const char *setting, struct diag *err)
{
	const char *eq = strchr(setting, '=');
	const char *names[HYP_SW_COUNT + 1];
	char name[HYP_SETTING_MAX], msg[DIAG_MSG_MAX];
	size_t len;

	for (size_t i = 0; i < HYP_SW_COUNT; i++)
		names[i] = hyp_switches[i].name;
	names[HYP_SW_COUNT] = NULL;
	len = eq != NULL ? (size_t)(eq - setting) : strlen(setting);
	if (len < sizeof(name)) {
		memcpy(name, setting, len);
		name[len] = '\0';
	} else {
		name[0] = '\0';
	}
	for (size_t i = 0; len < sizeof(name) && i < HYP_SW_COUNT; i++) {
		if (strcmp(hyp_switches[i].name, name) != 0)
			continue;
		if (eq == NULL) {
			snprintf(msg, sizeof(msg), "pKVM switch %s needs a value: %s=", name, name);
			hyp_list(msg, sizeof(msg), hyp_switches[i].values);
			diag_set(err, NULL, 0, 0, "%s", msg);
			return false;
		}
		for (unsigned v = 0; hyp_switches[i].values[v] != NULL; v++) {
			if (strcmp(hyp_switches[i].values[v], eq + 1) == 0) {
				cfg->sw[i] = (uint8_t)v;
				return true;
			}
		}
		snprintf(msg, sizeof(msg), "pKVM switch %s: \"%s\" is not a value (choose ", name,
			 eq + 1);
		hyp_list(msg, sizeof(msg), hyp_switches[i].values);
		diag_set(err, NULL, 0, 0, "%s)", msg);
		return false;
	}
	snprintf(msg, sizeof(msg), "unknown pKVM switch \"%.*s\" (choose ",
		 (int)(len < sizeof(name) ? len : sizeof(name) - 1), setting);
	hyp_list(msg, sizeof(msg), names);
	diag_set(err, NULL, 0, 0, "%s)", msg);
	return false;
}

const char *hyp_pkvm_config_describe(const struct hyp_pkvm_config *cfg, char *buf, size_t size)
{
	struct hyp_pkvm_config base;
	size_t len;
	bool first = true;

	snprintf(buf, size, "%s", cfg->profile[0] != '\0' ? cfg->profile : "custom");
	if (cfg->profile[0] == '\0' || !hyp_profile_find(cfg->profile, &base))
		memset(&base, 0xff, sizeof(base));
	for (size_t i = 0; i < HYP_SW_COUNT; i++) {
		if (cfg->sw[i] == base.sw[i])
			continue;
		len = strlen(buf);
		if (len + 1 >= size)
			break;
		snprintf(buf + len, size - len, "%s%s=%s", first ? " with " : ", ",
			 hyp_switches[i].name, hyp_switch_value(cfg, i));
		first = false;
	}
	return buf;
}

const char *hyp_pkvm_state_name(enum hyp_pkvm_state state)
{
	static const char *const names[] = {"waiting", "active", "ffa-off", "failed"};

	return (unsigned)state < sizeof(names) / sizeof(names[0]) ? names[state] : "?";
}
