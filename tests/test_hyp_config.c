/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The pKVM proxy's switches and profiles (hyp/config.c): the values each profile gives, the
 * "switch=value" settings and their errors, and the description of a configuration.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "hyp/pkvm.h"

/* Loads a profile that must exist. */
static struct hyp_pkvm_config profile(const char *name)
{
	struct hyp_pkvm_config cfg;

	cr_assert(hyp_profile_find(name, &cfg), "no profile %s", name);
	return cfg;
}

/* Asserts switch i's value name in cfg. */
static void expect_value(const struct hyp_pkvm_config *cfg, enum hyp_switch sw, const char *want)
{
	cr_expect_str_eq(hyp_switch_value(cfg, sw), want, "%s: %s is %s, wanted %s", cfg->profile,
			 hyp_switch_at(sw)->name, hyp_switch_value(cfg, sw), want);
}

/* Every switch has a name, two or more values and a summary; the switches are there. */
Test(hyp_config, switches_described)
{
	static const char *const wanted[] = {
		"renegotiation",      "version-error-check",    "features-rxtx-mask",
		"ffa-function-range", "result-convention",      "max-version",
		"direct-req2",        "not-supported-encoding", "deny-list",
		"finalise",           "mem-length-check",       "reclaim-rx-release",
		"mem-access-offset",  "composite-offset-check", "guest",
	};

	cr_assert_eq(hyp_switch_count(), sizeof(wanted) / sizeof(wanted[0]));
	for (size_t i = 0; i < hyp_switch_count(); i++) {
		const struct cfg_switch *d = hyp_switch_at(i);

		cr_expect_str_eq(d->name, wanted[i]);
		cr_expect(d->value_count >= 2, "%s: fewer than 2 values", d->name);
		cr_expect(d->summary != NULL && d->summary[0] != '\0', "%s: no summary", d->name);
	}
	cr_expect_null(hyp_switch_at(hyp_switch_count()));
}

/* The default profile is `current`, the first name listed. */
Test(hyp_config, default_profile_is_current)
{
	struct hyp_pkvm_config a, b;

	cr_assert(hyp_profile_find(NULL, &a));
	cr_assert(hyp_profile_find("", &b));
	cr_expect_str_eq(a.profile, "current");
	cr_expect_str_eq(b.profile, "current");
	cr_expect_str_eq(hyp_profile_name(0), HYP_DEFAULT_PROFILE);
}

/* An unknown profile is refused and leaves the configuration alone. */
Test(hyp_config, unknown_profile)
{
	struct hyp_pkvm_config cfg = profile("pre-1.2");

	cr_expect_not(hyp_profile_find("pkvm-2030", &cfg));
	cr_expect_str_eq(cfg.profile, "pre-1.2");
}

/* Every listed profile loads. */
Test(hyp_config, every_profile_loads)
{
	size_t i;

	for (i = 0; hyp_profile_name(i) != NULL; i++) {
		struct hyp_pkvm_config cfg = profile(hyp_profile_name(i));

		cr_expect_str_eq(cfg.profile, hyp_profile_name(i));
	}
	cr_expect_eq(i, hyp_switch_set()->profile_count);
}

/* The default profile is the switches' defaults; every other one names only what it changes. */
Test(hyp_config, profiles_are_deltas)
{
	const struct cfg_switch_set *set = hyp_switch_set();
	struct hyp_pkvm_config c = profile(HYP_DEFAULT_PROFILE);

	for (size_t i = 0; i < hyp_switch_count(); i++)
		cr_expect_eq(c.sw[i], hyp_switch_at(i)->default_value, "%s",
			     hyp_switch_at(i)->name);
	cr_expect_eq(set->profiles[0].delta_count, 0);
	for (size_t p = 1; p < set->profile_count; p++) {
		const struct cfg_switch_profile *prof = &set->profiles[p];

		cr_expect_gt(prof->delta_count, 0, "%s changes nothing", prof->name);
		for (size_t k = 0; k < prof->delta_count; k++) {
			const struct cfg_switch *sw = hyp_switch_at(prof->delta[k].sw);

			cr_assert_not_null(sw, "%s: switch %u", prof->name, prof->delta[k].sw);
			cr_expect_neq(prof->delta[k].value, sw->default_value,
				      "%s restates the default of %s", prof->name, sw->name);
			cr_expect_lt(prof->delta[k].value, sw->value_count, "%s: %s", prof->name,
				     sw->name);
		}
	}
}

/* `current`: every fix in, DIRECT_REQ2 on the deny-list, errors sign-extended as pKVM does. */
Test(hyp_config, current_values)
{
	struct hyp_pkvm_config c = profile("current");

	expect_value(&c, HYP_SW_RENEGOTIATION, "not-supported");
	expect_value(&c, HYP_SW_VERSION_ERROR_CHECK, "compare-s32");
	expect_value(&c, HYP_SW_FEATURES_RXTX_MASK, "bits-1-0");
	expect_value(&c, HYP_SW_FFA_FUNCTION_RANGE, "0x60-0xff");
	expect_value(&c, HYP_SW_RESULT_CONVENTION, "smccc-1.2");
	expect_value(&c, HYP_SW_MAX_VERSION, "1.2");
	expect_value(&c, HYP_SW_DIRECT_REQ2, "deny");
	expect_value(&c, HYP_SW_NOT_SUPPORTED_ENCODING, "sign-extended");
	expect_value(&c, HYP_SW_DENY_LIST, "ffa-1.2");
	expect_value(&c, HYP_SW_FINALISE, "at-boot");
	expect_value(&c, HYP_SW_MEM_LENGTH_CHECK, "desc-buffer");
	expect_value(&c, HYP_SW_RECLAIM_RX_RELEASE, "released");
	expect_value(&c, HYP_SW_MEM_ACCESS_OFFSET, "checked");
	expect_value(&c, HYP_SW_COMPOSITE_OFFSET_CHECK, "overflow-checked");
}

/* `pre-1.2`: the FF-A 1.1 proxy, before every change of the FF-A 1.2 series. */
Test(hyp_config, pre_1_2_values)
{
	struct hyp_pkvm_config c = profile("pre-1.2");

	expect_value(&c, HYP_SW_RENEGOTIATION, "return-hyp-version");
	expect_value(&c, HYP_SW_VERSION_ERROR_CHECK, "compare-u64");
	expect_value(&c, HYP_SW_FEATURES_RXTX_MASK, "whole-w2");
	expect_value(&c, HYP_SW_FFA_FUNCTION_RANGE, "0x60-0xff");
	expect_value(&c, HYP_SW_RESULT_CONVENTION, "smccc-1.1");
	expect_value(&c, HYP_SW_MAX_VERSION, "1.1");
	expect_value(&c, HYP_SW_DIRECT_REQ2, "pass-through");
	expect_value(&c, HYP_SW_NOT_SUPPORTED_ENCODING, "sign-extended");
	expect_value(&c, HYP_SW_DENY_LIST, "ffa-1.1");
	expect_value(&c, HYP_SW_FINALISE, "at-boot");
	expect_value(&c, HYP_SW_MEM_LENGTH_CHECK, "desc-buffer");
	expect_value(&c, HYP_SW_RECLAIM_RX_RELEASE, "released");
	expect_value(&c, HYP_SW_MEM_ACCESS_OFFSET, "assumed");
	expect_value(&c, HYP_SW_COMPOSITE_OFFSET_CHECK, "u32-sum");
}

/* `ffa-1.1-rc` is `pre-1.2` before the two memory-path fixes of 6.10 and 6.12. */
Test(hyp_config, ffa_1_1_rc_values)
{
	struct hyp_pkvm_config a = profile("ffa-1.1-rc"), b = profile("pre-1.2");

	expect_value(&a, HYP_SW_MEM_LENGTH_CHECK, "unchecked");
	expect_value(&a, HYP_SW_RECLAIM_RX_RELEASE, "kept");
	for (size_t i = 0; i < HYP_SW_COUNT; i++) {
		if (i != HYP_SW_MEM_LENGTH_CHECK && i != HYP_SW_RECLAIM_RX_RELEASE)
			cr_expect_eq(a.sw[i], b.sw[i], "%s differs", hyp_switch_at(i)->name);
	}
}

/* `ffa-1.2` differs from `current` in the FFA_VERSION error check and the two checks of the
 * descriptor's offsets only. */
Test(hyp_config, ffa_1_2_values)
{
	struct hyp_pkvm_config a = profile("ffa-1.2"), b = profile("current");

	expect_value(&a, HYP_SW_VERSION_ERROR_CHECK, "compare-u64");
	expect_value(&a, HYP_SW_MEM_ACCESS_OFFSET, "assumed");
	expect_value(&a, HYP_SW_COMPOSITE_OFFSET_CHECK, "u32-sum");
	for (size_t i = 0; i < HYP_SW_COUNT; i++) {
		if (i != HYP_SW_VERSION_ERROR_CHECK && i != HYP_SW_MEM_ACCESS_OFFSET &&
		    i != HYP_SW_COMPOSITE_OFFSET_CHECK)
			cr_expect_eq(a.sw[i], b.sw[i], "%s differs", hyp_switch_at(i)->name);
	}
}

/* `req2-forwarding` differs from `current` in DIRECT_REQ2 and the two checks of the
 * descriptor's offsets only. */
Test(hyp_config, req2_forwarding_values)
{
	struct hyp_pkvm_config a = profile("req2-forwarding"), b = profile("current");

	expect_value(&a, HYP_SW_DIRECT_REQ2, "forward");
	expect_value(&a, HYP_SW_MEM_ACCESS_OFFSET, "assumed");
	expect_value(&a, HYP_SW_COMPOSITE_OFFSET_CHECK, "u32-sum");
	for (size_t i = 0; i < HYP_SW_COUNT; i++) {
		if (i != HYP_SW_DIRECT_REQ2 && i != HYP_SW_MEM_ACCESS_OFFSET &&
		    i != HYP_SW_COMPOSITE_OFFSET_CHECK)
			cr_expect_eq(a.sw[i], b.sw[i], "%s differs", hyp_switch_at(i)->name);
	}
}

/* A setting changes one switch and keeps the profile's name. */
Test(hyp_config, set_one_switch)
{
	struct hyp_pkvm_config c = profile("current");
	struct diag err;

	cr_assert(hyp_pkvm_set(&c, "renegotiation=return-hyp-version", &err), "%s", err.msg);
	expect_value(&c, HYP_SW_RENEGOTIATION, "return-hyp-version");
	expect_value(&c, HYP_SW_VERSION_ERROR_CHECK, "compare-s32");
	cr_expect_str_eq(c.profile, "current");
	cr_assert(hyp_pkvm_set(&c, "finalise=on-request", &err), "%s", err.msg);
	expect_value(&c, HYP_SW_FINALISE, "on-request");
	cr_assert(hyp_pkvm_set(&c, "max-version=1.0", &err), "%s", err.msg);
	expect_value(&c, HYP_SW_MAX_VERSION, "1.0");
}

/* Every value of every switch can be set by its name. */
Test(hyp_config, set_every_value)
{
	char setting[96];
	struct diag err;

	for (size_t i = 0; i < hyp_switch_count(); i++) {
		const struct cfg_switch *d = hyp_switch_at(i);

		for (unsigned v = 0; v < d->value_count; v++) {
			struct hyp_pkvm_config c = profile("current");

			cr_expect(d->values[v].summary != NULL && d->values[v].summary[0] != '\0',
				  "%s=%s: no summary", d->name, d->values[v].name);
			snprintf(setting, sizeof(setting), "%s=%s", d->name, d->values[v].name);
			cr_assert(hyp_pkvm_set(&c, setting, &err), "%s: %s", setting, err.msg);
			cr_expect_eq(c.sw[i], v, "%s", setting);
		}
	}
}

/* An unknown switch is refused with the list of switches. */
Test(hyp_config, set_unknown_switch)
{
	struct hyp_pkvm_config c = profile("current");
	struct diag err;

	cr_assert_not(hyp_pkvm_set(&c, "renegotation=not-supported", &err));
	cr_expect(strstr(err.msg, "unknown pKVM switch \"renegotation\"") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "renegotiation, version-error-check,") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "composite-offset-check or guest); did you mean "
				  "\"renegotiation\"?") != NULL,
		  "%s", err.msg);
}

/* An unknown value is refused with the switch's values. */
Test(hyp_config, set_unknown_value)
{
	struct hyp_pkvm_config c = profile("current");
	struct diag err;

	cr_assert_not(hyp_pkvm_set(&c, "result-convention=smccc-1.3", &err));
	cr_expect_str_eq(err.msg, "pKVM switch result-convention: \"smccc-1.3\" is not a value "
				  "(choose smccc-1.1 or smccc-1.2)");
	expect_value(&c, HYP_SW_RESULT_CONVENTION, "smccc-1.2");
}

/* A switch without "=value" is refused with the values it takes. */
Test(hyp_config, set_without_value)
{
	struct hyp_pkvm_config c = profile("current");
	struct diag err;

	cr_assert_not(hyp_pkvm_set(&c, "direct-req2", &err));
	cr_expect_str_eq(err.msg,
			 "pKVM switch direct-req2 needs a value: direct-req2=pass-through, deny or "
			 "forward");
}

/* The description names the profile and what was changed from it. */
Test(hyp_config, describe)
{
	struct hyp_pkvm_config c = profile("current");
	struct diag err;
	char buf[256];

	cr_expect_str_eq(hyp_pkvm_config_describe(&c, buf, sizeof(buf)), "current");
	cr_assert(hyp_pkvm_set(&c, "finalise=on-request", &err));
	cr_assert(hyp_pkvm_set(&c, "renegotiation=return-hyp-version", &err));
	cr_expect_str_eq(hyp_pkvm_config_describe(&c, buf, sizeof(buf)),
			 "current with renegotiation=return-hyp-version, finalise=on-request");
}

/* State names for reports. */
Test(hyp_config, state_names)
{
	cr_expect_str_eq(hyp_pkvm_state_name(HYP_PKVM_WAITING), "waiting");
	cr_expect_str_eq(hyp_pkvm_state_name(HYP_PKVM_ACTIVE), "active");
	cr_expect_str_eq(hyp_pkvm_state_name(HYP_PKVM_FFA_OFF), "ffa-off");
	cr_expect_str_eq(hyp_pkvm_state_name(HYP_PKVM_FAILED), "failed");
}

/* The forwarding profile is `current` with the guest a VM, VM 1 unless vm-id says otherwise;
 * vm-id takes 1-0x7fff (decimal or 0x hex) and refuses 0, secure IDs and text. */
Test(hyp_config, forwarding_profile_and_vm_id)
{
	struct hyp_pkvm_config cfg = profile(HYP_FORWARDING_PROFILE);
	struct hyp_pkvm_config cur = profile("current");
	char buf[256];
	struct diag err;

	expect_value(&cfg, HYP_SW_GUEST, "vm");
	expect_value(&cur, HYP_SW_GUEST, "host");
	cr_expect_eq(cfg.vm_id, HYP_DEFAULT_VM_ID);
	cr_expect_str_eq(hyp_pkvm_config_describe(&cfg, buf, sizeof(buf)), "forwarding");
	cr_assert(hyp_pkvm_set(&cfg, "vm-id=0x22", &err), "%s", err.msg);
	cr_expect_eq(cfg.vm_id, 0x22);
	cr_expect_str_eq(hyp_pkvm_config_describe(&cfg, buf, sizeof(buf)),
			 "forwarding with vm-id=34");
	cr_assert(hyp_pkvm_set(&cfg, "vm-id=7", &err));
	cr_expect_eq(cfg.vm_id, 7);
	cr_expect_not(hyp_pkvm_set(&cfg, "vm-id=0", &err));
	cr_expect_not_null(strstr(err.msg, "1 to 0x7fff"), "%s", err.msg);
	cr_expect_not(hyp_pkvm_set(&cfg, "vm-id=0x8001", &err));
	cr_expect_not(hyp_pkvm_set(&cfg, "vm-id=one", &err));
	cr_expect_not(hyp_pkvm_set(&cfg, "vm-id=", &err));
	cr_expect_eq(cfg.vm_id, 7, "a refused setting changes nothing");
	cr_assert(hyp_pkvm_set(&cur, "guest=vm", &err));
	expect_value(&cur, HYP_SW_GUEST, "vm");
}
