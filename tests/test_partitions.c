/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Partition binaries in their own CPUs: boot, discovery, messages in both conventions,
 * partition-to-partition calls, console logs with the partition's name, isolation faults and
 * boot failures. Manifests are filled in C here; their YAML form is tested elsewhere.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/uuid.h"
#include "helpers.h"

static const char *sp_path(const char *name)
{
	static char paths[8][1024];
	static unsigned slot;
	char *p = paths[slot++ % 8];

	snprintf(p, 1024, "%s/partitions/sp/%s.elf", getenv("FFA_SIM_BUILD_ROOT"), name);
	return p;
}

/* A manifest for a binary partition at base, 1 MiB, FF-A 1.2, REQ and REQ2 receive. */
static void manifest(struct part_manifest *m, const char *name, uint16_t id, uint64_t base,
		     const char *image, const char *const *uuids)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->file, sizeof(m->file), "test:%s", name);
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->id = id;
	m->ffa_version = 0x10002;
	m->exec_ctx_count = 1;
	m->exception_level = PART_S_EL1;
	m->load_address = base;
	m->memory_size = 0x100000;
	m->messaging =
		FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND | FFA_PROP_DIRECT_REQ2_RECV;
	snprintf(m->image, sizeof(m->image), "%s", image);
	for (; uuids != NULL && *uuids != NULL; uuids++) {
		cr_assert_eq(ffa_uuid_parse(*uuids, m->services[m->service_count].uuid),
			     FFA_UUID_OK);
		m->services[m->service_count++].messaging = m->messaging;
	}
}

static void three_examples(struct part_manifest m[3])
{
	static const char *const echo2[] = {"0d4f0f2c-7d5b-4b1c-a3a1-5e8a0c6f9b10",
					    "1e5a2b3c-4d6e-4f70-8192-a3b4c5d6e7f8", NULL};
	static const char *const fwd[] = {"2f6b3c4d-5e7f-4081-92a3-b4c5d6e7f809", NULL};
	static const char *const log[] = {"3a7c4d5e-6f80-4192-a3b4-c5d6e7f8091a", NULL};

	manifest(&m[0], "echo2", 0x8002, 0x0e100000, sp_path("sp_echo2"), echo2);
	manifest(&m[1], "forward", 0x8003, 0x0e200000, sp_path("sp_forward"), fwd);
	manifest(&m[2], "logger", 0x8004, 0x0e300000, sp_path("sp_logger"), log);
}

static void expect_console(const struct run_result *r, const char *text)
{
	cr_assert_not_null(strstr(r->console, text), "console lacks \"%s\":\n%s\nnotes:\n%s", text,
			   r->console, r->notes);
}

/* Three binaries boot, log with their names, and answer in both conventions. */
Test(partitions, example_binaries)
{
	struct part_manifest m[3];
	struct sim_config cfg = {0};
	struct run_result r;

	three_examples(m);
	cfg.partitions = m;
	cfg.partition_count = 3;
	run_guest("sp_client.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_console(&r, "[echo2] echo2: ready, two services\n");
	expect_console(&r, "[forward] forward: ready\n");
	expect_console(&r, "[logger] logger: ready\n");
	expect_console(&r, "[host] partitions 4 size 24\n");
	expect_console(&r, "[host]   id 8002 ctx 1 props 303\n");
	expect_console(&r, "[host] echo2 req32 -> FFA_MSG_SEND_DIRECT_RESP_32 w3=11 w4=22 w5=33\n");
	expect_console(&r, "[host] echo2 req64 -> FFA_MSG_SEND_DIRECT_RESP_64 w3=7 w4=8 w5=9\n");
	expect_console(&r, "[host] echo2 req2 svc A -> RESP2 x4=100 x17=10d\n");
	expect_console(&r, "[host] echo2 req2 svc B -> RESP2 x4=100 x17=10d\n");
	run_result_free(&r);
}

/* A partition calls another (nested direct request) and combines the answer. */
Test(partitions, partition_to_partition)
{
	struct part_manifest m[3];
	struct sim_config cfg = {0};
	struct run_result r;

	three_examples(m);
	cfg.partitions = m;
	cfg.partition_count = 3;
	run_guest("sp_client.elf", &cfg, &r);
	/* forward asks echo2 with w4-w7 = 22 33 44 55 and adds one to each word of the echo. */
	expect_console(
		&r,
		"[host] forward via echo2 -> FFA_MSG_SEND_DIRECT_RESP_32 w3=8002 w4=23 w5=34\n");
	run_result_free(&r);
}

/* FFA_CONSOLE_LOG lines carry the partition's name. */
Test(partitions, console_log_prefixed)
{
	struct part_manifest m[3];
	struct sim_config cfg = {0};
	struct run_result r;

	three_examples(m);
	cfg.partitions = m;
	cfg.partition_count = 3;
	run_guest("sp_client.elf", &cfg, &r);
	expect_console(&r, "[logger] logger: request 1 from 0x0000, w3=0xabc\n");
	expect_console(&r, "[logger] logger: request 2 from 0x0000, w3=0xabc\n");
	expect_console(&r, "[host] logger 2 -> FFA_MSG_SEND_DIRECT_RESP_32 w3=2");
	run_result_free(&r);
}

/* Opens a simulation of hello.elf and the one partition m, which must boot and wait. */
static void open_one_partition(struct sim *sim, struct sim_config *cfg, struct part_manifest *m,
			       FILE *con, FILE *notes)
{
	struct diag err;

	cfg->partitions = m;
	cfg->partition_count = 1;
	cfg->guest_path = guest_path("hello.elf");
	cfg->console_out = con;
	cfg->notes = notes;
	cr_assert(sim_open(sim, cfg, &err), "%s", err.msg);
	cr_assert_eq(sim->parts[0].ep->ctx.state, SPMC_EP_WAITING);
}

/* One binary partition opened in-process with hello.elf as the normal world. */
struct one_sp {
	struct sim *sim;
	FILE *con, *notes;
};

/* Opens the simulation with partition m (on platform, NULL: virt); it must boot. */
static void one_sp_open(struct one_sp *o, const struct part_manifest *m, const char *platform)
{
	struct sim_config cfg = {0};
	struct diag err;

	o->sim = calloc(1, sizeof(*o->sim));
	o->con = tmpfile();
	o->notes = tmpfile();
	cr_assert(o->sim != NULL && o->con != NULL && o->notes != NULL);
	cfg.platform_path = platform;
	cfg.partitions = m;
	cfg.partition_count = 1;
	cfg.guest_path = guest_path("hello.elf");
	cfg.console_out = o->con;
	cfg.notes = o->notes;
	cr_assert(sim_open(o->sim, &cfg, &err), "%s", err.msg);
	cr_assert_eq(o->sim->parts[0].ep->ctx.state, SPMC_EP_WAITING);
}

/* A DIRECT_REQ_32 from the normal world to id with w3; the answer. */
static struct ffa_value one_sp_request(struct one_sp *o, uint16_t id, uint64_t w3)
{
	struct ffa_value in = {{0x8400006fu, id, 0, w3}};
	uint32_t ver;

	return spmc_call(&o->sim->spmc, spmc_find_endpoint(&o->sim->spmc, 0), &in, &ver);
}

static void one_sp_close(struct one_sp *o)
{
	sim_close(o->sim);
	free(o->sim);
	fclose(o->con);
	fclose(o->notes);
}

/* SPMC_MAX_PARTITIONS binaries of the assembly echo (bench/guests/bench_sp_echo.S, which runs
 * wherever it is loaded), 192 KiB apart in virt's secure RAM: every one boots to its wait and
 * answers a direct request; the SPMC held at most 32 endpoints before. */
Test(partitions, sixty_four_binaries, .timeout = 120)
{
	struct part_manifest *m = calloc(SPMC_MAX_PARTITIONS, sizeof(*m));
	struct sim_config cfg = {0};
	struct one_sp o = {0};
	char image[1024];
	struct diag err;

	cr_assert_not_null(m);
	cr_assert_eq(SPMC_MAX_PARTITIONS, 64);
	snprintf(image, sizeof(image), "%s/bench/bench_sp_echo.bin", getenv("FFA_SIM_BUILD_ROOT"));
	for (unsigned i = 0; i < SPMC_MAX_PARTITIONS; i++) {
		char name[16];

		snprintf(name, sizeof(name), "echo%u", i);
		manifest(&m[i], name, (uint16_t)(0x8002 + i), 0x0e100000 + i * 0x30000ull, image,
			 NULL);
		m[i].memory_size = 0x30000;
	}
	o.sim = calloc(1, sizeof(*o.sim));
	o.con = tmpfile();
	o.notes = tmpfile();
	cr_assert(o.sim != NULL && o.con != NULL && o.notes != NULL);
	cfg.partitions = m;
	cfg.partition_count = SPMC_MAX_PARTITIONS;
	cfg.guest_path = guest_path("hello.elf");
	cfg.console_out = o.con;
	cfg.notes = o.notes;
	cr_assert(sim_open(o.sim, &cfg, &err), "%s", err.msg);
	for (unsigned i = 0; i < SPMC_MAX_PARTITIONS; i++) {
		uint16_t id = (uint16_t)(0x8002 + i);
		struct ffa_value v;

		cr_assert_eq(o.sim->parts[i].ep->ctx.state, SPMC_EP_WAITING, "echo%u", i);
		v = one_sp_request(&o, id, 0x1000 + i);
		cr_assert_eq(v.x[0], 0x84000070u, "echo%u: x0 = %#llx", i,
			     (unsigned long long)v.x[0]);
		cr_assert_eq(v.x[1], (uint64_t)id << 16, "echo%u: x1 = %#llx", i,
			     (unsigned long long)v.x[1]);
		cr_assert_eq(v.x[3], 0x1000 + i, "echo%u", i);
	}
	one_sp_close(&o);
	free(m);
}

/* A partition touching the normal world's memory faults; the report names it; the caller
 * gets ABORTED and the normal world goes on. */
Test(partitions, isolation_fault)
{
	static const char *const uuid[] = {"4b8d5e6f-7081-42a3-b4c5-d6e7f8091a2b", NULL};
	struct part_manifest m;
	struct ffa_value out;
	struct one_sp o;
	char buf[4096] = {0};

	manifest(&m, "probe", 0x8005, 0x0e400000, guest_path("sp_probe.elf"), uuid);
	one_sp_open(&o, &m, NULL);
	out = one_sp_request(&o, 0x8005, 41);
	cr_assert_eq(out.x[0], 0x84000070u);
	cr_assert_eq(out.x[3], 42);
	out = one_sp_request(&o, 0x8005, 1);
	cr_assert_eq(out.x[0], 0x84000060u);
	cr_assert_eq(out.x[2], (uint32_t)-8, "ABORTED");
	cr_assert_eq(o.sim->parts[0].ep->ctx.state, SPMC_EP_FAILED);
	rewind(o.notes);
	cr_assert_gt(fread(buf, 1, sizeof(buf) - 1, o.notes), 0);
	cr_assert_not_null(strstr(buf, "ffa-sim: probe: guest fault: read of unmapped memory"),
			   "%s", buf);
	cr_assert_not_null(strstr(buf, "address: 0x0000000040000000"), "%s", buf);
	cr_assert_not_null(strstr(buf, "(EL1h, secure)"), "%s", buf);
	cr_assert_eq(sim_run(o.sim), 0);
	one_sp_close(&o);
}

/* A partition reads the fixed values of a device window it owns (a manifest device region in a
 * platform raz-wi region with `reads`); its write is ignored. */
Test(partitions, device_fixed_reads)
{
	static const char *const uuid[] = {"7e8f9a0b-1c2d-43e4-a5b6-c7d8e9f0a1b2", NULL};
	struct part_manifest m;
	struct ffa_value out;
	struct one_sp o;

	manifest(&m, "devread", 0x8007, 0x0e600000, guest_path("sp_devread.elf"), uuid);
	snprintf(m.devices[0].name, sizeof(m.devices[0].name), "sysctl");
	m.devices[0].base = 0x0a000000;
	m.devices[0].pages = 1;
	m.devices[0].attributes = 3;
	m.device_count = 1;
	one_sp_open(&o, &m, source_path("tests/data/platform/device_reads.yaml"));
	out = one_sp_request(&o, 0x8007, 0);
	cr_assert_eq(out.x[0], 0x84000070u);
	cr_assert_eq(out.x[3], 0x12345678);
	cr_assert_eq(out.x[4], 0x89abcdef);
	cr_assert_eq(out.x[5], 0x01234567);
	cr_assert_eq(out.x[6], 0x123400ab);
	cr_assert_eq(out.x[7], 0x12345678, "the write is ignored; 0x20 reads as zero");
	one_sp_close(&o);
}

/* A partition that faults before FFA_MSG_WAIT failed to boot: a note; the run goes on and ends
 * with status 6, not the guest's 0. */
Test(partitions, boot_failure_reported)
{
	static const char *const uuid[] = {"5c9e6f70-8192-43b4-c5d6-e7f8091a2b3c", NULL};
	struct part_manifest m;
	struct sim_config cfg = {0};
	struct run_result r;

	manifest(&m, "bootfail", 0x8006, 0x0e500000, guest_path("sp_bootfail.elf"), uuid);
	cfg.partitions = &m;
	cfg.partition_count = 1;
	run_guest("hello.elf", &cfg, &r);
	cr_assert_eq(r.status, 6, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "ffa-sim: bootfail: partition 0x8006 failed to boot:"),
			   "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "ffa-sim: 1 partition(s) failed to boot: exit status 6"),
			   "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "ffa-sim: bootfail: guest fault"), "%s", r.notes);
	expect_console(&r, "[host] hello from guest\n");
	run_result_free(&r);
	/* A guest's own non-zero status is kept. */
	run_guest("exit42.elf", &cfg, &r);
	cr_assert_eq(r.status, 42, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "partition 0x8006 failed to boot:"), "%s", r.notes);
	run_result_free(&r);
	/* --strict: the run ends before the normal world starts, with status 5. */
	cfg.strict = true;
	run_guest("hello.elf", &cfg, &r);
	cr_assert_eq(r.status, 5, "%s", r.notes);
	cr_assert_null(strstr(r.console, "hello from guest"));
	run_result_free(&r);
}

/* An image that does not fit the partition's memory is an input error naming the manifest. */
Test(partitions, image_outside_memory)
{
	static const char *const uuid[] = {"6daf7081-92a3-44c5-d6e7-f8091a2b3c4d", NULL};
	struct part_manifest m;
	struct sim_config cfg = {0};
	struct run_result r;

	/* sp_echo2 is linked at 0x0e100000: declare its memory elsewhere. */
	manifest(&m, "misplaced", 0x8007, 0x0e600000, sp_path("sp_echo2"), uuid);
	cfg.partitions = &m;
	cfg.partition_count = 1;
	run_guest("hello.elf", &cfg, &r);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "test:misplaced: misplaced: image"), "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "outside the partition's memory"), "%s", r.notes);
	run_result_free(&r);
}

/*
 * A raw built-in image (`image: builtin:NAME`, not an ELF) is loaded from the bytes built into
 * the run, never opened as a file: a file really named builtin:NAME in the working directory
 * (here an ELF of another partition) is not picked up, and the partition boots.
 */
Test(partitions, builtin_raw_image_from_memory)
{
	static const char *const uuid[] = {"0d4f0f2c-7d5b-4b1c-a3a1-5e8a0c6f9b10", NULL};
	char dir[] = "/tmp/ffa-sim-builtin-XXXXXX", cwd[PATH_MAX], raw[1024];
	struct sim_builtin_image image = {"raw_echo2", NULL, 0};
	struct part_manifest m;
	struct sim_config cfg = {0};
	struct run_result r;
	uint8_t *bytes;
	size_t size;
	FILE *f, *decoy;
	long len;

	snprintf(raw, sizeof(raw), "%s/sp_echo2.bin", getenv("FFA_SIM_GUESTS"));
	f = fopen(raw, "rb");
	cr_assert_not_null(f, "%s", raw);
	cr_assert_eq(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	cr_assert_gt(len, 0);
	rewind(f);
	bytes = malloc((size_t)len);
	cr_assert_not_null(bytes);
	size = fread(bytes, 1, (size_t)len, f);
	fclose(f);
	cr_assert_eq(size, (size_t)len);
	cr_assert(bytes[0] != 0x7f || bytes[1] != 'E', "the image is raw, not an ELF");
	image.data = bytes;
	image.size = size;

	cr_assert_not_null(mkdtemp(dir));
	cr_assert_not_null(getcwd(cwd, sizeof(cwd)));
	cr_assert_eq(chdir(dir), 0);
	decoy = fopen("builtin:raw_echo2", "wb");
	cr_assert_not_null(decoy);
	f = fopen(sp_path("sp_logger"), "rb");
	cr_assert_not_null(f);
	for (int c; (c = fgetc(f)) != EOF;)
		fputc(c, decoy);
	fclose(f);
	fclose(decoy);

	manifest(&m, "echo2", 0x8002, 0x0e100000, "builtin:raw_echo2", uuid);
	cfg.partitions = &m;
	cfg.partition_count = 1;
	cfg.builtin_images = &image;
	cfg.builtin_image_count = 1;
	run_guest("hello.elf", &cfg, &r);

	unlink("builtin:raw_echo2");
	cr_assert_eq(chdir(cwd), 0);
	rmdir(dir);
	free(bytes);
	cr_expect_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_console(&r, "[echo2] echo2: ready");
	cr_expect_null(strstr(r.console, "logger"), "the file named builtin:raw_echo2 ran:\n%s",
		       r.console);
	run_result_free(&r);
}

/* Regions inside the partition's own memory (allowed, docs/manifest.md) are mapped once with
 * their own attributes, and the memory as the pieces around them: the partition boots and
 * answers, where mapping both failed with unicorn's "Invalid memory mapping". */
Test(partitions, regions_inside_memory)
{
	static const char *const uuid[] = {"0d4f0f2c-7d5b-4b1c-a3a1-5e8a0c6f9b10", NULL};
	struct part_manifest m;
	struct sim_config cfg = {0};
	struct sim *sim = calloc(1, sizeof(*sim));
	const struct sim_partition *p;
	FILE *con = tmpfile(), *notes = tmpfile();
	uint64_t covered = 0;

	manifest(&m, "echo2", 0x8002, 0x0e100000, sp_path("sp_echo2"), uuid);
	m.regions[0] = (struct part_region){"rx", 0x0e1f0000, 1, PART_ATTR_READ | PART_ATTR_WRITE};
	m.regions[1] = (struct part_region){"tx", 0x0e1f1000, 1, PART_ATTR_READ};
	m.regions[2] =
		(struct part_region){"tail", 0x0e1ff000, 1, PART_ATTR_READ | PART_ATTR_WRITE};
	m.region_count = 3;
	open_one_partition(sim, &cfg, &m, con, notes);
	p = &sim->parts[0];
	/* rx, tx, tail, then the memory before rx and between tx and tail. */
	cr_assert_eq(p->window_count, 5);
	cr_assert_eq(p->windows[1].read_only, true);
	cr_assert_eq(p->windows[3].base, 0x0e100000);
	cr_assert_eq(p->windows[3].size, 0xf0000);
	cr_assert_eq(p->windows[4].base, 0x0e1f2000);
	cr_assert_eq(p->windows[4].size, 0xd000);
	for (unsigned i = 0; i < p->window_count; i++) {
		for (unsigned j = 0; j < i; j++)
			cr_assert(p->windows[i].base >= p->windows[j].base + p->windows[j].size ||
					  p->windows[j].base >=
						  p->windows[i].base + p->windows[i].size,
				  "windows %u and %u overlap", j, i);
		covered += p->windows[i].size;
	}
	cr_assert_eq(covered, 0x100000, "the memory is covered once");
	cr_assert_eq(sim_run(sim), 0);
	sim_close(sim);
	free(sim);
	fclose(con);
	fclose(notes);
}

/*
 * Each partition owns the memory its manifest gives it, and nothing else: a partition's RX/TX
 * buffers in another partition's memory are refused (INVALID_PARAMETERS, as Hafnium), in its
 * own accepted; the normal world naming a partition's memory is refused (Hafnium: DENIED);
 * the SPMC then writes partition information only into the caller's own RX buffer.
 */
Test(partitions, memory_ownership)
{
	struct part_manifest m[3];
	struct sim_config cfg = {0};
	struct sim *sim = calloc(1, sizeof(*sim));
	struct spmc_endpoint *echo2, *nw;
	struct diag err;
	struct ffa_value in = {{0}}, out;
	uint8_t *forward_mem;
	uint32_t ver;
	FILE *con = tmpfile(), *notes = tmpfile();

	three_examples(m);
	cfg.partitions = m;
	cfg.partition_count = 3;
	cfg.guest_path = guest_path("hello.elf");
	cfg.console_out = con;
	cfg.notes = notes;
	cr_assert(sim_open(sim, &cfg, &err), "%s", err.msg);
	echo2 = spmc_find_endpoint(&sim->spmc, 0x8002);
	nw = spmc_find_endpoint(&sim->spmc, 0);
	cr_assert(spmc_mem_owns(&echo2->mem, 0x0e100000, 0x100000, SPMC_MEM_RW));
	cr_assert_not(spmc_mem_owns(&echo2->mem, 0x0e200000, 0x1000, 0));
	forward_mem = emu_memory_ptr(&sim->memory, 0x0e2f0000, 0x1000, true);
	cr_assert_not_null(forward_mem);
	memset(forward_mem, 0x5a, 0x1000);
	in.x[0] = 0xc4000066u; /* FFA_RXTX_MAP_64 */
	in.x[1] = 0x0e1f0000;
	in.x[2] = 0x0e2f0000; /* forward's memory */
	in.x[3] = 1;
	out = spmc_call(&sim->spmc, echo2, &in, &ver);
	cr_assert_eq(out.x[0], 0x84000060u);
	cr_assert_eq(out.x[2], (uint32_t)-2, "INVALID_PARAMETERS");
	in.x[1] = 0x0e2f0000;
	in.x[2] = 0x0e1f0000;
	out = spmc_call(&sim->spmc, nw, &in, &ver);
	cr_assert_eq(out.x[2], (uint32_t)-6, "DENIED");
	in.x[1] = 0x0e1f0000;
	in.x[2] = 0x0e1f1000;
	out = spmc_call(&sim->spmc, echo2, &in, &ver);
	cr_assert_eq(out.x[0], 0x84000061u, "echo2 maps in its own memory");
	memset(&in, 0, sizeof(in));
	in.x[0] = 0x84000068u; /* FFA_PARTITION_INFO_GET, all partitions */
	out = spmc_call(&sim->spmc, echo2, &in, &ver);
	cr_assert_eq(out.x[0], 0x84000061u);
	cr_assert_eq(out.x[2], 4, "echo2 twice (two UUIDs), forward, logger");
	for (unsigned i = 0; i < 0x1000; i++)
		cr_assert_eq(forward_mem[i], 0x5a, "byte %u of forward's memory changed", i);
	cr_assert_eq(*(uint16_t *)emu_memory_ptr(&sim->memory, 0x0e1f1000, 2, true), 0x8002,
		     "the first descriptor in echo2's RX buffer");
	sim_close(sim);
	free(sim);
	fclose(con);
	fclose(notes);
}

/* Notifications through the whole stack (systems/notifications.yaml, guests/notif_client.c):
 * a partition sets them for VM 0 (at once and with the delay-SRI flag), INFO_GET lists VM 0 once,
 * GET takes them; the normal world sets one for the partition, which takes it; then the
 * refusals (bound already, not bound, per-vCPU) and the teardown. The guest takes the schedule
 * receiver interrupt (SGI 8) the SPMC sends it: at once for request 1, when request 2's
 * response gives it its CPU back (the delay-SRI flag), and for the notification it sets for the
 * partition, which the normal world's scheduler must run. */
Test(partitions, notifications)
{
	static const char *const lines[] = {
		"[host] sri 8\n",
		"[host] bind before create -> ERROR NOT_SUPPORTED\n",
		"[host] create -> FFA_SUCCESS_32\n",
		"[host] bind -> FFA_SUCCESS_32\n",
		"[host] info_get -> ERROR NO_DATA\n[host] request 1 -> 84000070 w3=1\n"
		"[host] sri taken 1\n[host] info_get -> lists 1 more 0: 0\n[host] info_get -> "
		"ERROR NO_DATA\n"
		"[host] get -> 84000061 sp 10000000028 vm 0 fwk 0\n"
		"[host] get -> 84000061 sp 0 vm 0 fwk 0\n",
		"[host] request 2 -> 84000070 w3=2\n[host] sri taken 2\n"
		"[host] info_get -> lists 1 more 0: 0\n"
		"[host] get -> 84000061 sp 8 vm 0 fwk 0\n",
		"[host] request 3 -> 84000070 w3=3\n[host] sri taken 2\n"
		"[host] set for the partition -> FFA_SUCCESS_32\n"
		"[host] info_get -> lists 1 more 0: 8001\n[host] request 4 -> 84000070 w3=4\n"
		"[host] sri taken 3\n"
		"[host] info_get -> ERROR NO_DATA\n",
		"[host] bind again -> ERROR DENIED\n[host] set unbound -> ERROR DENIED\n"
		"[host] bind per-vcpu -> ERROR INVALID_PARAMETERS\n",
		"[host] unbind -> FFA_SUCCESS_32\n[host] destroy -> FFA_SUCCESS_32\n"
		"[host] destroy again -> ERROR DENIED\n",
	};
	struct run_result r;

	run_cli(&r, "run", source_path("systems/notifications.yaml"),
		guest_path("notif_client.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		expect_console(&r, lines[i]);
	run_result_free(&r);
}

/* The looping example partition (partitions/sp/sp_loop.c) at 0x8005, signaled. */
static void loop_manifest(struct part_manifest *m)
{
	static const char *const loop[] = {"4b8d5e6f-7081-42a3-b4c5-d6e7f8091a2b", NULL};

	manifest(m, "loop", 0x8005, 0x0e400000, sp_path("sp_loop"), loop);
	m->ns_action = PART_NS_SIGNALED;
}

/* Runs sp_preempt.elf against the looping partition with an ns-interrupts-action and a
 * timeslice (0: none); the run must end with status 0. */
static void run_loop(enum part_ns_action action, uint64_t timeslice, struct run_result *r)
{
	struct part_manifest m;
	struct sim_config cfg = {0};

	loop_manifest(&m);
	m.ns_action = action;
	m.managed_exit = action == PART_NS_MANAGED_EXIT;
	cfg.partitions = &m;
	cfg.partition_count = 1;
	cfg.timeslice = timeslice;
	run_guest("sp_preempt.elf", &cfg, r);
	cr_assert_eq(r->status, 0, "%s\n%s", r->console, r->notes);
}

/* A partition that runs past its timeslice hands the CPU back: the normal world gets
 * FFA_INTERRUPT (w1 = 0x8005 << 16 | vCPU 0), sees the partition busy and FFA_RUN's errors,
 * resumes it with FFA_RUN each time, and gets the response, computed as without preemption,
 * from the last FFA_RUN; the number of preemptions is the same in every run. */
Test(partitions, timeslice_preempts_loop)
{
	struct run_result r;

	run_loop(PART_NS_SIGNALED, 5000, &r);
	expect_console(&r, "[host] interrupt w1=80050000\n");
	expect_console(&r, "[host] request while preempted -> ERROR BUSY\n");
	expect_console(&r, "[host] run vcpu 1 -> ERROR INVALID_PARAMETERS\n");
	expect_console(&r, "[host] run unknown -> ERROR INVALID_PARAMETERS\n");
	expect_console(&r, "[host] loop 20000 -> c4000070 x3=20000 x4=5e950516b6440710 x5=0 "
			   "after 36 interrupts\n");
	expect_console(&r, "[host] run waiting -> FFA_MSG_WAIT_32\n");
	run_result_free(&r);
}

/* Without a timeslice the same request runs to its answer: no FFA_INTERRUPT, the same hash. */
Test(partitions, no_timeslice_no_preemption)
{
	struct run_result r;

	run_loop(PART_NS_SIGNALED, 0, &r);
	expect_console(&r, "[host] loop 20000 -> c4000070 x3=20000 x4=5e950516b6440710 x5=0 "
			   "after 0 interrupts\n");
	cr_assert_null(strstr(r.console, "interrupt w1="));
	run_result_free(&r);
}

/* A managed-exit partition's timeslice ending signals its managed-exit interrupt instead of
 * preempting it: it finds it with HF_INTERRUPT_GET at its next look (round 4096), answers at
 * once, and the normal world gets that response with no FFA_INTERRUPT. */
Test(partitions, timeslice_managed_exit)
{
	struct run_result r;

	run_loop(PART_NS_MANAGED_EXIT, 5000, &r);
	expect_console(&r, "[host] loop 20000 -> c4000070 x3=4096 x4=cafd113027f00800 x5=1 after 0 "
			   "interrupts\n");
	run_result_free(&r);
}

/* A queued partition is not preempted when its timeslice ends: the interrupt waits until it
 * answers, and the request runs to the end. */
Test(partitions, timeslice_queued)
{
	struct run_result r;

	run_loop(PART_NS_QUEUED, 5000, &r);
	expect_console(&r,
		       "[host] loop 20000 -> c4000070 x3=20000 x4=5e950516b6440710 x5=0 after 0 "
		       "interrupts\n");
	run_result_free(&r);
}

/* A slice shorter than the partition's boot does not cut its initialisation: it boots, and
 * the preemptions start with the request. A slice shorter than a block still lets each run
 * make progress: up to 512 instructions (the longest block) per FFA_RUN. */
Test(partitions, timeslice_not_during_boot)
{
	struct run_result r;

	run_loop(PART_NS_SIGNALED, 1, &r);
	expect_console(&r, "[loop] loop: ready\n");
	expect_console(&r, "[host] loop 20000 -> c4000070 x3=20000 x4=5e950516b6440710 x5=0 "
			   "after 352 interrupts\n");
	run_result_free(&r);
}

/* Gives m one device page at base owning interrupt a, and b unless 0. */
static void add_device(struct part_manifest *m, uint64_t base, uint32_t a, uint32_t b)
{
	struct part_device *d = &m->devices[m->device_count++];

	snprintf(d->name, sizeof(d->name), "wdog");
	d->base = base;
	d->pages = 1;
	d->attributes = PART_ATTR_READ | PART_ATTR_WRITE;
	d->interrupts[d->interrupt_count++] = a;
	if (b != 0)
		d->interrupts[d->interrupt_count++] = b;
}

/* The partition's ns-interrupts-action, managed-exit-virq and the interrupts of its devices
 * reach the SPMC: it owns those interrupts, not yet enabled; the managed-exit interrupt it
 * enabled with HF_INTERRUPT_ENABLE while it booted is enabled. */
Test(partitions, interrupts_to_spmc)
{
	struct part_manifest m;
	struct one_sp o;
	const struct spmc_endpoint *ep;

	loop_manifest(&m);
	m.ns_action = PART_NS_MANAGED_EXIT;
	m.managed_exit = true;
	m.managed_exit_virq = true;
	add_device(&m, 0x0e4f0000, 56, 57);
	one_sp_open(&o, &m, NULL);
	ep = o.sim->parts[0].ep;
	cr_assert_eq(ep->intr.ns_action, SPMC_NS_MANAGED_EXIT);
	cr_assert_not(ep->intr.me_fiq);
	cr_assert_eq(ep->intr.vint_count, 3);
	cr_assert_eq(ep->intr.vints[2].id, 4);
	cr_assert(ep->intr.vints[2].enabled);
	cr_assert_not(ep->intr.vints[2].owned);
	cr_assert_eq(ep->intr.vints[0].id, 56);
	cr_assert(ep->intr.vints[0].owned);
	cr_assert_not(ep->intr.vints[0].enabled);
	cr_assert_eq(ep->intr.vints[1].id, 57);
	cr_assert_eq(spmc_secure_interrupt(&o.sim->spmc, 56), SPMC_SINT_SPURIOUS);
	one_sp_close(&o);
}

/* A binary partition owning secure interrupt 56 (tests/guests/sp_irq.c): it enables it while
 * it boots; when it fires the waiting partition runs with FFA_INTERRUPT (w2 = 56), takes it
 * with HF_INTERRUPT_GET, deactivates it and waits again; an interrupt it does not own is
 * spurious; its next request reports what it took. */
Test(partitions, secure_interrupt_handled_by_binary)
{
	static const char *const uuid[] = {"6d9e0f1a-2b3c-4d5e-8f60-718293a4b5c6", NULL};
	struct part_manifest m;
	struct one_sp o;
	struct ffa_value v;
	char console[4096] = "";

	manifest(&m, "irq", 0x8009, 0x0e900000, guest_path("sp_irq.elf"), uuid);
	add_device(&m, 0x0e9f0000, 56, 0);
	one_sp_open(&o, &m, NULL);
	cr_assert(o.sim->parts[0].ep->intr.vints[0].enabled, "enabled while it booted");
	cr_assert_eq(spmc_secure_interrupt(&o.sim->spmc, 56), SPMC_SINT_HANDLED);
	cr_assert_eq(spmc_secure_interrupt(&o.sim->spmc, 57), SPMC_SINT_SPURIOUS);
	cr_assert_eq(spmc_secure_interrupt(&o.sim->spmc, 56), SPMC_SINT_HANDLED);
	cr_assert_eq(o.sim->parts[0].ep->ctx.state, SPMC_EP_WAITING);
	cr_assert_eq(o.sim->parts[0].ep->intr.handled, 2);
	v = one_sp_request(&o, 0x8009, 0);
	cr_assert_eq(v.x[0], 0x8400006fu + 1, "DIRECT_RESP_32");
	cr_assert_eq(v.x[3], 2, "interrupts taken");
	cr_assert_eq(v.x[4], 56, "HF_INTERRUPT_GET's ID");
	cr_assert_eq(v.x[5], 0, "HF_INTERRUPT_ENABLE answered 0");
	cr_assert_eq(v.x[6], 0, "HF_INTERRUPT_DEACTIVATE answered 0");
	sim_close(o.sim);
	free(o.sim);
	fflush(o.con);
	rewind(o.con);
	cr_assert(fread(console, 1, sizeof(console) - 1, o.con) > 0);
	cr_assert_not_null(strstr(console, "[irq] irq: took 56 (w2 56)\n"), "%s", console);
	fclose(o.con);
	fclose(o.notes);
}
