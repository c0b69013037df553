/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: system files (docs/system.md), read as if they were systems/fuzz.yaml, so
 * that the partition manifests and platforms a seed names by path are read too. Any input must
 * give a system or an error with a message, never a crash, a hang or a sanitizer report.
 */
#include <string.h>

#include "fuzz_common.h"
#include "sim/system.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct sim_system *sys = calloc(1, sizeof(*sys));
	struct diag err = {0};
	bool ok;

	if (sys == NULL)
		abort();
	ok = sim_system_load_buffer(FUZZ_SOURCE_ROOT "/systems/fuzz.yaml", data, size, NULL, 0, sys,
				    &err);
	fuzz_expect_message(ok, &err);
	free(sys);
	return 0;
}
