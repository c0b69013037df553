/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: platform files. Any input must give a platform or an error with a message,
 * never a crash, a hang or a sanitizer report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "emu/platform.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[64];
	struct emu_platform platform;
	struct diag err;
	FILE *f;

	/* The loader reads files (relative image paths resolve against their folder). */
	snprintf(path, sizeof(path), "/tmp/ffa-sim-fuzz-platform-%d.yaml", (int)getpid());
	f = fopen(path, "wb");
	if (f == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	if (!emu_platform_load(path, &platform, &err) && err.msg[0] == '\0')
		abort(); /* every error says what is wrong */
	unlink(path);
	return 0;
}
