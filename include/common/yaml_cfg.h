/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reading configuration files written in YAML: platforms, partition manifests, system files and
 * scenarios all go through these helpers, so that every input error reads the same way:
 *
 *	platforms/x.yaml:7:12: memory[1].base: "0x4000_0000x" is not a number
 *
 * A file is loaded whole into libyaml's document form (struct cfg_doc), built in one pass over
 * libyaml's events (the nesting limit checked as they come, the node table sized from the text
 * so that it seldom moves). Parsers then walk it
 * through struct cfg_node, which pairs a libyaml node with the key path that led to it
 * ("memory[1].base"), so that errors name both the position and the setting. Every reader
 * returns false with *err filled on a bad value; nothing is kept outside the structs passed in.
 *
 * Loading already rejects what no format accepts: syntax errors, several documents in one
 * file, keys that are not plain strings, duplicate keys and nesting deeper than CFG_MAX_DEPTH.
 * Each format then checks its own keys with cfg_map_check_keys() (unknown keys, with a
 * suggestion) and reads values with the typed readers:
 *
 *	numbers   decimal or 0x hexadecimal, '_' allowed between digits: 4096, 0x4000_0000
 *	sizes     a number, optionally followed by K, M or G (KiB, MiB, GiB): 64K, 128M, 1G
 *	booleans  true, false, yes, no
 */
#ifndef COMMON_YAML_CFG_H
#define COMMON_YAML_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <yaml.h>

#include "common/diag.h"

#define CFG_PATH_MAX 128 /* key paths longer than this are cut in messages */
#define CFG_FILE_MAX_SIZE (16u * 1024u * 1024u)
#define CFG_MAX_DEPTH 64 /* mappings and lists nested deeper are refused on loading */

/* A loaded YAML file. */
struct cfg_doc {
	char file[DIAG_FILE_MAX]; /* the name used in messages (the path as given) */
	yaml_document_t doc;
	bool loaded;
};

/* A node of a loaded document and the key path that led to it ("" for the root). */
struct cfg_node {
	struct cfg_doc *doc;
	yaml_node_t *node;
	char path[CFG_PATH_MAX];
};

/*
 * Loads the YAML file at path. Returns false with *err set when the file cannot be read, is not
 * valid YAML (libyaml's problem and position), holds more than one document, has a mapping
 * with a non-scalar or duplicate key, or nests mappings and lists more than CFG_MAX_DEPTH deep.
 * Only regular files of at most CFG_FILE_MAX_SIZE bytes are read (cfg_read_file()). On
 * success the caller releases doc with cfg_doc_free().
 */
bool cfg_doc_load(const char *path, struct cfg_doc *doc, struct diag *err);

/*
 * As cfg_doc_load(), from size bytes in memory; name is what messages call the input.
 */
bool cfg_doc_load_buffer(const char *name, const void *data, size_t size, struct cfg_doc *doc,
			 struct diag *err);

/* Releases a document loaded by cfg_doc_load*() (harmless on a zeroed or freed one). */
void cfg_doc_free(struct cfg_doc *doc);

/*
 * Fills *root with the top-level node and checks it is a mapping. Returns false with *err set
 * for an empty document or a top level that is not a mapping.
 */
bool cfg_doc_root(struct cfg_doc *doc, struct cfg_node *root, struct diag *err);

/* 1-based line and column of the node's first character. */
unsigned cfg_line(const struct cfg_node *n);
unsigned cfg_column(const struct cfg_node *n);

/*
 * Records an error positioned at node n, prefixed with its key path when there is one:
 * "file:line:column: path: message". Always returns false, so that readers can
 * `return cfg_error(...)`.
 */
bool cfg_error(const struct cfg_node *n, struct diag *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Node kind tests. */
bool cfg_is_map(const struct cfg_node *n);
bool cfg_is_seq(const struct cfg_node *n);
bool cfg_is_scalar(const struct cfg_node *n);

/* The text of a scalar node, or NULL for a mapping or sequence. */
const char *cfg_scalar(const struct cfg_node *n);

/* Returns true if n is a mapping; otherwise false with "path: expected a mapping, found ...". */
bool cfg_expect_map(const struct cfg_node *n, struct diag *err);

/* Returns true if n is a sequence; otherwise false with "path: expected a list, found ...". */
bool cfg_expect_seq(const struct cfg_node *n, struct diag *err);

/*
 * Checks that every key of mapping map is one of known[0..count). An unknown key is reported at
 * its position, with the closest known key when one is near:
 * 'unknown key "uarts0"; did you mean "uarts"?'.
 */
bool cfg_map_check_keys(const struct cfg_node *map, const char *const *known, size_t count,
			struct diag *err);

/* Looks up key in mapping map. Returns false (and leaves *out alone) when it is absent. */
bool cfg_map_get(const struct cfg_node *map, const char *key, struct cfg_node *out);

/* As cfg_map_get(), but a missing key is an error reported at the mapping's position. */
bool cfg_map_require(const struct cfg_node *map, const char *key, struct cfg_node *out,
		     struct diag *err);

/* The number of key/value pairs of mapping map (0 if map is not a mapping). */
size_t cfg_map_count(const struct cfg_node *map);

/*
 * The i-th pair of mapping map, in file order: *key gets the key node (path of the mapping),
 * *value the value node (path "mapping.key"). Either may be NULL.
 */
void cfg_map_entry(const struct cfg_node *map, size_t i, struct cfg_node *key,
		   struct cfg_node *value);

/* The number of items of sequence seq (0 if seq is not a sequence). */
size_t cfg_seq_count(const struct cfg_node *seq);

/* The i-th item of sequence seq (path "seq[i]"). */
void cfg_seq_item(const struct cfg_node *seq, size_t i, struct cfg_node *out);

/* Reads a number (decimal or 0x hexadecimal). */
bool cfg_read_u64(const struct cfg_node *n, uint64_t *out, struct diag *err);

/* Reads a number no larger than max ("path: 300 is out of range (at most 255)"). */
bool cfg_read_u64_max(const struct cfg_node *n, uint64_t max, uint64_t *out, struct diag *err);

/* Reads a number that fits 32 bits. */
bool cfg_read_u32(const struct cfg_node *n, uint32_t *out, struct diag *err);

/* Reads a size: a number with an optional K, M or G suffix (KiB, MiB, GiB). */
bool cfg_read_size(const struct cfg_node *n, uint64_t *out, struct diag *err);

/* Reads true/false/yes/no. */
bool cfg_read_bool(const struct cfg_node *n, bool *out, struct diag *err);

/*
 * Reads a string into buf (size bytes with the terminator); longer strings and strings holding
 * a NUL are errors. Any scalar is a string: `name: 123` reads "123".
 */
bool cfg_read_str(const struct cfg_node *n, char *buf, size_t size, struct diag *err);

/*
 * Reads one of names[0..count) and stores its index in *out. Anything else is an error listing
 * the names, with the closest one suggested when it is near.
 */
bool cfg_read_enum(const struct cfg_node *n, const char *const *names, size_t count, unsigned *out,
		   struct diag *err);

/*
 * Returns the entry of candidates[0..count) closest to word in edit distance (insertions,
 * deletions, substitutions and swaps of neighbours), or NULL when none is close enough to be
 * a likely typo.
 */
const char *cfg_suggest(const char *word, const char *const *candidates, size_t count);

#endif
