/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: `--set KEY=VALUE` paths and values. Each line of the input is one --set
 * (at most 8; lines starting with '#' are comments, as in the seeds of tests/fuzz/set-seeds/),
 * applied to the demo system (systems/demo.yaml: the SPMC, an echo model and three partition
 * binaries) and checked as `ffa-sim run --set` checks it; the seeds add the other sections.
 * Any input must give a system or an error with a message, never a crash, a hang or a
 * sanitizer report.
 */
#include <string.h>

#include "common/file.h"
#include "fuzz_common.h"
#include "sim/system.h"

#define FUZZ_MAX_SETS 8

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static uint8_t *base;
	static size_t base_size;
	const char *sets[FUZZ_MAX_SETS];
	struct sim_system *sys;
	struct diag err = {0};
	char *text, *line, *save = NULL;
	unsigned count = 0;
	bool ok;

	if (base == NULL && !cfg_read_file(FUZZ_SOURCE_ROOT "/systems/demo.yaml", 1u << 20, &base,
					   &base_size, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		abort();
	}
	text = malloc(size + 1);
	sys = calloc(1, sizeof(*sys));
	if (text == NULL || sys == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	for (line = strtok_r(text, "\n", &save); line != NULL && count < FUZZ_MAX_SETS;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] != '#')
			sets[count++] = line;
	}
	ok = sim_system_load_buffer(FUZZ_SOURCE_ROOT "/systems/demo.yaml", base, base_size, sets,
				    count, sys, &err);
	fuzz_expect_message(ok, &err);
	free(sys);
	free(text);
	return 0;
}
