/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target: partition manifests (docs/manifest.md), read as if they were
 * systems/partitions/fuzz.yaml (so a relative image path resolves there). Any input must give a
 * manifest or an error with a message, never a crash, a hang or a sanitizer report.
 */
#include "common/yaml_cfg.h"
#include "fuzz_common.h"
#include "partitions/manifest.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct part_manifest *m = calloc(1, sizeof(*m));
	struct cfg_doc doc;
	struct cfg_node root;
	struct diag err = {0};
	bool ok;

	if (m == NULL)
		abort();
	ok = cfg_doc_load_buffer(FUZZ_SOURCE_ROOT "/systems/partitions/fuzz.yaml",
				 size != 0 ? (const void *)data : "", size, &doc, &err);
	if (ok) {
		ok = cfg_doc_root(&doc, &root, &err) && part_manifest_from_node(&root, m, &err);
		cfg_doc_free(&doc);
	}
	fuzz_expect_message(ok, &err);
	free(m);
	return 0;
}
