/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: the FF-A dispatcher. Each input picks a system (SPMC personality and
 * version, with or without the pKVM proxy, built-in models or the example partition binaries)
 * and a sequence of calls, each with x0-x17 from an endpoint in whatever state the earlier calls
 * left it: the host through its routed SMC target (the proxy when there is one, else the
 * firmware), or any SPMC endpoint (the normal world or a partition) straight into spmc_call().
 * Every answer is checked:
 *   - the result-register rules (abi/checker.c) for the rule the answer went back under;
 *   - an FFA_ERROR carries a defined FF-A error code (FF-A v1.2 (DEN0077A) Table 12.1);
 *   - every write the SPMC makes on an endpoint's behalf lands in that endpoint's RX buffer, in
 *     memory the endpoint owns by its manifest (worked out here, not taken from the SPMC);
 *   - every mapped RX/TX buffer lies in its owner's memory and no two endpoints' buffers (nor
 *     the host's buffers at the proxy and endpoint 0's at the SPMC) share a page.
 * A broken rule aborts with the call and registers on stderr.
 *
 * Input: byte 0 is the configuration:
 *   bits 1:0 personality (0 hafnium, 1 tf-a, 2 optee, 3 hafnium); bits 3:2 SPMC version
 *   (0 1.2, 1 1.1, 2 1.0, 3 1.2); bit 4 the pKVM proxy (profile current, its own errors
 *   zero-extended: fuzz_hyp_setting); bit 5 the example
 *   partition binaries (systems/demo.yaml) instead of the built-in models.
 * Then up to FUZZ_MAX_CALLS calls, each:
 *   caller byte: 0 the host; n > 0 SPMC endpoint (n - 1) % count (0 is the normal world);
 *   function byte: below 0x80 the row (byte % rows) of the FF-A function table; from 0x80 a raw
 *     w0 in the next 4 bytes (little-endian);
 *   x1-x17, one selector byte each: below 0x40 a value of the dictionary (fuzz_dict), 0x40-0x7f
 *     the number selector - 0x40, from 0x80 the next 8 bytes (little-endian).
 * Missing bytes read as zero.
 *
 * Built with -DFUZZ_DISPATCH_SEED_MAIN it is instead a program that turns scenario files into
 * inputs: ffa-sim-seed OUTDIR FILE... (each call of each scenario, registers raw).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/checker.h"
#include "abi/table.h"
#include "scenarios/scenario.h"
#include "sim/dispatch.h"
#include "sim/sim.h"
#include "sim/system.h"
#include "tools/builtin_images.h"

#define FUZZ_MAX_CALLS 32
#define FUZZ_NS_RAM 0x40000000ull
#define FUZZ_NS_RAM_SIZE 0x4000000ull
#define FUZZ_MEM_MAX 24

/*
 * QEMU virt's memory map with less memory behind it: 64 MiB of non-secure RAM and 1 MiB flash
 * banks, so that a fresh simulation per input costs little (1 GiB of RAM and 128 MiB of erased
 * flash per input would dominate the run).
 */
static const char fuzz_platform_yaml[] =
	"name: virt-fuzz\n"
	"cntfrq: 62500000\n"
	"mpidr: 0x80000000\n"
	"entry-el: 1\n"
	"memory:\n"
	"  - {name: flash0, kind: flash, base: 0x00000000, size: 1M}\n"
	"  - {name: flash1, kind: flash, base: 0x04000000, size: 1M}\n"
	"  - {name: secure-ram, kind: ram, base: 0x0e000000, size: 16M, secure: true}\n"
	"  - {name: ram, kind: ram, base: 0x40000000, size: 64M}\n"
	"uarts:\n"
	"  - {name: uart0, base: 0x09000000, irq: 1, clock: 24000000}\n"
	"gic: {version: 2, distributor: 0x08000000, distributor-size: 64K,\n"
	"      cpu-interface: 0x08010000, cpu-interface-size: 64K}\n";
static char fuzz_platform_path[] = "/tmp/ffa-sim-fuzz-platform-XXXXXX";

static void fuzz_platform_remove(void)
{
	unlink(fuzz_platform_path);
}

/* The built-in models: each one, and a scripted one that answers wrongly before it answers. */
static const char fuzz_models_yaml[] =
	"platform: virt\n"
	"partitions:\n"
	"  - {name: echo, id: 0x8001, ffa-version: 1.2, uuid: "
	"b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45,\n"
	"     messaging-method: [direct-req-recv, direct-req2-recv], model: echo}\n"
	"  - {name: yield, id: 0x8002, ffa-version: 1.1, uuid: "
	"2f6b3c4d-5e7f-4081-92a3-b4c5d6e7f809,\n"
	"     messaging-method: [direct-req-recv, direct-req-send], model: yield,\n"
	"     params: {count: 2}}\n"
	"  - {name: error, id: 0x8003, ffa-version: 1.2, uuid: "
	"3a7c4d5e-6f80-4192-a3b4-c5d6e7f8091a,\n"
	"     messaging-method: [direct-req-recv, direct-req2-recv], model: error,\n"
	"     params: {code: BUSY}}\n"
	"  - name: scripted\n"
	"    id: 0x8004\n"
	"    ffa-version: 1.2\n"
	"    uuid: 0d4f0f2c-7d5b-4b1c-a3a1-5e8a0c6f9b10\n"
	"    messaging-method: [direct-req-recv, direct-req2-recv]\n"
	"    model: scripted\n"
	"    params:\n"
	"      answers:\n"
	"        - {function: FFA_MSG_SEND_DIRECT_RESP_32, x1: 0x80070000, x3: 1}\n"
	"        - {function: FFA_SUCCESS_32}\n"
	"        - {function: FFA_MSG_WAIT}\n"
	"        - {function: FFA_MSG_SEND_DIRECT_RESP_64, x3: 2}\n"
	"        - {function: FFA_YIELD}\n"
	"        - {function: FFA_MSG_SEND_DIRECT_RESP_32, x3: 3}\n"
	"        - {function: FFA_MSG_SEND_DIRECT_RESP2, x4: 4}\n"
	"        - {error: DENIED}\n";

/* The example partition binaries, as systems/demo.yaml has them. */
static const char fuzz_binaries_yaml[] =
	"platform: virt\n"
	"partitions:\n"
	"  - {name: echo, id: 0x8001, ffa-version: 1.2, uuid: "
	"b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45,\n"
	"     messaging-method: [direct-req-recv, direct-req2-recv], model: echo}\n"
	"  - name: echo2\n"
	"    id: 0x8002\n"
	"    ffa-version: 1.2\n"
	"    services:\n"
	"      - {uuid: 0d4f0f2c-7d5b-4b1c-a3a1-5e8a0c6f9b10,\n"
	"         messaging-method: [direct-req-recv, direct-req2-recv]}\n"
	"      - {uuid: 1e5a2b3c-4d6e-4f70-8192-a3b4c5d6e7f8,\n"
	"         messaging-method: [direct-req-recv, direct-req2-recv]}\n"
	"    load-address: 0x0e100000\n"
	"    image: builtin:sp_echo2\n"
	"  - {name: forward, id: 0x8003, ffa-version: 1.2, uuid: "
	"2f6b3c4d-5e7f-4081-92a3-b4c5d6e7f809,\n"
	"     messaging-method: [direct-req-recv, direct-req-send], load-address: 0x0e200000,\n"
	"     image: builtin:sp_forward}\n"
	"  - {name: logger, id: 0x8004, ffa-version: 1.2, uuid: "
	"3a7c4d5e-6f80-4192-a3b4-c5d6e7f8091a,\n"
	"     messaging-method: [direct-req-recv], load-address: 0x0e300000,\n"
	"     image: builtin:sp_logger}\n";

/* Values worth trying in registers: IDs, ID pairs, versions, addresses around every owner. */
static const uint64_t fuzz_dict[0x40] = {
	0, 1, UINT64_MAX, 0xffffffffu, 0x80000000u, 0x10000, 0x10001, 0x10002, 0x10003, 0x20000,
	/* 0x0a: addresses: the normal world's RAM, the proxy's reserved memory, secure RAM and the
	 * partitions' memory, flash, the UART, a hole, above 4 GiB. */
	0x40400000, 0x40401000, 0x43ff0000, 0x43ff1000, 0x0e000000, 0x0e100000, 0x0e101000,
	0x0e1ff000, 0x0e200000, 0x0e300000, 0x0, 0x04000000, 0x09000000, 0x20000000, 0x140400000ull,
	0x43fff000,
	/* 0x1a: endpoint IDs. */
	0x8000, 0x8001, 0x8002, 0x8003, 0x8004, 0xffff,
	/* 0x20: source << 16 | destination pairs. */
	0x00008001, 0x00008002, 0x00008003, 0x00008004, 0x80010000, 0x80020000, 0x80030000,
	0x80040000, 0x80018002, 0x80028001, 0x80038002, 0x80038004, 0x80018001, 0x00000000,
	0x80020003, 0x00018001,
	/* 0x30: function IDs (FFA_FEATURES, FFA_RUN w1 = ID << 16). */
	0x84000066, 0xc4000066, 0x8400006f, 0xc400008d, 0x8400008a, 0x84000060, 0x84000063,
	0x8fffffff, 0x80010000, 0x80020000, 0x80030000, 0x80040000, 1, 2, 3, 0x7fffffff};

struct fuzz_reader {
	const uint8_t *data;
	size_t size, pos;
};

static uint8_t fuzz_byte(struct fuzz_reader *r)
{
	return r->pos < r->size ? r->data[r->pos++] : 0;
}

static uint64_t fuzz_raw(struct fuzz_reader *r, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)fuzz_byte(r) << (8 * i);
	return v;
}

/* Memory an endpoint owns, worked out from the manifests (independently of the SPMC). */
struct fuzz_owned {
	uint16_t id;
	uint64_t base[FUZZ_MEM_MAX], size[FUZZ_MEM_MAX];
	unsigned count;
};

struct fuzz_run {
	struct sim *sim;
	const struct sim_system *sys;
	struct fuzz_owned owned[SIM_MAX_PARTITIONS + 1];
	unsigned owned_count;
	char last[256]; /* the call being made, for reports */
};

static void fuzz_fail(const struct fuzz_run *run, const char *what)
{
	fprintf(stderr, "fuzz_dispatch: %s\n  during %s\n", what, run->last);
	abort();
}

static const struct fuzz_owned *fuzz_owned_by(const struct fuzz_run *run, uint16_t id)
{
	for (unsigned i = 0; i < run->owned_count; i++) {
		if (run->owned[i].id == id)
			return &run->owned[i];
	}
	return NULL;
}

/* True when every byte of [addr, addr + size) lies in one of the owner's ranges. */
static bool fuzz_in_owned(const struct fuzz_owned *o, uint64_t addr, uint64_t size)
{
	for (unsigned i = 0; o != NULL && i < o->count; i++) {
		if (addr >= o->base[i] && size <= o->size[i] &&
		    addr - o->base[i] <= o->size[i] - size)
			return true;
	}
	return false;
}

static void fuzz_own(struct fuzz_owned *o, uint64_t base, uint64_t size)
{
	if (o->count < FUZZ_MEM_MAX && size != 0) {
		o->base[o->count] = base;
		o->size[o->count++] = size;
	}
}

static void fuzz_owned_init(struct fuzz_run *run)
{
	struct fuzz_owned *nw = &run->owned[run->owned_count++];

	nw->id = FFA_ID_NS_PHYS;
	fuzz_own(nw, FUZZ_NS_RAM, FUZZ_NS_RAM_SIZE);
	for (unsigned i = 0; i < run->sys->partition_count; i++) {
		const struct part_manifest *m = &run->sys->partitions[i];
		struct fuzz_owned *o = &run->owned[run->owned_count++];

		o->id = m->id;
		if (m->load_address_set)
			fuzz_own(o, m->load_address, m->memory_size);
		for (unsigned k = 0; k < m->region_count; k++)
			fuzz_own(o, m->regions[k].base,
				 (uint64_t)m->regions[k].pages * PART_PAGE_SIZE);
	}
}

/* Every write on an endpoint's behalf: into its RX buffer, in memory it owns. */
static void fuzz_on_write(void *ctx, uint16_t endpoint, uint64_t addr, uint64_t size)
{
	struct fuzz_run *run = ctx;
	const struct spmc_endpoint *ep = spmc_find_endpoint(&run->sim->spmc, endpoint);
	uint64_t rx_size;

	if (ep == NULL)
		fuzz_fail(run, "the SPMC wrote for an endpoint it does not know");
	rx_size = (uint64_t)ep->rxtx.page_count * FFA_RXTX_PAGE_SIZE;
	if (!ep->rxtx.mapped || addr < ep->rxtx.rx || size > rx_size ||
	    addr - ep->rxtx.rx > rx_size - size)
		fuzz_fail(run, "the SPMC wrote outside the endpoint's RX buffer");
	if (!fuzz_in_owned(fuzz_owned_by(run, endpoint), addr, size))
		fuzz_fail(run, "the SPMC wrote memory the endpoint does not own");
}

static bool fuzz_overlap(uint64_t a, uint64_t b, uint64_t size)
{
	return a < b + size && b < a + size;
}

/* Buffers: each in its owner's memory, no page shared between two endpoints. */
static void fuzz_check_buffers(struct fuzz_run *run)
{
	const struct spmc *spmc = &run->sim->spmc;
	const struct hyp_pkvm *hyp = &run->sim->hyp;
	uint64_t hyp_size = (uint64_t)HYP_PKVM_MBOX_PAGES * HYP_PKVM_PAGE_SIZE;

	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		const struct spmc_endpoint *a = &spmc->endpoints[i];
		uint64_t sa = (uint64_t)a->rxtx.page_count * FFA_RXTX_PAGE_SIZE;
		const struct fuzz_owned *o = fuzz_owned_by(run, a->id);

		if (!a->rxtx.mapped)
			continue;
		if (!fuzz_in_owned(o, a->rxtx.tx, sa) || !fuzz_in_owned(o, a->rxtx.rx, sa))
			fuzz_fail(run, "an RX/TX buffer lies outside its owner's memory");
		for (unsigned k = i + 1; k < spmc->endpoint_count; k++) {
			const struct spmc_endpoint *b = &spmc->endpoints[k];
			uint64_t sb = (uint64_t)b->rxtx.page_count * FFA_RXTX_PAGE_SIZE;
			uint64_t s = sa > sb ? sa : sb;

			if (b->rxtx.mapped && (fuzz_overlap(a->rxtx.rx, b->rxtx.rx, s) ||
					       fuzz_overlap(a->rxtx.rx, b->rxtx.tx, s) ||
					       fuzz_overlap(a->rxtx.tx, b->rxtx.rx, s) ||
					       fuzz_overlap(a->rxtx.tx, b->rxtx.tx, s)))
				fuzz_fail(run, "two endpoints' RX/TX buffers share a page");
		}
	}
	if (!run->sim->hyp_enabled || !hyp->host_buffers.mapped)
		return;
	/* The host's buffers at the proxy: its RAM, outside the proxy's reserved memory. */
	for (unsigned b = 0; b < 2; b++) {
		uint64_t addr = b == 0 ? hyp->host_buffers.tx : hyp->host_buffers.rx;

		if (!fuzz_in_owned(fuzz_owned_by(run, FFA_ID_NS_PHYS), addr, hyp_size) ||
		    fuzz_overlap(addr & ~(uint64_t)0xffff, hyp->reserved_base,
				 HYP_PKVM_RESERVED_SIZE))
			fuzz_fail(run,
				  "the host's buffers at the proxy lie outside the host's memory");
	}
}

/* An answer of either kind obeys the register rules and carries a defined error code. */
static void fuzz_check_answer(struct fuzz_run *run, uint32_t fid, const struct ffa_value *before,
			      const struct ffa_value *after, struct ffa_result_rule rule)
{
	struct ffa_check_call check = {
		.fid = fid, .before = before->x, .after = after->x, .rule = rule};
	struct ffa_check_report report;
	char line[512];

	/* A known deviation of the personality's real firmware (TF-A's kept registers, its
	 * sign-extended errors) is what that firmware does: not a finding. */
	if (ffa_check_answer(&check, &report) > report.known) {
		for (unsigned i = 0; i < report.count; i++) {
			if (report.violations[i].known_who != NULL)
				continue;
			ffa_check_format(&report, &report.violations[i], line, sizeof(line));
			fuzz_fail(run, line);
		}
	}
	if ((uint32_t)after->x[0] == FFA_ERROR_32) {
		int32_t code = (int32_t)(uint32_t)after->x[2];

		if (code < FFA_NOT_READY || code > FFA_NOT_SUPPORTED)
			fuzz_fail(run, "FFA_ERROR with an undefined error code");
	}
}

/* One call: from the host through its SMC route, or from an endpoint into the SPMC. */
static void fuzz_call(struct fuzz_run *run, unsigned caller, const struct ffa_value *args)
{
	struct sim *sim = run->sim;
	uint32_t fid = ffa_fid_strip_hint((uint32_t)args->x[0]);
	struct emu_call call = {.conduit = FFA_CONDUIT_SMC, .args = *args};
	struct emu_dispatched out = {.answer = NULL};
	char name[64];

	snprintf(run->last, sizeof(run->last),
		 "%s from %s: x1=0x%llx x2=0x%llx x3=0x%llx x4=0x%llx x5=0x%llx",
		 ffa_fid_describe(fid, name, sizeof(name)),
		 caller == 0 ? "the host" : sim->spmc.endpoints[caller - 1].name,
		 (unsigned long long)args->x[1], (unsigned long long)args->x[2],
		 (unsigned long long)args->x[3], (unsigned long long)args->x[4],
		 (unsigned long long)args->x[5]);
	emu_call_decode(&call);
	if (caller == 0) {
		/* Through the host's routes and the one dispatcher, as a trapped call. */
		if (!sim_dispatch(&sim->host, NULL, &call, NULL, &out)) {
			/* PSCI SYSTEM_OFF or RESET: the run would end; go on with the next call. */
			memset(&sim->host.stop, 0, sizeof(sim->host.stop));
			return;
		}
	} else {
		struct sim_endpoint_caller pc = {&sim->spmc, &sim->spmc.endpoints[caller - 1]};
		struct emu_call_target t = sim_endpoint_target(&pc);

		if (!sim_dispatch(NULL, &t, &call, NULL, &out))
			return;
	}
	fuzz_check_answer(run, fid, args, &call.args, out.rule);
	fuzz_check_buffers(run);
}

/*
 * The proxy's own errors zero-extended: today's pKVM sign-extends them, which the checker rightly
 * reports (smccc-smc32-w-result); every other switch keeps the current profile.
 */
static const char fuzz_hyp_setting[] = "not-supported-encoding=zero-extended";

static struct sim_system fuzz_systems[2];
static struct sim_builtin_image fuzz_images[BUILTIN_PARTITION_IMAGE_COUNT];
static FILE *fuzz_null;

static void fuzz_init(void)
{
	static const char *const names[2] = {"models.yaml", "binaries.yaml"};
	static const char *const texts[2] = {fuzz_models_yaml, fuzz_binaries_yaml};
	struct diag err;
	int fd;

	for (unsigned i = 0; i < 2; i++) {
		if (!sim_system_load_buffer(names[i], texts[i], strlen(texts[i]), NULL, 0,
					    &fuzz_systems[i], &err)) {
			fprintf(stderr, "fuzz_dispatch: %s\n", err.msg);
			abort();
		}
	}
	builtin_partition_images(fuzz_images);
	fd = mkstemp(fuzz_platform_path);
	if (fd < 0 || write(fd, fuzz_platform_yaml, sizeof(fuzz_platform_yaml) - 1) !=
			      (ssize_t)(sizeof(fuzz_platform_yaml) - 1))
		abort();
	close(fd);
	atexit(fuzz_platform_remove);
	fuzz_null = fopen("/dev/null", "w");
	if (fuzz_null == NULL)
		abort();
}

/* Reads one call's registers: the function, then x1-x17 by selector. */
static void fuzz_read_call(struct fuzz_reader *r, struct ffa_value *args)
{
	uint8_t f = fuzz_byte(r);

	memset(args, 0, sizeof(*args));
	args->x[0] = f < 0x80 ? ffa_func_at(f % ffa_func_count())->fid : fuzz_raw(r, 4);
	for (unsigned i = 1; i < FFA_REG_COUNT; i++) {
		uint8_t sel = fuzz_byte(r);

		if (sel < 0x40)
			args->x[i] = fuzz_dict[sel];
		else if (sel < 0x80)
			args->x[i] = sel - 0x40u;
		else
			args->x[i] = fuzz_raw(r, 8);
	}
}

#ifndef FUZZ_DISPATCH_SEED_MAIN
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const char *const spmcs[4][4] = {
		{"hafnium:1.2", "hafnium:1.1", "hafnium:1.0", "hafnium:1.2"},
		{"tf-a:1.2", "tf-a:1.1", "tf-a:1.0", "tf-a:1.2"},
		{"optee:1.2", "optee:1.1", "optee:1.0", "optee:1.2"},
		{"hafnium:1.2", "hafnium:1.1", "hafnium:1.0", "hafnium:1.2"}};
	struct fuzz_reader r = {data, size, 0};
	struct fuzz_run run = {0};
	struct sim_config cfg = {0};
	struct spmc_config spmc;
	struct hyp_pkvm_config hyp;
	const char *spmc_name;
	struct diag err;
	uint8_t conf;

	if (fuzz_null == NULL)
		fuzz_init();
	conf = fuzz_byte(&r);
	run.sys = &fuzz_systems[(conf >> 5) & 1];
	cfg.platform_path = fuzz_platform_path;
	spmc_name = spmcs[conf & 3][(conf >> 2) & 3];
	if (!spmc_config_parse(spmc_name, &spmc, &err))
		abort();
	cfg.spmc = &spmc;
	if (conf & 0x10) {
		if (!hyp_profile_find(NULL, &hyp) || !hyp_pkvm_set(&hyp, fuzz_hyp_setting, &err))
			abort();
		cfg.hypervisor = &hyp;
	}
	cfg.partitions = run.sys->partitions;
	cfg.partition_count = run.sys->partition_count;
	cfg.builtin_images = fuzz_images;
	cfg.builtin_image_count = 3;
	cfg.guest_data = ffa_sim_demo_guest;
	cfg.guest_size = ffa_sim_demo_guest_size;
	cfg.guest_name = "demo";
	cfg.console_out = fuzz_null;
	cfg.notes = fuzz_null;
	cfg.quiet = true;
	cfg.max_insns = 200000;
	run.sim = calloc(1, sizeof(*run.sim));
	if (run.sim == NULL)
		abort();
	if (!sim_open(run.sim, &cfg, &err)) {
		fprintf(stderr, "fuzz_dispatch: %s: %s\n", spmc_name, err.msg);
		abort();
	}
	run.sim->spmc.mem_observer = (struct spmc_mem_observer){fuzz_on_write, &run};
	fuzz_owned_init(&run);
	for (unsigned n = 0; n < FUZZ_MAX_CALLS && r.pos < r.size; n++) {
		unsigned caller = fuzz_byte(&r);
		struct ffa_value args;

		caller = caller == 0 ? 0 : 1 + (caller - 1) % run.sim->spmc.endpoint_count;
		fuzz_read_call(&r, &args);
		fuzz_call(&run, caller, &args);
	}
	sim_close(run.sim);
	free(run.sim);
	return 0;
}
#else
/* Writes one input per scenario: its system as the configuration byte, its calls raw. */
static bool fuzz_seed(const char *path, const char *out)
{
	struct scn_scenario scn;
	struct diag err;
	const struct sim_system *sys;
	FILE *f;
	uint8_t conf = 0;

	memset(&scn, 0, sizeof(scn));
	if (!scn_load(path, NULL, &scn, &err)) {
		fprintf(stderr, "seed: %s\n", err.msg);
		return false;
	}
	sys = scn.system;
	if (sys->spmc_enabled && sys->spmc.personality != NULL) {
		conf |= strcmp(sys->spmc.personality->name, "tf-a") == 0    ? 1
			: strcmp(sys->spmc.personality->name, "optee") == 0 ? 2
									    : 0;
		conf |= sys->spmc.version == FFA_VERSION_1_1   ? 1u << 2
			: sys->spmc.version == FFA_VERSION_1_0 ? 2u << 2
							       : 0;
	}
	if (sys->hypervisor.present)
		conf |= 0x10;
	f = fopen(out, "wb");
	if (f == NULL) {
		scn_free(&scn);
		return false;
	}
	fputc(conf, f);
	for (unsigned i = 0; i < scn.step_count; i++) {
		const struct scn_step *st = &scn.steps[i];
		const struct scn_call *c = &st->u.call;
		unsigned caller = 0;

		if (st->kind != SCN_STEP_CALL)
			continue;
		if (!c->from_host) {
			for (unsigned p = 0; p < sys->partition_count; p++) {
				if (sys->partitions[p].id == c->from_id)
					caller = p + 2; /* endpoint 0 is the normal world */
			}
		}
		fputc(caller, f);
		fputc(0x80, f);
		for (unsigned b = 0; b < 4; b++)
			fputc((int)((c->args.x[0] >> (8 * b)) & 0xff), f);
		for (unsigned r = 1; r < FFA_REG_COUNT; r++) {
			fputc(0x80, f);
			for (unsigned b = 0; b < 8; b++)
				fputc((int)((c->args.x[r] >> (8 * b)) & 0xff), f);
		}
	}
	fclose(f);
	scn_free(&scn);
	return true;
}

int main(int argc, char **argv)
{
	char out[4096];
	int status = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s OUTDIR SCENARIO...\n", argv[0]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		snprintf(out, sizeof(out), "%s/scenario-%03d", argv[1], i - 2);
		if (!fuzz_seed(argv[i], out))
			status = 1;
	}
	return status;
}
#endif
