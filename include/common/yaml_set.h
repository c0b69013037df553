/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `--set KEY=VALUE` overrides of YAML configuration files (system files, partition manifests,
 * scenarios, matrices). An override edits the loaded document tree before any parser reads it,
 * so the parser that checks a file checks its overrides the same way:
 *
 *	--set spmc.version=1.1                     replaces a value
 *	--set partitions[0].ffa-version=1.1        walks list items by index
 *	--set hypervisor.settings.renegotiation=no adds missing keys (and mappings on the way)
 *	--set partitions[0].messaging-method=[direct-req-recv, indirect]
 *
 * KEY is a path of key names separated by '.', with [N] for the N-th item of a list (from 0).
 * Missing keys are added to their mapping, with empty mappings created for the missing keys
 * before the last; an index one past the end of a list appends an item. VALUE is read as YAML:
 * a plain value, or a flow list or mapping; quote it to keep `:`, `#` or brackets as text.
 *
 * Nodes an override creates carry a position of their own (line CFG_SET_LINE_BASE + the
 * override's index), so that when a parser rejects one of them cfg_set_explain() can name the
 * override instead of a place in the file: "--set spmc.version=1.7: spmc.version: ...".
 */
#ifndef COMMON_YAML_SET_H
#define COMMON_YAML_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"
#include "common/yaml_cfg.h"

#define CFG_SET_TEXT_MAX 512    /* one "KEY=VALUE" */
#define CFG_SET_MAX_SEGMENTS 16 /* names and indexes in one KEY */
#define CFG_SET_NAME_MAX 64     /* one key name */
/* Line (0-based, as libyaml counts) of the nodes override k creates: CFG_SET_LINE_BASE + k.
 * Files are at most CFG_FILE_MAX_SIZE bytes, so no real line comes near it. */
#define CFG_SET_LINE_BASE 0x40000000u

/* One step of a KEY: a key name, or [index]. */
struct cfg_set_segment {
	bool is_index;
	size_t index;
	char name[CFG_SET_NAME_MAX];
};

/* One parsed override. */
struct cfg_set {
	char text[CFG_SET_TEXT_MAX]; /* "KEY=VALUE" as given, for messages */
	char key[CFG_SET_TEXT_MAX];
	char value[CFG_SET_TEXT_MAX];
	struct cfg_set_segment segs[CFG_SET_MAX_SEGMENTS];
	unsigned seg_count;
};

/*
 * Parses "KEY=VALUE" into *set. Returns false with *err ("--set TEXT: why", no file) when there
 * is no '=', the key is empty or is not a path of names and [N] indexes.
 */
bool cfg_set_parse(const char *text, struct cfg_set *set, struct diag *err);

/*
 * Writes the key path of segments [0, count) of set into buf ("partitions[0].id"). Returns buf.
 */
const char *cfg_set_path(const struct cfg_set *set, unsigned count, char *buf, size_t size);

/*
 * Walks segments [0, count) of set from the root of doc without changing anything. Returns true
 * with *out at the node reached, false when a key or item on the way is missing or a node is
 * not the kind the segment needs (a name on a list, an index on a mapping, anything below a
 * scalar).
 */
bool cfg_set_find(struct cfg_doc *doc, const struct cfg_set *set, unsigned count,
		  struct cfg_node *out);

/*
 * Applies set to doc: segments [first, seg_count) are walked from doc's root (first > 0 when
 * the earlier segments led into this document from another, as partitions[0] leads from a
 * system file into a manifest file). The node at the end is replaced by VALUE, or added when
 * missing. tag (the override's index in the caller's list) positions the new nodes for
 * cfg_set_explain(). Node pointers taken from doc before the call are invalid after it.
 * Returns false with *err naming the override when VALUE is not valid YAML, an index is
 * beyond the end of its list, or the walk meets a node of the wrong kind.
 */
bool cfg_set_apply(struct cfg_doc *doc, const struct cfg_set *set, unsigned first, unsigned tag,
		   struct diag *err);

/*
 * Parses and applies texts[0..count) to doc in order (tags 0..count-1). sets, when not NULL,
 * receives the parsed overrides (count of them) for cfg_set_explain().
 */
bool cfg_set_apply_all(struct cfg_doc *doc, const char *const *texts, unsigned count,
		       struct cfg_set *sets, struct diag *err);

/*
 * The index of the override that created node n, or -1 when n comes from the file.
 */
int cfg_set_tag(const struct cfg_node *n);

/*
 * If *err is positioned at a node created by one of sets[0..count), rewrites it to name that
 * override instead ("--set KEY=VALUE: message", no file) and returns true; else leaves it.
 */
bool cfg_set_explain(const struct cfg_set *sets, unsigned count, struct diag *err);

#endif
