/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The proxy's behaviour switches and profiles, as data for the shared switch machinery
 * (common/switch.c). Each switch names the Linux change (commit subject) that moved it; each
 * profile is one point in the history of arch/arm64/kvm/hyp/nvhe/ffa.c, written as the
 * switches it changes from today's proxy. docs/hypervisor.md has the same table for people.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/switch.h"
#include "hyp/pkvm.h"

/* Value names and summaries, in enum order (include/hyp/pkvm.h). */
static const struct cfg_switch_value renegotiation_values[] = {
	{"return-hyp-version", "answers the proxy's own version (the bug)"},
	{"not-supported", "answers NOT_SUPPORTED"},
};
static const struct cfg_switch_value version_check_values[] = {
	{"compare-u64", "the 64-bit register against -1 (misses 0xffffffff)"},
	{"compare-s32", "w0 as a signed 32-bit value against -1"},
};
static const struct cfg_switch_value rxtx_mask_values[] = {
	{"whole-w2", "the whole register is the minimum size (fails on FF-A 1.2 SPMCs)"},
	{"bits-1-0", "bits 1:0 only"},
};
static const struct cfg_switch_value range_values[] = {
	{"0x60-0x7f", "0x80 and above pass through unfiltered"},
	{"0x60-0xff", "the whole FF-A range"},
};
static const struct cfg_switch_value convention_values[] = {
	{"smccc-1.1", "x0-x3 written, x4-x17 keep the host's values"},
	{"smccc-1.2", "x0-x17 for SMC64, w0-w7 for SMC32"},
};
static const struct cfg_switch_value max_version_values[] = {
	{"1.0", "FF-A v1.0"},
	{"1.1", "FF-A v1.1"},
	{"1.2", "FF-A v1.2"},
};
static const struct cfg_switch_value req2_values[] = {
	{"pass-through", "neither denied nor checked: reaches the SPMC as it is"},
	{"deny", "NOT_SUPPORTED (on the deny-list)"},
	{"forward", "forwarded when FF-A v1.2 is negotiated and the source is the host"},
};
static const struct cfg_switch_value encoding_values[] = {
	{"sign-extended", "-1 is 0xffffffffffffffff (a C int in a 64-bit register)"},
	{"zero-extended", "-1 is 0x00000000ffffffff (a 32-bit value, as SPMCs write)"},
};
static const struct cfg_switch_value deny_list_values[] = {
	{"ffa-1.1", "memory management, indirect messaging, 32-bit variants"},
	{"ffa-1.2", "plus NOTIFICATION_* and the optional FF-A v1.2 interfaces"},
};
static const struct cfg_switch_value finalise_values[] = {
	{"at-boot", "before the host runs"},
	{"on-request", "on the host's finalise call"},
};

static const struct cfg_switch_value mem_length_values[] = {
	{"unchecked", "forwarded: the descriptor cannot be gathered back to reclaim it"},
	{"desc-buffer", "NO_MEMORY when the total length exceeds the descriptor buffer"},
};
static const struct cfg_switch_value rx_release_values[] = {
	{"kept", "never released: endpoint 0's RX buffer stays full at the SPMC"},
	{"released", "FFA_RX_RELEASE after each fragment of the retrieve response"},
};
static const struct cfg_switch_value mem_access_values[] = {
	{"assumed", "read after the header, whatever the header's offset field says"},
	{"checked", "the header's offset field must be the header's size (v1.1+)"},
};
static const struct cfg_switch_value composite_values[] = {
	{"u32-sum", "offset + 16 summed in 32 bits: a huge offset passes, the read panics"},
	{"overflow-checked", "an offset whose sum overflows is INVALID_PARAMETERS"},
};

static const struct cfg_switch_value guest_values[] = {
	{"host", "pKVM's host: endpoint 0, shared with the proxy"},
	{"vm", "a VM with its own ID (vm-id), its FF-A calls forwarded as Hafnium's hypervisor "
	       "does"},
};

#define HYP_VALUES(v) (v), (uint8_t)(sizeof(v) / sizeof((v)[0]))

/* The switches; each default is the proxy as Linux has it today (the `current` profile). */
static const struct cfg_switch hyp_switches[HYP_SW_COUNT] = {
	[HYP_SW_RENEGOTIATION] =
		{
			.name = "renegotiation",
			.values = HYP_VALUES(renegotiation_values),
			.default_value = HYP_RENEGOTIATION_NOT_SUPPORTED,
			.change = "KVM: arm64: Correct return value on host version downgrade "
				  "attempt",
			.summary = "a lower FFA_VERSION after the negotiation: the proxy's "
				   "version, or "
				   "NOT_SUPPORTED",
		},
	[HYP_SW_VERSION_ERROR_CHECK] =
		{
			.name = "version-error-check",
			.values = HYP_VALUES(version_check_values),
			.default_value = HYP_VERSION_CHECK_COMPARE_S32,
			.change = "KVM: arm64: Fix error checking for FFA_VERSION",
			.summary = "FFA_VERSION's NOT_SUPPORTED read from the 64-bit register or "
				   "from w0 "
				   "as an s32",
		},
	[HYP_SW_FEATURES_RXTX_MASK] =
		{
			.name = "features-rxtx-mask",
			.values = HYP_VALUES(rxtx_mask_values),
			.default_value = HYP_RXTX_MASK_BITS_1_0,
			.change = "KVM: arm64: Mask response to FFA_FEATURE call",
			.summary = "FFA_FEATURES(FFA_RXTX_MAP_64) w2 read whole or as bits 1:0 "
				   "(minimum "
				   "buffer size)",
		},
	[HYP_SW_FFA_FUNCTION_RANGE] =
		{
			.name = "ffa-function-range",
			.values = HYP_VALUES(range_values),
			.default_value = HYP_RANGE_60_FF,
			.change = "KVM: arm64: Update the identification range for the FF-A smcs",
			.summary = "the function numbers the proxy treats as FF-A",
		},
	[HYP_SW_RESULT_CONVENTION] =
		{
			.name = "result-convention",
			.values = HYP_VALUES(convention_values),
			.default_value = HYP_RESULT_SMCCC_1_2,
			.change = "KVM: arm64: Use SMCCC 1.2 for FF-A initialization and in host "
				  "handler",
			.summary = "the registers the proxy's own answers write: x0-x3, or SMCCC "
				   "1.2's",
		},
	[HYP_SW_MAX_VERSION] =
		{
			.name = "max-version",
			.values = HYP_VALUES(max_version_values),
			.default_value = HYP_MAX_VERSION_1_2,
			.change = "KVM: arm64: Bump the supported version of FF-A to 1.2",
			.summary = "the FF-A version the proxy asks the SPMC for (1.1 since \"KVM: "
				   "arm64: "
				   "Use FF-A 1.1 with pKVM\")",
		},
	[HYP_SW_DIRECT_REQ2] =
		{
			.name = "direct-req2",
			.values = HYP_VALUES(req2_values),
			.default_value = HYP_REQ2_DENY,
			.change = "KVM: arm64: Support FFA_MSG_SEND_DIRECT_REQ2 in host handler",
			.summary = "FFA_MSG_SEND_DIRECT_REQ2: passed through unchecked, denied, or "
				   "forwarded with the source check",
		},
	[HYP_SW_NOT_SUPPORTED_ENCODING] =
		{
			.name = "not-supported-encoding",
			.values = HYP_VALUES(encoding_values),
			.default_value = HYP_ENCODING_SIGN_EXTENDED,
			.change = NULL,
			.summary =
				"the proxy's own error values: sign-extended (pKVM) or 32-bit (the "
				"SPMCs, ACS)",
		},
	[HYP_SW_DENY_LIST] =
		{
			.name = "deny-list",
			.values = HYP_VALUES(deny_list_values),
			.default_value = HYP_DENY_LIST_FFA_1_2,
			.change = "KVM: arm64: Mark optional FF-A 1.2 interfaces as unsupported",
			.summary = "the functions answered NOT_SUPPORTED (ffa-1.2 adds "
				   "NOTIFICATION_*, "
				   "\"KVM: arm64: Mark FFA_NOTIFICATION_* calls as unsupported\", "
				   "and the "
				   "optional 1.2 interfaces)",
		},
	[HYP_SW_FINALISE] =
		{
			.name = "finalise",
			.values = HYP_VALUES(finalise_values),
			.default_value = HYP_FINALISE_AT_BOOT,
			.change = "firmware: arm_ffa: Defer probe until pKVM is initialized",
			.summary =
				"when the proxy initialises and traps: at boot, or on the host's "
				"finalise call",
		},
	[HYP_SW_MEM_LENGTH_CHECK] =
		{
			.name = "mem-length-check",
			.values = HYP_VALUES(mem_length_values),
			.default_value = HYP_MEM_LENGTH_DESC_BUFFER,
			.change = "KVM: arm64: Add memory length checks and remove inline in "
				  "do_ffa_mem_xfer",
			.summary = "FFA_MEM_SHARE/LEND longer than the reclaim path's descriptor "
				   "buffer: forwarded, or NO_MEMORY",
		},
	[HYP_SW_RECLAIM_RX_RELEASE] =
		{
			.name = "reclaim-rx-release",
			.values = HYP_VALUES(rx_release_values),
			.default_value = HYP_RECLAIM_RX_RELEASED,
			.change = "KVM: arm64: FFA: Release hyp rx buffer",
			.summary =
				"FFA_MEM_RECLAIM's retrieve response: the proxy's RX buffer kept "
				"full, or released",
		},
	[HYP_SW_MEM_ACCESS_OFFSET] =
		{
			.name = "mem-access-offset",
			.values = HYP_VALUES(mem_access_values),
			.default_value = HYP_MEM_ACCESS_CHECKED,
			.change = "KVM: arm64: Validate the offset to the mem access descriptor",
			.summary =
				"the endpoint memory access descriptor the proxy checks: assumed "
				"after the header, or placed there",
		},
	[HYP_SW_COMPOSITE_OFFSET_CHECK] =
		{
			.name = "composite-offset-check",
			.values = HYP_VALUES(composite_values),
			.default_value = HYP_COMPOSITE_OVERFLOW_CHECKED,
			.change = "KVM: arm64: Check the untrusted offset in FF-A memory share",
			.summary = "a composite offset near 4 GiB: the hypervisor panics reading "
				   "past its buffer, or INVALID_PARAMETERS",
		},
	[HYP_SW_GUEST] =
		{
			.name = "guest",
			.values = HYP_VALUES(guest_values),
			.default_value = HYP_GUEST_HOST,
			.change = NULL,
			.summary = "the guest is pKVM's host (ID 0), or a VM (ID vm-id, default 1) "
				   "behind a forwarding hypervisor",
		},
};

/* The profiles' changes from the defaults (today's proxy). */
static const struct cfg_switch_delta hyp_req2_forwarding[] = {
	{HYP_SW_DIRECT_REQ2, HYP_REQ2_FORWARD},
	{HYP_SW_MEM_ACCESS_OFFSET, HYP_MEM_ACCESS_ASSUMED},
	{HYP_SW_COMPOSITE_OFFSET_CHECK, HYP_COMPOSITE_U32_SUM},
};
static const struct cfg_switch_delta hyp_ffa_1_2[] = {
	{HYP_SW_VERSION_ERROR_CHECK, HYP_VERSION_CHECK_COMPARE_U64},
	{HYP_SW_MEM_ACCESS_OFFSET, HYP_MEM_ACCESS_ASSUMED},
	{HYP_SW_COMPOSITE_OFFSET_CHECK, HYP_COMPOSITE_U32_SUM},
};
static const struct cfg_switch_delta hyp_pre_1_2[] = {
	{HYP_SW_RENEGOTIATION, HYP_RENEGOTIATION_RETURN_HYP_VERSION},
	{HYP_SW_VERSION_ERROR_CHECK, HYP_VERSION_CHECK_COMPARE_U64},
	{HYP_SW_FEATURES_RXTX_MASK, HYP_RXTX_MASK_WHOLE_W2},
	{HYP_SW_RESULT_CONVENTION, HYP_RESULT_SMCCC_1_1},
	{HYP_SW_MAX_VERSION, HYP_MAX_VERSION_1_1},
	{HYP_SW_DIRECT_REQ2, HYP_REQ2_PASS_THROUGH},
	{HYP_SW_DENY_LIST, HYP_DENY_LIST_FFA_1_1},
	{HYP_SW_MEM_ACCESS_OFFSET, HYP_MEM_ACCESS_ASSUMED},
	{HYP_SW_COMPOSITE_OFFSET_CHECK, HYP_COMPOSITE_U32_SUM},
};
static const struct cfg_switch_delta hyp_ffa_1_1_rc[] = {
	{HYP_SW_RENEGOTIATION, HYP_RENEGOTIATION_RETURN_HYP_VERSION},
	{HYP_SW_VERSION_ERROR_CHECK, HYP_VERSION_CHECK_COMPARE_U64},
	{HYP_SW_FEATURES_RXTX_MASK, HYP_RXTX_MASK_WHOLE_W2},
	{HYP_SW_RESULT_CONVENTION, HYP_RESULT_SMCCC_1_1},
	{HYP_SW_MAX_VERSION, HYP_MAX_VERSION_1_1},
	{HYP_SW_DIRECT_REQ2, HYP_REQ2_PASS_THROUGH},
	{HYP_SW_DENY_LIST, HYP_DENY_LIST_FFA_1_1},
	{HYP_SW_MEM_LENGTH_CHECK, HYP_MEM_LENGTH_UNCHECKED},
	{HYP_SW_RECLAIM_RX_RELEASE, HYP_RECLAIM_RX_KEPT},
	{HYP_SW_MEM_ACCESS_OFFSET, HYP_MEM_ACCESS_ASSUMED},
	{HYP_SW_COMPOSITE_OFFSET_CHECK, HYP_COMPOSITE_U32_SUM},
};

/* Not pKVM's history: a hypervisor that hosts the guest as a VM and forwards its calls, as
 * Hafnium's does (hyp/forward.c). */
static const struct cfg_switch_delta hyp_forwarding[] = {
	{HYP_SW_GUEST, HYP_GUEST_VM},
	/* Hafnium writes its error codes as 32-bit values (ffa_error). */
	{HYP_SW_NOT_SUPPORTED_ENCODING, HYP_ENCODING_ZERO_EXTENDED},
};

#define HYP_DELTA(d) (d), sizeof(d) / sizeof((d)[0])

/*
 * The points in Linux's history, newest first. `current` is the proxy as Linux has it today
 * (every default); `req2-forwarding` adds the DIRECT_REQ2 host handler that was posted with
 * the FF-A 1.2 series (with its source check) and left out of it; `ffa-1.2` is the FF-A 1.2
 * series as merged, before the FFA_VERSION error check was fixed; `pre-1.2` is the proxy of
 * the FF-A 1.1 series ("KVM: arm64: Trap FFA_VERSION host call in pKVM" up to "KVM: arm64:
 * Use FF-A 1.1 with pKVM"), before the 1.2 series; `ffa-1.1-rc` is that proxy as the FF-A 1.1
 * series first merged it (Linux 6.10-rc1), before "KVM: arm64: FFA: Release hyp rx buffer"
 * (6.10) and "KVM: arm64: Add memory length checks and remove inline in do_ffa_mem_xfer"
 * (6.12). Every profile before `current` sums the composite offset in 32 bits ("KVM: arm64:
 * Check the untrusted offset in FF-A memory share", 6.18) and reads the endpoint memory access
 * descriptor where it assumes it to be ("KVM: arm64: Validate the offset to the mem access
 * descriptor").
 */
static const struct cfg_switch_profile hyp_profiles[] = {
	{HYP_DEFAULT_PROFILE, NULL, 0},
	{"req2-forwarding", HYP_DELTA(hyp_req2_forwarding)},
	{"ffa-1.2", HYP_DELTA(hyp_ffa_1_2)},
	{"pre-1.2", HYP_DELTA(hyp_pre_1_2)},
	{"ffa-1.1-rc", HYP_DELTA(hyp_ffa_1_1_rc)},
	{HYP_FORWARDING_PROFILE, HYP_DELTA(hyp_forwarding)},
};

#define HYP_PROFILE_COUNT (sizeof(hyp_profiles) / sizeof(hyp_profiles[0]))

static const struct cfg_switch_set hyp_set = {
	.owner = "pKVM",
	.switches = hyp_switches,
	.count = HYP_SW_COUNT,
	.profiles = hyp_profiles,
	.profile_count = HYP_PROFILE_COUNT,
};

const struct cfg_switch_set *hyp_switch_set(void)
{
	return &hyp_set;
}

size_t hyp_switch_count(void)
{
	return HYP_SW_COUNT;
}

const struct cfg_switch *hyp_switch_at(size_t i)
{
	return cfg_switch_at(&hyp_set, i);
}

const char *hyp_switch_value(const struct hyp_pkvm_config *cfg, size_t i)
{
	return cfg_switch_value_name(&hyp_set, cfg->sw, i);
}

const char *hyp_profile_name(size_t i)
{
	return i < HYP_PROFILE_COUNT ? hyp_profiles[i].name : NULL;
}

bool hyp_profile_find(const char *name, struct hyp_pkvm_config *cfg)
{
	const struct cfg_switch_profile *p;

	if (name == NULL || *name == '\0')
		name = HYP_DEFAULT_PROFILE;
	p = cfg_switch_profile_find(&hyp_set, name);
	if (p == NULL)
		return false;
	memset(cfg, 0, sizeof(*cfg));
	cfg_switch_profile_apply(&hyp_set, p, cfg->sw);
	snprintf(cfg->profile, sizeof(cfg->profile), "%s", p->name);
	cfg->vm_id = HYP_DEFAULT_VM_ID;
	return true;
}

/* "vm-id=N": the VM's ID, a normal-world ID other than 0 (FF-A v1.2 (DEN0077A) §6.1). */
static bool hyp_set_vm_id(struct hyp_pkvm_config *cfg, const char *value, struct diag *err)
{
	char *end = NULL;
	unsigned long id = strtoul(value, &end, 0);

	if (*value == '\0' || end == NULL || *end != '\0' || id == 0 || id > 0x7fff) {
		diag_set(err, NULL, 0, 0,
			 "%s=%s: a VM ID is a number from 1 to 0x7fff (bit 15 marks secure IDs, "
			 "0 is the hypervisor's)",
			 HYP_VM_ID_SETTING, value);
		return false;
	}
	cfg->vm_id = (uint16_t)id;
	return true;
}

bool hyp_pkvm_set(struct hyp_pkvm_config *cfg, const char *setting, struct diag *err)
{
	size_t len = strlen(HYP_VM_ID_SETTING);

	if (strncmp(setting, HYP_VM_ID_SETTING, len) == 0 && setting[len] == '=')
		return hyp_set_vm_id(cfg, setting + len + 1, err);
	return cfg_switch_apply(&hyp_set, cfg->sw, setting, err);
}

const char *hyp_pkvm_config_describe(const struct hyp_pkvm_config *cfg, char *buf, size_t size)
{
	struct hyp_pkvm_config base;
	char diff[256] = "";

	if (size == 0)
		return buf;
	if (cfg->profile[0] == '\0' || !hyp_profile_find(cfg->profile, &base))
		memset(&base, 0xff, sizeof(base));
	cfg_switch_describe(&hyp_set, cfg->sw, base.sw, diff, sizeof(diff));
	if (cfg->vm_id != HYP_DEFAULT_VM_ID && cfg->vm_id != 0)
		snprintf(diff + strlen(diff), sizeof(diff) - strlen(diff), "%s%s=%u",
			 diff[0] != '\0' ? ", " : "", HYP_VM_ID_SETTING, cfg->vm_id);
	snprintf(buf, size, "%s%s%s", cfg->profile[0] != '\0' ? cfg->profile : "custom",
		 diff[0] != '\0' ? " with " : "", diff);
	return buf;
}

const char *hyp_pkvm_state_name(enum hyp_pkvm_state state)
{
	static const char *const names[] = {"waiting", "active", "ffa-off", "failed"};

	return (unsigned)state < sizeof(names) / sizeof(names[0]) ? names[state] : "?";
}
