/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * common/: reading input files (regular files only, sizes checked before reading), and the
 * limits every YAML file meets on loading (nesting depth, duplicate keys in time linear in the
 * keys, no aliases in --set values).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/file.h"
#include "common/yaml_cfg.h"
#include "common/yaml_set.h"

/* The CPU time a load may take: three times more under AddressSanitizer's allocator. */
#ifdef __SANITIZE_ADDRESS__
#define LOAD_LIMIT_MS 3000
#else
#define LOAD_LIMIT_MS 1000
#endif

/*
 * CPU milliseconds this process used since an earlier clock_gettime(CLOCK_PROCESS_CPUTIME_ID):
 * the work done, whatever else the machine runs meanwhile.
 */
static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* A temporary file holding size bytes of c; its path goes to buf (PATH_MAX long). */
static const char *temp_file(char *buf, size_t size, char c)
{
	FILE *f;
	int fd;

	snprintf(buf, 256, "/tmp/ffa-sim-common-XXXXXX");
	fd = mkstemp(buf);
	cr_assert_geq(fd, 0);
	f = fdopen(fd, "wb");
	cr_assert_not_null(f);
	for (size_t i = 0; i < size; i++)
		fputc(c, f);
	fclose(f);
	return buf;
}

/* A file of exactly the limit is read; one byte more is refused from its size. */
Test(file, limit_is_inclusive)
{
	char path[256];
	struct diag err = {0};
	uint8_t *data = NULL;
	size_t size = 0;

	temp_file(path, 4096, 'a');
	cr_assert(cfg_read_file(path, 4096, &data, &size, &err), "%s", err.msg);
	cr_assert_eq(size, 4096);
	cr_assert_eq(data[4096], '\0', "a NUL follows the bytes");
	free(data);
	cr_assert_not(cfg_read_file(path, 4095, &data, &size, &err));
	cr_assert_str_eq(err.file, path);
	cr_assert_str_eq(err.msg, "file is larger than 4095 bytes (4096 bytes)");
	unlink(path);
}

/* Directories, devices and FIFOs are refused before a byte is read; a FIFO without a writer
 * does not block. */
Test(file, only_regular_files)
{
	char fifo[256];
	struct diag err = {0};
	uint8_t *data = NULL;
	size_t size = 0;

	cr_assert_not(cfg_read_file("/dev/zero", 1u << 30, &data, &size, &err));
	cr_assert_str_eq(err.msg, "is a device; expected a regular file");
	cr_assert_not(cfg_read_file("/tmp", 1u << 30, &data, &size, &err));
	cr_assert_str_eq(err.msg, "is a directory; expected a regular file");
	snprintf(fifo, sizeof(fifo), "/tmp/ffa-sim-fifo-%d", (int)getpid());
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_assert_not(cfg_read_file(fifo, 1u << 30, &data, &size, &err));
	cr_assert_str_eq(err.msg, "is a FIFO; expected a regular file");
	unlink(fifo);
	cr_assert_not(cfg_read_file("/no/such/file", 10, &data, &size, &err));
	cr_assert_str_eq(err.msg, "cannot open: No such file or directory");
}

/* Size limits in messages read as people write them. */
Test(file, size_text)
{
	char buf[32];

	cr_assert_str_eq(cfg_size_text(1ull << 30, buf, sizeof(buf)), "1 GiB");
	cr_assert_str_eq(cfg_size_text(16ull << 20, buf, sizeof(buf)), "16 MiB");
	cr_assert_str_eq(cfg_size_text(4097, buf, sizeof(buf)), "4097 bytes");
}

/* Loads text, which must fail with msg at line:column. */
static void expect_load_error(const char *text, size_t len, unsigned line, unsigned column,
			      const char *msg)
{
	struct cfg_doc doc;
	struct diag err = {0};

	cr_assert_not(cfg_doc_load_buffer("t.yaml", text, len, &doc, &err), "loaded");
	cr_assert_str_eq(err.msg, msg);
	cr_assert_eq(err.line, line, "line %u", err.line);
	cr_assert_eq(err.column, column, "column %u", err.column);
}

/* Text of depth levels of flow lists under a key: "a: [[[...]]]". */
static char *nested(unsigned depth)
{
	char *s = malloc(2 * depth + 8);

	cr_assert_not_null(s);
	strcpy(s, "a: ");
	memset(s + 3, '[', depth);
	memset(s + 3 + depth, ']', depth);
	s[3 + 2 * depth] = '\0';
	return s;
}

/* 64 levels load (the root mapping is one); 65 are refused at the first level too deep. */
Test(yaml_limits, nesting_depth)
{
	struct cfg_doc doc;
	struct diag err = {0};
	char *ok = nested(CFG_MAX_DEPTH - 1);
	char *deep = nested(CFG_MAX_DEPTH);

	cr_assert(cfg_doc_load_buffer("t.yaml", ok, strlen(ok), &doc, &err), "%s", err.msg);
	cfg_doc_free(&doc);
	expect_load_error(deep, strlen(deep), 1, 3 + CFG_MAX_DEPTH,
			  "nested more than 64 levels deep");
	free(ok);
	free(deep);
}

/* 100,000 levels (200 KB) are refused at once: libyaml alone took about a minute to build them. */
Test(yaml_limits, deep_nesting_is_fast)
{
	struct timespec t0;
	char *deep = nested(100000);

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	expect_load_error(deep, strlen(deep), 1, 3 + CFG_MAX_DEPTH,
			  "nested more than 64 levels deep");
	cr_assert_lt(elapsed_ms(&t0), LOAD_LIMIT_MS);
	free(deep);
	/* Block lists nest the same way. */
	deep = malloc(2 * 100000 + 8);
	cr_assert_not_null(deep);
	for (unsigned i = 0; i < 100000; i++)
		memcpy(deep + 2 * i, "- ", 2);
	strcpy(deep + 2 * 100000, "x\n");
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	expect_load_error(deep, strlen(deep), 1, 2 * CFG_MAX_DEPTH + 1,
			  "nested more than 64 levels deep");
	cr_assert_lt(elapsed_ms(&t0), LOAD_LIMIT_MS);
	free(deep);
}

/* A mapping of n keys "k0: 0" ..., then dup (or nothing) as the last key. */
static char *many_keys(unsigned n, const char *dup, size_t *len)
{
	size_t cap = (size_t)n * 16 + 64, o = 0;
	char *s = malloc(cap);

	cr_assert_not_null(s);
	for (unsigned i = 0; i < n; i++)
		o += (size_t)snprintf(s + o, cap - o, "k%u: %u\n", i, i);
	if (dup != NULL)
		o += (size_t)snprintf(s + o, cap - o, "%s: x\n", dup);
	*len = o;
	return s;
}

/* 120,000 keys in one mapping (1.3 MB) load well under a second (the duplicate check was
 * quadratic: past 60 s), and a duplicate among them is still found, with both positions. */
Test(yaml_limits, many_keys_linear)
{
	struct timespec t0;
	struct cfg_doc doc;
	struct diag err = {0};
	size_t len;
	char *s = many_keys(120000, NULL, &len);

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	cr_assert(cfg_doc_load_buffer("t.yaml", s, len, &doc, &err), "%s", err.msg);
	cr_assert_lt(elapsed_ms(&t0), LOAD_LIMIT_MS, "took %ld ms", elapsed_ms(&t0));
	cfg_doc_free(&doc);
	free(s);
	s = many_keys(120000, "k77777", &len);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	expect_load_error(s, len, 120001, 1,
			  "duplicate key \"k77777\" (first at line 77778, column 1)");
	cr_assert_lt(elapsed_ms(&t0), LOAD_LIMIT_MS, "took %ld ms", elapsed_ms(&t0));
	free(s);
}

/* Keys that differ only after a common prefix, or share a hash bucket, are not duplicates. */
Test(yaml_limits, similar_keys)
{
	static const char text[] =
		"a: 1\nab: 2\nba: 3\n\"\": 4\nb: {a: 1, b: 2}\nc: {a: 1, a: 2}\n";
	struct cfg_doc doc;
	struct diag err = {0};

	expect_load_error(text, strlen(text), 6, 11,
			  "duplicate key \"a\" (first at line 6, column 5)");
	cr_assert(cfg_doc_load_buffer("t.yaml", text, (size_t)(strstr(text, "c:") - text), &doc,
				      &err),
		  "%s", err.msg);
	cfg_doc_free(&doc);
}

/* Applies --set text to "top: {a: 1}"; returns whether it applied, with *err. */
static bool apply_set(const char *text, struct diag *err)
{
	static const char base[] = "top: {a: 1}\n";
	struct cfg_doc doc;
	struct cfg_set set;
	bool ok;

	cr_assert(cfg_doc_load_buffer("t.yaml", base, strlen(base), &doc, err), "%s", err->msg);
	ok = cfg_set_parse(text, &set, err) && cfg_set_apply(&doc, &set, 0, 0, err);
	cfg_doc_free(&doc);
	return ok;
}

/* A "billion laughs" value (nine levels of nine aliases, under 300 bytes) is refused at once
 * rather than expanded; so is any alias, and a value that refers to itself. */
Test(yaml_set, aliases_refused)
{
	static const char bomb[] =
		"top.a=[&a [x,x,x,x,x,x,x,x,x], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], "
		"&c [*b,*b,*b,*b,*b,*b,*b,*b,*b], &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], "
		"&e [*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e], "
		"&g [*f,*f,*f,*f,*f,*f,*f,*f,*f], &h [*g,*g,*g,*g,*g,*g,*g,*g,*g], "
		"&i [*h,*h,*h,*h,*h,*h,*h,*h,*h]]";
	struct diag err = {0};
	struct timespec t0;
	char want[1024];

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	cr_assert_not(apply_set(bomb, &err));
	snprintf(want, sizeof(want),
		 "--set %s: the value uses a YAML alias (*NAME); aliases are not allowed in "
		 "values",
		 bomb);
	cr_assert_str_eq(err.msg, want);
	cr_assert_lt(elapsed_ms(&t0), LOAD_LIMIT_MS);
	cr_assert_not(apply_set("top.a=[&x 1, *x]", &err));
	cr_assert_not_null(strstr(err.msg, "aliases are not allowed"), "%s", err.msg);
	cr_assert_not(apply_set("top.a={k: &x v, l: *x}", &err));
	cr_assert_not_null(strstr(err.msg, "aliases are not allowed"), "%s", err.msg);
	cr_assert_not(apply_set("top.a=&x [*x]", &err));
	cr_assert_not_null(strstr(err.msg, "aliases are not allowed"), "%s", err.msg);
	/* Anchors alone, and values without aliases, still apply. */
	cr_assert(apply_set("top.a=&x [1, 2]", &err), "%s", err.msg);
	cr_assert(apply_set("top.a={k: [1, {m: 2}], l: x}", &err), "%s", err.msg);
}

/* What libyaml's own loader makes of a text: its document, or its error's position. */
struct ref_load {
	yaml_document_t doc;
	bool ok;
	yaml_error_type_t error;
	size_t line, column; /* 1-based, of the error */
};

/* Loads text with yaml_parser_load(), the loader cfg_doc_load_buffer() builds the same
 * document as, and a second document after it as cfg_doc_load_buffer() refuses it. */
static void ref_load(const char *text, size_t len, struct ref_load *r)
{
	yaml_parser_t parser;
	yaml_document_t extra;

	memset(r, 0, sizeof(*r));
	cr_assert(yaml_parser_initialize(&parser));
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	r->ok = yaml_parser_load(&parser, &r->doc);
	if (r->ok && yaml_document_get_root_node(&r->doc) != NULL) {
		if (!yaml_parser_load(&parser, &extra)) {
			r->ok = false;
			yaml_document_delete(&r->doc);
		} else if (yaml_document_get_root_node(&extra) != NULL) {
			r->ok = false;
			parser.problem_mark = extra.start_mark;
			yaml_document_delete(&r->doc);
		}
		if (parser.error == YAML_NO_ERROR)
			yaml_document_delete(&extra);
	}
	if (!r->ok) {
		r->error = parser.error;
		r->line = parser.problem_mark.line + 1;
		r->column = parser.problem_mark.column + 1;
	}
	yaml_parser_delete(&parser);
}

static bool same_mark(yaml_mark_t a, yaml_mark_t b)
{
	return a.index == b.index && a.line == b.line && a.column == b.column;
}

/* Asserts that node i's children (node indexes; a mapping's as key, value, ...) are the
 * same in both documents. */
static void expect_same_children(const char *what, long i, const int *a, const int *a_top,
				 const int *b, const int *b_top)
{
	cr_assert_eq(a_top - a, b_top - b, "%s: node %ld children", what, i);
	cr_assert_arr_eq(a, b, (size_t)(a_top - a) * sizeof(*a), "%s: node %ld children", what, i);
}

/* Asserts that cfg_doc_load_buffer() and libyaml's loader agree on text: the same node table
 * (types, values, styles, positions, children by index, so aliases too), or both refuse it at
 * the same line and column. Texts over 64 levels deep or with duplicate keys are not given. */
static void expect_same_load(const char *what, const char *text, size_t len)
{
	struct ref_load r;
	struct cfg_doc doc;
	struct diag err = {0};
	bool ok = cfg_doc_load_buffer(what, text, len, &doc, &err);
	const yaml_node_t *a, *b;

	ref_load(text, len, &r);
	/* cfg's own checks, which libyaml does not make (tested above); the depth is checked
	 * before anything further in the file. */
	if (!ok && (strstr(err.msg, "nested more") != NULL ||
		    (r.ok && (strstr(err.msg, "duplicate key") != NULL ||
			      strstr(err.msg, "a key must be a plain name") != NULL)))) {
		if (r.ok)
			yaml_document_delete(&r.doc);
		return;
	}
	cr_assert_eq(ok, r.ok, "%s: cfg %s (%s), libyaml %s", what, ok ? "loads" : "refuses",
		     err.msg, r.ok ? "loads" : "refuses");
	if (!ok) {
		/* Reader errors (encodings) carry an offset, which cfg turns into a position. */
		if (r.error != YAML_READER_ERROR && r.error != YAML_MEMORY_ERROR)
			cr_assert(err.line == r.line && err.column == r.column,
				  "%s: cfg at %u:%u (%s), libyaml at %zu:%zu", what, err.line,
				  err.column, err.msg, r.line, r.column);
		return;
	}
	cr_assert_eq(doc.doc.nodes.top - doc.doc.nodes.start, r.doc.nodes.top - r.doc.nodes.start,
		     "%s: node count", what);
	for (a = doc.doc.nodes.start, b = r.doc.nodes.start; a < doc.doc.nodes.top; a++, b++) {
		long i = a - doc.doc.nodes.start;

		cr_assert_eq(a->type, b->type, "%s: node %ld type", what, i);
		cr_assert(same_mark(a->start_mark, b->start_mark) &&
				  same_mark(a->end_mark, b->end_mark),
			  "%s: node %ld at %zu:%zu, libyaml's at %zu:%zu", what, i,
			  a->start_mark.line + 1, a->start_mark.column + 1, b->start_mark.line + 1,
			  b->start_mark.column + 1);
		cr_assert(a->tag == NULL || strcmp((const char *)a->tag, (const char *)b->tag) == 0,
			  "%s: node %ld tag", what, i);
		switch (a->type) {
		case YAML_SCALAR_NODE:
			cr_assert(a->data.scalar.length == b->data.scalar.length &&
					  memcmp(a->data.scalar.value, b->data.scalar.value,
						 a->data.scalar.length) == 0 &&
					  a->data.scalar.style == b->data.scalar.style,
				  "%s: node %ld value", what, i);
			break;
		case YAML_SEQUENCE_NODE:
			cr_assert_eq(a->data.sequence.style, b->data.sequence.style);
			expect_same_children(
				what, i, a->data.sequence.items.start, a->data.sequence.items.top,
				b->data.sequence.items.start, b->data.sequence.items.top);
			break;
		case YAML_MAPPING_NODE:
			cr_assert_eq(a->data.mapping.style, b->data.mapping.style);
			expect_same_children(what, i, (const int *)a->data.mapping.pairs.start,
					     (const int *)a->data.mapping.pairs.top,
					     (const int *)b->data.mapping.pairs.start,
					     (const int *)b->data.mapping.pairs.top);
			break;
		case YAML_NO_NODE:
			break;
		}
	}
	cfg_doc_free(&doc);
	yaml_document_delete(&r.doc);
}

/* The one-pass loader builds libyaml's document: block and flow collections, every scalar
 * style, anchors and aliases (also to a collection still open), explicit and default tags,
 * empty values, an empty file, comments only, directives, an explicit end of document. */
Test(yaml_build, same_as_libyaml)
{
	static const char *const texts[] = {
		"a: 1\nb: [x, 'y', \"z\"]\nc: {d: |\n    lit\n  , e: >\n    folded\n  }\n",
		"a: &x {b: 1, c: [2, 3]}\nd: *x\ne: &y 5\nf: [*y, *y]\n",
		"a: &self [1, *self]\n",
		"a: !!str 12\nb: !custom {c: 1}\nc: ! x\nd: !!seq [1]\n",
		"a:\nb: ~\nc: ''\n- x\n",
		"",
		"# only a comment\n",
		"%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\na: !e!b 1\n...\n",
		"--- 42\n",
		"- - - a\n    - b\n  - c\n- {x: [y, {z: w}]}\n",
		"a: 1\n---\nb: 2\n",
		"a: 1\n--- [\n",
		"a: *nowhere\n",
		"a: &d 1\nb: &d 2\n",
		"a: [1, 2\n",
		"a: 1\n  b: 2\n",
		"a: \"unterminated\n",
		"\t a: 1\n",
		"a: \xff\xfe\n",
		"key: {a: 1}}\n",
	};
	char what[32];

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		snprintf(what, sizeof(what), "text %zu", i);
		expect_same_load(what, texts[i], strlen(texts[i]));
	}
}

/* Reads every YAML file of a source folder, then asserts the loaders agree on it whole and on
 * every cut of it (a truncated file) at 24 points. */
static void same_for_folder(const char *folder)
{
	char cmd[1200], path[1024];
	FILE *list;
	unsigned files = 0;

	snprintf(cmd, sizeof(cmd), "find '%s/%s' -name '*.yaml' | sort",
		 getenv("FFA_SIM_SOURCE_ROOT"), folder);
	list = popen(cmd, "r");
	cr_assert_not_null(list);
	while (fgets(path, sizeof(path), list) != NULL) {
		uint8_t *data = NULL;
		size_t len = 0;
		struct diag err = {0};

		path[strcspn(path, "\n")] = '\0';
		cr_assert(cfg_read_file(path, CFG_FILE_MAX_SIZE, &data, &len, &err), "%s", err.msg);
		for (unsigned cut = 0; cut <= 24; cut++) {
			size_t n = len * cut / 24;
			char *copy = malloc(n + 1);

			cr_assert_not_null(copy);
			memcpy(copy, data, n);
			copy[n] = '\0';
			expect_same_load(path, copy, n);
			free(copy);
		}
		free(data);
		files++;
	}
	pclose(list);
	cr_assert_gt(files, 0, "no YAML file under %s", folder);
}

/* The shipped scenarios, systems and platforms, whole and truncated, load as libyaml loads
 * them (or fail at the same place). */
Test(yaml_build, same_as_libyaml_shipped, .timeout = 120)
{
	same_for_folder("scenarios");
	same_for_folder("systems");
	same_for_folder("platforms");
}

/* The test inputs, good and bad (syntax errors, bad indentation, tabs, bad encodings), whole
 * and truncated, load as libyaml loads them or fail at the same place. */
Test(yaml_build, same_as_libyaml_test_inputs, .timeout = 120)
{
	same_for_folder("tests/data");
	same_for_folder("tests/bad-inputs");
}
