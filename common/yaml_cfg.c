/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * YAML configuration helpers: loading with positions, walking mappings and sequences, typed
 * readers. See include/common/yaml_cfg.h for the conventions every format shares.
 */
#include "common/yaml_cfg.h"

#include "common/file.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much of a value a message quotes before cutting it with "...". */
#define CFG_QUOTE_MAX 48
/* Words longer than this get no suggestion (keeps the distance table small). */
#define CFG_SUGGEST_MAX 64

/* True for a value left empty (`key:`), which YAML reads as null. */
static bool cfg_is_empty(const struct cfg_node *n)
{
	return cfg_is_scalar(n) && n->node->data.scalar.length == 0 &&
	       n->node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* Copies a value into buf as a double-quoted, printable, possibly shortened string. */
static const char *cfg_quote(const char *s, size_t len, char *buf, size_t size)
{
	size_t o = 0;
	size_t i;

	if (size < 8)
		return "\"\"";
	buf[o++] = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i == CFG_QUOTE_MAX || o + 5 >= size) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		buf[o++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

/* Describes what a node holds, for "expected X, found Y" messages. */
static const char *cfg_describe(const struct cfg_node *n, char *buf, size_t size)
{
	switch (n->node->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_SCALAR_NODE:
		if (cfg_is_empty(n))
			return "nothing";
		return cfg_quote((const char *)n->node->data.scalar.value,
				 n->node->data.scalar.length, buf, size);
	case YAML_NO_NODE:
		break;
	}
	return "nothing";
}

/* Appends len bytes of s to the path being built in dst (length *o), cutting at CFG_PATH_MAX. */
static void cfg_path_add(char *dst, size_t *o, const char *s, size_t len)
{
	if (len > CFG_PATH_MAX - 1 - *o)
		len = CFG_PATH_MAX - 1 - *o;
	memcpy(dst + *o, s, len);
	*o += len;
	dst[*o] = '\0';
}

/* Builds a child's key path: parent, then open, name, close ("gic" "." "version" ""). */
static void cfg_path_set(char *dst, const char *parent, const char *open, const char *name,
			 size_t name_len, const char *close)
{
	size_t o = 0;

	dst[0] = '\0';
	cfg_path_add(dst, &o, parent, strlen(parent));
	cfg_path_add(dst, &o, open, strlen(open));
	cfg_path_add(dst, &o, name, name_len);
	cfg_path_add(dst, &o, close, strlen(close));
}

/* Positions a diag at a libyaml mark, for the errors found while loading. */
static void cfg_error_at(const struct cfg_doc *doc, yaml_mark_t mark, struct diag *err,
			 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void cfg_error_at(const struct cfg_doc *doc, yaml_mark_t mark, struct diag *err,
			 const char *fmt, ...)
{
	char msg[DIAG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_set(err, doc->file, (unsigned)mark.line + 1, (unsigned)mark.column + 1, "%s", msg);
}

/* Turns a byte offset into a 1-based line and column (reader errors carry only an offset). */
static void cfg_offset_pos(const char *data, size_t size, size_t offset, unsigned *line,
			   unsigned *column)
{
	size_t i;

	*line = 1;
	*column = 1;
	for (i = 0; i < offset && i < size; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*column = 1;
		} else {
			(*column)++;
		}
	}
}

/* Reports a libyaml failure with its problem text and the position libyaml gives. */
static void cfg_parser_error(const struct cfg_doc *doc, const yaml_parser_t *parser,
			     const char *data, size_t size, struct diag *err)
{
	const char *problem = parser->problem != NULL ? parser->problem : "invalid YAML";
	unsigned line, column;

	switch (parser->error) {
	case YAML_MEMORY_ERROR:
		diag_set(err, doc->file, 0, 0, "out of memory while reading YAML");
		return;
	case YAML_READER_ERROR:
		/* Encoding errors carry a byte offset, not a mark. */
		cfg_offset_pos(data, size, parser->problem_offset, &line, &column);
		diag_set(err, doc->file, line, column, "%s", problem);
		return;
	default:
		break;
	}
	if (parser->context != NULL)
		cfg_error_at(doc, parser->problem_mark, err, "%s (%s at line %zu, column %zu)",
			     problem, parser->context, parser->context_mark.line + 1,
			     parser->context_mark.column + 1);
	else
		cfg_error_at(doc, parser->problem_mark, err, "%s", problem);
}

/* FNV-1a over a key's bytes, for the duplicate-key set. */
static uint64_t cfg_key_hash(const yaml_node_t *k)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < k->data.scalar.length; i++)
		h = (h ^ k->data.scalar.value[i]) * 0x100000001b3ull;
	return h;
}

/*
 * Finds the key of pair a among the keys already in the set (slots holding pair indexes + 1, a
 * power of two long), adding it when it is new. Returns the earlier pair with the same key, or
 * -1. Linear probing: each mapping costs time linear in its size, however many keys it has.
 */
static long cfg_key_set_add(struct cfg_doc *doc, const yaml_node_pair_t *pairs, long a,
			    uint32_t *slots, size_t mask)
{
	yaml_node_t *ka = yaml_document_get_node(&doc->doc, pairs[a].key);
	size_t i = (size_t)cfg_key_hash(ka) & mask;

	for (; slots[i] != 0; i = (i + 1) & mask) {
		long b = (long)slots[i] - 1;
		yaml_node_t *kb = yaml_document_get_node(&doc->doc, pairs[b].key);

		if (kb->data.scalar.length == ka->data.scalar.length &&
		    memcmp(kb->data.scalar.value, ka->data.scalar.value, ka->data.scalar.length) ==
			    0)
			return b;
	}
	slots[i] = (uint32_t)a + 1;
	return -1;
}

/*
 * Rejects what no format accepts, once for the whole document: keys that are not scalars and
 * keys repeated in one mapping (YAML 1.2 §3.2.1.1 requires keys to be unique; libyaml keeps
 * both). Walks the node table rather than the tree, so aliases are visited once; a hash set of
 * each mapping's keys keeps a 100,000-key mapping as cheap as 100,000 small ones.
 */
static bool cfg_check_mappings(struct cfg_doc *doc, struct diag *err)
{
	uint32_t *slots = NULL;
	size_t cap = 0;
	yaml_node_t *node;
	bool ok = true;

	for (node = doc->doc.nodes.start; ok && node < doc->doc.nodes.top; node++) {
		yaml_node_pair_t *pairs = node->data.mapping.pairs.start;
		long count, a, b;
		size_t want = 16;

		if (node->type != YAML_MAPPING_NODE)
			continue;
		count = (long)(node->data.mapping.pairs.top - pairs);
		while (want < (size_t)count * 2)
			want *= 2;
		if (want > cap) {
			free(slots);
			slots = malloc(want * sizeof(*slots));
			cap = slots != NULL ? want : 0;
			if (slots == NULL) {
				diag_set(err, doc->file, 0, 0, "out of memory while reading YAML");
				return false;
			}
		}
		memset(slots, 0, want * sizeof(*slots));
		for (a = 0; a < count; a++) {
			yaml_node_t *ka = yaml_document_get_node(&doc->doc, pairs[a].key);
			char q[CFG_QUOTE_MAX + 8];
			yaml_node_t *kb;

			if (ka->type != YAML_SCALAR_NODE) {
				cfg_error_at(doc, ka->start_mark, err,
					     "a key must be a plain name, not %s",
					     ka->type == YAML_MAPPING_NODE ? "a mapping"
									   : "a list");
				ok = false;
				break;
			}
			b = cfg_key_set_add(doc, pairs, a, slots, want - 1);
			if (b < 0)
				continue;
			kb = yaml_document_get_node(&doc->doc, pairs[b].key);
			cfg_error_at(doc, ka->start_mark, err,
				     "duplicate key %s (first at line %zu, column %zu)",
				     cfg_quote((const char *)ka->data.scalar.value,
					       ka->data.scalar.length, q, sizeof(q)),
				     kb->start_mark.line + 1, kb->start_mark.column + 1);
			ok = false;
			break;
		}
	}
	free(slots);
	return ok;
}

/* Nodes a text of size bytes is given room for at first: a node takes at least a few bytes
 * ("a: 1" is two), so that a document seldom moves while it is built. */
#define CFG_NODES_PER_BYTE_SHIFT 2
#define CFG_NODES_FIRST_MAX (1u << 20)

/* An anchor seen in the document: its name, its node and where it was set. */
struct cfg_anchor {
	yaml_char_t *name;
	int index;
	yaml_mark_t mark;
};

/* A mapping or list being built: its node, and where its children start in the scratch. */
struct cfg_open {
	int index;
	size_t first;
};

/*
 * The state of one document being built from libyaml's events: the document, the collections
 * still open (at most CFG_MAX_DEPTH), the children of the open collections in one scratch
 * stack (each collection gets an array of exactly its size when it closes) and the anchors.
 */
struct cfg_build {
	const struct cfg_doc *doc;
	const void *data;
	size_t size;
	struct diag *err;
	yaml_document_t *out;
	struct cfg_open open[CFG_MAX_DEPTH];
	unsigned depth;
	int *scratch;
	size_t scratch_top, scratch_cap;
	struct cfg_anchor *anchors;
	size_t anchor_count, anchor_cap;
};

static bool cfg_build_nomem(struct cfg_build *b)
{
	diag_set(b->err, b->doc->file, 0, 0, "out of memory while reading YAML");
	return false;
}

/* Reads the next event; false with the parser's error reported. */
static bool cfg_build_event(struct cfg_build *b, yaml_parser_t *parser, yaml_event_t *ev)
{
	if (yaml_parser_parse(parser, ev))
		return true;
	cfg_parser_error(b->doc, parser, b->data, b->size, b->err);
	return false;
}

/* Appends a node to the document, its tag "!" (the default) dropped to NULL; its index
 * (1-based), or 0 when out of memory. */
static int cfg_build_node(struct cfg_build *b, yaml_node_t *node)
{
	yaml_document_t *d = b->out;

	if (node->tag != NULL && strcmp((const char *)node->tag, "!") == 0) {
		free(node->tag);
		node->tag = NULL;
	}

	if (d->nodes.top == d->nodes.end) {
		size_t cap = (size_t)(d->nodes.end - d->nodes.start);
		yaml_node_t *n;

		if (cap >= (size_t)INT32_MAX / 2 / sizeof(*n))
			return 0;
		n = realloc(d->nodes.start, 2 * cap * sizeof(*n));
		if (n == NULL)
			return 0;
		d->nodes.top = n + cap;
		d->nodes.end = n + 2 * cap;
		d->nodes.start = n;
	}
	*d->nodes.top++ = *node;
	return (int)(d->nodes.top - d->nodes.start);
}

/* Pushes a finished node (or an alias's target) as the next child of the open collection. */
static bool cfg_build_child(struct cfg_build *b, int index)
{
	if (b->depth == 0)
		return true; /* the root */
	if (b->scratch_top == b->scratch_cap) {
		size_t cap = b->scratch_cap ? 2 * b->scratch_cap : 256;
		int *s = realloc(b->scratch, cap * sizeof(*s));

		if (s == NULL)
			return false;
		b->scratch = s;
		b->scratch_cap = cap;
	}
	b->scratch[b->scratch_top++] = index;
	return true;
}

/* Records an anchor set on node index; false (reported) when the name is already taken, as
 * libyaml's loader refuses it. Takes the name. */
static bool cfg_build_anchor(struct cfg_build *b, yaml_char_t *name, int index, yaml_mark_t mark)
{
	if (name == NULL)
		return true;
	for (size_t i = 0; i < b->anchor_count; i++) {
		if (strcmp((const char *)b->anchors[i].name, (const char *)name) == 0) {
			cfg_error_at(b->doc, mark, b->err,
				     "second occurrence (found duplicate anchor; first occurrence "
				     "at line %zu, column %zu)",
				     b->anchors[i].mark.line + 1, b->anchors[i].mark.column + 1);
			free(name);
			return false;
		}
	}
	if (b->anchor_count == b->anchor_cap) {
		size_t cap = b->anchor_cap ? 2 * b->anchor_cap : 8;
		struct cfg_anchor *a = realloc(b->anchors, cap * sizeof(*a));

		if (a == NULL) {
			free(name);
			return cfg_build_nomem(b);
		}
		b->anchors = a;
		b->anchor_cap = cap;
	}
	b->anchors[b->anchor_count++] = (struct cfg_anchor){name, index, mark};
	return true;
}

/* Opens a mapping or a list: its node now (so that it precedes its children, as in libyaml's
 * documents), its children when it closes. Refuses nesting deeper than CFG_MAX_DEPTH at once,
 * before libyaml's scanner slows down with every further level. */
static bool cfg_build_open(struct cfg_build *b, yaml_event_t *ev)
{
	bool map = ev->type == YAML_MAPPING_START_EVENT;
	yaml_node_t node = {.type = map ? YAML_MAPPING_NODE : YAML_SEQUENCE_NODE,
			    .start_mark = ev->start_mark,
			    .end_mark = ev->end_mark};
	yaml_char_t *anchor = map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	int index;

	if (b->depth == CFG_MAX_DEPTH) {
		cfg_error_at(b->doc, ev->start_mark, b->err, "nested more than %d levels deep",
			     CFG_MAX_DEPTH);
		yaml_event_delete(ev);
		return false;
	}
	/* A tag other than the default is kept (libyaml's form); the default stays NULL, which
	 * libyaml's document functions read as the default. */
	if (map) {
		node.tag = ev->data.mapping_start.tag;
		node.data.mapping.style = ev->data.mapping_start.style;
		ev->data.mapping_start.tag = NULL;
		ev->data.mapping_start.anchor = NULL;
	} else {
		node.tag = ev->data.sequence_start.tag;
		node.data.sequence.style = ev->data.sequence_start.style;
		ev->data.sequence_start.tag = NULL;
		ev->data.sequence_start.anchor = NULL;
	}
	index = cfg_build_node(b, &node);
	if (index == 0) {
		free(node.tag);
		free(anchor);
		return cfg_build_nomem(b);
	}
	if (!cfg_build_anchor(b, anchor, index, ev->start_mark))
		return false;
	b->open[b->depth++] = (struct cfg_open){index, b->scratch_top};
	return true;
}

/* Closes the innermost collection: its children move from the scratch to an array of their
 * own (at least 4 long, as libyaml's document functions double what they extend). */
static bool cfg_build_close(struct cfg_build *b, const yaml_event_t *ev)
{
	struct cfg_open *o = &b->open[--b->depth];
	yaml_node_t *node = &b->out->nodes.start[o->index - 1];
	size_t count = b->scratch_top - o->first;
	/* No scratch yet when every collection so far was empty. */
	const int *kids = count > 0 ? b->scratch + o->first : NULL;

	node->end_mark = ev->end_mark;
	if (node->type == YAML_SEQUENCE_NODE) {
		yaml_node_item_t *items = malloc((count < 4 ? 4 : count) * sizeof(*items));

		if (items == NULL)
			return cfg_build_nomem(b);
		if (count > 0)
			memcpy(items, kids, count * sizeof(*items));
		node->data.sequence.items.start = items;
		node->data.sequence.items.top = items + count;
		node->data.sequence.items.end = items + (count < 4 ? 4 : count);
	} else {
		size_t pairs = count / 2;
		yaml_node_pair_t *p = malloc((pairs < 4 ? 4 : pairs) * sizeof(*p));

		if (p == NULL)
			return cfg_build_nomem(b);
		for (size_t i = 0; i < pairs; i++)
			p[i] = (yaml_node_pair_t){kids[2 * i], kids[2 * i + 1]};
		node->data.mapping.pairs.start = p;
		node->data.mapping.pairs.top = p + pairs;
		node->data.mapping.pairs.end = p + (pairs < 4 ? 4 : pairs);
	}
	b->scratch_top = o->first;
	return cfg_build_child(b, o->index) || cfg_build_nomem(b);
}

/* Adds a scalar (taking the event's text) or an alias's target. */
static bool cfg_build_leaf(struct cfg_build *b, yaml_event_t *ev)
{
	yaml_node_t node = {
		.type = YAML_SCALAR_NODE, .start_mark = ev->start_mark, .end_mark = ev->end_mark};
	yaml_char_t *anchor;
	int index = 0;

	if (ev->type == YAML_ALIAS_EVENT) {
		for (size_t i = 0; i < b->anchor_count && index == 0; i++) {
			if (strcmp((const char *)b->anchors[i].name,
				   (const char *)ev->data.alias.anchor) == 0)
				index = b->anchors[i].index;
		}
		if (index == 0) {
			cfg_error_at(b->doc, ev->start_mark, b->err, "found undefined alias");
			yaml_event_delete(ev);
			return false;
		}
		yaml_event_delete(ev);
		return cfg_build_child(b, index) || cfg_build_nomem(b);
	}
	node.tag = ev->data.scalar.tag;
	node.data.scalar.value = ev->data.scalar.value;
	node.data.scalar.length = ev->data.scalar.length;
	node.data.scalar.style = ev->data.scalar.style;
	anchor = ev->data.scalar.anchor;
	index = cfg_build_node(b, &node);
	if (index == 0) {
		free(node.tag);
		free(node.data.scalar.value);
		free(anchor);
		return cfg_build_nomem(b);
	}
	return cfg_build_anchor(b, anchor, index, ev->start_mark) &&
	       (cfg_build_child(b, index) || cfg_build_nomem(b));
}

/*
 * Builds the next document of the stream into *out in one pass over libyaml's events, the
 * document libyaml's yaml_parser_load() would build (nodes in the same order, aliases as
 * references to their anchors' nodes, the same errors), except that default tags stay NULL,
 * collections hold exactly their children and the node table is sized from the text at
 * first: a 10,000-step scenario is built without moving it or allocating per tag. *empty is
 * set when the stream has no further document. False with *err set; *out is then released.
 */
static bool cfg_build_document(struct cfg_build *b, yaml_parser_t *parser, yaml_document_t *out,
			       bool *empty)
{
	size_t cap = (b->size >> CFG_NODES_PER_BYTE_SHIFT) + 16;
	yaml_event_t ev;
	bool ok = true, done = false;

	memset(out, 0, sizeof(*out));
	*empty = false;
	b->out = out;
	if (cap > CFG_NODES_FIRST_MAX)
		cap = CFG_NODES_FIRST_MAX;
	out->nodes.start = malloc(cap * sizeof(*out->nodes.start));
	if (out->nodes.start == NULL)
		return cfg_build_nomem(b);
	out->nodes.top = out->nodes.start;
	out->nodes.end = out->nodes.start + cap;
	for (bool start = true; start;) {
		if (!cfg_build_event(b, parser, &ev)) {
			yaml_document_delete(out);
			return false;
		}
		start = ev.type == YAML_STREAM_START_EVENT;
		if (start)
			yaml_event_delete(&ev);
	}
	/* The end of the stream (libyaml gives no event after it). */
	if (ev.type == YAML_STREAM_END_EVENT || ev.type == YAML_NO_EVENT) {
		yaml_event_delete(&ev);
		*empty = true;
		return true;
	}
	/* The document's directives move from the event to the document, as libyaml does. */
	out->version_directive = ev.data.document_start.version_directive;
	out->tag_directives.start = ev.data.document_start.tag_directives.start;
	out->tag_directives.end = ev.data.document_start.tag_directives.end;
	out->start_implicit = ev.data.document_start.implicit;
	out->start_mark = ev.start_mark;
	while (ok && !done) {
		ok = cfg_build_event(b, parser, &ev);
		if (!ok)
			break;
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			ok = cfg_build_leaf(b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			ok = cfg_build_open(b, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			ok = cfg_build_close(b, &ev);
			break;
		case YAML_DOCUMENT_END_EVENT:
			out->end_implicit = ev.data.document_end.implicit;
			out->end_mark = ev.end_mark;
			done = true;
			break;
		case YAML_NO_EVENT: /* not inside a document; never loop on it */
			diag_set(b->err, b->doc->file, 0, 0,
				 "the YAML stream ended inside a document");
			ok = false;
			break;
		default: /* the parser produces no other event inside a document */
			yaml_event_delete(&ev);
			break;
		}
	}
	for (size_t i = 0; i < b->anchor_count; i++)
		free(b->anchors[i].name);
	b->anchor_count = 0;
	b->depth = 0;
	b->scratch_top = 0;
	if (!ok)
		yaml_document_delete(out);
	return ok;
}

bool cfg_doc_load_buffer(const char *name, const void *data, size_t size, struct cfg_doc *doc,
			 struct diag *err)
{
	struct cfg_build b = {.doc = doc, .data = data, .size = size, .err = err};
	yaml_parser_t parser;
	yaml_document_t extra;
	bool empty, ok;

	memset(doc, 0, sizeof(*doc));
	snprintf(doc->file, sizeof(doc->file), "%s", name);
	if (!yaml_parser_initialize(&parser)) {
		diag_set(err, doc->file, 0, 0, "out of memory while reading YAML");
		return false;
	}
	yaml_parser_set_input_string(&parser, data, size);
	ok = cfg_build_document(&b, &parser, &doc->doc, &empty);
	doc->loaded = ok;
	/* The file must hold one document: a second one is read (its own errors first) and
	 * refused. */
	if (ok && !empty) {
		b.size = 0; /* the second document's table starts small */
		ok = cfg_build_document(&b, &parser, &extra, &empty);
		if (ok && !empty)
			cfg_error_at(doc, extra.start_mark, err,
				     "a second YAML document starts here; the file must hold one");
		if (ok)
			yaml_document_delete(&extra);
		ok = ok && empty;
	}
	yaml_parser_delete(&parser);
	free(b.scratch);
	free(b.anchors);
	if (ok)
		ok = cfg_check_mappings(doc, err);
	if (!ok)
		cfg_doc_free(doc);
	return ok;
}

bool cfg_doc_load(const char *path, struct cfg_doc *doc, struct diag *err)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	bool ok;

	memset(doc, 0, sizeof(*doc));
	if (!cfg_read_file(path, CFG_FILE_MAX_SIZE, &buf, &len, err))
		return false;
	ok = cfg_doc_load_buffer(path, buf, len, doc, err);
	free(buf);
	return ok;
}

void cfg_doc_free(struct cfg_doc *doc)
{
	if (doc->loaded)
		yaml_document_delete(&doc->doc);
	doc->loaded = false;
}

bool cfg_doc_root(struct cfg_doc *doc, struct cfg_node *root, struct diag *err)
{
	char buf[CFG_QUOTE_MAX + 8];

	root->doc = doc;
	root->path[0] = '\0';
	root->node = doc->loaded ? yaml_document_get_root_node(&doc->doc) : NULL;
	if (root->node == NULL) {
		diag_set(err, doc->file, 0, 0, "the file is empty; expected a mapping of settings");
		return false;
	}
	if (!cfg_is_map(root))
		return cfg_error(root, err, "expected a mapping of settings, found %s",
				 cfg_describe(root, buf, sizeof(buf)));
	return true;
}

unsigned cfg_line(const struct cfg_node *n)
{
	return (unsigned)n->node->start_mark.line + 1;
}

unsigned cfg_column(const struct cfg_node *n)
{
	return (unsigned)n->node->start_mark.column + 1;
}

bool cfg_error(const struct cfg_node *n, struct diag *err, const char *fmt, ...)
{
	char msg[DIAG_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n->path[0] != '\0')
		diag_set(err, n->doc->file, cfg_line(n), cfg_column(n), "%s: %s", n->path, msg);
	else
		diag_set(err, n->doc->file, cfg_line(n), cfg_column(n), "%s", msg);
	return false;
}

bool cfg_is_map(const struct cfg_node *n)
{
	return n->node->type == YAML_MAPPING_NODE;
}

bool cfg_is_seq(const struct cfg_node *n)
{
	return n->node->type == YAML_SEQUENCE_NODE;
}

bool cfg_is_scalar(const struct cfg_node *n)
{
	return n->node->type == YAML_SCALAR_NODE;
}

const char *cfg_scalar(const struct cfg_node *n)
{
	return cfg_is_scalar(n) ? (const char *)n->node->data.scalar.value : NULL;
}

bool cfg_expect_map(const struct cfg_node *n, struct diag *err)
{
	char buf[CFG_QUOTE_MAX + 8];

	if (cfg_is_map(n))
		return true;
	return cfg_error(n, err, "expected a mapping, found %s", cfg_describe(n, buf, sizeof(buf)));
}

bool cfg_expect_seq(const struct cfg_node *n, struct diag *err)
{
	char buf[CFG_QUOTE_MAX + 8];

	if (cfg_is_seq(n))
		return true;
	return cfg_error(n, err, "expected a list, found %s", cfg_describe(n, buf, sizeof(buf)));
}

/* Optimal string alignment distance: edits plus swaps of two neighbouring characters. */
static size_t cfg_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[CFG_SUGGEST_MAX + 1][CFG_SUGGEST_MAX + 1];
	size_t i, j;

	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const char *cfg_suggest(const char *word, const char *const *candidates, size_t count)
{
	size_t lw = strlen(word);
	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	size_t i;

	if (lw > CFG_SUGGEST_MAX)
		return NULL;
	for (i = 0; i < count; i++) {
		size_t lc = strlen(candidates[i]);
		size_t longest = lc > lw ? lc : lw;
		size_t d;

		if (lc > CFG_SUGGEST_MAX)
			continue;
		d = cfg_distance(word, lw, candidates[i], lc);
		/* Close enough to be a typo: about one edit in three characters. */
		if (d * 3 <= longest + 1 && d < best_d) {
			best = candidates[i];
			best_d = d;
		}
	}
	return best;
}

bool cfg_map_check_keys(const struct cfg_node *map, const char *const *known, size_t count,
			struct diag *err)
{
	size_t n = cfg_map_count(map);
	size_t i, k;

	for (i = 0; i < n; i++) {
		struct cfg_node key;
		const char *name;
		const char *near;
		char q[CFG_QUOTE_MAX + 8];

		cfg_map_entry(map, i, &key, NULL);
		name = cfg_scalar(&key);
		for (k = 0; k < count; k++) {
			if (strcmp(name, known[k]) == 0)
				break;
		}
		if (k < count)
			continue;
		cfg_quote(name, key.node->data.scalar.length, q, sizeof(q));
		near = cfg_suggest(name, known, count);
		if (near != NULL)
			return cfg_error(&key, err, "unknown key %s; did you mean \"%s\"?", q,
					 near);
		return cfg_error(&key, err, "unknown key %s", q);
	}
	return true;
}

bool cfg_map_get(const struct cfg_node *map, const char *key, struct cfg_node *out)
{
	size_t n = cfg_map_count(map);
	size_t len = strlen(key);
	size_t i;

	for (i = 0; i < n; i++) {
		yaml_node_pair_t *pair = &map->node->data.mapping.pairs.start[i];
		yaml_node_t *k = yaml_document_get_node(&map->doc->doc, pair->key);

		if (k->type == YAML_SCALAR_NODE && k->data.scalar.length == len &&
		    memcmp(k->data.scalar.value, key, len) == 0) {
			cfg_map_entry(map, i, NULL, out);
			return true;
		}
	}
	return false;
}

bool cfg_map_require(const struct cfg_node *map, const char *key, struct cfg_node *out,
		     struct diag *err)
{
	if (cfg_map_get(map, key, out))
		return true;
	return cfg_error(map, err, "missing key \"%s\"", key);
}

size_t cfg_map_count(const struct cfg_node *map)
{
	if (!cfg_is_map(map))
		return 0;
	return (size_t)(map->node->data.mapping.pairs.top - map->node->data.mapping.pairs.start);
}

void cfg_map_entry(const struct cfg_node *map, size_t i, struct cfg_node *key,
		   struct cfg_node *value)
{
	yaml_node_pair_t *pair = &map->node->data.mapping.pairs.start[i];
	struct cfg_node k = {.doc = map->doc};
	struct cfg_node v = {.doc = map->doc};

	/* Built aside first: key or value may be the very node passed as map. */
	k.node = yaml_document_get_node(&map->doc->doc, pair->key);
	memcpy(k.path, map->path, sizeof(k.path));
	v.node = yaml_document_get_node(&map->doc->doc, pair->value);
	/* Keys are scalars: cfg_doc_load() rejects the others. */
	cfg_path_set(v.path, map->path, map->path[0] != '\0' ? "." : "",
		     (const char *)k.node->data.scalar.value, k.node->data.scalar.length, "");
	if (key != NULL)
		*key = k;
	if (value != NULL)
		*value = v;
}

size_t cfg_seq_count(const struct cfg_node *seq)
{
	if (!cfg_is_seq(seq))
		return 0;
	return (size_t)(seq->node->data.sequence.items.top - seq->node->data.sequence.items.start);
}

void cfg_seq_item(const struct cfg_node *seq, size_t i, struct cfg_node *out)
{
	struct cfg_node item = {.doc = seq->doc};
	char index[24];
	int len = snprintf(index, sizeof(index), "%zu", i);

	/* Built aside first: out may be seq itself. */
	item.node = yaml_document_get_node(&seq->doc->doc, seq->node->data.sequence.items.start[i]);
	cfg_path_set(item.path, seq->path, "[", index, (size_t)len, "]");
	*out = item;
}

/* Why a scalar is not a number. */
enum cfg_num_error { CFG_NUM_OK, CFG_NUM_INVALID, CFG_NUM_TOO_LARGE };

/*
 * Parses decimal or 0x-hexadecimal digits, '_' allowed between two digits, and with
 * allow_suffix one of K, M, G (binary multiples) at the end.
 */
static enum cfg_num_error cfg_parse_u64(const char *s, size_t len, bool allow_suffix, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;
	size_t i = 0;
	size_t digits = 0;
	bool too_large = false;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	for (; i < len; i++) {
		char c = s[i];
		unsigned dv;

		if (c >= '0' && c <= '9')
			dv = (unsigned)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			dv = (unsigned)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			dv = (unsigned)(c - 'A' + 10);
		else if (c == '_' && digits > 0 && i + 1 < len && s[i + 1] != '_')
			continue;
		else
			break;
		if (v > (UINT64_MAX - dv) / base)
			too_large = true;
		v = v * base + dv;
		digits++;
	}
	if (digits == 0 || s[i - 1] == '_')
		return CFG_NUM_INVALID;
	if (i < len) {
		unsigned shift;

		if (!allow_suffix || i + 1 != len)
			return CFG_NUM_INVALID;
		switch (s[i]) {
		case 'K':
			shift = 10;
			break;
		case 'M':
			shift = 20;
			break;
		case 'G':
			shift = 30;
			break;
		default:
			return CFG_NUM_INVALID;
		}
		if (v > (UINT64_MAX >> shift))
			too_large = true;
		v <<= shift;
	}
	if (too_large)
		return CFG_NUM_TOO_LARGE;
	*out = v;
	return CFG_NUM_OK;
}

/* Shared body of the number and size readers. */
static bool cfg_read_number(const struct cfg_node *n, bool allow_suffix, uint64_t *out,
			    struct diag *err)
{
	const char *what = allow_suffix ? "a size" : "a number";
	char buf[CFG_QUOTE_MAX + 8];
	const char *s = cfg_scalar(n);
	size_t len;

	if (s == NULL || cfg_is_empty(n))
		return cfg_error(n, err, "expected %s, found %s", what,
				 cfg_describe(n, buf, sizeof(buf)));
	len = n->node->data.scalar.length;
	cfg_quote(s, len, buf, sizeof(buf));
	switch (cfg_parse_u64(s, len, allow_suffix, out)) {
	case CFG_NUM_OK:
		return true;
	case CFG_NUM_TOO_LARGE:
		return cfg_error(n, err, "%s does not fit in 64 bits", buf);
	case CFG_NUM_INVALID:
		break;
	}
	if (allow_suffix)
		return cfg_error(n, err,
				 "%s is not a size (a number, optionally followed by K, M "
				 "or G)",
				 buf);
	return cfg_error(n, err, "%s is not a number", buf);
}

bool cfg_read_u64(const struct cfg_node *n, uint64_t *out, struct diag *err)
{
	return cfg_read_number(n, false, out, err);
}

bool cfg_read_size(const struct cfg_node *n, uint64_t *out, struct diag *err)
{
	return cfg_read_number(n, true, out, err);
}

bool cfg_read_u64_max(const struct cfg_node *n, uint64_t max, uint64_t *out, struct diag *err)
{
	uint64_t v = 0;
	char buf[CFG_QUOTE_MAX + 8];

	if (!cfg_read_u64(n, &v, err))
		return false;
	if (v > max) {
		const char *s = cfg_scalar(n);

		return cfg_error(n, err, "%s is out of range (at most %" PRIu64 ")",
				 cfg_quote(s, n->node->data.scalar.length, buf, sizeof(buf)), max);
	}
	*out = v;
	return true;
}

bool cfg_read_u32(const struct cfg_node *n, uint32_t *out, struct diag *err)
{
	uint64_t v = 0;

	if (!cfg_read_u64_max(n, UINT32_MAX, &v, err))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool cfg_read_bool(const struct cfg_node *n, bool *out, struct diag *err)
{
	char buf[CFG_QUOTE_MAX + 8];
	const char *s = cfg_scalar(n);

	if (s == NULL || cfg_is_empty(n))
		return cfg_error(n, err, "expected true or false, found %s",
				 cfg_describe(n, buf, sizeof(buf)));
	if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0) {
		*out = true;
		return true;
	}
	if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0) {
		*out = false;
		return true;
	}
	return cfg_error(n, err, "%s is not a boolean (true, false, yes or no)",
			 cfg_describe(n, buf, sizeof(buf)));
}

bool cfg_read_str(const struct cfg_node *n, char *out, size_t size, struct diag *err)
{
	char buf[CFG_QUOTE_MAX + 8];
	const char *s = cfg_scalar(n);
	size_t len;

	if (s == NULL || cfg_is_empty(n))
		return cfg_error(n, err, "expected a string, found %s",
				 cfg_describe(n, buf, sizeof(buf)));
	len = n->node->data.scalar.length;
	if (strlen(s) != len)
		return cfg_error(n, err, "the string holds a NUL character");
	if (len >= size)
		return cfg_error(n, err, "%s is too long (at most %zu characters)",
				 cfg_quote(s, len, buf, sizeof(buf)), size - 1);
	memcpy(out, s, len + 1);
	return true;
}

/* Writes "a, b, c" into buf. */
static const char *cfg_join(const char *const *names, size_t count, char *buf, size_t size)
{
	size_t o = 0;
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < count; i++) {
		int w = snprintf(buf + o, size - o, "%s%s", i > 0 ? ", " : "", names[i]);

		if (w < 0 || (size_t)w >= size - o)
			break;
		o += (size_t)w;
	}
	return buf;
}

bool cfg_read_enum(const struct cfg_node *n, const char *const *names, size_t count, unsigned *out,
		   struct diag *err)
{
	char buf[CFG_QUOTE_MAX + 8];
	char list[256];
	const char *s = cfg_scalar(n);
	const char *near;
	size_t i;

	cfg_join(names, count, list, sizeof(list));
	if (s == NULL || cfg_is_empty(n))
		return cfg_error(n, err, "expected one of %s, found %s", list,
				 cfg_describe(n, buf, sizeof(buf)));
	for (i = 0; i < count; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (unsigned)i;
			return true;
		}
	}
	cfg_describe(n, buf, sizeof(buf));
	near = cfg_suggest(s, names, count);
	if (near != NULL)
		return cfg_error(n, err, "%s is not one of %s; did you mean \"%s\"?", buf, list,
				 near);
	return cfg_error(n, err, "%s is not one of %s", buf, list);
}
