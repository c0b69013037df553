/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The pKVM proxy in-process: a simulation (platform, firmware, SPMC with the echo partition)
 * with the proxy attached to its host CPU, and host SMCs made through the route the CPU takes
 * (cpu->smc), their answers written back through the result-register rule exactly as the trap
 * path does. Every register the call does not use starts poisoned; every result register is
 * checked. Regressions 1, 2, 4, 5, 6, 7 and 10-13 (docs/hypervisor.md, "The regressions, buggy
 * and fixed"; scenarios/regressions/) run with the buggy and the fixed value of their switch.
 * The memory paths (hyp/mem.c) run against an SPMC stand-in that keeps transactions itself.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/memdesc.h"
#include "abi/partinfo.h"
#include "abi/uuid.h"
#include "helpers.h"
#include "hyp/pkvm.h"
#include "sim/dispatch.h"

#define POISON 0xc5c5c5c5c5c5c5c5ull
/* An error code as pKVM writes it (sign-extended) and as the SPMCs do (32-bit). */
#define SEXT(code) ((uint64_t)(int64_t)(code))
#define ZEXT(code) ((uint64_t)(uint32_t)(code))

/* Host RX/TX buffers: non-secure RAM of the virt platform, away from the guest image. */
#define HOST_TX 0x48000000ull
#define HOST_RX 0x48001000ull
#define HOST_TX2 0x48010000ull
#define HOST_RX2 0x48011000ull
/* The proxy's reserved memory on virt: the last 64 KiB of the 1 GiB at 0x40000000. */
#define RESERVED 0x7fff0000ull

/* The last register a rule writes: SMCCC 1.1 x0-x3; 1.2 w0-w7 (SMC32) or x0-x17 (SMC64). */
#define LAST_11 3
#define LAST_32 7
#define LAST_64 17

#define ECHO SIM_ECHO_ID
#define ECHO_PROPS_1_2 0x301u /* recv DIRECT_REQ and REQ2, AArch64, PE */

struct fx {
	struct sim *sim;
	struct spmc_config spmc; /* the SPMC the simulation was opened with */
	struct hyp_pkvm hyp;
	FILE *notes;
	char *notes_buf;
	size_t notes_len;
	FILE *console;
	char *console_buf;
	size_t console_len;
	struct ffa_value before; /* the host's registers before the last call */
	struct ffa_result_rule rule;
};

/* Opens a simulation (SPMC spec, SMCCC version or 0) with the proxy: profile plus settings. */
static void fx_open_smccc(struct fx *f, const char *spmc, uint32_t smccc, const char *profile,
			  const char *const *settings)
{
	struct sim_config cfg = {.smccc_version = smccc, .no_check = true};
	struct hyp_pkvm_config hc;
	struct diag err;

	memset(f, 0, sizeof(*f));
	f->sim = calloc(1, sizeof(*f->sim));
	f->notes = open_memstream(&f->notes_buf, &f->notes_len);
	f->console = open_memstream(&f->console_buf, &f->console_len);
	cr_assert(f->sim != NULL && f->notes != NULL && f->console != NULL);
	/*
	 * The proxy's own negotiation logic, with FFA_VERSION reaching the SPMC's handler
	 * directly: behind TF-A's SPMD, Hafnium ends negotiation on the proxy's first
	 * FFA_VERSION, so a host downgrade would be refused (docs/ffa-support.md, "Hafnium").
	 */
	config_spmc(&cfg, spmc, &f->spmc);
	if (!cfg.no_spmc)
		cr_assert(spmc_config_set(&f->spmc, "version-path=direct", &err), "%s", err.msg);
	cfg.guest_path = guest_path("hello.elf");
	cfg.notes = f->notes;
	cfg.console_out = f->console;
	cr_assert(sim_open(f->sim, &cfg, &err), "sim_open: %s", err.msg);
	cr_assert(hyp_profile_find(profile, &hc), "no profile %s", profile);
	for (const char *const *s = settings; s != NULL && *s != NULL; s++)
		cr_assert(hyp_pkvm_set(&hc, *s, &err), "%s: %s", *s, err.msg);
	cr_assert(sim_attach_pkvm(&f->sim->host, &f->hyp, &hc, &f->sim->fw, &f->sim->memory,
				  f->notes, &err),
		  "attach: %s", err.msg);
}

static void fx_open(struct fx *f, const char *spmc, const char *profile,
		    const char *const *settings)
{
	fx_open_smccc(f, spmc, 0, profile, settings);
}

static void fx_close(struct fx *f)
{
	sim_close(f->sim);
	free(f->sim);
	fclose(f->notes);
	fclose(f->console);
	free(f->notes_buf);
	free(f->console_buf);
}

static const char *fx_notes(struct fx *f)
{
	fflush(f->notes);
	return f->notes_buf != NULL ? f->notes_buf : "";
}

static const char *fx_console(struct fx *f)
{
	fflush(f->console);
	return f->console_buf != NULL ? f->console_buf : "";
}

/*
 * A host call by a conduit through the CPU's route, x1..xn from args and every other register
 * poisoned. Returns x0-x17 as the host sees them afterwards.
 */
static struct ffa_value fx_trap(struct fx *f, enum ffa_conduit conduit, uint32_t fid,
				const uint64_t *args, unsigned n)
{
	struct emu_cpu *cpu = &f->sim->host;
	struct emu_call call = {.conduit = conduit, .fid = ffa_fid_strip_hint(fid)};
	struct emu_dispatched out = {.answer = NULL};

	call.args.x[0] = fid;
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		call.args.x[i] = i <= n ? args[i - 1] : POISON;
	f->before = call.args;
	cr_assert_not_null(emu_cpu_routed(cpu, conduit).fn, "nothing routed");
	/* The one path a trapped call takes: route, handler, rule, write-back. */
	cr_assert(sim_dispatch(cpu, NULL, &call, NULL, &out), "0x%08" PRIx32 " stopped", fid);
	f->rule = out.rule;
	return call.args;
}

static struct ffa_value fx_call(struct fx *f, uint32_t fid, const uint64_t *args, unsigned n)
{
	return fx_trap(f, FFA_CONDUIT_SMC, fid, args, n);
}

#define ARGS(...)                                                                                  \
	(const uint64_t[]){__VA_ARGS__}, sizeof((const uint64_t[]){__VA_ARGS__}) / sizeof(uint64_t)
#define CALL(f, fid, ...) fx_call((f), (fid), ARGS(__VA_ARGS__))
#define CALL0(f, fid) fx_call((f), (fid), NULL, 0)

/* The registers expected after a call: x0-x3 given, x4..last zero, the rest as before. */
static struct ffa_value fx_want(const struct fx *f, unsigned last, uint64_t x0, uint64_t x1,
				uint64_t x2, uint64_t x3)
{
	struct ffa_value w = f->before;

	w.x[0] = x0;
	w.x[1] = x1;
	w.x[2] = x2;
	w.x[3] = x3;
	for (unsigned i = 4; i <= last; i++)
		w.x[i] = 0;
	return w;
}

/* The registers expected after a call that writes x0 alone: the rest as before. */
static struct ffa_value fx_kept(const struct fx *f, uint64_t x0)
{
	struct ffa_value w = f->before;

	w.x[0] = x0;
	return w;
}

/* Compares every register x0-x17. */
static void expect_regs(const char *what, const struct ffa_value *got, const struct ffa_value *want)
{
	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		cr_expect_eq(got->x[i], want->x[i],
			     "%s: x%u is 0x%016" PRIx64 ", wanted 0x%016" PRIx64, what, i,
			     got->x[i], want->x[i]);
}

/* The host's FFA_VERSION(requested) must answer `answer` (bare, SMC32 under SMCCC 1.2). */
static void expect_version(struct fx *f, uint32_t requested, uint64_t answer)
{
	struct ffa_value v = CALL(f, FFA_VERSION, requested);
	struct ffa_value w = fx_want(f, LAST_32, answer, 0, 0, 0);

	expect_regs("FFA_VERSION", &v, &w);
}

/* Negotiates 1.2 (or the given version) and maps the host's buffers. */
static void fx_ready(struct fx *f, uint32_t version)
{
	struct ffa_value v;

	expect_version(f, version, version);
	v = CALL(f, FFA_RXTX_MAP_64, HOST_TX, HOST_RX, 1);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32, "FFA_RXTX_MAP_64: x0 0x%" PRIx64 " x2 0x%" PRIx64,
		     v.x[0], v.x[2]);
}

/* An SPMC stand-in: answers one call (function, and w1 unless any_x1) itself, forwards the rest
 * to the real SPMC. Installed as the firmware's FF-A target. */
struct fake_spmc {
	struct emu_call_target inner;
	uint32_t fid;
	bool any_x1;
	uint32_t x1;
	struct ffa_value answer;
	unsigned hits;
};

static void fake_spmc_call(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	struct fake_spmc *fake = ctx;

	if (call->fid == fake->fid && (fake->any_x1 || (uint32_t)call->args.x[1] == fake->x1)) {
		fake->hits++;
		d->res = fake->answer;
		return;
	}
	fake->inner.fn(fake->inner.ctx, call, d);
}

static void fake_install(struct fx *f, struct fake_spmc *fake)
{
	fake->inner = f->sim->fw.ffa;
	f->sim->fw.ffa = (struct emu_call_target){.fn = fake_spmc_call, .ctx = fake};
}

static const char *const s_none[] = {NULL};

/* ------------------------------------------------------------------------------------------ */
/* Initialisation */

/* At boot the proxy asks for its maximum, adopts 1.2 and waits for the host's negotiation. */
Test(hyp_init, at_boot_adopts_1_2)
{
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	cr_expect_eq(f.hyp.state, HYP_PKVM_ACTIVE);
	cr_expect_eq(f.hyp.version, FFA_VERSION_1_2);
	cr_expect_not(f.hyp.negotiated);
	cr_expect_str_eq(fx_notes(&f), "");
	/* SMCCC_VERSION and FFA_VERSION(1.2), nothing more until the host negotiates. */
	cr_expect_eq(f.hyp.firmware_calls, 2);
	cr_expect_eq(f.hyp.reserved_base, RESERVED);
	cr_expect_eq(f.hyp.own.tx, RESERVED);
	cr_expect_eq(f.hyp.own.rx, RESERVED + 0x1000);
	cr_expect_not(f.hyp.own.mapped);
	fx_close(&f);
}

/* max-version 1.1: the proxy asks for 1.1 and the host negotiating 1.2 gets 1.1. */
Test(hyp_init, max_version_1_1)
{
	static const char *const s[] = {"max-version=1.1", NULL};
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s);
	cr_expect_eq(f.hyp.version, FFA_VERSION_1_1);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_1);
	cr_expect_eq(f.sim->spmc.endpoints[0].version, FFA_VERSION_1_1);
	fx_close(&f);
}

/* An SPMC at 1.1 that answers its own version: the proxy adopts min(1.1, 1.2). */
Test(hyp_init, adopts_older_spmc_version)
{
	struct fx f;

	fx_open(&f, "optee:1.1", "current", s_none);
	cr_expect_eq(f.hyp.state, HYP_PKVM_ACTIVE);
	cr_expect_eq(f.hyp.version, FFA_VERSION_1_1);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_1);
	fx_close(&f);
}

/* Hafnium at 1.1 refuses the proxy's 1.2 outright: NOT_SUPPORTED switches FF-A off. */
Test(hyp_init, spmc_refusing_the_version_switches_ffa_off)
{
	struct fx f;

	fx_open(&f, "hafnium:1.1", "current", s_none);
	cr_expect_eq(f.hyp.state, HYP_PKVM_FFA_OFF);
	cr_expect(strstr(fx_notes(&f), "FF-A off: FFA_VERSION(1.2) answered NOT_SUPPORTED") != NULL,
		  "%s", fx_notes(&f));
	expect_version(&f, FFA_VERSION_1_1, SEXT(FFA_NOT_SUPPORTED));
	fx_close(&f);
}

/* Firmware at SMCCC 1.1: the proxy needs 1.2, so FF-A is off; PSCI still passes. */
Test(hyp_init, smccc_1_1_switches_ffa_off)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open_smccc(&f, "hafnium:1.2", SMCCC_VERSION_1_1, "current", s_none);
	cr_expect_eq(f.hyp.state, HYP_PKVM_FFA_OFF);
	cr_expect(strstr(fx_notes(&f), "SMCCC_VERSION is 0x00010001, below 1.2") != NULL, "%s",
		  fx_notes(&f));
	v = CALL0(&f, FFA_ID_GET);
	w = fx_want(&f, LAST_11, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
	/* The SMC32 answer under SMCCC 1.2 also zeroes x4-x7. */
	for (unsigned i = 4; i <= LAST_32; i++)
		w.x[i] = 0;
	expect_regs("FFA_ID_GET", &v, &w);
	v = CALL0(&f, PSCI_VERSION);
	cr_expect_eq(v.x[0], PSCI_VERSION_1_1);
	fx_close(&f);
}

/*
 * Regression 2, buggy: firmware that refuses the proxy's FFA_VERSION answers the 32-bit
 * 0xffffffff (Hafnium at v1.1 asked for v1.2; firmware without FF-A answers SMC_UNK, -1 in all
 * of x0, which both checks read alike); compared as 64 bits it is a version with major
 * 0x7fff, the initialisation fails and the host runs without the proxy: its FFA_VERSION
 * reaches the firmware, which answers it.
 */
Test(hyp_regression2, compare_u64_fails_initialisation)
{
	static const char *const s[] = {"version-error-check=compare-u64", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.1", "current", s);
	cr_expect_eq(f.hyp.state, HYP_PKVM_FAILED);
	cr_expect(strstr(fx_notes(&f),
			 "ffa-sim: note: pkvm: initialisation failed: FFA_VERSION(1.2) answered "
			 "0xffffffff, read as version 32767.65535 (major is not 1); the hypervisor "
			 "does not come up") != NULL,
		  "%s", fx_notes(&f));
	cr_expect_eq(f.sim->host.smc.fn, fw_el3_target(&f.sim->fw).fn, "SMC not routed to EL3");
	v = CALL(&f, FFA_VERSION, FFA_VERSION_1_2);
	w = fx_want(&f, LAST_32, 0xffffffffull, 0, 0, 0);
	expect_regs("FFA_VERSION (firmware)", &v, &w);
	cr_expect_eq(f.hyp.forwarded, 0, "the proxy saw the call");
	fx_close(&f);
}

/*
 * Regression 2, fixed: w0 read as an s32 is NOT_SUPPORTED, FF-A is off, the hypervisor runs;
 * the host's FF-A calls answer NOT_SUPPORTED (pKVM's sign-extended form).
 */
Test(hyp_regression2, compare_s32_switches_ffa_off)
{
	static const char *const s[] = {"version-error-check=compare-s32", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.1", "current", s);
	cr_expect_eq(f.hyp.state, HYP_PKVM_FFA_OFF);
	cr_expect(strstr(fx_notes(&f), "FF-A off: FFA_VERSION(1.2) answered NOT_SUPPORTED "
				       "(0xffffffff): no FF-A firmware") != NULL,
		  "%s", fx_notes(&f));
	v = CALL(&f, FFA_VERSION, FFA_VERSION_1_2);
	w = fx_want(&f, LAST_32, SEXT(FFA_NOT_SUPPORTED), 0, 0, 0);
	expect_regs("FFA_VERSION", &v, &w);
	v = CALL0(&f, FFA_ID_GET);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
	expect_regs("FFA_ID_GET", &v, &w);
	fx_close(&f);
}

/* finalise on-request: an initialisation failure on the finalise call leaves no hypervisor;
 * the call itself is answered as an unknown HVC by the firmware. */
Test(hyp_init, failure_on_request)
{
	static const char *const s[] = {"version-error-check=compare-u64", "finalise=on-request",
					NULL};
	struct fx f;
	struct ffa_value v;

	fx_open(&f, "hafnium:1.1", "current", s);
	cr_expect_eq(f.hyp.state, HYP_PKVM_WAITING);
	cr_expect_eq(f.hyp.firmware_calls, 0);
	v = fx_trap(&f, FFA_CONDUIT_HVC, HYP_PKVM_FINALISE_FID, NULL, 0);
	cr_expect_eq(f.hyp.state, HYP_PKVM_FAILED);
	cr_expect_eq(v.x[0], UINT64_MAX, "x0 0x%" PRIx64, v.x[0]);
	cr_expect_eq(f.sim->host.hvc.fn, fw_el3_target(&f.sim->fw).fn);
	cr_expect_eq(f.sim->host.smc.fn, fw_el3_target(&f.sim->fw).fn);
	fx_close(&f);
}

/* hyp_pkvm_finalise: the in-process form of the finalise call, once. */
Test(hyp_init, finalise_function)
{
	static const char *const s[] = {"finalise=on-request", NULL};
	struct fx f;

	struct emu_call_routes routes;

	fx_open(&f, "hafnium:1.2", "current", s);
	cr_expect_eq(f.hyp.state, HYP_PKVM_WAITING);
	cr_expect(hyp_pkvm_finalise(&f.hyp, &routes));
	cr_expect_eq(f.hyp.state, HYP_PKVM_ACTIVE);
	/* A decision: the host's SMCs to the proxy, which sim/ carries out; HVCs stay. */
	cr_expect(routes.set[FFA_CONDUIT_SMC]);
	cr_expect_eq(routes.target[FFA_CONDUIT_SMC].ctx, &f.hyp);
	cr_expect_not(routes.set[FFA_CONDUIT_HVC]);
	cr_expect_eq(f.sim->host.smc.fn, fw_el3_target(&f.sim->fw).fn, "the proxy routed itself");
	cr_expect_not(hyp_pkvm_finalise(&f.hyp, &routes));
	cr_expect_not(routes.set[FFA_CONDUIT_SMC] || routes.set[FFA_CONDUIT_HVC]);
	fx_close(&f);
}

/* Post-initialisation: FFA_ID_GET answering an ID other than 0 refuses the host's version. */
Test(hyp_init, post_init_id_not_zero)
{
	struct fake_spmc fake = {.fid = FFA_ID_GET, .any_x1 = true};
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fake.answer = ffa_success_value(5);
	fake_install(&f, &fake);
	expect_version(&f, FFA_VERSION_1_2, SEXT(FFA_NOT_SUPPORTED));
	cr_expect_not(f.hyp.negotiated);
	cr_expect(strstr(fx_notes(&f), "post-initialisation failed: FFA_ID_GET answered an ID "
				       "other than 0 (x0 0x84000061, x2 0x5)") != NULL,
		  "%s", fx_notes(&f));
	fx_close(&f);
}

/* Post-initialisation: a 64 KiB minimum buffer is larger than the proxy's 4 KiB page. */
Test(hyp_init, post_init_min_buffer_too_large)
{
	struct fake_spmc fake = {.fid = FFA_FEATURES, .x1 = FFA_RXTX_MAP_64};
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fake.answer = ffa_success_value(1);
	fake_install(&f, &fake);
	expect_version(&f, FFA_VERSION_1_2, SEXT(FFA_NOT_SUPPORTED));
	cr_expect(strstr(fx_notes(&f), "minimum RX/TX buffer is larger than the proxy's page") !=
			  NULL,
		  "%s", fx_notes(&f));
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* FFA_VERSION */

/* The first negotiation at the proxy's version runs the post-initialisation and answers 1.2. */
Test(hyp_version, first_negotiation)
{
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	cr_expect(f.hyp.negotiated);
	cr_expect_eq(f.rule.ffa_version, FFA_VERSION_1_2);
	/* + FFA_ID_GET and FFA_FEATURES(FFA_RXTX_MAP_64). */
	cr_expect_eq(f.hyp.firmware_calls, 4);
	fx_close(&f);
}

/* A higher minor gets the proxy's version, without asking the SPMC. */
Test(hyp_version, higher_minor)
{
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	expect_version(&f, FFA_VERSION_1_3, FFA_VERSION_1_2);
	cr_expect_eq(f.hyp.version, FFA_VERSION_1_2);
	fx_close(&f);
}

/* A major other than 1 is refused, in the sign-extended or the 32-bit encoding. */
Test(hyp_version, major_2_refused)
{
	static const char *const s[] = {"not-supported-encoding=zero-extended", NULL};
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	expect_version(&f, 0x20000, SEXT(FFA_NOT_SUPPORTED));
	cr_expect_not(f.hyp.negotiated);
	fx_close(&f);
	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, 0x20000, 0xffffffffull);
	fx_close(&f);
}

/* A first negotiation at a lower minor is forwarded to the SPMC and adopted. */
Test(hyp_version, downgrade_forwarded)
{
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	expect_version(&f, FFA_VERSION_1_1, FFA_VERSION_1_1);
	cr_expect_eq(f.hyp.version, FFA_VERSION_1_1);
	cr_expect_eq(f.sim->spmc.endpoints[0].version, FFA_VERSION_1_1);
	cr_expect_eq(f.rule.ffa_version, FFA_VERSION_1_1);
	fx_close(&f);
}

/*
 * A downgrade the SPMC refuses with its 32-bit NOT_SUPPORTED: the host gets the proxy's own
 * NOT_SUPPORTED, the 64-bit -1 pKVM writes (Linux's driver reads 0xffffffff as version
 * 32767.65535), or the 32-bit one under not-supported-encoding=zero-extended.
 */
Test(hyp_version, downgrade_refused)
{
	static const char *const zext[] = {"not-supported-encoding=zero-extended", NULL};
	struct fake_spmc fake = {.fid = FFA_VERSION, .x1 = FFA_VERSION_1_1};
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fake.answer.x[0] = 0xffffffffull;
	fake_install(&f, &fake);
	expect_version(&f, FFA_VERSION_1_1, SEXT(FFA_NOT_SUPPORTED));
	cr_expect_eq(fake.hits, 1);
	cr_expect_not(f.hyp.negotiated);
	cr_expect_eq(f.hyp.version, FFA_VERSION_1_2);
	fx_close(&f);

	fake.hits = 0;
	fx_open(&f, "hafnium:1.2", "current", zext);
	fake_install(&f, &fake);
	expect_version(&f, FFA_VERSION_1_1, 0xffffffffull);
	cr_expect_eq(fake.hits, 1);
	fx_close(&f);
}

/* The same refusal read with the 64-bit compare is missed: the host is told 1.1 while the
 * SPMC stays at 1.2 (the other face of regression 2). */
Test(hyp_version, downgrade_refusal_missed_by_compare_u64)
{
	static const char *const s[] = {"version-error-check=compare-u64", NULL};
	struct fake_spmc fake = {.fid = FFA_VERSION, .x1 = FFA_VERSION_1_1};
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s);
	fake.answer.x[0] = 0xffffffffull;
	fake_install(&f, &fake);
	expect_version(&f, FFA_VERSION_1_1, FFA_VERSION_1_1);
	cr_expect_eq(f.sim->spmc.endpoints[0].version, FFA_VERSION_1_2);
	fx_close(&f);
}

/*
 * Regression 1, buggy: after negotiating 1.2, FFA_VERSION(1.1) answers the proxy's 1.2 (the
 * host may now use 1.1 structures while the proxy stays on 1.2); 1.2 again answers 1.2.
 */
Test(hyp_regression1, return_hyp_version)
{
	static const char *const s[] = {"renegotiation=return-hyp-version", NULL};
	struct fx f;
	struct ffa_value v;

	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL0(&f, FFA_ID_GET);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	expect_version(&f, FFA_VERSION_1_1, FFA_VERSION_1_2);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	cr_expect_eq(f.hyp.version, FFA_VERSION_1_2);
	fx_close(&f);
}

/* Regression 1, fixed: the downgrade after the negotiation is NOT_SUPPORTED; 1.2 still 1.2. */
Test(hyp_regression1, not_supported)
{
	static const char *const s[] = {"renegotiation=not-supported", NULL};
	struct fx f;
	struct ffa_value v;

	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL0(&f, FFA_ID_GET);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	expect_version(&f, FFA_VERSION_1_1, SEXT(FFA_NOT_SUPPORTED));
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* Calls before negotiation, the deny-list, FEATURES */

/* Before FFA_VERSION every FF-A call, denied or not, is INVALID_PARAMETERS; nothing is
 * forwarded. */
Test(hyp_calls, before_negotiation_invalid_parameters)
{
	static const uint32_t fids[] = {FFA_ID_GET,
					FFA_FEATURES,
					FFA_RXTX_MAP_64,
					FFA_PARTITION_INFO_GET,
					FFA_MSG_POLL,
					FFA_MSG_SEND_DIRECT_REQ_32,
					FFA_MSG_SEND_DIRECT_REQ2_64,
					FFA_RX_RELEASE};
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		struct ffa_value v = CALL0(&f, fids[i]);
		unsigned last = ffa_fid_is_smc64(fids[i]) ? LAST_64 : LAST_32;
		struct ffa_value w =
			fx_want(&f, last, FFA_ERROR_32, 0, SEXT(FFA_INVALID_PARAMETERS), 0);
		char what[32];

		snprintf(what, sizeof(what), "0x%08" PRIx32, fids[i]);
		expect_regs(what, &v, &w);
	}
	cr_expect_eq(f.hyp.forwarded, 0);
	cr_expect_eq(f.hyp.firmware_calls, 2);
	fx_close(&f);
}

/* The early DIRECT_REQ (an EFI service during boot) through a ready proxy is refused. */
Test(hyp_calls, early_direct_req_refused)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	v = CALL(&f, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(0, ECHO), 0, 1, 2, 3, 4, 5);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("DIRECT_REQ before FFA_VERSION", &v, &w);
	cr_expect_eq(f.sim->echo.requests, 0);
	fx_close(&f);
}

/* The same early DIRECT_REQ before an on-request proxy is finalised reaches the SPMC. */
Test(hyp_calls, early_direct_req_before_finalise)
{
	static const char *const s[] = {"finalise=on-request", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	v = CALL(&f, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(0, ECHO), 0, 1, 2, 3, 4, 5);
	w = fx_want(&f, LAST_32, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(ECHO, 0), 0, 1);
	w.x[4] = 2;
	w.x[5] = 3;
	w.x[6] = 4;
	w.x[7] = 5;
	expect_regs("DIRECT_REQ before finalisation", &v, &w);
	cr_expect_eq(f.sim->echo.requests, 1);
	fx_close(&f);
}

/* Every function of the deny-list (current: FF-A 1.2 list, DIRECT_REQ2 denied) answers
 * NOT_SUPPORTED without reaching the SPMC, and FFA_FEATURES reports it unsupported. */
Test(hyp_calls, deny_list_every_entry)
{
	static const uint32_t denied[] = {
		FFA_MEM_RETRIEVE_REQ_64,
		FFA_MEM_RETRIEVE_RESP,
		FFA_MEM_RELINQUISH,
		FFA_MEM_OP_PAUSE,
		FFA_MEM_OP_RESUME,
		FFA_MEM_FRAG_RX,
		FFA_MEM_DONATE_64,
		FFA_MSG_SEND,
		FFA_MSG_POLL,
		FFA_MSG_WAIT_32,
		FFA_MSG_SEND_DIRECT_RESP_32,
		FFA_MSG_SEND_DIRECT_RESP_64,
		FFA_RXTX_MAP_32,
		FFA_MEM_DONATE_32,
		FFA_MEM_RETRIEVE_REQ_32,
		FFA_NOTIFICATION_BITMAP_CREATE,
		FFA_NOTIFICATION_BITMAP_DESTROY,
		FFA_NOTIFICATION_BIND,
		FFA_NOTIFICATION_UNBIND,
		FFA_NOTIFICATION_SET,
		FFA_NOTIFICATION_GET,
		FFA_NOTIFICATION_INFO_GET_32,
		FFA_NOTIFICATION_INFO_GET_64,
		FFA_MSG_SEND_DIRECT_RESP2_64,
		FFA_CONSOLE_LOG_32,
		FFA_CONSOLE_LOG_64,
		FFA_PARTITION_INFO_GET_REGS_64,
		FFA_EL3_INTR_HANDLE,
		FFA_MSG_SEND_DIRECT_REQ2_64,
	};
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_2);
	for (size_t i = 0; i < sizeof(denied) / sizeof(denied[0]); i++) {
		unsigned fw = f.hyp.firmware_calls, fwd = f.hyp.forwarded;
		unsigned last = ffa_fid_is_smc64(denied[i]) ? LAST_64 : LAST_32;
		struct ffa_value v = CALL0(&f, denied[i]);
		struct ffa_value w = fx_want(&f, last, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
		char what[48];

		snprintf(what, sizeof(what), "0x%08" PRIx32, denied[i]);
		expect_regs(what, &v, &w);
		cr_expect_eq(f.hyp.firmware_calls, fw, "%s reached the firmware", what);
		cr_expect_eq(f.hyp.forwarded, fwd, "%s was forwarded", what);

		v = CALL(&f, FFA_FEATURES, denied[i]);
		w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
		snprintf(what, sizeof(what), "FFA_FEATURES(0x%08" PRIx32 ")", denied[i]);
		expect_regs(what, &v, &w);
		cr_expect_eq(f.hyp.forwarded, fwd, "%s was forwarded", what);
	}
	fx_close(&f);
}

/* The FF-A 1.1 deny-list lets the notification and 1.2 interfaces through to the SPMC. */
Test(hyp_calls, deny_list_ffa_1_1)
{
	static const char *const s[] = {"deny-list=ffa-1.1", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	fx_ready(&f, FFA_VERSION_1_2);
	v = CALL0(&f, FFA_NOTIFICATION_SET);
	cr_expect_eq(f.hyp.forwarded, 1);
	/* Hafnium checks the arguments first: sender and receiver both 0 are its own, 32-bit,
	 * INVALID_PARAMETERS (notifications themselves are not modelled). */
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, ZEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("FFA_NOTIFICATION_SET", &v, &w);
	v = CALL0(&f, FFA_MSG_POLL);
	cr_expect_eq(v.x[2], SEXT(FFA_NOT_SUPPORTED), "FFA_MSG_POLL is still denied");
	fx_close(&f);
}

/* FFA_FEATURES of a function the proxy lets through is the SPMC's to answer. */
Test(hyp_calls, features_forwarded)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_2);
	v = CALL(&f, FFA_FEATURES, FFA_RXTX_MAP_64);
	/* The SPMC's answer for a v1.2 caller: minimum 4 KiB, at most one page (Hafnium). */
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 1u << 16, 0);
	expect_regs("FFA_FEATURES(FFA_RXTX_MAP_64)", &v, &w);
	cr_expect_eq(f.hyp.forwarded, 1);
	fx_close(&f);
}

/* FFA_ID_GET and DIRECT_REQ pass through once negotiated. */
Test(hyp_calls, pass_through_after_negotiation)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL0(&f, FFA_ID_GET);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 0, 0);
	expect_regs("FFA_ID_GET", &v, &w);
	v = CALL(&f, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(0, ECHO), 0, 0x11, 0x22, 0x33, 0x44,
		 0x55);
	w = fx_want(&f, LAST_32, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(ECHO, 0), 0, 0x11);
	w.x[4] = 0x22;
	w.x[5] = 0x33;
	w.x[6] = 0x44;
	w.x[7] = 0x55;
	expect_regs("DIRECT_REQ_32", &v, &w);
	cr_expect_eq(f.hyp.forwarded, 2);
	fx_close(&f);
}

/* not-supported-encoding=zero-extended: the proxy's own errors are 32-bit values. */
Test(hyp_calls, zero_extended_errors)
{
	static const char *const s[] = {"not-supported-encoding=zero-extended", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	v = CALL0(&f, FFA_ID_GET);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, 0xfffffffeull, 0);
	expect_regs("FFA_ID_GET before FFA_VERSION", &v, &w);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL0(&f, FFA_MSG_POLL);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, 0xffffffffull, 0);
	expect_regs("FFA_MSG_POLL", &v, &w);
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* Pass-through of everything that is not FF-A */

/* PSCI and SMCCC calls reach the firmware and come back under its rule. */
Test(hyp_passthrough, psci_and_smccc)
{
	struct fx f;
	struct ffa_value v, w;

	/* The firmware writes x0 alone, as TF-A does: the rest stays as the caller set it. */
	fx_open(&f, "hafnium:1.2", "current", s_none);
	v = CALL0(&f, PSCI_VERSION);
	w = fx_kept(&f, PSCI_VERSION_1_1);
	expect_regs("PSCI_VERSION", &v, &w);
	v = CALL(&f, PSCI_FEATURES, PSCI_SYSTEM_OFF);
	w = fx_kept(&f, 0);
	expect_regs("PSCI_FEATURES", &v, &w);
	v = CALL0(&f, SMCCC_VERSION);
	w = fx_kept(&f, SMCCC_VERSION_1_5);
	expect_regs("SMCCC_VERSION", &v, &w);
	v = CALL0(&f, 0x82000077u);
	w = fx_kept(&f, UINT64_MAX);
	expect_regs("unknown SiP call", &v, &w);
	cr_expect_eq(f.hyp.forwarded, 4);
	fx_close(&f);
}

/* PSCI SYSTEM_OFF through the proxy ends the run as the firmware does. */
Test(hyp_passthrough, psci_system_off)
{
	struct fx f;
	struct emu_cpu *cpu;
	struct emu_call call = {.conduit = FFA_CONDUIT_SMC, .fid = PSCI_SYSTEM_OFF};
	struct emu_dispatched out = {.answer = NULL};

	fx_open(&f, "hafnium:1.2", "current", s_none);
	cpu = &f.sim->host;
	call.args.x[0] = PSCI_SYSTEM_OFF;
	cr_expect_not(sim_dispatch(cpu, NULL, &call, NULL, &out), "answered");
	cr_expect_eq(cpu->stop.kind, EMU_STOP_EXIT);
	cr_expect_str_eq(cpu->stop.message, "PSCI SYSTEM_OFF");
	fx_close(&f);
}

/* HVCs other than the finalise call go where they went before: the firmware. */
Test(hyp_passthrough, other_hvc)
{
	struct fx f;
	struct ffa_value v;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	v = fx_trap(&f, FFA_CONDUIT_HVC, SMCCC_VERSION, NULL, 0);
	cr_expect_eq(v.x[0], SMCCC_VERSION_1_5);
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* RX/TX buffers */

/* The host's map: the proxy maps its own buffers at the SPMC first, then takes the host's. */
Test(hyp_rxtx, map_and_unmap)
{
	struct fx f;
	struct ffa_value v, w;
	const struct spmc_endpoint *nw;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX, HOST_RX, 1);
	w = fx_want(&f, LAST_64, FFA_SUCCESS_32, 0, 0, 0);
	expect_regs("FFA_RXTX_MAP_64", &v, &w);
	nw = &f.sim->spmc.endpoints[0];
	cr_expect(nw->rxtx.mapped);
	cr_expect_eq(nw->rxtx.tx, RESERVED);
	cr_expect_eq(nw->rxtx.rx, RESERVED + 0x1000);
	cr_expect(f.hyp.host_buffers.mapped);
	cr_expect_eq(f.hyp.host_buffers.rx, HOST_RX);

	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX2, HOST_RX2, 1);
	w = fx_want(&f, LAST_64, FFA_ERROR_32, 0, SEXT(FFA_DENIED), 0);
	expect_regs("second FFA_RXTX_MAP_64", &v, &w);

	v = CALL(&f, FFA_RXTX_UNMAP, 0);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 0, 0);
	expect_regs("FFA_RXTX_UNMAP", &v, &w);
	cr_expect_not(nw->rxtx.mapped);
	cr_expect_not(f.hyp.host_buffers.mapped);
	v = CALL(&f, FFA_RXTX_UNMAP, 0);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("FFA_RXTX_UNMAP twice", &v, &w);
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX2, HOST_RX2, 1);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32, "map after unmap");
	fx_close(&f);
}

/* Only the proxy's fixed page count (1), page-aligned addresses, and RAM the host owns. */
Test(hyp_rxtx, map_checks)
{
	struct fx f;
	struct ffa_value v;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX, HOST_RX, 2);
	cr_expect_eq(v.x[2], SEXT(FFA_INVALID_PARAMETERS), "2 pages");
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX + 0x800, HOST_RX, 1);
	cr_expect_eq(v.x[2], SEXT(FFA_INVALID_PARAMETERS), "unaligned TX");
	cr_expect_not(f.sim->spmc.endpoints[0].rxtx.mapped);
	/* The proxy's reserved memory: its own buffers were mapped, and go again. */
	v = CALL(&f, FFA_RXTX_MAP_64, RESERVED + 0x4000, HOST_RX, 1);
	cr_expect_eq(v.x[2], SEXT(FFA_INVALID_PARAMETERS), "reserved memory");
	cr_expect_not(f.sim->spmc.endpoints[0].rxtx.mapped);
	cr_expect_not(f.hyp.own.mapped);
	v = CALL(&f, FFA_RXTX_MAP_64, 0x0, HOST_RX, 1);
	cr_expect_eq(v.x[2], SEXT(FFA_INVALID_PARAMETERS), "flash");
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX, HOST_TX, 1);
	cr_expect_eq(v.x[2], SEXT(FFA_INVALID_PARAMETERS), "TX == RX");
	v = CALL(&f, FFA_RXTX_MAP_32, HOST_TX, HOST_RX, 1);
	cr_expect_eq(v.x[2], SEXT(FFA_NOT_SUPPORTED), "FFA_RXTX_MAP_32");
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX, HOST_RX, 1);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32, "a good map after the refusals");
	fx_close(&f);
}

/* FFA_RXTX_UNMAP names the host's ID, 0, in w1: anything else is refused. */
Test(hyp_rxtx, unmap_id)
{
	struct fx f;
	struct ffa_value v;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_2);
	v = CALL(&f, FFA_RXTX_UNMAP, 1u << 16);
	cr_expect_eq(v.x[2], SEXT(FFA_INVALID_PARAMETERS));
	cr_expect(f.hyp.host_buffers.mapped);
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* FFA_PARTITION_INFO_GET */

/* Without host buffers the relay has nowhere to go: BUSY, even for the count. */
Test(hyp_partinfo, busy_without_buffers)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_BUSY), 0);
	expect_regs("FFA_PARTITION_INFO_GET", &v, &w);
	fx_close(&f);
}

/* Checks the echo partition's descriptor in the host's RX buffer. */
static void expect_echo_descriptor(struct fx *f, uint32_t version)
{
	const uint8_t *rx = emu_memory_ptr(&f->sim->memory, HOST_RX, 24, false);
	const uint8_t *own = emu_memory_ptr(&f->sim->memory, RESERVED + 0x1000, 24, false);
	size_t size = ffa_partinfo_size(version);
	struct ffa_partinfo info;
	uint8_t uuid[FFA_UUID_SIZE];

	cr_assert(rx != NULL && own != NULL);
	ffa_partinfo_read(rx, version, &info);
	cr_expect_eq(info.id, ECHO);
	cr_expect_eq(info.exec_ctx_count, 1);
	cr_expect_eq(info.props, ffa_props_for_version(ECHO_PROPS_1_2, version));
	cr_expect_eq(memcmp(rx, own, size), 0, "not the proxy's RX buffer's bytes");
	if (version >= FFA_VERSION_1_1) {
		cr_assert_eq(ffa_uuid_parse(SIM_ECHO_UUID, uuid), FFA_UUID_OK);
		cr_expect_eq(memcmp(info.uuid, uuid, FFA_UUID_SIZE), 0);
	} else {
		/* Only 8 bytes were copied: the rest of the host's buffer is untouched. */
		for (size_t i = 8; i < 24; i++)
			cr_expect_eq(rx[i], 0xab, "byte %zu copied", i);
	}
}

/* Fills the host's RX buffer with 0xab so that copies show. */
static void fill_host_rx(struct fx *f)
{
	uint8_t *rx = emu_memory_ptr(&f->sim->memory, HOST_RX, 0x1000, false);

	cr_assert_not_null(rx);
	memset(rx, 0xab, 0x1000);
}

/* FF-A 1.1: 24-byte descriptors relayed through the proxy's RX buffer into the host's. */
Test(hyp_partinfo, relay_1_1)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_1);
	fill_host_rx(&f);
	v = CALL(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 1, 24);
	expect_regs("FFA_PARTITION_INFO_GET", &v, &w);
	expect_echo_descriptor(&f, FFA_VERSION_1_1);
	fx_close(&f);
}

/* FF-A 1.0: no size in w3, the proxy copies 8-byte descriptors. */
Test(hyp_partinfo, relay_1_0)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_0);
	fill_host_rx(&f);
	v = CALL(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 1, 0);
	expect_regs("FFA_PARTITION_INFO_GET", &v, &w);
	expect_echo_descriptor(&f, FFA_VERSION_1_0);
	fx_close(&f);
}

/* FF-A 1.2, a UUID named: the descriptor's UUID field is zero, as the SPMC writes it. */
Test(hyp_partinfo, relay_1_2_by_uuid)
{
	struct fx f;
	struct ffa_value v, w;
	uint8_t uuid[FFA_UUID_SIZE];
	uint32_t r[4];
	const uint8_t *rx;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_2);
	fill_host_rx(&f);
	cr_assert_eq(ffa_uuid_parse(SIM_ECHO_UUID, uuid), FFA_UUID_OK);
	ffa_uuid_to_regs32(uuid, r);
	v = CALL(&f, FFA_PARTITION_INFO_GET, r[0], r[1], r[2], r[3], 0);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 1, 24);
	expect_regs("FFA_PARTITION_INFO_GET(echo)", &v, &w);
	rx = emu_memory_ptr(&f.sim->memory, HOST_RX, 24, false);
	cr_expect_eq(rx[0] | rx[1] << 8, ECHO);
	for (size_t i = 8; i < 24; i++)
		cr_expect_eq(rx[i], 0, "UUID byte %zu", i - 8);
	fx_close(&f);
}

/* Count only: the count, no size, nothing copied. */
Test(hyp_partinfo, count_only)
{
	struct fx f;
	struct ffa_value v, w;
	const uint8_t *rx;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_2);
	fill_host_rx(&f);
	v = CALL(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 1, 0);
	expect_regs("FFA_PARTITION_INFO_GET count only", &v, &w);
	rx = emu_memory_ptr(&f.sim->memory, HOST_RX, 24, false);
	for (size_t i = 0; i < 24; i++)
		cr_expect_eq(rx[i], 0xab, "byte %zu written", i);
	fx_close(&f);
}

/* The SPMC's RX buffer stays the host's until its FFA_RX_RELEASE, which passes through. */
Test(hyp_partinfo, rx_release_passes_through)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_2);
	v = CALL(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	v = CALL(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, ZEXT(FFA_BUSY), 0);
	expect_regs("FFA_PARTITION_INFO_GET with the buffer still full", &v, &w);
	v = CALL(&f, FFA_RX_RELEASE, 0);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 0, 0);
	expect_regs("FFA_RX_RELEASE", &v, &w);
	v = CALL(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	fx_close(&f);
}

/* An unknown UUID: the SPMC's error comes back as it wrote it. */
Test(hyp_partinfo, unknown_uuid)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_2);
	v = CALL(&f, FFA_PARTITION_INFO_GET, 1, 2, 3, 4, 0);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, ZEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("FFA_PARTITION_INFO_GET(unknown)", &v, &w);
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* FFA_MSG_SEND_DIRECT_REQ2 */

/* Sends a REQ2 from `source` to echo with payload x4-x17 = 0x100 + n. */
static struct ffa_value send_req2(struct fx *f, uint16_t source)
{
	uint64_t args[17];

	args[0] = ffa_msg_ids(source, ECHO);
	args[1] = 0;
	args[2] = 0;
	for (unsigned i = 3; i < 17; i++)
		args[i] = 0x100 + i + 1;
	return fx_call(f, FFA_MSG_SEND_DIRECT_REQ2_64, args, 17);
}

/* forward, 1.2 negotiated, source 0: the whole RESP2 comes back, x0-x17. */
Test(hyp_req2, forwarded)
{
	static const char *const s[] = {"direct-req2=forward", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = send_req2(&f, 0);
	/* echo answers x4-x17 with the request's payload: they equal the host's. */
	w = fx_want(&f, LAST_11, FFA_MSG_SEND_DIRECT_RESP2_64, ffa_msg_ids(ECHO, 0), 0, 0);
	expect_regs("DIRECT_REQ2", &v, &w);
	cr_expect_eq(f.sim->echo.requests, 1);
	cr_expect_eq(f.sim->echo.last.x[17], 0x111);
	cr_expect_eq(f.rule.smccc, FFA_SMCCC_1_2);
	fx_close(&f);
}

/* forward: a source other than the host's ID 0 is INVALID_PARAMETERS, never forwarded. */
Test(hyp_req2, source_check)
{
	static const char *const s[] = {"direct-req2=forward", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = send_req2(&f, 1);
	w = fx_want(&f, LAST_64, FFA_ERROR_32, 0, SEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("DIRECT_REQ2 from 0x0001", &v, &w);
	cr_expect_eq(f.sim->echo.requests, 0);
	fx_close(&f);
}

/* forward: with 1.1 negotiated the proxy does not forward it. */
Test(hyp_req2, needs_1_2)
{
	static const char *const s[] = {"direct-req2=forward", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, FFA_VERSION_1_1, FFA_VERSION_1_1);
	v = send_req2(&f, 0);
	w = fx_want(&f, LAST_64, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
	expect_regs("DIRECT_REQ2 at 1.1", &v, &w);
	cr_expect_eq(f.sim->echo.requests, 0);
	fx_close(&f);
}

/* pass-through (before the 1.2 series): the SPMC gets it, source unchecked. The pre-1.2 proxy
 * moved to 1.2 needs the FFA_FEATURES mask too (regression 4). */
Test(hyp_req2, pass_through)
{
	static const char *const s[] = {"max-version=1.2", "features-rxtx-mask=bits-1-0", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "pre-1.2", s);
	v = CALL(&f, FFA_VERSION, FFA_VERSION_1_2);
	cr_expect_eq(v.x[0], FFA_VERSION_1_2, "x0 0x%" PRIx64, v.x[0]);
	v = send_req2(&f, 1);
	w = fx_want(&f, LAST_11, FFA_MSG_SEND_DIRECT_RESP2_64, ffa_msg_ids(ECHO, 1), 0, 0);
	expect_regs("DIRECT_REQ2 from 0x0001", &v, &w);
	cr_expect_eq(f.hyp.forwarded, 1);
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* Regression 4: FFA_FEATURES(FFA_RXTX_MAP_64) against a 1.2 SPMC */

/* Buggy: w2 carries the maximum page count (1 << 16); read whole it is no size, the
 * post-initialisation fails and the host's FFA_VERSION answers NOT_SUPPORTED. */
Test(hyp_regression4, whole_w2)
{
	static const char *const s[] = {"features-rxtx-mask=whole-w2", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, FFA_VERSION_1_2, SEXT(FFA_NOT_SUPPORTED));
	cr_expect_not(f.hyp.negotiated);
	cr_expect(strstr(fx_notes(&f),
			 "post-initialisation failed: FFA_FEATURES(FFA_RXTX_MAP_64) w2 is not a "
			 "minimum buffer size (x0 0x84000061, x2 0x10000); the host's FFA_VERSION "
			 "answers NOT_SUPPORTED") != NULL,
		  "%s", fx_notes(&f));
	v = CALL0(&f, FFA_ID_GET);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("FFA_ID_GET after the refusal", &v, &w);
	fx_close(&f);
}

/* Fixed: only bits 1:0 are read; 4 KiB fits and the host gets 1.2. */
Test(hyp_regression4, bits_1_0)
{
	static const char *const s[] = {"features-rxtx-mask=bits-1-0", NULL};
	struct fx f;

	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	cr_expect(f.hyp.negotiated);
	cr_expect_str_eq(fx_notes(&f), "");
	fx_close(&f);
}

/* The pre-1.2 proxy reads the whole w2 too, but negotiates 1.1, whose answer has no page
 * count: the bug only showed once the proxy moved to 1.2. */
Test(hyp_regression4, pre_1_2_unaffected_at_1_1)
{
	struct fx f;
	struct ffa_value v;

	fx_open(&f, "hafnium:1.2", "pre-1.2", s_none);
	v = CALL(&f, FFA_VERSION, FFA_VERSION_1_1);
	/* pre-1.2 answers under SMCCC 1.1: x0-x3. */
	cr_expect_eq(v.x[0], FFA_VERSION_1_1, "x0 0x%" PRIx64, v.x[0]);
	cr_expect(f.hyp.negotiated);
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* Regression 5: the FF-A function range */

/* Buggy: 0x80 and above are not FF-A to the proxy; CONSOLE_LOG, PARTITION_INFO_GET_REGS and
 * DIRECT_REQ2 reach the firmware unfiltered: the SPMD refuses the console log (zero-extended
 * NOT_SUPPORTED), the SPMC answers the others. */
Test(hyp_regression5, range_0x60_0x7f)
{
	static const char *const s[] = {"ffa-function-range=0x60-0x7f", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL(&f, FFA_CONSOLE_LOG_32, 3, 'h' | 'i' << 8 | '\n' << 16);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, 0xffffffffull, 0);
	expect_regs("FFA_CONSOLE_LOG_32", &v, &w);
	v = CALL(&f, FFA_PARTITION_INFO_GET_REGS_64, 0, 0, 0);
	cr_expect_eq(v.x[0], FFA_SUCCESS_64, "FFA_PARTITION_INFO_GET_REGS x0 0x%" PRIx64, v.x[0]);
	v = send_req2(&f, 0);
	cr_expect_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP2_64, "DIRECT_REQ2 x0 0x%" PRIx64, v.x[0]);
	cr_expect_eq(f.hyp.forwarded, 3);
	fx_close(&f);
}

/* Fixed: 0x60-0xFF are FF-A and the deny-list refuses all three. */
Test(hyp_regression5, range_0x60_0xff)
{
	static const char *const s[] = {"ffa-function-range=0x60-0xff", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL(&f, FFA_CONSOLE_LOG_32, 3, 'h' | 'i' << 8 | '\n' << 16);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
	expect_regs("FFA_CONSOLE_LOG_32", &v, &w);
	cr_expect_str_eq(fx_console(&f), "");
	v = CALL(&f, FFA_PARTITION_INFO_GET_REGS_64, 0, 0, 0);
	w = fx_want(&f, LAST_64, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
	expect_regs("FFA_PARTITION_INFO_GET_REGS", &v, &w);
	v = send_req2(&f, 0);
	w = fx_want(&f, LAST_64, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
	expect_regs("DIRECT_REQ2", &v, &w);
	cr_expect_eq(f.hyp.forwarded, 0);
	cr_expect_eq(f.sim->echo.requests, 0);
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* Regression 6: the result registers of the proxy's own answers */

/* Buggy: SMCCC 1.1, x0-x3 written; x4-x17 keep the host's values (stale x4-x7). */
Test(hyp_regression6, smccc_1_1)
{
	static const char *const s[] = {"result-convention=smccc-1.1", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	v = CALL(&f, FFA_VERSION, FFA_VERSION_1_2);
	w = fx_want(&f, LAST_11, FFA_VERSION_1_2, 0, 0, 0);
	expect_regs("FFA_VERSION", &v, &w);
	cr_expect_eq(v.x[4], POISON);
	cr_expect_eq(f.rule.smccc, FFA_SMCCC_1_1);
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX, HOST_RX, 1);
	w = fx_want(&f, LAST_11, FFA_SUCCESS_32, 0, 0, 0);
	expect_regs("FFA_RXTX_MAP_64", &v, &w);
	v = CALL0(&f, FFA_MSG_POLL);
	w = fx_want(&f, LAST_11, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
	expect_regs("FFA_MSG_POLL", &v, &w);
	fx_close(&f);
}

/* Fixed: SMCCC 1.2, unused result registers zero: x4-x7 for SMC32 (x8-x17 preserved),
 * x4-x17 for SMC64. */
Test(hyp_regression6, smccc_1_2)
{
	static const char *const s[] = {"result-convention=smccc-1.2", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	v = CALL(&f, FFA_VERSION, FFA_VERSION_1_2);
	w = fx_want(&f, LAST_32, FFA_VERSION_1_2, 0, 0, 0);
	expect_regs("FFA_VERSION", &v, &w);
	cr_expect_eq(f.rule.smccc, FFA_SMCCC_1_2);
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX, HOST_RX, 1);
	w = fx_want(&f, LAST_64, FFA_SUCCESS_32, 0, 0, 0);
	expect_regs("FFA_RXTX_MAP_64", &v, &w);
	v = CALL0(&f, FFA_MSG_POLL);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_NOT_SUPPORTED), 0);
	expect_regs("FFA_MSG_POLL", &v, &w);
	fx_close(&f);
}

/* A forwarded DIRECT_REQ2 whose RESP2 carries its own payload (x4-x17 = 0xa00 + n), from an
 * SPMC stand-in: under SMCCC 1.1 the payload is lost and the host keeps its request's. */
static struct ffa_value req2_with_answer(struct fx *f, struct fake_spmc *fake)
{
	struct ffa_value v;

	fake->fid = FFA_MSG_SEND_DIRECT_REQ2_64;
	fake->any_x1 = true;
	fake->answer.x[0] = FFA_MSG_SEND_DIRECT_RESP2_64;
	fake->answer.x[1] = ffa_msg_ids(ECHO, 0);
	for (unsigned i = 4; i < FFA_REG_COUNT; i++)
		fake->answer.x[i] = 0xa00 + i;
	fake_install(f, fake);
	v = CALL(f, FFA_VERSION, FFA_VERSION_1_2);
	cr_assert_eq(v.x[0], FFA_VERSION_1_2, "FFA_VERSION x0 0x%" PRIx64, v.x[0]);
	return send_req2(f, 0);
}

/* Buggy: the RESP2 payload x4-x17 never reaches the host. */
Test(hyp_regression6, req2_payload_lost)
{
	static const char *const s[] = {"result-convention=smccc-1.1", "direct-req2=forward", NULL};
	struct fake_spmc fake = {0};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	v = req2_with_answer(&f, &fake);
	w = fx_want(&f, LAST_11, FFA_MSG_SEND_DIRECT_RESP2_64, ffa_msg_ids(ECHO, 0), 0, 0);
	expect_regs("DIRECT_REQ2", &v, &w);
	cr_expect_eq(v.x[4], 0x104, "x4 0x%" PRIx64, v.x[4]);
	cr_expect_eq(fake.hits, 1);
	fx_close(&f);
}

/* Fixed: the whole RESP2 comes back. */
Test(hyp_regression6, req2_payload_delivered)
{
	static const char *const s[] = {"result-convention=smccc-1.2", "direct-req2=forward", NULL};
	struct fake_spmc fake = {0};
	struct fx f;
	struct ffa_value v;

	fx_open(&f, "hafnium:1.2", "current", s);
	v = req2_with_answer(&f, &fake);
	expect_regs("DIRECT_REQ2", &v, &fake.answer);
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* Regression 7: the host's driver before the proxy is ready */

/* The driver's probe: FFA_VERSION(1.2), FFA_ID_GET, FFA_RXTX_MAP_64, all succeeding. */
static void driver_probe(struct fx *f)
{
	struct ffa_value v;

	expect_version(f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL0(f, FFA_ID_GET);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32, "FFA_ID_GET x0 0x%" PRIx64, v.x[0]);
	cr_expect_eq(v.x[2], 0);
	v = CALL(f, FFA_RXTX_MAP_64, HOST_TX, HOST_RX, 1);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32, "FFA_RXTX_MAP_64 x0 0x%" PRIx64 " x2 0x%" PRIx64,
		     v.x[0], v.x[2]);
}

/* The finalise call: x0 0, x1 the result (0, or -EPERM when already finalised). */
static void finalise(struct fx *f, uint64_t x1)
{
	struct ffa_value v = fx_trap(f, FFA_CONDUIT_HVC, HYP_PKVM_FINALISE_FID, NULL, 0);
	struct ffa_value w = fx_want(f, LAST_11, 0, x1, 0, 0);

	expect_regs("finalise", &v, &w);
}

/*
 * Buggy ordering (finalise: on-request): the probe reaches the SPMC directly; after the
 * finalisation the proxy never saw a negotiation, so every call is INVALID_PARAMETERS; a
 * second probe through the proxy negotiates, but the proxy's own RXTX_MAP for endpoint 0
 * collides with the host's buffers at the SPMC: DENIED.
 */
Test(hyp_regression7, probe_before_finalise)
{
	static const char *const s[] = {"finalise=on-request", NULL};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s);
	driver_probe(&f);
	cr_expect_eq(f.sim->spmc.endpoints[0].rxtx.tx, HOST_TX, "the SPMC has the host's buffers");
	cr_expect_eq(f.hyp.firmware_calls, 0);
	cr_expect_eq(f.hyp.forwarded, 0);
	finalise(&f, 0);
	cr_expect_eq(f.hyp.state, HYP_PKVM_ACTIVE);

	v = CALL(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("FFA_PARTITION_INFO_GET", &v, &w);
	v = CALL0(&f, FFA_ID_GET);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("FFA_ID_GET", &v, &w);
	v = CALL(&f, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(0, ECHO), 0, 1, 2, 3, 4, 5);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, SEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("DIRECT_REQ_32", &v, &w);
	cr_expect_eq(f.sim->echo.requests, 0);

	expect_version(&f, FFA_VERSION_1_2, FFA_VERSION_1_2);
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX2, HOST_RX2, 1);
	w = fx_want(&f, LAST_64, FFA_ERROR_32, 0, SEXT(FFA_DENIED), 0);
	expect_regs("FFA_RXTX_MAP_64 through the proxy", &v, &w);
	cr_expect_eq(f.hyp.own_map_error, FFA_DENIED);
	cr_expect(strstr(fx_notes(&f), "the proxy's own FFA_RXTX_MAP_64 (TX 0x7fff0000, RX "
				       "0x7fff1000) was refused with DENIED: endpoint 0 already "
				       "has buffers at the SPMC") != NULL,
		  "%s", fx_notes(&f));
	fx_close(&f);
}

/* Fixed ordering (finalise: at-boot): the probe goes through the proxy, everything works; the
 * finalise call finds the proxy finalised already. */
Test(hyp_regression7, probe_after_finalise)
{
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	driver_probe(&f);
	cr_expect_eq(f.sim->spmc.endpoints[0].rxtx.tx, RESERVED,
		     "the SPMC has the proxy's buffers");
	finalise(&f, UINT64_MAX);
	v = CALL(&f, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 1, 24);
	expect_regs("FFA_PARTITION_INFO_GET", &v, &w);
	v = CALL(&f, FFA_RX_RELEASE, 0);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 0, 0);
	expect_regs("FFA_RX_RELEASE", &v, &w);
	v = CALL(&f, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(0, ECHO), 0, 1, 2, 3, 4, 5);
	cr_expect_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_32, "DIRECT_REQ_32 x0 0x%" PRIx64, v.x[0]);
	cr_expect_eq(f.sim->echo.requests, 1);
	cr_expect_eq(f.hyp.own_map_error, 0);
	cr_expect_str_eq(fx_notes(&f), "");
	fx_close(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* Memory sharing (hyp/mem.c) */

/* The proxy's own buffers on virt, and host pages to share (its RAM, away from the image). */
#define OWN_TX RESERVED
#define OWN_RX (RESERVED + 0x1000ull)
#define PAGE_A 0x48100000ull
#define PAGE_B 0x48200000ull
#define PAGE_C 0x48300000ull
#define UART 0x09000000ull
#define HANDLE 0x1234567800000001ull
#define DESC_MAX 0x10000u

/*
 * An SPMC stand-in for the memory calls, installed as the firmware's FF-A target: it keeps one
 * transaction (the descriptor it read from endpoint 0's TX buffer, the proxy's), answers a
 * retrieve request with it in fragments of frag_size bytes written to endpoint 0's RX buffer,
 * which stays full until FFA_RX_RELEASE (a retrieve request meanwhile is BUSY, as real Hafnium
 * answers it; real TF-A's EL3 SPMC answers DENIED), and forwards every other call to the real
 * SPMC.
 */
struct mem_spmc {
	struct emu_call_target inner;
	struct fx *f;
	uint8_t desc[DESC_MAX];
	uint32_t len, have; /* the transaction's total length and the bytes received */
	uint32_t frag_size; /* retrieve response fragments (0: whole pages) */
	uint32_t resp_len;  /* a retrieve response's total length to claim (0: the real one) */
	uint32_t fid;       /* the last MEM_SHARE/LEND function it saw */
	uint8_t req[48];    /* the last retrieve request */
	bool rx_full;
	int32_t fail_xfer;    /* an error for the next MEM_SHARE/LEND (0: none) */
	int32_t fail_frag;    /* an error for the next MEM_FRAG_TX */
	int32_t fail_reclaim; /* an error for the next MEM_RECLAIM */
	unsigned xfers, frags, retrieves, frag_rx, releases, reclaims;
	uint64_t reclaimed; /* the handle of the last reclaim */
};

static void mem_spmc_error(struct emu_call_decision *d, int32_t code)
{
	d->res = ffa_error_value(code);
}

/* Writes the fragment at off of the stored descriptor to the proxy's RX buffer: its length. */
static uint32_t mem_spmc_fragment(struct mem_spmc *m, uint32_t off)
{
	uint32_t size = m->frag_size != 0 ? m->frag_size : 0x1000u;
	uint32_t n = m->len - off < size ? m->len - off : size;

	memcpy(emu_memory_ptr(&m->f->sim->memory, OWN_RX, 0x1000, false), m->desc + off, n);
	m->rx_full = true;
	return n;
}

/* The answer to a fragment received: SUCCESS with the handle, or FRAG_RX for the next. */
static void mem_spmc_received(struct mem_spmc *m, struct emu_call_decision *d)
{
	if (m->have == m->len) {
		d->res = ffa_success_value((uint32_t)HANDLE);
		d->res.x[3] = HANDLE >> 32;
		return;
	}
	d->res.x[0] = FFA_MEM_FRAG_RX;
	d->res.x[1] = (uint32_t)HANDLE;
	d->res.x[2] = HANDLE >> 32;
	d->res.x[3] = m->have;
}

static void mem_spmc_call(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	struct mem_spmc *m = ctx;
	const uint64_t *x = call->args.x;
	const uint8_t *tx = emu_memory_ptr(&m->f->sim->memory, OWN_TX, 0x1000, false);
	uint32_t n;

	switch (call->fid) {
	case FFA_MEM_SHARE_64:
	case FFA_MEM_LEND_64:
		m->xfers++;
		m->fid = call->fid;
		if (m->fail_xfer != 0) {
			mem_spmc_error(d, m->fail_xfer);
			return;
		}
		m->len = (uint32_t)x[1];
		m->have = (uint32_t)x[2];
		memcpy(m->desc, tx, m->have);
		mem_spmc_received(m, d);
		return;
	case FFA_MEM_FRAG_TX:
		m->frags++;
		if (m->fail_frag != 0) {
			mem_spmc_error(d, m->fail_frag);
			return;
		}
		memcpy(m->desc + m->have, tx, (uint32_t)x[3]);
		m->have += (uint32_t)x[3];
		mem_spmc_received(m, d);
		return;
	case FFA_MEM_RETRIEVE_REQ_64:
		m->retrieves++;
		memcpy(m->req, tx, sizeof(m->req));
		if (m->rx_full) {
			mem_spmc_error(d, FFA_BUSY);
			return;
		}
		n = mem_spmc_fragment(m, 0);
		d->res.x[0] = FFA_MEM_RETRIEVE_RESP;
		d->res.x[1] = m->resp_len != 0 ? m->resp_len : m->len;
		d->res.x[2] = n;
		return;
	case FFA_MEM_FRAG_RX:
		m->frag_rx++;
		n = mem_spmc_fragment(m, (uint32_t)x[3]);
		d->res.x[0] = FFA_MEM_FRAG_TX;
		d->res.x[1] = (uint32_t)HANDLE;
		d->res.x[2] = HANDLE >> 32;
		d->res.x[3] = n;
		return;
	case FFA_RX_RELEASE:
		m->releases++;
		m->rx_full = false;
		d->res = ffa_success_value(0);
		return;
	case FFA_MEM_RECLAIM:
		m->reclaims++;
		if (m->fail_reclaim != 0) {
			mem_spmc_error(d, m->fail_reclaim);
			return;
		}
		m->reclaimed = ffa_mem_handle((uint32_t)x[1], (uint32_t)x[2]);
		d->res = ffa_success_value(0);
		return;
	default:
		m->inner.fn(m->inner.ctx, call, d);
	}
}

static void mem_spmc_install(struct fx *f, struct mem_spmc *m)
{
	memset(m, 0, sizeof(*m));
	m->f = f;
	m->inner = f->sim->fw.ffa;
	f->sim->fw.ffa = (struct emu_call_target){.fn = mem_spmc_call, .ctx = m};
}

/* Writes the low `size` bytes of v at p, little-endian, as descriptors are laid out. */
static void put_le(uint8_t *p, unsigned size, uint64_t v)
{
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/*
 * A share or lend descriptor from the host (ID 0) to the echo partition in the layout of a
 * version (v1.0: 32-byte header; later: 48 bytes, the descriptors at offset 48), with n
 * constituents, written into buf: its length.
 */
static uint32_t host_desc(uint8_t *buf, uint32_t version, const struct ffa_mem_range *r, uint32_t n)
{
	uint32_t header = version == FFA_VERSION_1_0 ? 32u : 48u;
	uint32_t composite = header + 16u, total = 0;

	memset(buf, 0, composite + 16u + 16u * n);
	put_le(buf + 0, 2, 0);  /* the sender: the host */
	buf[2] = 0x2f;          /* normal memory, write-back, inner shareable */
	put_le(buf + 28, 4, 1); /* one receiver */
	if (version != FFA_VERSION_1_0) {
		put_le(buf + 24, 4, 16);
		put_le(buf + 32, 4, header);
	}
	put_le(buf + header, 2, ECHO);
	buf[header + 2] = 2; /* read-write */
	put_le(buf + header + 4, 4, composite);
	for (uint32_t i = 0; i < n; i++) {
		put_le(buf + composite + 16 + 16 * i, 8, r[i].address);
		put_le(buf + composite + 16 + 16 * i + 8, 4, r[i].page_count);
		total += r[i].page_count;
	}
	put_le(buf + composite, 4, total);
	put_le(buf + composite + 4, 4, n);
	return composite + 16u + 16u * n;
}

/* Writes bytes into the host's TX buffer. */
static void host_tx(struct fx *f, const uint8_t *buf, uint32_t len)
{
	memcpy(emu_memory_ptr(&f->sim->memory, HOST_TX, 0x1000, false), buf, len);
}

/* Shares (or lends) n constituents in one fragment: the host's registers afterwards. */
static struct ffa_value host_share(struct fx *f, uint32_t fid, uint32_t version,
				   const struct ffa_mem_range *r, uint32_t n)
{
	uint8_t buf[0x1000];
	uint32_t len = host_desc(buf, version, r, n);

	host_tx(f, buf, len);
	return CALL(f, fid, len, len, 0, 0);
}

/* True when every page of [addr, addr + pages) is marked shared by the proxy. */
static bool shared(const struct fx *f, uint64_t addr, uint32_t pages)
{
	return spmc_mem_owns(&f->hyp.shared, addr, (uint64_t)pages * 0x1000, SPMC_MEM_RW);
}

/* True when no byte of [addr, addr + pages) is marked shared. */
static bool unshared(const struct fx *f, uint64_t addr, uint32_t pages)
{
	for (uint32_t i = 0; i < pages; i++)
		if (spmc_mem_owns(&f->hyp.shared, addr + 0x1000ull * i, 0x1000, 0))
			return false;
	return true;
}

/* The host's FFA_MEM_RECLAIM of the stand-in's handle. */
static struct ffa_value host_reclaim(struct fx *f, uint32_t flags)
{
	return CALL(f, FFA_MEM_RECLAIM, (uint32_t)HANDLE, HANDLE >> 32, flags);
}

/* Expects the proxy's own error, sign-extended, x3-x7 zero (and x8-x17 for an SMC64 call,
 * under SMCCC 1.2). */
static void expect_proxy_error(struct fx *f, const char *what, const struct ffa_value *v,
			       int32_t code)
{
	unsigned last = (f->before.x[0] & (1u << 30)) != 0 ? LAST_64 : LAST_32;
	struct ffa_value w = fx_want(f, last, FFA_ERROR_32, 0, SEXT(code), 0);

	expect_regs(what, v, &w);
}

/* Opens a proxy (settings) in front of the stand-in, negotiated and with buffers mapped. */
static void mem_open(struct fx *f, struct mem_spmc *m, uint32_t version,
		     const char *const *settings)
{
	fx_open(f, "hafnium:1.2", "current", settings);
	mem_spmc_install(f, m);
	fx_ready(f, version);
}

/* FFA_FEATURES: SUCCESS with w2 = 0 for MEM_SHARE and MEM_LEND (both forms), answered by the
 * proxy as pKVM's do_ffa_features does; MEM_RECLAIM and MEM_FRAG_TX are the SPMC's to answer. */
Test(hyp_mem, features)
{
	static const uint32_t own[] = {FFA_MEM_SHARE_32, FFA_MEM_SHARE_64, FFA_MEM_LEND_32,
				       FFA_MEM_LEND_64};
	static const uint32_t spmc[] = {FFA_MEM_RECLAIM, FFA_MEM_FRAG_TX};
	struct fx f;
	struct ffa_value v, w;

	fx_open(&f, "hafnium:1.2", "current", s_none);
	fx_ready(&f, FFA_VERSION_1_2);
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		v = CALL(&f, FFA_FEATURES, own[i], POISON);
		w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 0, 0);
		expect_regs("FFA_FEATURES(memory)", &v, &w);
	}
	cr_expect_eq(f.hyp.forwarded, 0);
	for (size_t i = 0; i < sizeof(spmc) / sizeof(spmc[0]); i++)
		(void)CALL(&f, FFA_FEATURES, spmc[i]);
	cr_expect_eq(f.hyp.forwarded, 2);
	fx_close(&f);
}

/* A share in one fragment: the descriptor reaches the SPMC through the proxy's TX buffer as
 * the 64-bit call, the SPMC's answer comes back as it is, the pages are marked shared; the
 * reclaim retrieves the descriptor (a hypervisor retrieve request), releases the RX buffer,
 * reclaims and unshares. */
Test(hyp_mem, share_and_reclaim)
{
	const struct ffa_mem_range r[] = {{PAGE_A, 2}, {PAGE_B, 1}};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v, w;
	uint8_t buf[0x1000];
	uint32_t len = host_desc(buf, FFA_VERSION_1_2, r, 2);

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	host_tx(&f, buf, len);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 0);
	w = fx_want(&f, LAST_64, FFA_SUCCESS_32, 0, (uint32_t)HANDLE, HANDLE >> 32);
	expect_regs("FFA_MEM_SHARE_64", &v, &w);
	cr_expect_eq(m.fid, FFA_MEM_SHARE_64);
	cr_expect_eq(m.len, len);
	cr_expect(memcmp(m.desc, buf, len) == 0, "the SPMC read another descriptor");
	cr_expect(shared(&f, PAGE_A, 2) && shared(&f, PAGE_B, 1));
	cr_expect(unshared(&f, PAGE_A + 0x2000, 1));

	v = host_reclaim(&f, 0);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, 0, 0);
	expect_regs("FFA_MEM_RECLAIM", &v, &w);
	cr_expect_eq(m.retrieves, 1);
	cr_expect_eq(m.req[0] | m.req[1] << 8, 0, "retrieve request sender");
	cr_expect_eq(m.req[8], 0x01);
	cr_expect_eq(m.req[15], 0x12);
	cr_expect_eq(m.releases, 1);
	cr_expect_eq(m.reclaims, 1);
	cr_expect_eq(m.reclaimed, HANDLE);
	cr_expect(unshared(&f, PAGE_A, 2) && unshared(&f, PAGE_B, 1));
	cr_expect_eq(f.hyp.shared.count, 0);
	fx_close(&f);
}

/* The 32-bit forms reach the SPMC as the 64-bit ones; LEND marks the pages as SHARE does. */
Test(hyp_mem, smc32_forms_reissued_as_64)
{
	const struct ffa_mem_range a = {PAGE_A, 1}, b = {PAGE_B, 1};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	v = host_share(&f, FFA_MEM_SHARE_32, FFA_VERSION_1_2, &a, 1);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	cr_expect_eq(m.fid, FFA_MEM_SHARE_64);
	v = host_share(&f, FFA_MEM_LEND_32, FFA_VERSION_1_2, &b, 1);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	cr_expect_eq(m.fid, FFA_MEM_LEND_64);
	cr_expect(shared(&f, PAGE_A, 1) && shared(&f, PAGE_B, 1));
	fx_close(&f);
}

/* A page shared once cannot be shared or lent again until it is reclaimed: DENIED, and the
 * SPMC never sees the second transaction. */
Test(hyp_mem, double_share_denied)
{
	const struct ffa_mem_range a = {PAGE_A, 4}, overlap = {PAGE_A + 0x3000, 2};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	v = host_share(&f, FFA_MEM_SHARE_64, FFA_VERSION_1_2, &a, 1);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = host_share(&f, FFA_MEM_LEND_64, FFA_VERSION_1_2, &overlap, 1);
	expect_proxy_error(&f, "second FFA_MEM_LEND", &v, FFA_DENIED);
	v = host_share(&f, FFA_MEM_SHARE_64, FFA_VERSION_1_2, &a, 1);
	expect_proxy_error(&f, "second FFA_MEM_SHARE", &v, FFA_DENIED);
	cr_expect_eq(m.xfers, 1);
	cr_expect(strstr(fx_notes(&f), "is not the host's to share") != NULL, "%s", fx_notes(&f));
	/* Reclaimed, the pages can go again. */
	v = host_reclaim(&f, 0);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	v = host_share(&f, FFA_MEM_LEND_64, FFA_VERSION_1_2, &overlap, 1);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	cr_expect_eq(m.xfers, 2);
	fx_close(&f);
}

/* Pages the host may not share: the proxy's reserved memory, a device, its own RX/TX buffers
 * (shared with the proxy). DENIED; the constituents before the refused one are unshared
 * again, so a failure part-way leaves nothing behind. */
Test(hyp_mem, partial_failure_unshares)
{
	const uint64_t bad[] = {RESERVED + 0x2000, UART, HOST_RX, 0x100000000ull};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const struct ffa_mem_range r[] = {{PAGE_A, 2}, {PAGE_B, 1}, {bad[i], 1}};

		v = host_share(&f, FFA_MEM_SHARE_64, FFA_VERSION_1_2, r, 3);
		expect_proxy_error(&f, "FFA_MEM_SHARE with a bad page", &v, FFA_DENIED);
		cr_expect(unshared(&f, PAGE_A, 2) && unshared(&f, PAGE_B, 1), "0x%" PRIx64, bad[i]);
	}
	cr_expect_eq(m.xfers, 0);
	cr_expect_eq(f.hyp.mem_refused, 4);
	fx_close(&f);
}

/* Every check before the SPMC: INVALID_PARAMETERS (or NO_MEMORY), nothing forwarded. */
Test(hyp_mem, checks)
{
	const struct ffa_mem_range a = {PAGE_A, 1};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;
	uint8_t buf[0x1000], bad[0x1000];
	uint32_t len;

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	len = host_desc(buf, FFA_VERSION_1_2, &a, 1);
	host_tx(&f, buf, len);
	/* x3 and w4: a dynamically allocated buffer */
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0x48400000, 0);
	expect_proxy_error(&f, "address", &v, FFA_INVALID_PARAMETERS);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 1);
	expect_proxy_error(&f, "page count", &v, FFA_INVALID_PARAMETERS);
	/* the fragment longer than the total, than a page, shorter than header and receiver */
	v = CALL(&f, FFA_MEM_SHARE_64, len - 16, len, 0, 0);
	expect_proxy_error(&f, "fraglen > len", &v, FFA_INVALID_PARAMETERS);
	v = CALL(&f, FFA_MEM_SHARE_64, 0x2000, 0x1010, 0, 0);
	expect_proxy_error(&f, "fraglen > page", &v, FFA_INVALID_PARAMETERS);
	v = CALL(&f, FFA_MEM_SHARE_64, 63, 63, 0, 0);
	expect_proxy_error(&f, "fraglen < 64", &v, FFA_INVALID_PARAMETERS);
	/* a composite offset of 0, two receivers, another sender */
	memcpy(bad, buf, len);
	put_le(bad + 48 + 4, 4, 0);
	host_tx(&f, bad, len);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 0);
	expect_proxy_error(&f, "composite offset 0", &v, FFA_INVALID_PARAMETERS);
	memcpy(bad, buf, len);
	put_le(bad + 28, 4, 2);
	host_tx(&f, bad, len);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 0);
	expect_proxy_error(&f, "two receivers", &v, FFA_INVALID_PARAMETERS);
	memcpy(bad, buf, len);
	put_le(bad, 2, ECHO);
	host_tx(&f, bad, len);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 0);
	expect_proxy_error(&f, "sender", &v, FFA_INVALID_PARAMETERS);
	/* the composite past the fragment (also with an offset that wraps a 32-bit sum) */
	memcpy(bad, buf, len);
	put_le(bad + 48 + 4, 4, len - 8);
	host_tx(&f, bad, len);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 0);
	expect_proxy_error(&f, "composite outside", &v, FFA_INVALID_PARAMETERS);
	put_le(bad + 48 + 4, 4, 0xfffffff0u);
	host_tx(&f, bad, len);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 0);
	expect_proxy_error(&f, "composite offset wrapping", &v, FFA_INVALID_PARAMETERS);
	/* a ragged constituent array */
	host_tx(&f, buf, len);
	v = CALL(&f, FFA_MEM_SHARE_64, len - 8, len - 8, 0, 0);
	expect_proxy_error(&f, "ragged", &v, FFA_INVALID_PARAMETERS);
	/* the SPMC's descriptor buffer limit: a total the reclaim path could not gather */
	v = CALL(&f, FFA_MEM_SHARE_64, HYP_PKVM_DESC_BUF_SIZE + 16, len, 0, 0);
	expect_proxy_error(&f, "too long", &v, FFA_NO_MEMORY);
	cr_expect_eq(m.xfers, 0);
	cr_expect(unshared(&f, PAGE_A, 1));
	/* without the host's buffers */
	v = CALL(&f, FFA_RXTX_UNMAP, 0);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 0);
	expect_proxy_error(&f, "no buffers", &v, FFA_INVALID_PARAMETERS);
	v = CALL(&f, FFA_MEM_FRAG_TX, (uint32_t)HANDLE, HANDLE >> 32, 16, 0);
	expect_proxy_error(&f, "FRAG_TX without buffers", &v, FFA_INVALID_PARAMETERS);
	cr_expect_eq(m.xfers, 0);
	fx_close(&f);
}

/* The SPMC's refusal goes back to the host as the SPMC wrote it, and the pages are unshared. */
Test(hyp_mem, spmc_refusal_unshares)
{
	const struct ffa_mem_range a = {PAGE_A, 3};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v, w;

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	m.fail_xfer = FFA_DENIED;
	v = host_share(&f, FFA_MEM_LEND_64, FFA_VERSION_1_2, &a, 1);
	w = fx_want(&f, LAST_64, FFA_ERROR_32, 0, ZEXT(FFA_DENIED), 0);
	expect_regs("refused FFA_MEM_LEND_64", &v, &w);
	cr_expect_eq(m.xfers, 1);
	cr_expect(unshared(&f, PAGE_A, 3));
	fx_close(&f);
}

/* A FF-A v1.0 descriptor (32-byte header) under a v1.0 negotiation: the receiver at 32. */
Test(hyp_mem, v1_0_layout)
{
	const struct ffa_mem_range a = {PAGE_A, 1};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;

	mem_open(&f, &m, FFA_VERSION_1_0, s_none);
	v = host_share(&f, FFA_MEM_SHARE_64, FFA_VERSION_1_0, &a, 1);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32, "x0 0x%" PRIx64 " x2 0x%" PRIx64, v.x[0], v.x[2]);
	cr_expect(shared(&f, PAGE_A, 1));
	v = host_reclaim(&f, 0);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	cr_expect(unshared(&f, PAGE_A, 1));
	fx_close(&f);
}

/* A share in fragments: the first fragment's answer (FRAG_RX at its length) goes back, each
 * FRAG_TX is constituents only and marks its pages; the reclaim gathers a fragmented retrieve
 * response with FFA_MEM_FRAG_RX (an RX release after each fragment) and unshares them all. */
Test(hyp_mem, fragments)
{
	const struct ffa_mem_range r[] = {{PAGE_A, 1}, {PAGE_B, 2}, {PAGE_C, 1}};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v, w;
	uint8_t buf[0x1000];
	uint32_t len = host_desc(buf, FFA_VERSION_1_2, r, 3), first = len - 32;

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	host_tx(&f, buf, first);
	v = CALL(&f, FFA_MEM_SHARE_64, len, first, 0, 0);
	w = fx_want(&f, LAST_64, FFA_MEM_FRAG_RX, (uint32_t)HANDLE, HANDLE >> 32, first);
	expect_regs("first fragment", &v, &w);
	cr_expect(shared(&f, PAGE_A, 1) && unshared(&f, PAGE_B, 2));
	host_tx(&f, buf + first, 32);
	v = CALL(&f, FFA_MEM_FRAG_TX, (uint32_t)HANDLE, HANDLE >> 32, 32, 0);
	w = fx_want(&f, LAST_32, FFA_SUCCESS_32, 0, (uint32_t)HANDLE, HANDLE >> 32);
	expect_regs("FFA_MEM_FRAG_TX", &v, &w);
	cr_expect(shared(&f, PAGE_B, 2) && shared(&f, PAGE_C, 1));
	cr_expect(memcmp(m.desc, buf, len) == 0);

	/* pKVM reads the composite offset from the first fragment: it must hold the receiver. */
	m.frag_size = 96;
	v = host_reclaim(&f, 0);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	cr_expect_eq(m.frag_rx, 1);
	cr_expect_eq(m.releases, 2);
	cr_expect(unshared(&f, PAGE_A, 1) && unshared(&f, PAGE_B, 2) && unshared(&f, PAGE_C, 1),
		  "%s", fx_notes(&f));
	fx_close(&f);
}

/* FFA_MEM_FRAG_TX's own checks, a refused constituent (the transaction is reclaimed at the
 * SPMC; the first fragment's pages stay marked, as pKVM leaves them), and the SPMC's refusal
 * (the fragment's pages unshared). */
Test(hyp_mem, frag_tx_errors)
{
	const struct ffa_mem_range r[] = {{PAGE_A, 1}, {PAGE_B, 1}};
	const struct ffa_mem_range reserved = {RESERVED + 0x3000, 1};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v, w;
	uint8_t buf[0x1000], frag[16];
	uint32_t len = host_desc(buf, FFA_VERSION_1_2, r, 2);

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	v = CALL(&f, FFA_MEM_FRAG_TX, (uint32_t)HANDLE, HANDLE >> 32, 24, 0);
	expect_proxy_error(&f, "ragged fragment", &v, FFA_INVALID_PARAMETERS);
	v = CALL(&f, FFA_MEM_FRAG_TX, (uint32_t)HANDLE, HANDLE >> 32, 0x1010, 0);
	expect_proxy_error(&f, "fragment over a page", &v, FFA_INVALID_PARAMETERS);
	cr_expect_eq(m.frags, 0);

	/* a refused constituent in the second fragment */
	host_tx(&f, buf, len - 16);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len - 16, 0, 0);
	cr_assert_eq(v.x[0], FFA_MEM_FRAG_RX);
	put_le(frag, 8, reserved.address);
	put_le(frag + 8, 4, 1);
	put_le(frag + 12, 4, 0);
	host_tx(&f, frag, 16);
	v = CALL(&f, FFA_MEM_FRAG_TX, (uint32_t)HANDLE, HANDLE >> 32, 16, 0);
	expect_proxy_error(&f, "refused fragment", &v, FFA_DENIED);
	cr_expect_eq(m.frags, 0);
	cr_expect_eq(m.reclaims, 1);
	cr_expect(shared(&f, PAGE_A, 1), "pKVM leaves the first fragment's pages marked");

	/* the SPMC refusing a fragment */
	m.fail_frag = FFA_INVALID_PARAMETERS;
	host_tx(&f, buf + len - 16, 16);
	v = CALL(&f, FFA_MEM_FRAG_TX, (uint32_t)HANDLE, HANDLE >> 32, 16, 0);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, ZEXT(FFA_INVALID_PARAMETERS), 0);
	expect_regs("refused by the SPMC", &v, &w);
	cr_expect(unshared(&f, PAGE_B, 1));
	fx_close(&f);
}

/* The reclaim's errors: the SPMC's refusal of the retrieve request (its answer, as it is), a
 * descriptor longer than the proxy's buffer (NO_MEMORY, RX released), the reclaim refused
 * (the pages stay shared). */
Test(hyp_mem, reclaim_errors)
{
	const struct ffa_mem_range a = {PAGE_A, 1};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v, w;

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	m.rx_full = true;
	v = host_reclaim(&f, 0);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, ZEXT(FFA_BUSY), 0);
	expect_regs("busy", &v, &w);
	m.rx_full = false;
	v = host_share(&f, FFA_MEM_SHARE_64, FFA_VERSION_1_2, &a, 1);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	m.resp_len = HYP_PKVM_DESC_BUF_SIZE + 16;
	v = host_reclaim(&f, 0);
	expect_proxy_error(&f, "too long", &v, FFA_NO_MEMORY);
	cr_expect_eq(m.releases, 1);
	cr_expect_eq(m.reclaims, 0);
	cr_expect(shared(&f, PAGE_A, 1));
	cr_expect(strstr(fx_notes(&f), "NO_MEMORY") != NULL, "%s", fx_notes(&f));
	m.resp_len = 0;
	m.fail_reclaim = FFA_DENIED;
	v = host_reclaim(&f, 0);
	w = fx_want(&f, LAST_32, FFA_ERROR_32, 0, ZEXT(FFA_DENIED), 0);
	expect_regs("reclaim refused", &v, &w);
	cr_expect_eq(m.releases, 2);
	cr_expect(shared(&f, PAGE_A, 1));
	fx_close(&f);
}

/* Regression 10, buggy (mem-length-check=unchecked): a transaction longer than the reclaim
 * path's buffer is forwarded; its reclaim can then never gather it (NO_MEMORY) and the pages
 * stay shared for good. */
Test(hyp_regression10, unchecked)
{
	static const char *const s[] = {"mem-length-check=unchecked", NULL};
	const struct ffa_mem_range a = {PAGE_A, 1};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;
	uint8_t buf[0x1000];
	uint32_t len = host_desc(buf, FFA_VERSION_1_2, &a, 1);

	mem_open(&f, &m, FFA_VERSION_1_2, s);
	host_tx(&f, buf, len);
	v = CALL(&f, FFA_MEM_SHARE_64, HYP_PKVM_DESC_BUF_SIZE + 16, len, 0, 0);
	cr_expect_eq(v.x[0], FFA_MEM_FRAG_RX, "x0 0x%" PRIx64, v.x[0]);
	cr_expect_eq(m.xfers, 1);
	cr_expect(shared(&f, PAGE_A, 1));
	v = host_reclaim(&f, 0);
	expect_proxy_error(&f, "reclaim", &v, FFA_NO_MEMORY);
	cr_expect(shared(&f, PAGE_A, 1));
	fx_close(&f);
}

/* Regression 10, fixed (mem-length-check=desc-buffer): NO_MEMORY up front. */
Test(hyp_regression10, desc_buffer)
{
	const struct ffa_mem_range a = {PAGE_A, 1};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;
	uint8_t buf[0x1000];
	uint32_t len = host_desc(buf, FFA_VERSION_1_2, &a, 1);

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	host_tx(&f, buf, len);
	v = CALL(&f, FFA_MEM_SHARE_64, HYP_PKVM_DESC_BUF_SIZE + 16, len, 0, 0);
	expect_proxy_error(&f, "too long", &v, FFA_NO_MEMORY);
	cr_expect_eq(m.xfers, 0);
	cr_expect(unshared(&f, PAGE_A, 1));
	/* the longest total the buffer holds still goes */
	v = CALL(&f, FFA_MEM_SHARE_64, HYP_PKVM_DESC_BUF_SIZE, len, 0, 0);
	cr_expect_eq(v.x[0], FFA_MEM_FRAG_RX, "x0 0x%" PRIx64, v.x[0]);
	fx_close(&f);
}

/* Two shares, then both reclaimed: the second reclaim's retrieve request finds endpoint 0's
 * RX buffer as the first one left it. */
static void two_reclaims(const char *const *settings, uint64_t want_x0, uint64_t want_x2)
{
	const struct ffa_mem_range a = {PAGE_A, 1}, b = {PAGE_B, 1};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;

	mem_open(&f, &m, FFA_VERSION_1_2, settings);
	v = host_share(&f, FFA_MEM_SHARE_64, FFA_VERSION_1_2, &a, 1);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = host_reclaim(&f, 0);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	v = host_share(&f, FFA_MEM_SHARE_64, FFA_VERSION_1_2, &b, 1);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = host_reclaim(&f, 0);
	cr_expect_eq(v.x[0], want_x0, "x0 0x%" PRIx64, v.x[0]);
	cr_expect_eq(v.x[2], want_x2, "x2 0x%" PRIx64, v.x[2]);
	cr_expect_eq(m.retrieves, 2);
	cr_expect_eq(m.reclaims, want_x0 == FFA_SUCCESS_32 ? 2 : 1);
	cr_expect_eq(unshared(&f, PAGE_B, 1), want_x0 == FFA_SUCCESS_32);
	fx_close(&f);
}

/* Regression 11, buggy (reclaim-rx-release=kept): the first reclaim leaves the RX buffer full,
 * the second one's retrieve request is BUSY and the pages stay shared. */
Test(hyp_regression11, kept)
{
	static const char *const s[] = {"reclaim-rx-release=kept", NULL};

	two_reclaims(s, FFA_ERROR_32, ZEXT(FFA_BUSY));
}

/* Regression 11, fixed (reclaim-rx-release=released). */
Test(hyp_regression11, released)
{
	two_reclaims(s_none, FFA_SUCCESS_32, 0);
}

/*
 * A v1.1+ descriptor whose header puts the endpoint memory access descriptor at 0x60, with a
 * decoy one right after the header (where pKVM assumes it). The real one (which the SPMC reads)
 * names the composite at 0x70 with two constituents: the proxy's reserved memory, then a page
 * the host owns. The decoy names 0x80, the first constituent, as its composite: the proxy takes
 * the bytes after it, the second constituent alone, as the constituents. No byte is left over,
 * so an SPMC checking the descriptor's length accepts it (real TF-A and Hafnium share both
 * pages of this layout).
 */
static uint32_t misplaced_desc(uint8_t *buf)
{
	memset(buf, 0, 0xa0);
	put_le(buf + 28, 4, 1);
	put_le(buf + 24, 4, 16);
	put_le(buf + 32, 4, 0x60);
	/* the decoy at 48: "composite" at 0x80 */
	put_le(buf + 48, 2, ECHO);
	buf[50] = 2;
	put_le(buf + 52, 4, 0x80);
	/* the real one at 0x60: composite at 0x70 */
	put_le(buf + 0x60, 2, ECHO);
	buf[0x62] = 2;
	put_le(buf + 0x64, 4, 0x70);
	put_le(buf + 0x70, 4, 2);
	put_le(buf + 0x74, 4, 2);
	put_le(buf + 0x80, 8, RESERVED + 0x4000);
	put_le(buf + 0x88, 4, 1);
	put_le(buf + 0x90, 8, PAGE_A);
	put_le(buf + 0x98, 4, 1);
	return 0xa0;
}

/* Regression 12, buggy (mem-access-offset=assumed): the proxy checks the decoy and forwards;
 * the SPMC gets a transaction over the proxy's own memory. */
Test(hyp_regression12, assumed)
{
	static const char *const s[] = {"mem-access-offset=assumed", NULL};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;
	uint8_t buf[0xa0];
	uint32_t len = misplaced_desc(buf);

	mem_open(&f, &m, FFA_VERSION_1_2, s);
	host_tx(&f, buf, len);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 0);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32, "x0 0x%" PRIx64, v.x[0]);
	cr_expect_eq(m.xfers, 1);
	cr_expect(shared(&f, PAGE_A, 1), "the page the proxy saw is marked");
	cr_expect(unshared(&f, RESERVED + 0x4000, 1));
	cr_expect(memcmp(m.desc, buf, len) == 0, "the SPMC got the reserved page too");
	fx_close(&f);
}

/* Regression 12, fixed (mem-access-offset=checked): INVALID_PARAMETERS, nothing forwarded;
 * a v1.0 descriptor has no such field and is not checked. */
Test(hyp_regression12, checked)
{
	const struct ffa_mem_range a = {PAGE_A, 1};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;
	uint8_t buf[0xa0];
	uint32_t len = misplaced_desc(buf);

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	host_tx(&f, buf, len);
	v = CALL(&f, FFA_MEM_SHARE_64, len, len, 0, 0);
	expect_proxy_error(&f, "misplaced", &v, FFA_INVALID_PARAMETERS);
	cr_expect_eq(m.xfers, 0);
	cr_expect(unshared(&f, PAGE_A, 1));
	fx_close(&f);

	mem_open(&f, &m, FFA_VERSION_1_0, s_none);
	v = host_share(&f, FFA_MEM_SHARE_64, FFA_VERSION_1_0, &a, 1);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	fx_close(&f);
}

/* A one-constituent share whose composite offset is 0xfffffff0: summed with the composite's
 * 16 bytes in 32 bits it wraps to 0, and the constituents seem to be the 96 bytes after it. */
static struct emu_call wrapping_share(struct fx *f)
{
	const struct ffa_mem_range a = {PAGE_A, 1};
	struct emu_call call = {.conduit = FFA_CONDUIT_SMC, .fid = FFA_MEM_SHARE_64};
	uint8_t buf[0x100];
	uint32_t len = host_desc(buf, FFA_VERSION_1_2, &a, 1);

	put_le(buf + 48 + 4, 4, 0xfffffff0u);
	host_tx(f, buf, len);
	call.args.x[0] = FFA_MEM_SHARE_64;
	call.args.x[1] = len;
	call.args.x[2] = len;
	return call;
}

/* Regression 13, buggy (composite-offset-check=u32-sum): the check passes, the proxy reads
 * past its buffer and the hypervisor panics: the run ends as a fault (exit status 3). */
Test(hyp_regression13, u32_sum)
{
	static const char *const s[] = {"composite-offset-check=u32-sum", NULL};
	struct mem_spmc m;
	struct fx f;
	struct emu_call call;
	struct emu_dispatched out = {.answer = NULL};

	mem_open(&f, &m, FFA_VERSION_1_2, s);
	call = wrapping_share(&f);
	cr_expect_not(sim_dispatch(&f.sim->host, NULL, &call, NULL, &out), "answered");
	cr_expect_eq(f.sim->host.stop.kind, EMU_STOP_FAULT);
	cr_expect_eq(f.sim->host.stop.status, 3);
	cr_expect(strstr(f.sim->host.stop.message, "hypervisor panic") != NULL, "%s",
		  f.sim->host.stop.message);
	cr_expect_eq(m.xfers, 0);
	fx_close(&f);
}

/* Regression 13, fixed (composite-offset-check=overflow-checked): INVALID_PARAMETERS. */
Test(hyp_regression13, overflow_checked)
{
	struct mem_spmc m;
	struct fx f;
	struct emu_call call;
	struct emu_dispatched out = {.answer = NULL};

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	call = wrapping_share(&f);
	cr_assert(sim_dispatch(&f.sim->host, NULL, &call, NULL, &out), "stopped");
	cr_expect_eq(call.args.x[0], FFA_ERROR_32);
	cr_expect_eq(call.args.x[2], SEXT(FFA_INVALID_PARAMETERS));
	cr_expect_eq(f.sim->host.stop.kind, EMU_STOP_NONE);
	cr_expect_eq(m.xfers, 0);
	fx_close(&f);
}

/* Pages shared with the secure world cannot become the host's RX/TX buffers (pKVM's
 * __pkvm_host_share_hyp wants pages the host owns alone): INVALID_PARAMETERS until reclaimed. */
Test(hyp_mem, shared_pages_not_buffers)
{
	const struct ffa_mem_range a = {HOST_TX2, 2};
	struct mem_spmc m;
	struct fx f;
	struct ffa_value v;

	mem_open(&f, &m, FFA_VERSION_1_2, s_none);
	v = host_share(&f, FFA_MEM_SHARE_64, FFA_VERSION_1_2, &a, 1);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = CALL(&f, FFA_RXTX_UNMAP, 0);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX2, HOST_RX2, 1);
	expect_proxy_error(&f, "map over shared pages", &v, FFA_INVALID_PARAMETERS);
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX, HOST_RX, 1);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = host_reclaim(&f, 0);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = CALL(&f, FFA_RXTX_UNMAP, 0);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = CALL(&f, FFA_RXTX_MAP_64, HOST_TX2, HOST_RX2, 1);
	cr_expect_eq(v.x[0], FFA_SUCCESS_32);
	fx_close(&f);
}
