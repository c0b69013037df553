/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Importing secure partition manifests written in the FF-A manifest binding to device tree
 * (compatible "arm,ffa-manifest-1.0" or "-1.1", as TF-A and Hafnium consume them) into the
 * simulator's YAML manifest (docs/manifest.md). A .dts file is compiled with dtc first.
 *
 * The YAML has one key per imported property, in the binding's units, with the binding's
 * numbers turned into names where the YAML has names (exception levels, messaging methods).
 * Properties the simulator does not model are listed at the end as YAML comments, so nothing
 * is dropped without a word. The partition's `image` (or `model`) is not in a device tree: it is
 * written when the caller gives one, else a comment says which key to add.
 */
#ifndef PARTITIONS_IMPORT_H
#define PARTITIONS_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/diag.h"

/*
 * Imports the manifest at path (a DTB, or DT source when the name ends in .dts, compiled with
 * `dtc -I dts -O dtb`) and writes the YAML manifest to out. image, when not NULL, becomes the
 * manifest's `image` key. The partition's `name` is the file's base name without its extension,
 * reduced to the characters names allow.
 *
 * `id` and `entrypoint-offset` are imported as Hafnium interprets them: an ID without bit 15
 * becomes 0x8000 | ID (Hafnium numbers partitions 0x8001, 0x8002 ... itself), and a non-zero
 * entrypoint-offset (an offset inside the partition package, where the image starts) moves
 * load-address to the image's start. Each such change is written to notes (when not NULL, one
 * `ffa-sim: note: import-manifest: ...` line each) and as a comment in the YAML.
 *
 * Returns false with *err set, and nothing written to out, when the file cannot be read or
 * compiled, is not a valid DTB, does not have a compatible FF-A manifest root, lacks a required
 * property, or has a property of the wrong size or value; messages name the file, the node path
 * and the property:
 *
 *	sp.dtb: /memory-regions/rx: pages-count: expected a <u32> (one cell), found 12 bytes
 */
bool part_import_manifest(const char *path, const char *image, FILE *out, FILE *notes,
			  struct diag *err);

/*
 * The same for a DTB already in memory: file names it in messages, name is the partition's
 * name (NULL: "partition"). For tests and the fuzzer.
 */
bool part_import_dtb(const void *dtb, size_t size, const char *file, const char *name,
		     const char *image, FILE *out, FILE *notes, struct diag *err);

#endif
