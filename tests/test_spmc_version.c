/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_VERSION under each personality, FFA_FEATURES, FFA_ID_GET and FFA_SPM_ID_GET: every row
 * of the reference's personality table and the public conformance expectations (Hafnium's,
 * TF-A's and the ACS's), each under the matching personality.
 */
#include <criterion/criterion.h>

#include "abi/table.h"
#include "spmc_helpers.h"

#define NS 0xffffffffull /* NOT_SUPPORTED as FFA_VERSION answers it: w0, upper half zero */

static struct ffa_value version(struct spmc_fixture *f, uint64_t requested)
{
	return spmc_fixture_call1(f, f->nw, FFA_VERSION, requested);
}

static struct ffa_value features(struct spmc_fixture *f, uint32_t id)
{
	uint64_t args[2] = {id, 0};

	return spmc_fixture_call(f, f->nw, FFA_FEATURES, args, 2);
}

/* Hafnium: its own version for a compatible request, and 1.1 before the lock answers 1.2. */
Test(hafnium, compatible_requests_answer_own_version)
{
	struct spmc_fixture f;
	struct diag err;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	/* As Hafnium's own tests call its handler: FFA_VERSION does not end negotiation. */
	cr_assert(spmc_config_set(&f.spmc.cfg, "version-path=direct", &err), "%s", err.msg);
	v = version(&f, 0x10002);
	expect_ffa_version(&v, 0x10002);
	v = version(&f, 0x10001);
	expect_ffa_version(&v, 0x10002);
	cr_assert_eq(f.nw->version, 0x10001, "Hafnium stores the requested version");
	spmc_fixture_fini(&f);
}

/* Behind TF-A's SPMD (Hafnium v2.15 on QEMU): the first FFA_VERSION that reaches Hafnium,
 * compatible or not, ends negotiation; a later request for another version is NOT_SUPPORTED,
 * the stored one (Hafnium's own if none was stored) is still answered. */
/* Asks for each version of asked[] in turn; the answers must be answers[]. */
static void expect_versions(struct spmc_fixture *f, const uint32_t *asked, const uint64_t *answers,
			    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ffa_value v = version(f, asked[i]);

		expect_ffa_version(&v, answers[i]);
	}
}

Test(hafnium, first_version_ends_negotiation_behind_spmd)
{
	/* Bit 31: the SPMD refuses it, Hafnium never sees it. */
	static const uint32_t bit31[] = {0x80010003};
	/* 1.4 reaches Hafnium: refused, and negotiation is over at Hafnium's own 1.3. */
	static const uint32_t refused[] = {0x10004, 0x10002, 0x10003};
	static const uint64_t refused_answers[] = {NS, NS, 0x10003};
	/* 1.1 is stored and fixed at once. */
	static const uint32_t fixed[] = {0x10003, 0x10001};
	static const uint64_t fixed_answers[] = {NS, 0x10003};
	static const uint64_t ns[] = {NS};
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium");
	expect_versions(&f, bit31, ns, 1);
	cr_assert_not(f.nw->negotiation_over);
	expect_versions(&f, refused, refused_answers, 3);
	cr_assert(f.nw->negotiation_over);
	spmc_fixture_fini(&f);

	spmc_fixture_init(&f, "hafnium");
	v = version(&f, 0x10001);
	expect_ffa_version(&v, 0x10003);
	cr_assert_eq(f.nw->version, 0x10001);
	expect_versions(&f, fixed, fixed_answers, 2);
	spmc_fixture_fini(&f);
}

/* Hafnium's conformance list: malformed and incompatible versions are NOT_SUPPORTED. */
Test(hafnium, incompatible_requests_not_supported)
{
	static const uint32_t bad[] = {0x0, 0x1, 0x10003, 0xffff, 0x80000000u, 0x20000, 0x9};
	struct spmc_fixture f;

	spmc_fixture_init(&f, "hafnium:1.2");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ffa_value v = version(&f, bad[i]);

		expect_ffa_version(&v, NS);
	}
	cr_assert_not(f.nw->version_set, "nothing was negotiated");
	spmc_fixture_fini(&f);
}

/* Hafnium: VERSION(c), FEATURES(...), VERSION(1.1) -> NOT_SUPPORTED; the same version still
 * answers after the lock (TF-A's tests call it long after). */
Test(hafnium, lock_after_other_call)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	v = version(&f, 0x10002);
	expect_ffa_version(&v, 0x10002);
	v = features(&f, FFA_VERSION);
	expect_ffa_success(&v, 0, false);
	cr_assert(f.nw->negotiation_over);
	v = version(&f, 0x10001);
	expect_ffa_version(&v, NS);
	v = version(&f, 0x10002);
	expect_ffa_version(&v, 0x10002);
	spmc_fixture_fini(&f);
}

/* Hafnium allows calls before negotiation, and such a call locks the version (regression 8). */
Test(hafnium, early_call_locks_version)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	v = spmc_fixture_call1(&f, f.nw, FFA_ID_GET, SPMC_POISON);
	expect_ffa_success(&v, 1u << 2, false);
	cr_assert_eq(v.x[2], 0);
	v = version(&f, 0x10001);
	expect_ffa_version(&v, NS);
	spmc_fixture_fini(&f);
}

/* ACS: VERSION(1.2) -> 0x10002 with x1-x7 zero; after negotiation VERSION(1.1) is exactly
 * 0xFFFFFFFF (the 32-bit NOT_SUPPORTED, not sign-extended). */
Test(acs, version_expectations)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	v = version(&f, 0x10002);
	expect_ffa_version(&v, 0x10002);
	v = spmc_fixture_call1(&f, f.nw, FFA_ID_GET, SPMC_POISON);
	v = version(&f, 0x10001);
	cr_assert_eq(v.x[0], 0xffffffffull);
	spmc_fixture_fini(&f);
}

/* ACS: FEATURES answers SUCCESS with w2-w7 zero for the basic functions; 0x8FFFFFFF is
 * NOT_SUPPORTED. */
Test(acs, features_expectations)
{
	static const uint32_t ids[] = {FFA_ERROR_32,           FFA_INTERRUPT_32, FFA_VERSION,
				       FFA_FEATURES,           FFA_RX_RELEASE,   FFA_RXTX_UNMAP,
				       FFA_PARTITION_INFO_GET, FFA_ID_GET};
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	version(&f, 0x10002);
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		v = features(&f, ids[i]);
		expect_ffa_success(&v, 0, false);
	}
	v = features(&f, 0x8fffffffu);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&f);
}

/* TF-A: VERSION(1.3) -> 1.2, VERSION(0) -> 1.2, VERSION(1.2) -> 1.2; later (locked)
 * VERSION(1.1) -> 1.2; VERSION(0xffffffff) -> NOT_SUPPORTED. */
/*
 * TF-A's FFA_VERSION answer: w0 alone; x1 left as the caller's requested version and x2-x7 as
 * the caller's (poisoned) values, upper halves included, as TF-A v2.15's EL3 SPMC answers
 * (tests/data/oracle/tf-a-el3-spmc-optee-sp.probe_regs.txt; this helper zeroed x2-x7 before
 * that measurement).
 */
static void expect_tfa_version(const struct ffa_value *v, uint64_t w0, uint64_t requested)
{
	struct ffa_value want = *v;

	cr_assert_eq(v->x[1], requested, "x1 0x%llx, the request 0x%llx",
		     (unsigned long long)v->x[1], (unsigned long long)requested);
	want.x[1] = 0;
	for (unsigned i = 2; i < 8; i++) {
		cr_assert_eq(v->x[i], SPMC_POISON, "x%u 0x%llx, the caller's", i,
			     (unsigned long long)v->x[i]);
		want.x[i] = 0;
	}
	expect_ffa_version(&want, w0);
}

/* TF-A's FFA_FEATURES answer keeps the caller's x4-x7 (the EL3 SPMC writes x0-x3 only):
 * checked, then cleared for expect_ffa_success. */
static struct ffa_value tfa_features_kept(struct ffa_value v)
{
	for (unsigned i = 4; i < 8; i++) {
		cr_assert_eq(v.x[i], SPMC_POISON, "x%u 0x%llx, the caller's", i,
			     (unsigned long long)v.x[i]);
		v.x[i] = 0;
	}
	return v;
}

Test(tfa, version_expectations)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "tf-a:1.2");
	v = version(&f, 0x10003);
	expect_tfa_version(&v, 0x10002, 0x10003);
	cr_assert_not(f.nw->version_set, "an incompatible request stores nothing");
	v = version(&f, 0x0);
	expect_tfa_version(&v, 0x10002, 0);
	v = version(&f, 0x10002);
	expect_tfa_version(&v, 0x10002, 0x10002);
	v = spmc_fixture_call1(&f, f.nw, FFA_ID_GET, SPMC_POISON);
	expect_ffa_success(&v, 1u << 2, false);
	v = version(&f, 0x10001);
	expect_tfa_version(&v, 0x10002, 0x10001);
	cr_assert_eq(f.nw->version, 0x10002, "locked: the stored version is unchanged");
	v = version(&f, 0xffffffffu);
	expect_tfa_version(&v, NS, 0xffffffffu);
	spmc_fixture_fini(&f);
}

/* TF-A: after the lock the negotiated version is answered, even when lower than its own. */
Test(tfa, locked_answers_negotiated_version)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "tf-a:1.2");
	v = version(&f, 0x10001);
	expect_tfa_version(&v, 0x10002, 0x10001);
	features(&f, FFA_VERSION);
	v = version(&f, 0x10002);
	expect_tfa_version(&v, 0x10001, 0x10002);
	spmc_fixture_fini(&f);
}

/*
 * TF-A v2.15: before FFA_VERSION the SPMD answers FFA_ID_GET and FFA_SPM_ID_GET; any other call
 * is NOT_SUPPORTED (sign-extended, from the EL3 SPMC) and ends the negotiation, so that the
 * later FFA_VERSION and calls are NOT_SUPPORTED too, as the real firmware answered.
 */
Test(tfa, calls_before_negotiation_refused)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "tf-a:1.2");
	v = spmc_fixture_call1(&f, f.nw, FFA_ID_GET, SPMC_POISON);
	expect_ffa_success(&v, 1u << 2, false);
	v = spmc_fixture_call1(&f, f.nw, FFA_SPM_ID_GET, SPMC_POISON);
	expect_ffa_success(&v, 1u << 2, false);
	cr_assert_eq(v.x[2], 0x8000);
	cr_assert_not(f.nw->negotiation_over, "the SPMD's answers end nothing");
	v = features(&f, FFA_VERSION);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	cr_assert_eq(v.x[2], UINT64_MAX, "sign-extended: 0x%llx", (unsigned long long)v.x[2]);
	cr_assert(f.nw->negotiation_over);
	v = version(&f, 0x10002);
	expect_tfa_version(&v, NS, 0x10002);
	v = features(&f, FFA_VERSION);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = spmc_fixture_call1(&f, f.nw, FFA_ID_GET, SPMC_POISON);
	expect_ffa_success(&v, 1u << 2, false);
	spmc_fixture_fini(&f);
}

/* pre-version-calls=answer: TF-A before that change answered every call at its own version. */
Test(tfa, calls_before_negotiation_answered_before_the_change)
{
	struct spmc_fixture f;
	struct ffa_value v;
	struct diag err;

	spmc_fixture_init(&f, "tf-a:1.2");
	cr_assert(spmc_config_set(&f.spmc.cfg, "pre-version-calls=answer", &err), "%s", err.msg);
	v = tfa_features_kept(features(&f, FFA_VERSION));
	expect_ffa_success(&v, 1u << 1, false);
	cr_assert_eq(v.x[1], FFA_VERSION, "the EL3 SPMC leaves the queried ID in x1");
	v = tfa_features_kept(features(&f, FFA_ID_GET));
	expect_ffa_success(&v, 1u << 1, false);
	spmc_fixture_fini(&f);
}

/* TF-A refuses a non-zero FFA_FEATURES input property with NOT_SUPPORTED; Hafnium ignores it. */
Test(tfa, features_input_property_mbz)
{
	struct spmc_fixture f;
	uint64_t args[2] = {FFA_ID_GET, 1};
	struct ffa_value v;

	spmc_fixture_init(&f, "tf-a:1.2");
	version(&f, 0x10002);
	v = spmc_fixture_call(&f, f.nw, FFA_FEATURES, args, 2);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&f);
	spmc_fixture_init(&f, "hafnium:1.2");
	version(&f, 0x10002);
	v = spmc_fixture_call(&f, f.nw, FFA_FEATURES, args, 2);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* OP-TEE: always its own version; stores min(requested, own); incompatible requests answer
 * its version too; no lock: renegotiation after other calls. */
Test(optee, version_behaviour)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "optee:1.2");
	v = spmc_fixture_call1(&f, f.nw, FFA_ID_GET, SPMC_POISON);
	expect_ffa_success(&v, 1u << 2, false);
	v = version(&f, 0x10001);
	expect_ffa_version(&v, 0x10002);
	cr_assert_eq(f.nw->version, 0x10001);
	features(&f, FFA_VERSION);
	v = version(&f, 0x10002);
	expect_ffa_version(&v, 0x10002);
	cr_assert_eq(f.nw->version, 0x10002, "renegotiated after other calls");
	v = version(&f, 0x20000);
	expect_ffa_version(&v, 0x10002);
	cr_assert_eq(f.nw->version, 0x10002, "an incompatible request stores nothing");
	spmc_fixture_fini(&f);
}

/* An SPMC at 1.1 refuses a 1.2 request (Hafnium) and hides 1.2 functions from FEATURES. */
Test(versions, spmc_at_1_1)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.1");
	v = version(&f, 0x10002);
	expect_ffa_version(&v, NS);
	v = version(&f, 0x10001);
	expect_ffa_version(&v, 0x10001);
	v = features(&f, FFA_MSG_SEND_DIRECT_REQ2_64);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = features(&f, FFA_SPM_ID_GET);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/*
 * An SPMC whose manifest says v1.0 behind TF-A's SPMD (Hafnium, OP-TEE): the SPMD answers the
 * normal world's FFA_VERSION itself with 1.0, x1-x7 zero, for any request with bit 31 clear;
 * the SPMC stores nothing and negotiation goes on. Without the SPMD (version-path=direct)
 * Hafnium refuses the newer version. TF-A's EL3 SPMC answers its own version too, but stores
 * a compatible request as before.
 */
Test(versions, spmd_answers_for_an_spmc_at_1_0)
{
	static const char *const behind_spmd[] = {"hafnium:1.0", "optee:1.0"};
	struct spmc_fixture f;
	struct diag err;
	struct ffa_value v;

	for (size_t i = 0; i < 2; i++) {
		spmc_fixture_init(&f, behind_spmd[i]);
		v = version(&f, 0x10002);
		expect_ffa_version(&v, 0x10000);
		v = version(&f, 0x10001);
		expect_ffa_version(&v, 0x10000);
		v = version(&f, 0x20000);
		expect_ffa_version(&v, 0x10000);
		v = version(&f, 0x80010000u);
		expect_ffa_version(&v, NS);
		cr_assert_not(f.nw->version_set, "%s: the SPMC saw the request", behind_spmd[i]);
		cr_assert_not(f.nw->negotiation_over, "%s", behind_spmd[i]);
		v = spmc_fixture_call1(&f, f.nw, FFA_ID_GET, SPMC_POISON);
		expect_ffa_success(&v, 1u << 2, false);
		v = version(&f, 0x10001);
		expect_ffa_version(&v, 0x10000);
		spmc_fixture_fini(&f);
	}

	spmc_fixture_init(&f, "hafnium:1.0");
	cr_assert(spmc_config_set(&f.spmc.cfg, "version-path=direct", &err), "%s", err.msg);
	v = version(&f, 0x10001);
	expect_ffa_version(&v, NS);
	v = version(&f, 0x10000);
	expect_ffa_version(&v, 0x10000);
	cr_assert(f.nw->version_set);
	spmc_fixture_fini(&f);

	spmc_fixture_init(&f, "tf-a:1.0");
	v = version(&f, 0x10000);
	/* TF-A leaves x1 as the caller set it (a known deviation): x0 alone is the answer. */
	cr_assert_eq(v.x[0], 0x10000);
	cr_assert(f.nw->version_set, "TF-A's EL3 SPMC handles the request itself");
	spmc_fixture_fini(&f);
}

/* Functions newer than the caller's negotiated version do not exist for it. */
Test(versions, gate_by_caller_version)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	version(&f, 0x10000);
	v = spmc_fixture_call1(&f, f.nw, FFA_SPM_ID_GET, SPMC_POISON);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = features(&f, FFA_SPM_ID_GET);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = features(&f, FFA_CONSOLE_LOG_32);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	cr_assert_eq(f.rule_version, 0x10000, "answers go back under the caller's version");
	spmc_fixture_fini(&f);
}

/* FEATURES(RXTX_MAP): minimum size 4 KiB; the maximum page count only for 1.2 callers. */
Test(features, rxtx_map_properties)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	version(&f, 0x10002);
	v = features(&f, FFA_RXTX_MAP_64);
	expect_ffa_success(&v, 1u << 2, false);
	cr_assert_eq(v.x[2], 1u << 16, "Hafnium reports one page");
	spmc_fixture_fini(&f);
	/* TF-A's EL3 SPMC and OP-TEE leave the field zero. */
	spmc_fixture_init(&f, "tf-a:1.2");
	version(&f, 0x10002);
	v = tfa_features_kept(features(&f, FFA_RXTX_MAP_64));
	expect_ffa_success(&v, 1u << 1, false);
	cr_assert_eq(v.x[1], FFA_RXTX_MAP_64);
	spmc_fixture_fini(&f);
	spmc_fixture_init(&f, "optee:1.2");
	version(&f, 0x10002);
	v = features(&f, FFA_RXTX_MAP_64);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
	spmc_fixture_init(&f, "optee:1.2");
	version(&f, 0x10001);
	v = features(&f, FFA_RXTX_MAP_32);
	expect_ffa_success(&v, 0, false);
	spmc_fixture_fini(&f);
}

/* Not-modelled functions and feature IDs are NOT_SUPPORTED; so are unknown function IDs. */
Test(features, not_modelled)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	version(&f, 0x10002);
	v = features(&f, FFA_MEM_OP_PAUSE);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = features(&f, 0x1);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = spmc_fixture_call1(&f, f.nw, FFA_MEM_OP_PAUSE, SPMC_POISON);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = spmc_fixture_call1(&f, f.nw, FFA_FID_SMC32(FFA_FNUM_MAX - 0xf), SPMC_POISON);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&f);
}

/* ID_GET answers the caller's ID (0 for the normal world); SPM_ID_GET the SPMC's (0x8000). */
Test(ids, id_get_and_spm_id_get)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	version(&f, 0x10002);
	v = spmc_fixture_call1(&f, f.nw, FFA_ID_GET, SPMC_POISON);
	expect_ffa_success(&v, 1u << 2, false);
	cr_assert_eq(v.x[2], 0);
	v = spmc_fixture_call1(&f, f.nw, FFA_SPM_ID_GET, SPMC_POISON);
	expect_ffa_success(&v, 1u << 2, false);
	cr_assert_eq(v.x[2], 0x8000);
	spmc_fixture_fini(&f);
}

/* --spmc parsing: names, versions and errors. */
Test(config, parse)
{
	struct spmc_config cfg;
	struct diag err;

	cr_assert(spmc_config_parse("tf-a:1.1", &cfg, &err));
	cr_assert_str_eq(cfg.personality->name, "tf-a");
	cr_assert_eq(cfg.version, 0x10001);
	cr_assert(spmc_config_parse("optee", &cfg, &err));
	cr_assert_eq(cfg.version, 0x10002);
	/* Each personality offers the versions its real SPMC has: Hafnium v2.15 is v1.3 (and
	 * the default), TF-A's EL3 SPMC v1.2. */
	cr_assert(spmc_config_parse("hafnium", &cfg, &err));
	cr_assert_eq(cfg.version, 0x10003);
	cr_assert(spmc_config_parse("hafnium:1.3", &cfg, &err));
	cr_assert_eq(cfg.version, 0x10003);
	cr_assert_not(spmc_config_parse("tf-a:1.3", &cfg, &err));
	cr_assert_str_eq(err.msg, "--spmc: version \"1.3\" is not one tf-a offers (1.0 to 1.2)");
	cr_assert_not(spmc_config_parse("hafnium:1.4", &cfg, &err));
	cr_assert_str_eq(err.msg, "--spmc: version \"1.4\" is not one hafnium offers (1.0 to 1.3)");
	cr_assert_not(spmc_config_parse("trusty", &cfg, &err));
	cr_assert_str_eq(
		err.msg,
		"--spmc: unknown personality \"trusty\" (choose hafnium, tf-a, optee or none)");
}

/* Every name a message or a listing offers is a row of the personality table, in its order. */
Test(config, personality_names_from_table)
{
	const char *names[SPMC_PERSONALITY_MAX];
	size_t n = spmc_personality_names(names, SPMC_PERSONALITY_MAX);
	char buf[128] = "";

	cr_assert_eq(n, 3);
	for (size_t i = 0; i < n; i++) {
		cr_assert_not_null(spmc_personality_at(i));
		cr_expect_str_eq(names[i], spmc_personality_at(i)->name);
		cr_expect_eq(spmc_personality_find(names[i]), spmc_personality_at(i));
	}
	cr_expect_null(names[n]);
	cr_expect_null(spmc_personality_at(n));
	cr_expect_eq(spmc_personality_names(names, 2), 1, "room for one name and the NULL");
	cr_expect_null(names[1]);
	cr_expect_str_eq(spmc_personality_choices(buf, sizeof(buf), NULL), "hafnium, tf-a, optee");
	cr_expect_str_eq(spmc_personality_choices(buf, sizeof(buf), "none"),
			 "hafnium, tf-a, optee or none");
}

/* The SPMC ID is configurable: SPM_ID_GET answers the configured one. */
Test(ids, spmc_id_configurable)
{
	struct spmc_fixture f;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	f.spmc.cfg.id = 0x8ffe;
	version(&f, 0x10002);
	v = spmc_fixture_call1(&f, f.nw, FFA_SPM_ID_GET, SPMC_POISON);
	expect_ffa_success(&v, 1u << 2, false);
	cr_assert_eq(v.x[2], 0x8ffe);
	spmc_fixture_fini(&f);
}
