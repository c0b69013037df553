/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The notification calls' argument checks (spmc/notification_args.c, the front of Hafnium's
 * model in spmc/notif.c) and the FFA_FEATURES feature IDs, from the normal world and from a
 * partition. The normal world's answers are also those real Hafnium v2.15 gave
 * (scenarios/conformance/hafnium-1.3-features-notifications.yaml); a partition's follow
 * Hafnium's source. The state behind the checks is tested in test_spmc_notif.c.
 */
#include <criterion/criterion.h>

#include "spmc_helpers.h"

#define SP_ID 0x8001u
#define SP2_ID 0x8002u
#define NS FFA_NOT_SUPPORTED
#define INVAL FFA_INVALID_PARAMETERS
#define DENIED FFA_DENIED
#define OK 0 /* FFA_SUCCESS_32 */

/* One call with x1-x4 and the error it must answer (OK: success). */
struct notif_case {
	const char *what;
	uint32_t fid;
	uint64_t x1, x2, x3, x4;
	int32_t code;
};

static void run_cases(struct spmc_fixture *f, struct spmc_endpoint *from,
		      const struct notif_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const uint64_t args[4] = {cases[i].x1, cases[i].x2, cases[i].x3, cases[i].x4};
		struct ffa_value v = spmc_fixture_call(f, from, cases[i].fid, args, 4);
		char buf[512];

		if (cases[i].code == OK)
			cr_expect_eq(v.x[0], FFA_SUCCESS_32, "%s: %s", cases[i].what,
				     ffa_value_format(&v, buf, sizeof(buf)));
		else
			cr_expect(ffa_value_is_error(&v, cases[i].code), "%s: %s", cases[i].what,
				  ffa_value_format(&v, buf, sizeof(buf)));
	}
}

/* The normal world's bad arguments are INVALID_PARAMETERS; good ones reach the state: VM 0
 * without a bitmap cannot bind (NOT_SUPPORTED), a partition without notification support
 * cannot be set (DENIED), a get of VM 0's bitmap from partitions is empty. */
Test(notification_args, normal_world)
{
	static const struct notif_case cases[] = {
		{"BITMAP_CREATE(sp)", FFA_NOTIFICATION_BITMAP_CREATE, SP_ID, 1, 0, 0, INVAL},
		{"BITMAP_DESTROY(0) before create", FFA_NOTIFICATION_BITMAP_DESTROY, 0, 0, 0, 0,
		 DENIED},
		{"BITMAP_DESTROY(sp)", FFA_NOTIFICATION_BITMAP_DESTROY, SP_ID, 0, 0, 0, INVAL},
		{"BIND(per-vcpu)", FFA_NOTIFICATION_BIND, SP_ID << 16, 1, 1, 0, INVAL},
		{"BIND(flags=2)", FFA_NOTIFICATION_BIND, SP_ID << 16, 2, 1, 0, INVAL},
		{"BIND(nw->sp)", FFA_NOTIFICATION_BIND, SP_ID, 0, 1, 0, INVAL},
		{"BIND(sp->sp)", FFA_NOTIFICATION_BIND, (SP_ID << 16) | SP_ID, 0, 1, 0, INVAL},
		{"BIND(bitmap=0)", FFA_NOTIFICATION_BIND, SP_ID << 16, 0, 0, 0, INVAL},
		{"BIND(high bitmap)", FFA_NOTIFICATION_BIND, SP_ID << 16, 0, 0, 1, NS},
		{"UNBIND(flags ignored)", FFA_NOTIFICATION_UNBIND, SP_ID << 16, 1, 1, 0, NS},
		{"UNBIND(nw->sp)", FFA_NOTIFICATION_UNBIND, SP_ID, 0, 1, 0, INVAL},
		{"SET(per-vcpu)", FFA_NOTIFICATION_SET, SP_ID, 1, 1, 0, INVAL},
		{"SET(vcpu=1)", FFA_NOTIFICATION_SET, SP_ID, 0x10000, 1, 0, INVAL},
		{"SET(delay-sri)", FFA_NOTIFICATION_SET, SP_ID, 2, 1, 0, INVAL},
		{"SET(flags=4)", FFA_NOTIFICATION_SET, SP_ID, 4, 1, 0, INVAL},
		{"SET(sp->nw)", FFA_NOTIFICATION_SET, SP_ID << 16, 0, 1, 0, INVAL},
		{"SET(bitmap=0)", FFA_NOTIFICATION_SET, SP_ID, 0, 0, 0, INVAL},
		{"SET(sp without notifications)", FFA_NOTIFICATION_SET, SP_ID, 0, 1, 0, DENIED},
		{"GET(flags=0x10)", FFA_NOTIFICATION_GET, 0, 0x10, 0, 0, INVAL},
		{"GET(sp)", FFA_NOTIFICATION_GET, SP_ID, 1, 0, 0, INVAL},
		{"GET(vm)", FFA_NOTIFICATION_GET, 0, 2, 0, 0, INVAL},
		{"GET(hyp)", FFA_NOTIFICATION_GET, 0, 8, 0, 0, INVAL},
		{"GET(sp bitmap)", FFA_NOTIFICATION_GET, 0, 1, 0, 0, OK},
		{"GET(vcpu 4)", FFA_NOTIFICATION_GET, 4u << 16, 1, 0, 0, INVAL},
		{"BITMAP_CREATE(0)", FFA_NOTIFICATION_BITMAP_CREATE, 0, 1, 0, 0, OK},
		{"BITMAP_CREATE(0) twice", FFA_NOTIFICATION_BITMAP_CREATE, 0, 1, 0, 0, DENIED},
	};
	struct spmc_fixture f;

	spmc_fixture_init(&f, "hafnium");
	spmc_fixture_add_sp(&f, SP_ID, "sp", FFA_PROP_DIRECT_REQ_RECV);
	run_cases(&f, f.nw, cases, sizeof(cases) / sizeof(cases[0]));
	spmc_fixture_fini(&f);
}

/* A partition binds and gets for itself and sets from itself; bitmaps are the normal
 * world's (NOT_SUPPORTED to a partition); delay-SRI is allowed to it. Past the checks: it has
 * no notification support (bind NOT_SUPPORTED), VM 0 has no bitmap (set DENIED). */
Test(notification_args, partition)
{
	static const struct notif_case cases[] = {
		{"BITMAP_CREATE", FFA_NOTIFICATION_BITMAP_CREATE, 0, 1, 0, 0, NS},
		{"BIND(for another)", FFA_NOTIFICATION_BIND, SP_ID << 16, 0, 1, 0, INVAL},
		{"BIND(for itself)", FFA_NOTIFICATION_BIND, SP2_ID, 0, 1, 0, NS},
		{"SET(from another)", FFA_NOTIFICATION_SET, (SP_ID << 16) | 0, 0, 1, 0, INVAL},
		{"SET(from itself, delay-sri)", FFA_NOTIFICATION_SET, (SP2_ID << 16) | 0, 2, 1, 0,
		 DENIED},
		{"GET(another's)", FFA_NOTIFICATION_GET, SP_ID, 1, 0, 0, INVAL},
		{"GET(its own, vm bitmap)", FFA_NOTIFICATION_GET, SP2_ID, 2, 0, 0, OK},
	};
	struct spmc_fixture f;
	struct spmc_endpoint *sp2;

	spmc_fixture_init(&f, "hafnium");
	spmc_fixture_add_sp(&f, SP_ID, "sp", FFA_PROP_DIRECT_REQ_RECV);
	sp2 = spmc_fixture_add_sp(&f, SP2_ID, "sp2", FFA_PROP_DIRECT_REQ_RECV);
	run_cases(&f, sp2, cases, sizeof(cases) / sizeof(cases[0]));
	spmc_fixture_fini(&f);
}

/* Only Hafnium makes these checks: TF-A's EL3 SPMC has no notifications (NOT_SUPPORTED);
 * OP-TEE's are in test_spmc_notif.c. */
Test(notification_args, other_personalities)
{
	static const char *const specs[] = {"tf-a"};
	static const struct notif_case cases[] = {
		{"BIND(bitmap=0)", FFA_NOTIFICATION_BIND, SP_ID << 16, 0, 0, 0, NS},
		{"SET(per-vcpu)", FFA_NOTIFICATION_SET, SP_ID, 1, 1, 0, NS},
	};

	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		struct spmc_fixture f;

		spmc_fixture_init(&f, specs[i]);
		cr_assert_eq(
			(uint32_t)spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_2).x[0],
			FFA_VERSION_1_2);
		run_cases(&f, f.nw, cases, sizeof(cases) / sizeof(cases[0]));
		spmc_fixture_fini(&f);
	}
}

/* FFA_FEATURES(id) with no input property (w2 zero). */
static struct ffa_value feature(struct spmc_fixture *f, struct spmc_endpoint *from, uint32_t id)
{
	const uint64_t args[2] = {id, 0};

	return spmc_fixture_call(f, from, FFA_FEATURES, args, 2);
}

/* FFA_FEATURES feature IDs: SRI to the normal world, NPI and MEI to partitions (Hafnium's
 * interrupt IDs 8, 5 and 4), feature 4 at v1.3 only; none under TF-A. */
Test(features, feature_ids)
{
	struct spmc_fixture f;
	struct spmc_endpoint *sp;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium");
	sp = spmc_fixture_add_sp(&f, SP_ID, "sp", FFA_PROP_DIRECT_REQ_RECV);
	v = feature(&f, f.nw, FFA_FEATURE_SRI);
	expect_ffa_success(&v, 1u << 2, false);
	cr_expect_eq(v.x[2], 8);
	v = feature(&f, sp, FFA_FEATURE_SRI);
	expect_ffa_error(&v, NS);
	v = feature(&f, sp, FFA_FEATURE_NPI);
	cr_expect_eq(v.x[2], 5);
	v = feature(&f, sp, FFA_FEATURE_MEI);
	cr_expect_eq(v.x[2], 4);
	v = feature(&f, f.nw, FFA_FEATURE_NPI);
	expect_ffa_error(&v, NS);
	v = feature(&f, f.nw, FFA_FEATURE_NOTIFICATION);
	cr_expect_eq(v.x[2], 3);
	/* Feature IDs take no input property: NOT_SUPPORTED. */
	v = spmc_fixture_call1(&f, f.nw, FFA_FEATURES, FFA_FEATURE_SRI);
	expect_ffa_error(&v, NS);
	spmc_fixture_fini(&f);

	spmc_fixture_init(&f, "hafnium:1.2");
	v = feature(&f, f.nw, FFA_FEATURE_SRI);
	cr_expect_eq(v.x[2], 8);
	v = feature(&f, f.nw, FFA_FEATURE_NOTIFICATION);
	expect_ffa_error(&v, NS);
	spmc_fixture_fini(&f);

	spmc_fixture_init(&f, "hafnium:1.1");
	v = feature(&f, f.nw, FFA_FEATURE_SRI);
	expect_ffa_error(&v, NS);
	spmc_fixture_fini(&f);

	spmc_fixture_init(&f, "tf-a");
	spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_2);
	v = feature(&f, f.nw, FFA_FEATURE_SRI);
	expect_ffa_error(&v, NS);
	spmc_fixture_fini(&f);
}
