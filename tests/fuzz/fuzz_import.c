/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: device-tree partition manifests (`ffa-sim import-manifest`): any blob must
 * give the YAML manifest or an error with a message, never a crash or a read outside it. The
 * blob is copied to a buffer of exactly its size so that AddressSanitizer sees any overread.
 */
#include <string.h>

#include "fuzz_common.h"
#include "partitions/import.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	unsigned char *blob = malloc(size != 0 ? size : 1);
	struct diag err = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	bool ok;

	if (blob == NULL)
		abort();
	memcpy(blob, data, size);
	out = open_memstream(&text, &len);
	if (out == NULL)
		abort();
	ok = part_import_dtb(blob, size, "fuzz.dtb", "fuzz", NULL, out, NULL, &err);
	fclose(out);
	fuzz_expect_message(ok, &err);
	free(text);
	free(blob);
	return 0;
}
