/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the parts of the partition manifest parser share (manifest.c, manifest_regions.c,
 * manifest_model.c): the state of one load, the value helpers the messages use, and the readers
 * each part contributes to part_manifest_from_node. Private to partitions/.
 */
#ifndef PARTITIONS_MANIFEST_INTERNAL_H
#define PARTITIONS_MANIFEST_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"
#include "common/yaml_cfg.h"
#include "partitions/manifest.h"

#define MAN_COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* How much of a value a message quotes. */
#define MAN_QUOTE "%.48s"

/* Everything a load needs besides the manifest itself; positions for the late checks. */
struct man_load {
	struct part_manifest *m;
	struct diag *err;
	struct cfg_node root;
	struct cfg_node region_at[PART_MAX_REGIONS];
	struct cfg_node device_at[PART_MAX_REGIONS];
};

/* True for a scalar that starts like a number (0x10, 4K, 1.2). */
bool part_manifest_is_number(const struct cfg_node *n);

/*
 * Describes n for "expected X, found Y": "a mapping", "a list", "nothing", or the value quoted
 * into buf. Returns buf or a constant string.
 */
const char *part_manifest_describe(const struct cfg_node *n, char *buf, size_t size);

/* Reads a partition or region name into out (EMU_NAME_MAX); false with *err on a bad name. */
bool part_manifest_read_name(const struct cfg_node *n, char *out, struct diag *err);

/*
 * Reads memory-size, load-address and entrypoint-offset (manifest_regions.c). False with
 * l->err set on the first bad value.
 */
bool part_manifest_read_memory(struct man_load *l);

/*
 * Reads memory-regions (devices false) or device-regions (devices true), both optional, and
 * records each item's position for part_manifest_check_regions. False with l->err on error.
 */
bool part_manifest_read_region_list(struct man_load *l, bool devices);

/*
 * Checks that regions and devices have distinct names and do not overlap, and that no interrupt
 * belongs to two devices. False with l->err pointing at the later of the two.
 */
bool part_manifest_check_regions(struct man_load *l);

/* Reads rx-tx-buffer (optional) against the memory regions read. False with l->err on error. */
bool part_manifest_read_rxtx(struct man_load *l);

/*
 * Reads what runs the partition (manifest_model.c): image, or model with its params. Runs after
 * load-address is read. False with l->err on error.
 */
bool part_manifest_read_runtime(struct man_load *l);

#endif /* PARTITIONS_MANIFEST_INTERNAL_H */
