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

/*
 * An upper bound of a text's nesting depth, in one pass over its bytes. A block collection
 * nested in another starts further right, but for a list that is a mapping's value, which may
 * start in the key's column (YAML 1.2 §8.2.1), so every two block levels move at least one
 * column right; each flow collection opens with its own '[' or '{'.
 */
static size_t cfg_depth_bound(const unsigned char *text, size_t size)
{
	size_t flow = 0, line = 0, longest = 0;

	for (size_t i = 0; i < size; i++) {
		if (text[i] == '\n') {
			line = 0;
			continue;
		}
		if (++line > longest)
			longest = line;
		flow += text[i] == '[' || text[i] == '{';
	}
	return 2 * (longest + 1) + flow;
}

/*
 * Refuses a document nested deeper than CFG_MAX_DEPTH before it is built: one pass over
 * libyaml's events that stops at the first collection too deep. libyaml's scanner slows down
 * with every open level, so a file of 100,000 `[` would take a minute to build and then be
 * refused anyway; this pass reads only as far as the limit. Syntax errors are left to the
 * load that follows, which reports them with the same position.
 */
static bool cfg_check_depth(const struct cfg_doc *doc, const void *data, size_t size,
			    struct diag *err)
{
	yaml_parser_t parser;
	unsigned depth = 0;
	bool ok = true, done = false;

	/* Most files cannot be that deep: skip the pass (a quarter of the load's time). */
	if (cfg_depth_bound(data, size) <= CFG_MAX_DEPTH)
		return true;
	if (!yaml_parser_initialize(&parser)) {
		diag_set(err, doc->file, 0, 0, "out of memory while reading YAML");
		return false;
	}
	yaml_parser_set_input_string(&parser, data, size);
	while (ok && !done) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&parser, &ev))
			break; /* the load reports it */
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > CFG_MAX_DEPTH) {
				cfg_error_at(doc, ev.start_mark, err,
					     "nested more than %d levels deep", CFG_MAX_DEPTH);
				ok = false;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return ok;
}

bool cfg_doc_load_buffer(const char *name, const void *data, size_t size, struct cfg_doc *doc,
			 struct diag *err)
{
	yaml_parser_t parser;
	yaml_document_t extra;
	yaml_node_t *extra_root;

	memset(doc, 0, sizeof(*doc));
	snprintf(doc->file, sizeof(doc->file), "%s", name);
	if (!cfg_check_depth(doc, data, size, err))
		return false;
	if (!yaml_parser_initialize(&parser)) {
		diag_set(err, doc->file, 0, 0, "out of memory while reading YAML");
		return false;
	}
	yaml_parser_set_input_string(&parser, data, size);
	if (!yaml_parser_load(&parser, &doc->doc)) {
		/* libyaml has already released the partial document. */
		cfg_parser_error(doc, &parser, data, size, err);
		yaml_parser_delete(&parser);
		memset(&doc->doc, 0, sizeof(doc->doc));
		return false;
	}
	doc->loaded = true;

	/* yaml_parser_load() stops after one document; anything after it would be ignored. */
	if (!yaml_parser_load(&parser, &extra)) {
		cfg_parser_error(doc, &parser, data, size, err);
		yaml_parser_delete(&parser);
		cfg_doc_free(doc);
		return false;
	}
	extra_root = yaml_document_get_root_node(&extra);
	if (extra_root != NULL)
		cfg_error_at(doc, extra.start_mark, err,
			     "a second YAML document starts here; the file must hold one");
	yaml_document_delete(&extra);
	yaml_parser_delete(&parser);
	if (extra_root != NULL || !cfg_check_mappings(doc, err)) {
		cfg_doc_free(doc);
		return false;
	}
	return true;
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
