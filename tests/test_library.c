/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libffasim's public interface, as an embedding program uses it: this file includes only
 * ffa-sim/ffasim.h and links the shared library.
 */
#include <criterion/criterion.h>
#include <ffa-sim/ffasim.h>
#include <stdlib.h>
#include <string.h>

#define FFA_ERROR_32 0x84000060u
#define FFA_SUCCESS_32 0x84000061u
#define FFA_VERSION 0x84000063u
#define FFA_FEATURES 0x84000064u
#define FFA_ID_GET 0x84000069u
#define FFA_DIRECT_REQ_32 0x8400006fu
#define FFA_DIRECT_RESP_32 0x84000070u
#define PSCI_SYSTEM_OFF 0x84000008u

static char path_buf[4][1024];
static unsigned path_next;

/* A path under the source tree or the test guests' build folder. */
static const char *path_in(const char *env, const char *rel)
{
	char *buf = path_buf[path_next++ % 4];

	snprintf(buf, sizeof(path_buf[0]), "%s/%s", getenv(env), rel);
	return buf;
}

static struct ffasim_regs regs(uint64_t x0, uint64_t x1)
{
	struct ffasim_regs r = {{0}};

	r.x[0] = x0;
	r.x[1] = x1;
	return r;
}

/* A system file opens; the host negotiates and asks its ID through the firmware. */
Test(library, open_file_and_call)
{
	struct ffasim *sim;
	char err[512];
	struct ffasim_regs r = regs(FFA_VERSION, 0x10002);

	cr_assert_eq(ffasim_open_file(&sim, path_in("FFA_SIM_SOURCE_ROOT", "systems/default.yaml"),
				      NULL, err, sizeof(err)),
		     FFASIM_OK, "%s", err);
	cr_assert_eq(ffasim_call(sim, FFASIM_FROM_HOST, FFASIM_SMC, &r, &r), FFASIM_OK);
	cr_assert_eq(r.x[0], 0x10002);
	r = regs(FFA_ID_GET, 0);
	cr_assert_eq(ffasim_call(sim, FFASIM_FROM_HOST, FFASIM_SMC, &r, &r), FFASIM_OK);
	cr_assert_eq(r.x[0], FFA_SUCCESS_32);
	cr_assert_eq(r.x[2], 0);
	cr_assert_eq(ffasim_call_count(sim), 2);
	ffasim_close(sim);
}

/* A bad system file: FFASIM_ERR_INPUT with FILE:LINE:COLUMN, and no simulation. */
Test(library, open_errors)
{
	struct ffasim *sim = (struct ffasim *)1;
	char err[512] = "";
	static const char bad[] = "spmc:\n  personality: hafnum\n";

	cr_assert_eq(ffasim_open_text(&sim, "bad.yaml", bad, strlen(bad), NULL, err, sizeof(err)),
		     FFASIM_ERR_INPUT);
	cr_assert_null(sim);
	cr_assert_not_null(strstr(err, "bad.yaml:2:16:"), "%s", err);
	cr_assert_eq(ffasim_open_file(&sim, "/nonexistent.yaml", NULL, err, sizeof(err)),
		     FFASIM_ERR_INPUT);
	cr_assert_not_null(strstr(err, "/nonexistent.yaml"), "%s", err);
}

/* Overrides apply as --set does; two simulations do not see each other. */
Test(library, sets_and_independence)
{
	static const char text[] = "spmc:\n  personality: hafnium\n";
	const char *tfa[] = {"spmc.personality=tf-a"};
	struct ffasim_options o = {.sets = tfa, .set_count = 1};
	struct ffasim *a, *b;
	char err[512];
	struct ffasim_regs r;

	cr_assert_eq(ffasim_open_text(&a, "a.yaml", text, strlen(text), NULL, err, sizeof(err)),
		     FFASIM_OK, "%s", err);
	cr_assert_eq(ffasim_open_text(&b, "b.yaml", text, strlen(text), &o, err, sizeof(err)),
		     FFASIM_OK, "%s", err);
	/* TF-A's SPMC refuses FFA_FEATURES before FFA_VERSION; Hafnium answers it. */
	r = regs(FFA_FEATURES, FFA_ID_GET);
	cr_assert_eq(ffasim_call(a, FFASIM_FROM_HOST, FFASIM_SMC, &r, &r), FFASIM_OK);
	cr_assert_eq(r.x[0], FFA_SUCCESS_32);
	r = regs(FFA_FEATURES, FFA_ID_GET);
	cr_assert_eq(ffasim_call(b, FFASIM_FROM_HOST, FFASIM_SMC, &r, &r), FFASIM_OK);
	cr_assert_eq(r.x[0], FFA_ERROR_32);
	cr_assert_eq(ffasim_call_count(a), 1);
	cr_assert_eq(ffasim_call_count(b), 1);
	ffasim_close(a);
	ffasim_close(b);
}

/* From structs: an echo model answers the host, and a partition can call the SPMC itself. */
Test(library, open_desc)
{
	const struct ffasim_partition_desc echo = {.name = "echo",
						   .id = 0x8001,
						   .uuid = "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45",
						   .model = "echo"};
	const struct ffasim_system_desc desc = {
		.spmc = "optee:1.1", .partitions = &echo, .partition_count = 1};
	struct ffasim *sim;
	char err[512];
	struct ffasim_regs r = {{FFA_DIRECT_REQ_32, 0x8001, 0, 0x11, 0x22, 0x33, 0x44, 0x55}};
	struct ffasim_call_record rec;

	cr_assert_eq(ffasim_open_desc(&sim, &desc, NULL, err, sizeof(err)), FFASIM_OK, "%s", err);
	cr_assert_eq(ffasim_call(sim, FFASIM_FROM_HOST, FFASIM_SMC, &r, &r), FFASIM_OK);
	cr_assert_eq(r.x[0], FFA_DIRECT_RESP_32);
	cr_assert_eq(r.x[1], 0x80010000);
	cr_assert_eq(r.x[3], 0x11);
	cr_assert_eq(r.x[7], 0x55);
	r = regs(FFA_ID_GET, 0);
	cr_assert_eq(ffasim_call(sim, 0x8001, FFASIM_SMC, &r, &r), FFASIM_OK);
	cr_assert_eq(r.x[2], 0x8001);
	cr_assert_eq(ffasim_call(sim, 0x8077, FFASIM_SMC, &r, &r), FFASIM_ERR_INPUT);
	cr_assert_eq(ffasim_call_at(sim, 1, &rec), FFASIM_OK);
	cr_assert_eq(rec.from, 0x8001);
	cr_assert_eq(rec.before.x[0], FFA_ID_GET);
	cr_assert_eq(rec.after.x[2], 0x8001);
	cr_assert_eq(ffasim_call_at(sim, 2, &rec), FFASIM_ERR_INPUT);
	ffasim_close(sim);
}

/* A call that ends the run answers FFASIM_ERR_STOPPED; later calls still work. */
Test(library, stopping_call)
{
	const struct ffasim_system_desc desc = {.spmc = "hafnium:1.2"};
	struct ffasim *sim;
	char err[512];
	struct ffasim_regs r = regs(PSCI_SYSTEM_OFF, 0);

	cr_assert_eq(ffasim_open_desc(&sim, &desc, NULL, err, sizeof(err)), FFASIM_OK, "%s", err);
	cr_assert_eq(ffasim_call(sim, FFASIM_FROM_HOST, FFASIM_SMC, &r, &r), FFASIM_ERR_STOPPED);
	r = regs(FFA_VERSION, 0x10001);
	cr_assert_eq(ffasim_call(sim, FFASIM_FROM_HOST, FFASIM_SMC, &r, &r), FFASIM_OK);
	cr_assert_eq(r.x[0], 0x10002);
	cr_assert_eq(ffasim_run(sim), FFASIM_ERR_INPUT, "no guest to run");
	ffasim_close(sim);
}

/* A guest runs to its end; its calls join the log and its console is kept. */
Test(library, run_guest)
{
	struct ffasim_options o = {.guest_path =
					   path_in("FFA_SIM_GUESTS", "ffa_discovery_v1_2.elf")};
	struct ffasim *sim;
	char err[512];
	struct ffasim_call_record rec;

	cr_assert_eq(ffasim_open_file(&sim, path_in("FFA_SIM_SOURCE_ROOT", "systems/default.yaml"),
				      &o, err, sizeof(err)),
		     FFASIM_OK, "%s", err);
	cr_assert_eq(ffasim_run(sim), 0, "%s", ffasim_notes(sim));
	cr_assert_gt(ffasim_call_count(sim), 3);
	cr_assert_eq(ffasim_call_at(sim, 0, &rec), FFASIM_OK);
	cr_assert_eq(rec.from, FFASIM_FROM_HOST);
	cr_assert_neq(ffasim_console(sim)[0], '\0');
	cr_assert_eq(ffasim_run(sim), FFASIM_ERR_INPUT, "a simulation runs once");
	ffasim_close(sim);
	ffasim_close(NULL);
}
