/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Embedding ffa-sim (docs/library.md): a system from structs (Hafnium at FF-A v1.2 with one
 * built-in echo partition), three calls from the normal world, and the call log. Build against
 * an installed ffa-sim:
 *     cc embed.c $(pkg-config --cflags --libs ffa-sim) -o embed && ./embed
 */
#include <ffa-sim/ffasim.h>
#include <inttypes.h>
#include <stdio.h>

#define FFA_VERSION 0x84000063u
#define FFA_ID_GET 0x84000069u
#define FFA_MSG_SEND_DIRECT_REQ_32 0x8400006fu

static int call(struct ffasim *sim, struct ffasim_regs *r, const char *what)
{
	int status = ffasim_call(sim, FFASIM_FROM_HOST, FFASIM_SMC, r, r);

	if (status != FFASIM_OK) {
		fprintf(stderr, "%s: status %d\n", what, status);
		return 1;
	}
	printf("%-10s x0 0x%08" PRIx64 " x1 0x%08" PRIx64 " x2 0x%08" PRIx64 " x3 0x%08" PRIx64
	       "\n",
	       what, r->x[0], r->x[1], r->x[2], r->x[3]);
	return 0;
}

int main(void)
{
	const struct ffasim_partition_desc echo = {
		.name = "echo",
		.id = 0x8001,
		.uuid = "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45",
		.model = "echo",
	};
	const struct ffasim_system_desc desc = {
		.spmc = "hafnium:1.2",
		.partitions = &echo,
		.partition_count = 1,
	};
	struct ffasim *sim;
	struct ffasim_regs r = {{0}};
	char err[512];
	int failed = 0;

	if (ffasim_open_desc(&sim, &desc, NULL, err, sizeof(err)) != FFASIM_OK) {
		fprintf(stderr, "embed: %s\n", err);
		return 2;
	}
	printf("libffasim %s\n", ffasim_version());
	r.x[0] = FFA_VERSION;
	r.x[1] = 0x10002; /* 1.2 */
	failed |= call(sim, &r, "version");
	r = (struct ffasim_regs){{FFA_ID_GET}};
	failed |= call(sim, &r, "id_get");
	r = (struct ffasim_regs){{FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 0, 0x11, 0x22}};
	failed |= call(sim, &r, "direct_req");
	printf("%zu calls logged\n", ffasim_call_count(sim));
	ffasim_close(sim);
	return failed;
}
