/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's behaviour switches (spmc/behaviour.c): parsing and defaults, then the two
 * regressions they reproduce, each with the buggy and the fixed value:
 *   version-lock          Hafnium locked a caller's version on FFA_INTERRUPT (regression 8);
 *   partition-props-mask  Hafnium showed a caller property bits its version does not define
 *                         (regression 9).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/partinfo.h"
#include "spmc_helpers.h"

#define NS_TX 0x40400000ull
#define NS_RX 0x40401000ull

#define UUID_A "12345678-abcd-ef12-3456-7890abcdef00"
#define UUID_B "b4b5671e-4a90-4fe1-b81f-fb13dae1dacb"

/* Partition A has every property bit (0x71f); B direct messaging with REQ2 receive (0x203). */
#define PROPS_A 0x71fu
#define PROPS_B 0x203u

#define X(n) (1u << (n))

/* NOT_SUPPORTED as FFA_VERSION answers it: w0 alone, upper half zero. */
#define VERSION_NS 0xffffffffull

/* Fills the RX buffer before a query, to see how far the SPMC wrote. */
#define RX_FILL 0xee

/* ---- helpers ---- */

/* A fresh SPMC with one switch set ("version-lock=any-call"; NULL: the defaults). */
static void init(struct spmc_fixture *f, const char *spec, const char *setting)
{
	struct diag err;

	spmc_fixture_init(f, spec);
	if (setting != NULL)
		cr_assert(spmc_config_set(&f->spmc.cfg, setting, &err), "%s", err.msg);
}

static void negotiate(struct spmc_fixture *f, uint32_t version)
{
	struct ffa_value v = spmc_fixture_call1(f, f->nw, FFA_VERSION, version);

	expect_ffa_version(&v, FFA_VERSION_1_2);
}

/* FFA_INTERRUPT_32 from the normal world: not modelled, NOT_SUPPORTED whatever the switch. */
static void interrupt(struct spmc_fixture *f)
{
	uint64_t args[2] = {0, 0};
	struct ffa_value v = spmc_fixture_call(f, f->nw, FFA_INTERRUPT_32, args, 2);

	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
}

/* FFA_CONSOLE_LOG_32 of "hi\n" from the normal world: printed as a [host] line. */
static void console_log(struct spmc_fixture *f)
{
	uint64_t args[2] = {3, 'h' | 'i' << 8 | '\n' << 16};
	struct ffa_value v = spmc_fixture_call(f, f->nw, FFA_CONSOLE_LOG_32, args, 2);

	expect_ffa_success(&v, 0, false);
	cr_assert_str_eq(spmc_fixture_console(f), "[host] hi\n");
}

/* Adds a v1.2 partition with one UUID. */
static void add_sp(struct spmc_fixture *f, uint16_t id, uint16_t ctx, uint32_t props,
		   const char *uuid)
{
	char name[16];
	struct spmc_endpoint *ep;

	snprintf(name, sizeof(name), "sp%x", id);
	ep = spmc_add_endpoint(&f->spmc, id, name, true);
	cr_assert_not_null(ep);
	ep->version = FFA_VERSION_1_2;
	ep->version_set = true;
	ep->props = props;
	ep->exec_ctx_count = ctx;
	cr_assert_eq(ffa_uuid_parse(uuid, ep->uuids[0]), FFA_UUID_OK);
	ep->uuid_count = 1;
}

/*
 * A hafnium:1.2 SPMC with partitions A (0x8001, 4 contexts) and B (0x8002, 1 context), the
 * props switch set (NULL: default), the normal world at `version` with one page of RX/TX.
 */
static void init_discovery(struct spmc_fixture *f, const char *setting, uint32_t version)
{
	uint64_t args[3] = {NS_TX, NS_RX, 1};
	struct ffa_value v;

	init(f, "hafnium:1.2", setting);
	add_sp(f, 0x8001, 4, PROPS_A, UUID_A);
	add_sp(f, 0x8002, 1, PROPS_B, UUID_B);
	negotiate(f, version);
	v = spmc_fixture_call(f, f->nw, FFA_RXTX_MAP_64, args, 3);
	expect_ffa_success(&v, 0, false);
}

/* FFA_PARTITION_INFO_GET of every partition (Nil UUID, no flags) into a filled RX buffer;
 * asserts success with count 2 and the descriptor size `size` in w3. Returns the RX buffer. */
static const uint8_t *info_get_all(struct spmc_fixture *f, uint32_t size)
{
	uint64_t args[5] = {0, 0, 0, 0, 0};
	uint8_t *rx = fake_memory_ptr(&f->memory, NS_RX, 0x1000);
	struct ffa_value v;

	cr_assert_not_null(rx);
	memset(rx, RX_FILL, 0x1000);
	v = spmc_fixture_call(f, f->nw, FFA_PARTITION_INFO_GET, args, 5);
	expect_ffa_success(&v, X(2) | X(3), false);
	cr_assert_eq(v.x[2], 2, "count %llu", (unsigned long long)v.x[2]);
	cr_assert_eq(v.x[3], size, "size %llu", (unsigned long long)v.x[3]);
	return rx;
}

/* Asserts the RX buffer holds exactly want[0..n) and zeroes after it: Hafnium clears the rest
 * of the buffer (as its FFA_PARTITION_INFO_GET was seen to in QEMU). */
static void expect_rx(const uint8_t *rx, const uint8_t *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(rx[i], want[i], "RX byte %zu = 0x%02x, expected 0x%02x", i, rx[i],
			     want[i]);
	for (size_t i = n; i < 0x1000; i++)
		cr_assert_eq(rx[i], 0, "RX byte %zu after the descriptors is 0x%02x", i, rx[i]);
}

/* v1.0 descriptors (8 bytes each) with the given properties of A and B. */
static void v1_0_descriptors(uint8_t out[16], uint32_t a, uint32_t b)
{
	const uint8_t want[16] = {
		0x01, 0x80, 0x04, 0x00, a & 0xff, a >> 8 & 0xff, a >> 16 & 0xff, a >> 24,
		0x02, 0x80, 0x01, 0x00, b & 0xff, b >> 8 & 0xff, b >> 16 & 0xff, b >> 24,
	};

	memcpy(out, want, sizeof(want));
}

/* v1.1/v1.2 descriptors (24 bytes each, UUID in text order) with the given properties. */
static void v1_1_descriptors(uint8_t out[48], uint32_t a, uint32_t b)
{
	const uint8_t want[48] = {
		0x01, 0x80, 0x04, 0x00, a & 0xff, a >> 8 & 0xff, a >> 16 & 0xff, a >> 24,
		0x12, 0x34, 0x56, 0x78, 0xab,     0xcd,          0xef,           0x12,
		0x34, 0x56, 0x78, 0x90, 0xab,     0xcd,          0xef,           0x00,
		0x02, 0x80, 0x01, 0x00, b & 0xff, b >> 8 & 0xff, b >> 16 & 0xff, b >> 24,
		0xb4, 0xb5, 0x67, 0x1e, 0x4a,     0x90,          0x4f,           0xe1,
		0xb8, 0x1f, 0xfb, 0x13, 0xda,     0xe1,          0xda,           0xcb,
	};

	memcpy(out, want, sizeof(want));
}

/* Eight bytes little-endian (UUID bytes 0-7 or 8-15 in a GET_REGS register). */
static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* ---- the switch table ---- */

/* Every personality starts from today's behaviour: exclude-interrupt, by-version. */
Test(behaviour_config, defaults_are_todays_behaviour)
{
	static const char *const specs[] = {"hafnium:1.2", "tf-a:1.1", "optee"};
	struct spmc_config cfg;
	struct diag err;
	char buf[128];

	cr_assert_eq(spmc_switch_count(), SPMC_SW_COUNT);
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		cr_assert(spmc_config_parse(specs[i], &cfg, &err), "%s", err.msg);
		cr_assert_str_eq(spmc_switch_value(&cfg, SPMC_SW_VERSION_LOCK),
				 "exclude-interrupt");
		cr_assert_str_eq(spmc_switch_value(&cfg, SPMC_SW_PARTITION_PROPS_MASK),
				 "by-version");
		cr_assert_str_eq(spmc_config_describe_switches(&cfg, buf, sizeof(buf)), "");
	}
}

/* Each switch takes each of its values by name, and the description lists what differs. */
Test(behaviour_config, set_every_value)
{
	struct spmc_config cfg;
	struct diag err;
	char buf[128];

	cr_assert(spmc_config_parse("hafnium", &cfg, &err));
	cr_assert(spmc_config_set(&cfg, "version-lock=any-call", &err), "%s", err.msg);
	cr_assert_eq(cfg.sw[SPMC_SW_VERSION_LOCK], SPMC_VERSION_LOCK_ANY_CALL);
	cr_assert(spmc_config_set(&cfg, "partition-props-mask=none", &err), "%s", err.msg);
	cr_assert_eq(cfg.sw[SPMC_SW_PARTITION_PROPS_MASK], SPMC_PROPS_MASK_NONE);
	cr_assert_str_eq(spmc_config_describe_switches(&cfg, buf, sizeof(buf)),
			 "version-lock=any-call, partition-props-mask=none");
	cr_assert(spmc_config_set(&cfg, "version-lock=exclude-interrupt", &err));
	cr_assert(spmc_config_set(&cfg, "partition-props-mask=by-version", &err));
	cr_assert_eq(cfg.sw[SPMC_SW_VERSION_LOCK], SPMC_VERSION_LOCK_EXCLUDE_INTERRUPT);
	cr_assert_eq(cfg.sw[SPMC_SW_PARTITION_PROPS_MASK], SPMC_PROPS_MASK_BY_VERSION);
	for (size_t i = 0; i < spmc_switch_count(); i++) {
		const struct cfg_switch *d = spmc_switch_at(i);

		cr_assert_not_null(d);
		cr_assert_not_null(d->change, "%s names its change", d->name);
		cr_assert_not_null(d->summary);
	}
	cr_assert_null(spmc_switch_at(SPMC_SW_COUNT));
}

/* Unknown switches and values, and a missing value, are refused with the choices listed;
 * the configuration is left as it was. */
Test(behaviour_config, errors_list_the_choices)
{
	struct spmc_config cfg;
	struct diag err;

	cr_assert(spmc_config_parse("hafnium", &cfg, &err));
	cr_assert_not(spmc_config_set(&cfg, "version-locks=any-call", &err));
	cr_assert_str_eq(err.msg,
			 "unknown SPMC switch \"version-locks\" (choose version-lock, "
			 "partition-props-mask, version-path or pre-version-calls); did you "
			 "mean \"version-lock\"?");
	cr_assert_not(spmc_config_set(&cfg, "version-lock=sometimes", &err));
	cr_assert_str_eq(err.msg, "SPMC switch version-lock: \"sometimes\" is not a value (choose "
				  "exclude-interrupt or any-call)");
	cr_assert_not(spmc_config_set(&cfg, "partition-props-mask", &err));
	cr_assert_str_eq(err.msg, "SPMC switch partition-props-mask needs a value: "
				  "partition-props-mask=by-version or none");
	cr_assert_not(spmc_config_set(&cfg, "=none", &err));
	cr_assert_eq(cfg.sw[SPMC_SW_VERSION_LOCK], 0);
	cr_assert_eq(cfg.sw[SPMC_SW_PARTITION_PROPS_MASK], 0);
}

/* ---- regression 8: version-lock ---- */

/* Buggy Hafnium: FFA_INTERRUPT before the normal world's FFA_VERSION locks its version, so the
 * FFA_VERSION(1.1) that follows is NOT_SUPPORTED and nothing is stored. */
Test(version_lock, any_call_interrupt_locks)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, "hafnium:1.2", "version-lock=any-call");
	interrupt(&f);
	cr_assert(f.nw->negotiation_over);
	v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_1);
	expect_ffa_version(&v, VERSION_NS);
	cr_assert_not(f.nw->version_set);
	spmc_fixture_fini(&f);
}

/* Fixed Hafnium (the default): FFA_INTERRUPT leaves the negotiation open; FFA_VERSION(1.1)
 * answers the SPMC's 1.2 and stores 1.1. */
Test(version_lock, exclude_interrupt_keeps_negotiation)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, "hafnium:1.2", NULL);
	interrupt(&f);
	cr_assert_not(f.nw->negotiation_over);
	v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_1);
	expect_ffa_version(&v, FFA_VERSION_1_2);
	cr_assert(f.nw->version_set);
	cr_assert_eq(f.nw->version, FFA_VERSION_1_1);
	spmc_fixture_fini(&f);
}

/* FFA_CONSOLE_LOG before FFA_VERSION locks under both values (Hafnium locks on it: the test
 * VM whose console log locked its version); FFA_VERSION(1.1) is then NOT_SUPPORTED. */
Test(version_lock, console_log_locks_either_way)
{
	static const char *const settings[] = {"version-lock=any-call",
					       "version-lock=exclude-interrupt"};

	for (size_t i = 0; i < 2; i++) {
		struct spmc_fixture f;
		struct ffa_value v;

		init(&f, "hafnium:1.2", settings[i]);
		console_log(&f);
		v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_1);
		expect_ffa_version(&v, VERSION_NS);
		cr_assert_not(f.nw->version_set, "%s", settings[i]);
		spmc_fixture_fini(&f);
	}
}

/* After a negotiation, a locking FFA_INTERRUPT applies Hafnium's after-lock rule: the same
 * version still answers 1.2, another one is NOT_SUPPORTED; the stored version stays 1.1. */
Test(version_lock, any_call_after_negotiation)
{
	struct spmc_fixture f;
	struct ffa_value v;

	init(&f, "hafnium:1.2", "version-lock=any-call");
	negotiate(&f, FFA_VERSION_1_1);
	interrupt(&f);
	v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_1);
	expect_ffa_version(&v, FFA_VERSION_1_2);
	v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_2);
	expect_ffa_version(&v, VERSION_NS);
	cr_assert_eq(f.nw->version, FFA_VERSION_1_1);
	spmc_fixture_fini(&f);
}

/* Fixed: after a negotiation FFA_INTERRUPT leaves it open, so the caller may still change its
 * version: FFA_VERSION(1.2) answers 1.2 and stores 1.2. */
Test(version_lock, exclude_interrupt_after_negotiation)
{
	struct spmc_fixture f;
	struct diag err;
	struct ffa_value v;

	init(&f, "hafnium:1.2", "version-lock=exclude-interrupt");
	/* Renegotiation needs FFA_VERSION to reach Hafnium's handler directly: through the
	 * SPMD the first FFA_VERSION ends negotiation itself (version_path tests). */
	cr_assert(spmc_config_set(&f.spmc.cfg, "version-path=direct", &err), "%s", err.msg);
	negotiate(&f, FFA_VERSION_1_1);
	interrupt(&f);
	v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_2);
	expect_ffa_version(&v, FFA_VERSION_1_2);
	cr_assert_eq(f.nw->version, FFA_VERSION_1_2);
	spmc_fixture_fini(&f);
}

/* The switch acts on a running SPMC: flipped between two calls, the next FFA_INTERRUPT
 * follows the new value. */
Test(version_lock, switch_flipped_mid_run)
{
	struct spmc_fixture f;
	struct diag err;
	struct ffa_value v;

	init(&f, "hafnium:1.2", NULL);
	interrupt(&f);
	cr_assert_not(f.nw->negotiation_over);
	cr_assert(spmc_config_set(&f.spmc.cfg, "version-lock=any-call", &err), "%s", err.msg);
	interrupt(&f);
	v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_1);
	expect_ffa_version(&v, VERSION_NS);
	spmc_fixture_fini(&f);
}

/* TF-A refuses calls before FFA_VERSION before any lock is considered, and today that refusal
 * ends the negotiation whatever version-lock says (pre-version-calls=refuse-and-end). */
Test(version_lock, tf_a_refuses_before_lock)
{
	static const char *const settings[] = {"version-lock=any-call",
					       "version-lock=exclude-interrupt"};

	for (size_t i = 0; i < 2; i++) {
		struct spmc_fixture f;
		struct ffa_value v;

		init(&f, "tf-a:1.2", settings[i]);
		interrupt(&f);
		v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_1);
		cr_assert_eq(v.x[0], VERSION_NS, "%s", settings[i]);
		cr_assert_not(f.nw->version_set);
		spmc_fixture_fini(&f);
	}
}

/* Other calls lock under both values, as before: FFA_ID_GET then FFA_VERSION(1.1). */
Test(version_lock, other_calls_lock_either_way)
{
	static const char *const settings[] = {"version-lock=any-call",
					       "version-lock=exclude-interrupt"};

	for (size_t i = 0; i < 2; i++) {
		struct spmc_fixture f;
		struct ffa_value v;

		init(&f, "hafnium:1.2", settings[i]);
		v = spmc_fixture_call(&f, f.nw, FFA_ID_GET, NULL, 0);
		expect_ffa_success(&v, X(2), false);
		v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_1);
		expect_ffa_version(&v, VERSION_NS);
		spmc_fixture_fini(&f);
	}
}

/* ---- regression 9: partition-props-mask ---- */

/* Fixed (default): a v1.0 caller sees bits 0-2 only, in 8-byte descriptors. */
Test(props_mask, by_version_v1_0)
{
	struct spmc_fixture f;
	uint8_t want[16];

	init_discovery(&f, NULL, FFA_VERSION_1_0);
	v1_0_descriptors(want, 0x007, 0x003);
	expect_rx(info_get_all(&f, 0), want, sizeof(want));
	spmc_fixture_fini(&f);
}

/* Buggy: a v1.0 caller sees the notification, ID-type, AArch64 and REQ2 bits too; the layout
 * stays the 8-byte v1.0 one. */
Test(props_mask, none_v1_0)
{
	struct spmc_fixture f;
	uint8_t want[16];

	init_discovery(&f, "partition-props-mask=none", FFA_VERSION_1_0);
	v1_0_descriptors(want, PROPS_A, PROPS_B);
	expect_rx(info_get_all(&f, 0), want, sizeof(want));
	spmc_fixture_fini(&f);
}

/* Fixed (default): a v1.1 caller sees everything but the REQ2 bits 9 and 10. */
Test(props_mask, by_version_v1_1)
{
	struct spmc_fixture f;
	uint8_t want[48];

	init_discovery(&f, "partition-props-mask=by-version", FFA_VERSION_1_1);
	v1_1_descriptors(want, 0x11f, 0x003);
	expect_rx(info_get_all(&f, FFA_PARTINFO_SIZE_V1_1), want, sizeof(want));
	spmc_fixture_fini(&f);
}

/* Buggy: a v1.1 caller sees the REQ2 bits. */
Test(props_mask, none_v1_1)
{
	struct spmc_fixture f;
	uint8_t want[48];

	init_discovery(&f, "partition-props-mask=none", FFA_VERSION_1_1);
	v1_1_descriptors(want, PROPS_A, PROPS_B);
	expect_rx(info_get_all(&f, FFA_PARTINFO_SIZE_V1_1), want, sizeof(want));
	spmc_fixture_fini(&f);
}

/* A v1.2 caller sees every bit under both values. */
Test(props_mask, v1_2_same_either_way)
{
	static const char *const settings[] = {"partition-props-mask=none",
					       "partition-props-mask=by-version"};
	uint8_t want[48];

	v1_1_descriptors(want, PROPS_A, PROPS_B);
	for (size_t i = 0; i < 2; i++) {
		struct spmc_fixture f;

		init_discovery(&f, settings[i], FFA_VERSION_1_2);
		expect_rx(info_get_all(&f, FFA_PARTINFO_SIZE_V1_1), want, sizeof(want));
		spmc_fixture_fini(&f);
	}
}

/* FFA_PARTITION_INFO_GET_REGS exists from v1.2 only, where no bit is masked: both values give
 * the same registers, every bit included. */
Test(props_mask, get_regs_same_either_way)
{
	static const char *const settings[] = {"partition-props-mask=none",
					       "partition-props-mask=by-version"};

	for (size_t i = 0; i < 2; i++) {
		struct spmc_fixture f;
		uint64_t args[3] = {0, 0, 0};
		struct ffa_value v, want = {{0}};
		uint8_t a[FFA_UUID_SIZE], b[FFA_UUID_SIZE];

		cr_assert_eq(ffa_uuid_parse(UUID_A, a), FFA_UUID_OK);
		cr_assert_eq(ffa_uuid_parse(UUID_B, b), FFA_UUID_OK);
		want.x[0] = FFA_SUCCESS_64;
		want.x[2] = ffa_partinfo_regs_x2(1, 1, 0, FFA_PARTINFO_SIZE_V1_1);
		want.x[3] = 0x8001ull | 4ull << 16 | (uint64_t)PROPS_A << 32;
		want.x[4] = le64(a);
		want.x[5] = le64(a + 8);
		want.x[6] = 0x8002ull | 1ull << 16 | (uint64_t)PROPS_B << 32;
		want.x[7] = le64(b);
		want.x[8] = le64(b + 8);
		init_discovery(&f, settings[i], FFA_VERSION_1_2);
		v = spmc_fixture_call(&f, f.nw, FFA_PARTITION_INFO_GET_REGS_64, args, 3);
		for (unsigned r = 0; r < FFA_REG_COUNT; r++)
			cr_assert_eq(v.x[r], want.x[r], "%s: x%u = 0x%llx, expected 0x%llx",
				     settings[i], r, (unsigned long long)v.x[r],
				     (unsigned long long)want.x[r]);
		spmc_fixture_fini(&f);
	}
}
