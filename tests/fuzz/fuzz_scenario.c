/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: scenario files (docs/scenarios.md), read as if they were
 * scenarios/examples/fuzz.yaml, with the two built-in systems available as builtin:default and
 * builtin:demo. Loading checks the system, its overrides, every step and the partitions the
 * steps name; nothing runs. Any input must load or give an error with a message.
 */
#include "fuzz_common.h"
#include "common/file.h"
#include "scenarios/scenario.h"

/* The built-in systems, read once from the tree (ffa-sim carries the same files). */
static void fuzz_builtin(struct scn_builtin_system *b, const char *name, const char *path)
{
	struct diag err;
	uint8_t *data;
	size_t size;

	if (!cfg_read_file(path, 1u << 20, &data, &size, &err)) {
		fprintf(stderr, "%s: %s\n", path, err.msg);
		abort();
	}
	*b = (struct scn_builtin_system){name, data, size};
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct scn_builtin_system systems[2];
	static struct scn_options opts;
	struct scn_scenario *scn = calloc(1, sizeof(*scn));
	struct diag err = {0};
	bool ok;

	if (scn == NULL)
		abort();
	if (opts.builtin_systems == NULL) {
		fuzz_builtin(&systems[0], "default", FUZZ_SOURCE_ROOT "/systems/default.yaml");
		fuzz_builtin(&systems[1], "demo", FUZZ_SOURCE_ROOT "/systems/demo.yaml");
		opts.builtin_systems = systems;
		opts.builtin_system_count = 2;
	}
	ok = scn_load_buffer(FUZZ_SOURCE_ROOT "/scenarios/examples/fuzz.yaml", data, size, &opts,
			     scn, &err);
	fuzz_expect_message(ok, &err);
	if (ok)
		scn_free(scn);
	free(scn);
	return 0;
}
