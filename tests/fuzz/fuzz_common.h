/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the libFuzzer targets share: the source tree's root (FUZZ_SOURCE_ROOT, given by
 * tools/fuzz) so that paths in the seeds (`system: ../../systems/demo.yaml`, manifests next to
 * a system file) resolve as they do for the shipped files, and the check every target makes:
 * a refused input carries a message.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/diag.h"

#ifndef FUZZ_SOURCE_ROOT
#define FUZZ_SOURCE_ROOT "."
#endif

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Aborts (a finding) when a parser refused an input without saying why. */
static inline void fuzz_expect_message(bool ok, const struct diag *err)
{
	if (!ok && err->msg[0] == '\0')
		abort();
}

#endif
