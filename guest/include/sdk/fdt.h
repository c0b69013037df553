/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A minimal read-only walker over a flattened device tree (Devicetree Specification v0.4,
 * chapter 5). Nodes are named by their offset in the structure block, as libfdt names them;
 * functions that find a node return a negative value when there is none.
 */
#ifndef SDK_FDT_H
#define SDK_FDT_H

#include <stdbool.h>
#include <stdint.h>

#define SDK_FDT_MAGIC 0xd00dfeedu

/* True if fdt points at a plausible device tree: magic, version >= 16, sane offsets. */
bool sdk_fdt_check(const void *fdt);

/* fdt_totalsize of a checked device tree. */
uint32_t sdk_fdt_total_size(const void *fdt);

/* The root node's offset (always the first node), or -1 if the tree is malformed. */
int sdk_fdt_root(const void *fdt);

/* The name of the node at offset node ("memory@40000000"; "" for the root). */
const char *sdk_fdt_node_name(const void *fdt, int node);

/*
 * Finds a node by absolute path ("/pl011@9000000", "/memory"). A path component without '@'
 * also matches a node name with a unit address, as libfdt does. Returns the first match.
 */
int sdk_fdt_path_offset(const void *fdt, const char *path);

/*
 * Finds the first node after offset start (pass -1 to search from the root) whose property
 * prop, read as a list of strings, contains value.
 */
int sdk_fdt_find_prop_string(const void *fdt, int start, const char *prop, const char *value);

/* Finds the first node after start (-1: from the root) compatible with compat. */
int sdk_fdt_find_compatible(const void *fdt, int start, const char *compat);

/* The parent of node, or -1 for the root. */
int sdk_fdt_parent(const void *fdt, int node);

/* A property's value and its length in bytes (*len may be NULL), or NULL if it is absent. */
const void *sdk_fdt_getprop(const void *fdt, int node, const char *name, uint32_t *len);

/* Reads the big-endian 32-bit cell at p (no alignment needed). */
uint32_t sdk_fdt_cell(const void *p);

/*
 * Reads entry index of node's reg property, using its parent's #address-cells and
 * #size-cells (defaults 2 and 1; each at most 2). Returns false if there is no such entry.
 */
bool sdk_fdt_read_reg(const void *fdt, int node, unsigned index, uint64_t *addr, uint64_t *size);

#endif
