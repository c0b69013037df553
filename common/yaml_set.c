/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `--set KEY=VALUE` overrides: parsing the key path, and editing a loaded libyaml document so
 * that the format's own parser reads the result. See include/common/yaml_set.h.
 *
 * libyaml keeps a document's nodes in one growable array and links them by 1-based index, so
 * every edit here works on indexes: adding a node may move the array, and a yaml_node_t pointer
 * held across an add would dangle.
 */
#include "common/yaml_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deepest flow value copied from a VALUE (values hold no alias: set_value_has_alias()). */
#define SET_MAX_DEPTH 32

/* What a message calls a node's kind. */
static const char *set_kind(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_SCALAR_NODE:
		return n->data.scalar.length == 0 ? "empty" : "a value";
	case YAML_NO_NODE:
		break;
	}
	return "nothing";
}

/* Parses one [N] at *p (just past the '['); advances *p past the ']'. */
static bool set_parse_index(const char **p, size_t *out)
{
	const char *s = *p;
	size_t v = 0;

	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (SIZE_MAX - 9) / 10 || v > 1000000)
			return false; /* no list has a million items */
		v = v * 10 + (size_t)(*s - '0');
	}
	if (*s != ']')
		return false;
	*p = s + 1;
	*out = v;
	return true;
}

/* Parses one key name at *p, up to '.', '[' or the end; advances *p past it. */
static bool set_parse_name(const char **p, char *out)
{
	size_t len = strcspn(*p, ".[]");

	if (len == 0 || len >= CFG_SET_NAME_MAX)
		return false;
	memcpy(out, *p, len);
	out[len] = '\0';
	*p += len;
	return true;
}

/* Splits set->key into segments. */
static bool set_parse_key(struct cfg_set *set)
{
	const char *p = set->key;

	for (;;) {
		struct cfg_set_segment *g;

		if (set->seg_count == CFG_SET_MAX_SEGMENTS)
			return false;
		g = &set->segs[set->seg_count];
		if (*p == '[') {
			/* The top of every format is a mapping: a key starts with a name. */
			if (set->seg_count == 0)
				return false;
			p++;
			g->is_index = true;
			if (!set_parse_index(&p, &g->index))
				return false;
		} else if (!set_parse_name(&p, g->name)) {
			return false;
		}
		set->seg_count++;
		if (*p == '\0')
			return true;
		if (*p == '.')
			p++;
		else if (*p != '[')
			return false;
	}
}

bool cfg_set_parse(const char *text, struct cfg_set *set, struct diag *err)
{
	const char *eq;
	size_t len = strlen(text);

	memset(set, 0, sizeof(*set));
	if (len >= CFG_SET_TEXT_MAX) {
		diag_set(err, NULL, 0, 0, "--set %.40s...: longer than %u characters", text,
			 CFG_SET_TEXT_MAX - 1);
		return false;
	}
	memcpy(set->text, text, len + 1);
	eq = strchr(text, '=');
	if (eq == NULL) {
		diag_set(err, NULL, 0, 0, "--set %s: expected KEY=VALUE", text);
		return false;
	}
	if (eq == text) {
		diag_set(err, NULL, 0, 0, "--set %s: the key is empty; expected KEY=VALUE", text);
		return false;
	}
	memcpy(set->key, text, (size_t)(eq - text));
	set->key[eq - text] = '\0';
	snprintf(set->value, sizeof(set->value), "%s", eq + 1);
	if (!set_parse_key(set)) {
		diag_set(err, NULL, 0, 0,
			 "--set %s: \"%s\" is not a key path (key names joined by '.', list items "
			 "as [N], at most %u parts)",
			 text, set->key, CFG_SET_MAX_SEGMENTS);
		return false;
	}
	return true;
}

const char *cfg_set_path(const struct cfg_set *set, unsigned count, char *buf, size_t size)
{
	size_t o = 0;
	unsigned i;

	buf[0] = '\0';
	for (i = 0; i < count && i < set->seg_count && o < size; i++) {
		const struct cfg_set_segment *g = &set->segs[i];
		int w;

		if (g->is_index)
			w = snprintf(buf + o, size - o, "[%zu]", g->index);
		else
			w = snprintf(buf + o, size - o, "%s%s", i > 0 ? "." : "", g->name);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	return buf;
}

bool cfg_set_find(struct cfg_doc *doc, const struct cfg_set *set, unsigned count,
		  struct cfg_node *out)
{
	struct cfg_node n = {.doc = doc};
	unsigned i;

	n.node = doc->loaded ? yaml_document_get_root_node(&doc->doc) : NULL;
	if (n.node == NULL)
		return false;
	for (i = 0; i < count && i < set->seg_count; i++) {
		const struct cfg_set_segment *g = &set->segs[i];

		if (g->is_index) {
			if (!cfg_is_seq(&n) || g->index >= cfg_seq_count(&n))
				return false;
			cfg_seq_item(&n, g->index, &n);
		} else if (!cfg_is_map(&n) || !cfg_map_get(&n, g->name, &n)) {
			return false;
		}
	}
	*out = n;
	return true;
}

/* Gives node `index` the position of override `tag`. */
static void set_mark(yaml_document_t *doc, int index, unsigned tag)
{
	yaml_node_t *n = yaml_document_get_node(doc, index);
	yaml_mark_t mark = {.index = 0, .line = (size_t)CFG_SET_LINE_BASE + tag, .column = 0};

	n->start_mark = mark;
	n->end_mark = mark;
}

/* Copies node `index` of src (and its children) into dst. Returns its index there, or 0. */
static int set_copy(yaml_document_t *dst, yaml_document_t *src, int index, unsigned tag,
		    unsigned depth)
{
	yaml_node_t *n = yaml_document_get_node(src, index);
	int out = 0;

	if (n == NULL || depth > SET_MAX_DEPTH)
		return 0;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		out = yaml_document_add_scalar(dst, n->tag, n->data.scalar.value,
					       (int)n->data.scalar.length, n->data.scalar.style);
		break;
	case YAML_SEQUENCE_NODE: {
		int count = (int)(n->data.sequence.items.top - n->data.sequence.items.start);

		out = yaml_document_add_sequence(dst, n->tag, n->data.sequence.style);
		for (int i = 0; out != 0 && i < count; i++) {
			int item =
				set_copy(dst, src, n->data.sequence.items.start[i], tag, depth + 1);

			if (item == 0 || !yaml_document_append_sequence_item(dst, out, item))
				out = 0;
		}
		break;
	}
	case YAML_MAPPING_NODE: {
		int count = (int)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);

		out = yaml_document_add_mapping(dst, n->tag, n->data.mapping.style);
		for (int i = 0; out != 0 && i < count; i++) {
			yaml_node_pair_t pair = n->data.mapping.pairs.start[i];
			int k = set_copy(dst, src, pair.key, tag, depth + 1);
			int v = k != 0 ? set_copy(dst, src, pair.value, tag, depth + 1) : 0;

			if (v == 0 || !yaml_document_append_mapping_pair(dst, out, k, v))
				out = 0;
		}
		break;
	}
	case YAML_NO_NODE:
		break;
	}
	if (out != 0)
		set_mark(dst, out, tag);
	return out;
}

/* A new scalar node holding text, positioned at override tag. Returns its index, or 0. */
static int set_add_scalar(yaml_document_t *doc, const char *text, unsigned tag)
{
	int out = yaml_document_add_scalar(doc, NULL, (const yaml_char_t *)text, (int)strlen(text),
					   YAML_PLAIN_SCALAR_STYLE);

	if (out != 0)
		set_mark(doc, out, tag);
	return out;
}

/* Counts one more reference to node `index` of a VALUE; false on the second (an alias). */
static bool set_ref(unsigned char *refs, int index)
{
	if (refs[index - 1] != 0)
		return false;
	refs[index - 1] = 1;
	return true;
}

/*
 * Whether a VALUE refers to a node twice: libyaml turns an alias (`*a`) into a second reference
 * to the anchored node, so copying it expands every alias, and a few hundred bytes of nested
 * aliases ("billion laughs") expand to billions of nodes. Values are one-line settings, which
 * never need an alias: any is refused. Linear in the value's nodes.
 */
static bool set_value_has_alias(yaml_document_t *value, int root)
{
	size_t count = (size_t)(value->nodes.top - value->nodes.start);
	unsigned char *refs = calloc(count != 0 ? count : 1, 1);
	bool alias = refs == NULL || !set_ref(refs, root);

	for (size_t i = 0; !alias && i < count; i++) {
		yaml_node_t *n = &value->nodes.start[i];

		if (n->type == YAML_SEQUENCE_NODE) {
			for (yaml_node_item_t *it = n->data.sequence.items.start;
			     !alias && it < n->data.sequence.items.top; it++)
				alias = !set_ref(refs, *it);
		} else if (n->type == YAML_MAPPING_NODE) {
			for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			     !alias && p < n->data.mapping.pairs.top; p++)
				alias = !set_ref(refs, p->key) || !set_ref(refs, p->value);
		}
	}
	free(refs);
	return alias;
}

/* Builds the override's VALUE as nodes of doc. Returns the top node's index, or 0 with *err. */
static int set_add_value(struct cfg_doc *doc, const struct cfg_set *set, unsigned tag,
			 struct diag *err)
{
	struct cfg_doc value;
	struct diag d = {0};
	yaml_node_t *root;
	int out;

	if (!cfg_doc_load_buffer("VALUE", set->value, strlen(set->value), &value, &d)) {
		diag_set(err, NULL, 0, 0, "--set %s: the value is not valid YAML: %s", set->text,
			 d.msg);
		return 0;
	}
	root = yaml_document_get_root_node(&value.doc);
	if (root != NULL &&
	    set_value_has_alias(&value.doc, (int)(root - value.doc.nodes.start) + 1)) {
		cfg_doc_free(&value);
		diag_set(err, NULL, 0, 0,
			 "--set %s: the value uses a YAML alias (*NAME); aliases are not allowed "
			 "in values",
			 set->text);
		return 0;
	}
	if (root == NULL) /* an empty value: an empty plain scalar, as `key:` reads */
		out = set_add_scalar(&doc->doc, "", tag);
	else
		out = set_copy(&doc->doc, &value.doc, (int)(root - value.doc.nodes.start) + 1, tag,
			       0);
	cfg_doc_free(&value);
	if (out == 0)
		diag_set(err, NULL, 0, 0,
			 "--set %s: the value cannot be used (nested too deeply, "
			 "or out of memory)",
			 set->text);
	return out;
}

/* Where the walk came from: the slot of the parent that holds the current node. */
struct set_slot {
	int parent; /* 0 for the root */
	size_t at;  /* pair or item index in the parent */
};

/* Makes slot refer to node `index` instead. */
static void set_replace(yaml_document_t *doc, struct set_slot slot, int index)
{
	yaml_node_t *p = yaml_document_get_node(doc, slot.parent);

	if (p->type == YAML_MAPPING_NODE)
		p->data.mapping.pairs.start[slot.at].value = index;
	else
		p->data.sequence.items.start[slot.at] = index;
}

/* The pair index of key name in mapping node `map`, or -1. */
static long set_map_find(yaml_document_t *doc, int map, const char *name)
{
	yaml_node_t *m = yaml_document_get_node(doc, map);
	size_t len = strlen(name);
	long count = (long)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);

	for (long i = 0; i < count; i++) {
		yaml_node_t *k = yaml_document_get_node(doc, m->data.mapping.pairs.start[i].key);

		if (k->type == YAML_SCALAR_NODE && k->data.scalar.length == len &&
		    memcmp(k->data.scalar.value, name, len) == 0)
			return i;
	}
	return -1;
}

/* Adds key: value (value a node index) to mapping `map`. Returns the pair's index, or -1. */
static long set_map_add(yaml_document_t *doc, int map, const char *name, int value, unsigned tag)
{
	int key = set_add_scalar(doc, name, tag);
	yaml_node_t *m;

	if (key == 0 || !yaml_document_append_mapping_pair(doc, map, key, value))
		return -1;
	m = yaml_document_get_node(doc, map);
	return (long)(m->data.mapping.pairs.top - m->data.mapping.pairs.start) - 1;
}

/* Reports a walk error: "--set TEXT: PATH is KIND, not ..." with the path up to segment i. */
static bool set_walk_error(const struct cfg_set *set, unsigned i, const char *what,
			   struct diag *err)
{
	char path[CFG_SET_TEXT_MAX];

	cfg_set_path(set, i, path, sizeof(path));
	diag_set(err, NULL, 0, 0, "--set %s: %s %s", set->text, path, what);
	return false;
}

/* Where a walk is: the node reached, and the slot of its parent that holds it. */
struct set_walk {
	int cur;
	struct set_slot slot;
};

/* What one step of a walk led to. */
enum set_step {
	SET_STEP_NEXT, /* walk->cur is the next node */
	SET_STEP_DONE, /* the value was added (a missing key, or an item appended) */
	SET_STEP_FAIL  /* *err is set */
};

/* Steps into item [index] (segment i) of the list at walk->cur; one past the end appends. */
static enum set_step set_step_index(struct cfg_doc *doc, const struct cfg_set *set, unsigned i,
				    unsigned tag, struct set_walk *walk, struct diag *err)
{
	const struct cfg_set_segment *g = &set->segs[i];
	yaml_node_t *n = yaml_document_get_node(&doc->doc, walk->cur);
	char what[96];
	size_t count;
	int value;

	if (n->type != YAML_SEQUENCE_NODE) {
		snprintf(what, sizeof(what), "is %s, not a list", set_kind(n));
		set_walk_error(set, i, what, err);
		return SET_STEP_FAIL;
	}
	count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (g->index < count) {
		walk->slot = (struct set_slot){walk->cur, g->index};
		walk->cur = n->data.sequence.items.start[g->index];
		return SET_STEP_NEXT;
	}
	if (g->index > count || i + 1 != set->seg_count) {
		snprintf(what, sizeof(what), "has %zu item%s; [%zu] is beyond its end", count,
			 count == 1 ? "" : "s", g->index);
		set_walk_error(set, i, what, err);
		return SET_STEP_FAIL;
	}
	value = set_add_value(doc, set, tag, err);
	if (value == 0)
		return SET_STEP_FAIL;
	if (!yaml_document_append_sequence_item(&doc->doc, walk->cur, value)) {
		set_walk_error(set, i, "cannot grow (out of memory)", err);
		return SET_STEP_FAIL;
	}
	return SET_STEP_DONE;
}

/*
 * Steps into key name (segment i) of the mapping at walk->cur. A missing key is added: with the
 * value when it is the last segment, else with an empty mapping to walk on into. An empty value
 * (`key:` in the file) becomes a mapping first.
 */
static enum set_step set_step_name(struct cfg_doc *doc, const struct cfg_set *set, unsigned i,
				   unsigned tag, struct set_walk *walk, struct diag *err)
{
	const struct cfg_set_segment *g = &set->segs[i];
	yaml_document_t *d = &doc->doc;
	yaml_node_t *n = yaml_document_get_node(d, walk->cur);
	bool last = i + 1 == set->seg_count;
	char what[96];
	long at;
	int value;

	if (n->type == YAML_SCALAR_NODE && n->data.scalar.length == 0 &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && walk->slot.parent != 0) {
		int map = yaml_document_add_mapping(d, NULL, YAML_BLOCK_MAPPING_STYLE);

		if (map == 0) {
			set_walk_error(set, i, "cannot grow (out of memory)", err);
			return SET_STEP_FAIL;
		}
		set_mark(d, map, tag);
		set_replace(d, walk->slot, map);
		walk->cur = map;
		n = yaml_document_get_node(d, map);
	}
	if (n->type != YAML_MAPPING_NODE) {
		snprintf(what, sizeof(what), "is %s, not a mapping with a key \"%s\"", set_kind(n),
			 g->name);
		set_walk_error(set, i, what, err);
		return SET_STEP_FAIL;
	}
	at = set_map_find(d, walk->cur, g->name);
	if (at >= 0) {
		walk->slot = (struct set_slot){walk->cur, (size_t)at};
		walk->cur = n->data.mapping.pairs.start[at].value;
		return SET_STEP_NEXT;
	}
	if (last) {
		value = set_add_value(doc, set, tag, err);
		if (value == 0)
			return SET_STEP_FAIL;
	} else {
		value = yaml_document_add_mapping(d, NULL, YAML_BLOCK_MAPPING_STYLE);
		if (value != 0)
			set_mark(d, value, tag);
	}
	at = value != 0 ? set_map_add(d, walk->cur, g->name, value, tag) : -1;
	if (at < 0) {
		set_walk_error(set, i, "cannot grow (out of memory)", err);
		return SET_STEP_FAIL;
	}
	if (last)
		return SET_STEP_DONE;
	walk->slot = (struct set_slot){walk->cur, (size_t)at};
	walk->cur = value;
	return SET_STEP_NEXT;
}

bool cfg_set_apply(struct cfg_doc *doc, const struct cfg_set *set, unsigned first, unsigned tag,
		   struct diag *err)
{
	yaml_node_t *root = doc->loaded ? yaml_document_get_root_node(&doc->doc) : NULL;
	struct set_walk walk = {0, {0, 0}};
	int value;

	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		diag_set(err, doc->file, 0, 0, "--set %s: the file is not a mapping of settings",
			 set->text);
		return false;
	}
	if (first >= set->seg_count) {
		diag_set(err, NULL, 0, 0, "--set %s: the key names no setting", set->text);
		return false;
	}
	walk.cur = (int)(root - doc->doc.nodes.start) + 1;
	for (unsigned i = first; i < set->seg_count; i++) {
		enum set_step step = set->segs[i].is_index
					     ? set_step_index(doc, set, i, tag, &walk, err)
					     : set_step_name(doc, set, i, tag, &walk, err);

		if (step != SET_STEP_NEXT)
			return step == SET_STEP_DONE;
	}
	/* The key exists: its value is replaced. */
	value = set_add_value(doc, set, tag, err);
	if (value == 0)
		return false;
	set_replace(&doc->doc, walk.slot, value);
	return true;
}

bool cfg_set_apply_all(struct cfg_doc *doc, const char *const *texts, unsigned count,
		       struct cfg_set *sets, struct diag *err)
{
	struct cfg_set one;

	for (unsigned i = 0; i < count; i++) {
		struct cfg_set *s = sets != NULL ? &sets[i] : &one;

		if (!cfg_set_parse(texts[i], s, err) || !cfg_set_apply(doc, s, 0, i, err))
			return false;
	}
	return true;
}

int cfg_set_tag(const struct cfg_node *n)
{
	size_t line = n->node->start_mark.line;

	if (line < CFG_SET_LINE_BASE)
		return -1;
	return (int)(line - CFG_SET_LINE_BASE);
}

bool cfg_set_explain(const struct cfg_set *sets, unsigned count, struct diag *err)
{
	char msg[DIAG_MSG_MAX];
	unsigned k;

	if (err == NULL || err->line <= CFG_SET_LINE_BASE)
		return false;
	k = err->line - CFG_SET_LINE_BASE - 1;
	if (k >= count)
		return false;
	memcpy(msg, err->msg, sizeof(msg));
	diag_set(err, NULL, 0, 0, "--set %s: %s", sets[k].text, msg);
	return true;
}
