/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platforms and the YAML configuration helpers: the built-in virt map, the platform files in
 * platforms/, and one test per input error with its exact position and message. Inputs live in
 * tests/data/platform/; FFA_SIM_SOURCE_ROOT points at the source tree.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/diag.h"
#include "common/yaml_cfg.h"
#include "emu/platform.h"

#define SZ_4K UINT64_C(0x1000)
#define SZ_64K UINT64_C(0x10000)
#define SZ_1M UINT64_C(0x100000)

/* Writes the absolute path of a file of the source tree into buf. */
static const char *source_path(char *buf, size_t size, const char *rel)
{
	const char *root = getenv("FFA_SIM_SOURCE_ROOT");

	cr_assert_not_null(root, "FFA_SIM_SOURCE_ROOT is not set");
	snprintf(buf, size, "%s/%s", root, rel);
	return buf;
}

/* Writes the path of tests/data/platform/<name> into buf. */
static const char *data_path(char *buf, size_t size, const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "tests/data/platform/%s", name);
	return source_path(buf, size, rel);
}

/* Loads a platform file that must be valid. */
static void load_ok(const char *path, struct emu_platform *p)
{
	struct diag d = {0};
	char text[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];

	cr_assert(emu_platform_load(path, p, &d), "%s", diag_format(&d, text, sizeof(text)));
}

/* Loads tests/data/platform/<name>, which must fail at line:column with exactly msg. */
static void expect_platform_error(const char *name, unsigned line, unsigned column, const char *msg)
{
	char path[DIAG_FILE_MAX];
	char text[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	struct emu_platform p;
	struct diag d = {0};

	data_path(path, sizeof(path), name);
	cr_assert_not(emu_platform_load(path, &p, &d), "%s loaded without error", name);
	diag_format(&d, text, sizeof(text));
	cr_expect_str_eq(d.file, path, "%s", text);
	cr_expect_eq(d.line, line, "line %u, expected %u: %s", d.line, line, text);
	cr_expect_eq(d.column, column, "column %u, expected %u: %s", d.column, column, text);
	cr_expect_str_eq(d.msg, msg, "%s", text);
}

/* Loads YAML text that must be valid; *root is its top-level mapping. */
static void cfg_load_ok(struct cfg_doc *doc, struct cfg_node *root, const char *text)
{
	struct diag d = {0};

	cr_assert(cfg_doc_load_buffer("t.yaml", text, strlen(text), doc, &d), "%s", d.msg);
	cr_assert(cfg_doc_root(doc, root, &d), "%s", d.msg);
}

/* Loads YAML text that must be rejected while loading, at line:column with exactly msg. */
static void cfg_expect_load_error(const char *text, unsigned line, unsigned column, const char *msg)
{
	struct cfg_doc doc;
	struct diag d = {0};

	cr_assert_not(cfg_doc_load_buffer("t.yaml", text, strlen(text), &doc, &d), "loaded: %s",
		      text);
	cr_expect_str_eq(d.file, "t.yaml");
	cr_expect_eq(d.line, line, "line %u, expected %u: %s", d.line, line, d.msg);
	cr_expect_eq(d.column, column, "column %u, expected %u: %s", d.column, column, d.msg);
	cr_expect_str_eq(d.msg, msg);
	cfg_doc_free(&doc);
}

/* Checks an error recorded by a reader. */
static void expect_diag(const struct diag *d, unsigned line, unsigned column, const char *msg)
{
	cr_expect_str_eq(d->file, "t.yaml");
	cr_expect_eq(d->line, line, "line %u, expected %u: %s", d->line, line, d->msg);
	cr_expect_eq(d->column, column, "column %u, expected %u: %s", d->column, column, d->msg);
	cr_expect_str_eq(d->msg, msg);
}

/* Reads key "v" of a one-line document as a number or size; returns whether it parsed. */
static bool read_v(const char *text, bool size, uint64_t *out, struct diag *d)
{
	struct cfg_doc doc;
	struct cfg_node root, v;
	bool ok;

	cfg_load_ok(&doc, &root, text);
	cr_assert(cfg_map_get(&root, "v", &v));
	ok = size ? cfg_read_size(&v, out, d) : cfg_read_u64(&v, out, d);
	cfg_doc_free(&doc);
	return ok;
}

/* ---- YAML helpers ---- */

/* Numbers are decimal or 0x hexadecimal, with '_' allowed between digits. */
Test(cfg, reads_decimal_and_hex_numbers)
{
	struct diag d = {0};
	uint64_t v = 0;

	cr_assert(read_v("v: 4096", false, &v, &d));
	cr_expect_eq(v, 4096);
	cr_assert(read_v("v: 0x4000_0000", false, &v, &d));
	cr_expect_eq(v, 0x40000000);
	cr_assert(read_v("v: 0XFFFFFFFFFFFFFFFF", false, &v, &d));
	cr_expect_eq(v, UINT64_MAX);
	cr_assert(read_v("v: \"12\"", false, &v, &d));
	cr_expect_eq(v, 12);
}

/* Malformed numbers name the value and its position. */
Test(cfg, rejects_malformed_numbers)
{
	static const char *const bad[] = {
		"v: 0x4000_0000x", "v: _1", "v: 1_",  "v: 1__0", "v: 0x",
		"v: -1",           "v: 4K", "v: 1.5", "v: 0x_1",
	};
	struct diag d = {0};
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char expected[64];

		cr_expect_not(read_v(bad[i], false, &v, &d), "%s parsed", bad[i]);
		snprintf(expected, sizeof(expected), "v: \"%s\" is not a number", bad[i] + 3);
		expect_diag(&d, 1, 4, expected);
	}
}

/* A number above 2^64 - 1 is reported as such rather than wrapping. */
Test(cfg, rejects_numbers_beyond_64_bits)
{
	struct diag d = {0};
	uint64_t v;

	cr_expect_not(read_v("v: 18446744073709551616", false, &v, &d));
	expect_diag(&d, 1, 4, "v: \"18446744073709551616\" does not fit in 64 bits");
	cr_expect_not(read_v("v: 0x1_0000_0000_0000_0000", false, &v, &d));
	expect_diag(&d, 1, 4, "v: \"0x1_0000_0000_0000_0000\" does not fit in 64 bits");
	cr_expect_not(read_v("v: 0x400000000000000G", true, &v, &d));
	expect_diag(&d, 1, 4, "v: \"0x400000000000000G\" does not fit in 64 bits");
}

/* Sizes take K, M and G as binary multiples. */
Test(cfg, reads_sizes_with_suffixes)
{
	struct diag d = {0};
	uint64_t v = 0;

	cr_assert(read_v("v: 4K", true, &v, &d));
	cr_expect_eq(v, 4096);
	cr_assert(read_v("v: 128M", true, &v, &d));
	cr_expect_eq(v, 128 * SZ_1M);
	cr_assert(read_v("v: 0x2G", true, &v, &d));
	cr_expect_eq(v, UINT64_C(2) << 30);
	cr_assert(read_v("v: 0x1000", true, &v, &d));
	cr_expect_eq(v, 0x1000);
	cr_expect_not(read_v("v: 4k", true, &v, &d));
	expect_diag(&d, 1, 4,
		    "v: \"4k\" is not a size (a number, optionally followed by K, M or G)");
	cr_expect_not(read_v("v: 4KiB", true, &v, &d));
	expect_diag(&d, 1, 4,
		    "v: \"4KiB\" is not a size (a number, optionally followed by K, M or G)");
}

/* An empty value or a collection where a number belongs says what was found. */
Test(cfg, number_type_errors_say_what_was_found)
{
	struct diag d = {0};
	uint64_t v;

	cr_expect_not(read_v("v:", false, &v, &d));
	expect_diag(&d, 1, 3, "v: expected a number, found nothing");
	cr_expect_not(read_v("v: [1]", false, &v, &d));
	expect_diag(&d, 1, 4, "v: expected a number, found a list");
	cr_expect_not(read_v("v: {a: 1}", true, &v, &d));
	expect_diag(&d, 1, 4, "v: expected a size, found a mapping");
}

/* Bounded readers reject values above their maximum. */
Test(cfg, bounded_numbers)
{
	struct cfg_doc doc;
	struct cfg_node root, v;
	struct diag d = {0};
	uint64_t x = 0;
	uint32_t y = 0;

	cfg_load_ok(&doc, &root, "a: 255\nb: 256\nc: 0xffffffff\nd: 0x100000000\n");
	cr_assert(cfg_map_get(&root, "a", &v));
	cr_expect(cfg_read_u64_max(&v, 255, &x, &d));
	cr_expect_eq(x, 255);
	cr_assert(cfg_map_get(&root, "b", &v));
	cr_expect_not(cfg_read_u64_max(&v, 255, &x, &d));
	expect_diag(&d, 2, 4, "b: \"256\" is out of range (at most 255)");
	cr_assert(cfg_map_get(&root, "c", &v));
	cr_expect(cfg_read_u32(&v, &y, &d));
	cr_expect_eq(y, UINT32_MAX);
	cr_assert(cfg_map_get(&root, "d", &v));
	cr_expect_not(cfg_read_u32(&v, &y, &d));
	expect_diag(&d, 4, 4, "d: \"0x100000000\" is out of range (at most 4294967295)");
	cfg_doc_free(&doc);
}

/* Booleans are true/false/yes/no and nothing else. */
Test(cfg, reads_booleans)
{
	struct cfg_doc doc;
	struct cfg_node root, v;
	struct diag d = {0};
	bool b;

	cfg_load_ok(&doc, &root, "a: true\nb: no\nc: yes\nd: false\ne: 1\nf:\n");
	cr_assert(cfg_map_get(&root, "a", &v) && cfg_read_bool(&v, &b, &d) && b);
	cr_assert(cfg_map_get(&root, "b", &v) && cfg_read_bool(&v, &b, &d) && !b);
	cr_assert(cfg_map_get(&root, "c", &v) && cfg_read_bool(&v, &b, &d) && b);
	cr_assert(cfg_map_get(&root, "d", &v) && cfg_read_bool(&v, &b, &d) && !b);
	cr_assert(cfg_map_get(&root, "e", &v));
	cr_expect_not(cfg_read_bool(&v, &b, &d));
	expect_diag(&d, 5, 4, "e: \"1\" is not a boolean (true, false, yes or no)");
	cr_assert(cfg_map_get(&root, "f", &v));
	cr_expect_not(cfg_read_bool(&v, &b, &d));
	expect_diag(&d, 6, 3, "f: expected true or false, found nothing");
	cfg_doc_free(&doc);
}

/* Strings must fit their buffer; any scalar reads as a string. */
Test(cfg, reads_strings_with_a_maximum_length)
{
	struct cfg_doc doc;
	struct cfg_node root, v;
	struct diag d = {0};
	char buf[8];

	cfg_load_ok(&doc, &root, "a: seven7\nb: eight888\nc: 123\nd: [x]\n");
	cr_assert(cfg_map_get(&root, "a", &v) && cfg_read_str(&v, buf, sizeof(buf), &d));
	cr_expect_str_eq(buf, "seven7");
	cr_assert(cfg_map_get(&root, "b", &v));
	cr_expect_not(cfg_read_str(&v, buf, sizeof(buf), &d));
	expect_diag(&d, 2, 4, "b: \"eight888\" is too long (at most 7 characters)");
	cr_assert(cfg_map_get(&root, "c", &v) && cfg_read_str(&v, buf, sizeof(buf), &d));
	cr_expect_str_eq(buf, "123");
	cr_assert(cfg_map_get(&root, "d", &v));
	cr_expect_not(cfg_read_str(&v, buf, sizeof(buf), &d));
	expect_diag(&d, 4, 4, "d: expected a string, found a list");
	cfg_doc_free(&doc);
}

/* Enums return the index of the name and list the names on error. */
Test(cfg, reads_enums)
{
	static const char *const names[] = {"smc", "hvc"};
	struct cfg_doc doc;
	struct cfg_node root, v;
	struct diag d = {0};
	unsigned e = 9;

	cfg_load_ok(&doc, &root, "a: hvc\nb: hcv\nc: svc-call\n");
	cr_assert(cfg_map_get(&root, "a", &v) && cfg_read_enum(&v, names, 2, &e, &d));
	cr_expect_eq(e, 1);
	cr_assert(cfg_map_get(&root, "b", &v));
	cr_expect_not(cfg_read_enum(&v, names, 2, &e, &d));
	expect_diag(&d, 2, 4, "b: \"hcv\" is not one of smc, hvc; did you mean \"hvc\"?");
	cr_assert(cfg_map_get(&root, "c", &v));
	cr_expect_not(cfg_read_enum(&v, names, 2, &e, &d));
	expect_diag(&d, 3, 4, "c: \"svc-call\" is not one of smc, hvc");
	cfg_doc_free(&doc);
}

/* Suggestions go to the nearest name, counting a swap of neighbours as one edit. */
Test(cfg, suggests_the_closest_name)
{
	static const char *const keys[] = {"name", "base", "size", "secure", "uarts", "memory"};

	cr_expect_str_eq(cfg_suggest("uarts0", keys, 6), "uarts");
	cr_expect_str_eq(cfg_suggest("memroy", keys, 6), "memory");
	cr_expect_str_eq(cfg_suggest("sise", keys, 6), "size");
	cr_expect_str_eq(cfg_suggest("secur", keys, 6), "secure");
	cr_expect_null(cfg_suggest("colour", keys, 6));
	cr_expect_null(cfg_suggest("x", keys, 6));
}

/* Unknown keys are reported at the key, with a suggestion when one is near. */
Test(cfg, unknown_keys)
{
	static const char *const known[] = {"name", "size"};
	struct cfg_doc doc;
	struct cfg_node root, item;
	struct diag d = {0};

	cfg_load_ok(&doc, &root, "name: a\nitems:\n  - {name: b, sizes: 4K}\n");
	cr_expect_not(cfg_map_check_keys(&root, known, 2, &d));
	expect_diag(&d, 2, 1, "unknown key \"items\"");
	cr_assert(cfg_map_get(&root, "items", &item));
	cfg_seq_item(&item, 0, &item);
	cr_expect_not(cfg_map_check_keys(&item, known, 2, &d));
	expect_diag(&d, 3, 15, "items[0]: unknown key \"sizes\"; did you mean \"size\"?");
	cfg_doc_free(&doc);
}

/* Missing keys are reported at the mapping that lacks them. */
Test(cfg, missing_keys)
{
	struct cfg_doc doc;
	struct cfg_node root, v;
	struct diag d = {0};

	cfg_load_ok(&doc, &root, "# c\nouter:\n  inner: 1\n");
	cr_assert(cfg_map_require(&root, "outer", &v, &d));
	cr_expect_not(cfg_map_require(&v, "other", &v, &d));
	expect_diag(&d, 3, 3, "outer: missing key \"other\"");
	cfg_doc_free(&doc);
}

/* Walking mappings and lists yields file order and dotted paths. */
Test(cfg, walks_maps_and_lists_with_paths)
{
	struct cfg_doc doc;
	struct cfg_node root, key, list, item, leaf;
	struct diag d = {0};

	cfg_load_ok(&doc, &root, "z: 1\na:\n  b:\n    - x\n    - {c: 2}\n");
	cr_assert_eq(cfg_map_count(&root), 2);
	cfg_map_entry(&root, 0, &key, NULL);
	cr_expect_str_eq(cfg_scalar(&key), "z");
	cfg_map_entry(&root, 1, &key, &list);
	cr_expect_str_eq(cfg_scalar(&key), "a");
	cr_expect_str_eq(list.path, "a");
	cr_assert(cfg_expect_map(&list, &d));
	cr_assert(cfg_map_get(&list, "b", &list));
	cr_expect_str_eq(list.path, "a.b");
	cr_assert(cfg_expect_seq(&list, &d));
	cr_assert_eq(cfg_seq_count(&list), 2);
	cfg_seq_item(&list, 1, &item);
	cr_expect_str_eq(item.path, "a.b[1]");
	cr_expect_eq(cfg_line(&item), 5);
	cr_expect_eq(cfg_column(&item), 7);
	cr_assert(cfg_map_get(&item, "c", &leaf));
	cr_expect_str_eq(leaf.path, "a.b[1].c");
	cfg_seq_item(&list, 0, &item);
	cr_expect_not(cfg_expect_map(&item, &d));
	expect_diag(&d, 4, 7, "a.b[0]: expected a mapping, found \"x\"");
	cr_expect_eq(cfg_map_count(&item), 0);
	cr_expect_eq(cfg_seq_count(&root), 0);
	cfg_doc_free(&doc);
}

/* YAML syntax errors carry libyaml's problem, context and position. */
Test(cfg, syntax_errors_have_positions)
{
	cfg_expect_load_error("a: 1\nb: [1, 2\n", 3, 1,
			      "did not find expected ',' or ']' (while parsing a flow sequence at "
			      "line 2, column 4)");
	cfg_expect_load_error("a: 1\n b: 2\n", 2, 3,
			      "mapping values are not allowed in this context");
	cfg_expect_load_error("a: *nowhere\n", 1, 4, "found undefined alias");
}

/* Bytes that are not UTF-8 are reported at their position. */
Test(cfg, encoding_errors_have_positions)
{
	cfg_expect_load_error("a: 1\nb: \xff\n", 2, 4, "invalid leading UTF-8 octet");
}

/* A key repeated in one mapping is an error at the second one. */
Test(cfg, duplicate_keys)
{
	cfg_expect_load_error("a: 1\nb:\n  c: 1\n  c: 2\n", 4, 3,
			      "duplicate key \"c\" (first at line 3, column 3)");
}

/* Keys must be scalars. */
Test(cfg, complex_keys)
{
	cfg_expect_load_error("? [a, b]\n: 1\n", 1, 3, "a key must be a plain name, not a list");
}

/* A file holds exactly one document. */
Test(cfg, second_document)
{
	cfg_expect_load_error("a: 1\n---\nb: 2\n", 2, 1,
			      "a second YAML document starts here; the file must hold one");
}

/* An empty document and a top level that is not a mapping are errors. */
Test(cfg, root_must_be_a_mapping)
{
	struct cfg_doc doc;
	struct cfg_node root;
	struct diag d = {0};

	cr_assert(cfg_doc_load_buffer("t.yaml", "# nothing\n", 10, &doc, &d));
	cr_expect_not(cfg_doc_root(&doc, &root, &d));
	cr_expect_eq(d.line, 0);
	cr_expect_str_eq(d.msg, "the file is empty; expected a mapping of settings");
	cfg_doc_free(&doc);
	cr_assert(cfg_doc_load_buffer("t.yaml", "\n- 1\n", 5, &doc, &d));
	cr_expect_not(cfg_doc_root(&doc, &root, &d));
	expect_diag(&d, 2, 1, "expected a mapping of settings, found a list");
	cfg_doc_free(&doc);
}

/* A missing file is reported with its name and the system's reason. */
Test(cfg, missing_file)
{
	struct cfg_doc doc;
	struct diag d = {0};

	cr_expect_not(cfg_doc_load("/nonexistent/x.yaml", &doc, &d));
	cr_expect_str_eq(d.file, "/nonexistent/x.yaml");
	cr_expect_eq(d.line, 0);
	cr_expect_str_eq(d.msg, "cannot open: No such file or directory");
	cfg_doc_free(&doc);
}

/* Errors format as file:line:column: message. */
Test(cfg, error_format)
{
	struct diag d = {0};
	char buf[128];

	cr_expect(read_v("\nv: 0x4000_0000x", false, &(uint64_t){0}, &d) == false);
	cr_expect_str_eq(diag_format(&d, buf, sizeof(buf)),
			 "t.yaml:2:4: v: \"0x4000_0000x\" is not a number");
}

/* ---- Built-in and shipped platforms ---- */

/* The built-in virt follows QEMU's virt memory map for what guests touch. */
Test(platform, builtin_virt_matches_qemu)
{
	struct emu_platform p;

	cr_assert(emu_platform_builtin("virt", &p));
	cr_expect_str_eq(p.name, "virt");
	cr_assert_eq(p.region_count, 4);
	cr_expect_str_eq(p.regions[0].name, "flash0");
	cr_expect_eq(p.regions[0].kind, EMU_REGION_FLASH);
	cr_expect_eq(p.regions[0].base, 0);
	cr_expect_eq(p.regions[0].size, 64 * SZ_1M);
	cr_expect_str_eq(p.regions[1].name, "flash1");
	cr_expect_eq(p.regions[1].base, 0x04000000);
	cr_expect_eq(p.regions[1].size, 64 * SZ_1M);
	cr_expect_str_eq(p.regions[2].name, "secure-ram");
	cr_expect_eq(p.regions[2].kind, EMU_REGION_RAM);
	cr_expect_eq(p.regions[2].base, 0x0e000000);
	cr_expect_eq(p.regions[2].size, 16 * SZ_1M);
	cr_expect(p.regions[2].secure);
	cr_expect_str_eq(p.regions[3].name, "ram");
	cr_expect_eq(p.regions[3].base, 0x40000000);
	cr_expect_eq(p.regions[3].size, 1024 * SZ_1M);
	cr_expect_not(p.regions[3].secure);
	cr_assert_eq(p.uart_count, 1);
	cr_expect_eq(p.uarts[0].base, 0x09000000);
	cr_expect_eq(p.uarts[0].irq, 1);
	cr_expect_eq(p.uarts[0].clock_hz, 24000000);
	cr_expect(p.gic.present);
	cr_expect_eq(p.gic.version, 2);
	cr_expect_eq(p.gic.dist_base, 0x08000000);
	cr_expect_eq(p.gic.cpu_base, 0x08010000);
	cr_expect_eq(p.cntfrq_hz, 62500000);
	cr_expect_eq(p.mpidr, 0x80000000);
	cr_expect_eq(p.entry_el, 1);
	cr_expect_not(p.dtb_addr_set);
}

/* Only known names are built in. */
Test(platform, builtin_unknown_name)
{
	struct emu_platform p;

	cr_expect_not(emu_platform_builtin("fvp", &p));
	cr_expect_not(emu_platform_builtin("", &p));
}

/* platforms/virt.yaml is the built-in virt, field by field. */
Test(platform, virt_file_equals_builtin)
{
	struct emu_platform b, f;
	char path[DIAG_FILE_MAX];
	unsigned i;

	cr_assert(emu_platform_builtin("virt", &b));
	load_ok(source_path(path, sizeof(path), "platforms/virt.yaml"), &f);
	cr_expect_str_eq(f.name, b.name);
	cr_assert_eq(f.region_count, b.region_count);
	for (i = 0; i < b.region_count; i++) {
		cr_expect_str_eq(f.regions[i].name, b.regions[i].name, "region %u", i);
		cr_expect_eq(f.regions[i].kind, b.regions[i].kind, "region %u", i);
		cr_expect_eq(f.regions[i].base, b.regions[i].base, "region %u", i);
		cr_expect_eq(f.regions[i].size, b.regions[i].size, "region %u", i);
		cr_expect_eq(f.regions[i].secure, b.regions[i].secure, "region %u", i);
		cr_expect_str_eq(f.regions[i].image, b.regions[i].image, "region %u", i);
	}
	cr_assert_eq(f.uart_count, b.uart_count);
	for (i = 0; i < b.uart_count; i++) {
		cr_expect_str_eq(f.uarts[i].name, b.uarts[i].name, "uart %u", i);
		cr_expect_eq(f.uarts[i].base, b.uarts[i].base, "uart %u", i);
		cr_expect_eq(f.uarts[i].irq, b.uarts[i].irq, "uart %u", i);
		cr_expect_eq(f.uarts[i].clock_hz, b.uarts[i].clock_hz, "uart %u", i);
	}
	cr_expect_eq(f.gic.present, b.gic.present);
	cr_expect_eq(f.gic.version, b.gic.version);
	cr_expect_eq(f.gic.dist_base, b.gic.dist_base);
	cr_expect_eq(f.gic.dist_size, b.gic.dist_size);
	cr_expect_eq(f.gic.cpu_base, b.gic.cpu_base);
	cr_expect_eq(f.gic.cpu_size, b.gic.cpu_size);
	cr_expect_eq(f.cntfrq_hz, b.cntfrq_hz);
	cr_expect_eq(f.cycles_per_insn, b.cycles_per_insn);
	cr_expect_eq(f.mpidr, b.mpidr);
	cr_expect_eq(f.cpu_count, b.cpu_count);
	cr_expect_eq(f.cpu_max, b.cpu_max);
	for (i = 0; i < EMU_PLATFORM_MAX_CPUS; i++)
		cr_expect_eq(f.mpidrs[i], b.mpidrs[i], "mpidrs[%u]", i);
	cr_expect_eq(f.entry_el, b.entry_el);
	cr_expect_eq(f.dtb_addr_set, b.dtb_addr_set);
	cr_expect_eq(f.dtb_addr, b.dtb_addr);
}

/* platforms/fvp-base.yaml loads with the FVP Base map. */
Test(platform, fvp_base_file)
{
	struct emu_platform p;
	char path[DIAG_FILE_MAX];
	const struct emu_region *ns, *trusted;

	load_ok(source_path(path, sizeof(path), "platforms/fvp-base.yaml"), &p);
	cr_expect_str_eq(p.name, "fvp-base");
	cr_expect_eq(p.cntfrq_hz, 100000000);
	ns = emu_platform_ns_ram(&p);
	cr_assert_not_null(ns);
	cr_expect_eq(ns->base, 0x80000000);
	cr_expect_eq(ns->size, 2048 * SZ_1M - 16 * SZ_1M);
	trusted = emu_platform_find(&p, 0xff000000, 16 * SZ_1M);
	cr_assert_not_null(trusted);
	cr_expect(trusted->secure);
	cr_expect_eq(emu_platform_find(&p, 0x0, 64 * SZ_1M)->kind, EMU_REGION_FLASH);
	cr_expect_eq(emu_platform_find(&p, 0x0c000000, 64 * SZ_1M)->kind, EMU_REGION_FLASH);
	cr_assert_eq(p.uart_count, 1);
	cr_expect_eq(p.uarts[0].base, 0x1c090000);
	cr_expect_eq(p.uarts[0].irq, 5);
	cr_expect_eq(p.gic.version, 3);
	cr_expect_eq(p.gic.dist_base, 0x2f000000);
	cr_expect_eq(p.gic.cpu_base, 0x2f100000);
	cr_expect_eq(p.gic.cpu_size, 2 * SZ_1M);
	/* Two clusters of four, MT set, the core in Aff1: one CPU runs unless asked. */
	cr_expect_eq(p.mpidr, 0x81000000);
	cr_expect_eq(p.cpu_count, 1);
	cr_expect_eq(p.cpu_max, 8);
	cr_expect_eq(p.mpidrs[1], 0x81000100);
	cr_expect_eq(p.mpidrs[3], 0x81000300);
	cr_expect_eq(p.mpidrs[4], 0x81010000);
	cr_expect_eq(p.mpidrs[7], 0x81010300);
}

/* Without mpidrs, CPU i is the boot CPU's MPIDR plus i in Aff0, as QEMU's virt numbers them. */
Test(platform, cpus_numbered_as_virt)
{
	struct emu_platform p;
	char path[DIAG_FILE_MAX];
	struct diag d = {0};

	load_ok(data_path(path, sizeof(path), "ok_cpus.yaml"), &p);
	cr_expect_eq(p.cpu_count, 4);
	cr_expect_eq(p.cpu_max, EMU_PLATFORM_MAX_CPUS);
	for (unsigned i = 0; i < EMU_PLATFORM_MAX_CPUS; i++)
		cr_expect_eq(p.mpidrs[i], 0x80000000 + i, "mpidrs[%u]", i);
	cr_expect_eq(emu_platform_cpu_index(&p, 0x3), 3);
	cr_expect_eq(emu_platform_cpu_index(&p, 0x80000002), 2);
	cr_expect_eq(emu_platform_cpu_index(&p, 0x80000004), -1, "CPU 4 does not run");
	cr_expect_eq(emu_platform_cpu_index(&p, 0x80000100), -1);
	cr_expect(emu_platform_set_cpus(&p, 8, "--cpus", &d));
	cr_expect_eq(emu_platform_cpu_index(&p, 0x80000007), 7);
	cr_expect_not(emu_platform_set_cpus(&p, 9, "--cpus", &d));
	cr_expect_str_eq(d.msg, "--cpus: platform \"quad\" has 1 to 8 CPUs, not 9");
}

/* An explicit mpidrs list names the CPUs; cpus picks how many of them run. */
Test(platform, cpus_listed)
{
	struct emu_platform p;
	char path[DIAG_FILE_MAX];
	struct diag d = {0};

	load_ok(data_path(path, sizeof(path), "ok_mpidrs.yaml"), &p);
	cr_expect_eq(p.cpu_count, 3);
	cr_expect_eq(p.cpu_max, 3);
	cr_expect_eq(p.mpidr, 0x80000000);
	cr_expect_eq(p.mpidrs[2], 0x80000100);
	cr_expect_eq(emu_platform_cpu_index(&p, 0x100), 2);
	cr_expect_not(emu_platform_set_cpus(&p, 4, "cpus", &d));
	cr_expect_str_eq(d.msg, "cpus: platform \"big-little\" has 1 to 3 CPUs, not 4");
	cr_expect(emu_platform_set_cpus(&p, 1, "cpus", &d));
	cr_expect_eq(emu_platform_cpu_index(&p, 0x1), -1);
}

/* A file that leaves out the optional keys gets the documented defaults. */
Test(platform, defaults)
{
	struct emu_platform p;
	char path[DIAG_FILE_MAX];

	load_ok(data_path(path, sizeof(path), "ok_minimal.yaml"), &p);
	cr_expect_str_eq(p.name, "tiny");
	cr_expect_eq(p.cntfrq_hz, 62500000);
	cr_expect_eq(p.mpidr, 0x80000000);
	cr_expect_eq(p.entry_el, 1);
	cr_expect_eq(p.region_count, 1);
	cr_expect_not(p.regions[0].secure);
	cr_expect_str_eq(p.regions[0].image, "");
	cr_expect_eq(p.uart_count, 0);
	cr_expect_not(p.gic.present);
	cr_expect_not(p.dtb_addr_set);
}

/* GIC window sizes default to 64 KiB (distributor) and 128 KiB (one PE's redistributor). */
Test(platform, gic_default_sizes)
{
	struct emu_platform p;
	char path[DIAG_FILE_MAX];

	load_ok(data_path(path, sizeof(path), "ok_gic_defaults.yaml"), &p);
	cr_expect(p.gic.present);
	cr_expect_eq(p.gic.version, 3);
	cr_expect_eq(p.gic.dist_size, SZ_64K);
	cr_expect_eq(p.gic.cpu_size, 2 * SZ_64K);
}

/* Flash images are resolved against the platform file's directory; dtb-address is kept. */
Test(platform, flash_image_relative_to_file)
{
	struct emu_platform p;
	char path[DIAG_FILE_MAX], image[DIAG_FILE_MAX];

	load_ok(data_path(path, sizeof(path), "ok_image.yaml"), &p);
	cr_expect_str_eq(p.regions[0].image, data_path(image, sizeof(image), "images/boot.bin"));
	cr_expect_str_eq(p.regions[1].image, "");
	cr_expect(p.dtb_addr_set);
	cr_expect_eq(p.dtb_addr, 0x40100000);
}

/* ns_ram skips secure RAM and flash; find needs the whole range inside one region. */
Test(platform, lookups)
{
	struct emu_platform p;

	cr_assert(emu_platform_builtin("virt", &p));
	cr_expect_eq(emu_platform_ns_ram(&p), &p.regions[3]);
	cr_expect_eq(emu_platform_find(&p, 0x40000000, 1024 * SZ_1M), &p.regions[3]);
	cr_expect_eq(emu_platform_find(&p, 0x7ffff000, SZ_4K), &p.regions[3]);
	cr_expect_null(emu_platform_find(&p, 0x7ffff000, 2 * SZ_4K));
	cr_expect_null(emu_platform_find(&p, 0x3ffff000, 2 * SZ_4K));
	cr_expect_eq(emu_platform_find(&p, 0x0e000000, 0), &p.regions[2]);
	cr_expect_null(emu_platform_find(&p, 0x09000000, 4));
	cr_expect_null(emu_platform_find(&p, 0x40000000, UINT64_MAX));
	cr_expect_null(emu_platform_find(&p, UINT64_MAX, 2));
	p.regions[3].secure = true;
	cr_expect_null(emu_platform_ns_ram(&p));
}

/* ---- Platform file errors ---- */

/* A missing platform file names the file. */
Test(platform_errors, missing_file)
{
	struct emu_platform p;
	struct diag d = {0};
	char path[DIAG_FILE_MAX];

	data_path(path, sizeof(path), "no_such_file.yaml");
	cr_expect_not(emu_platform_load(path, &p, &d));
	cr_expect_str_eq(d.file, path);
	cr_expect_str_eq(d.msg, "cannot open: No such file or directory");
}

/* YAML syntax errors in a platform file come with libyaml's position. */
Test(platform_errors, syntax)
{
	expect_platform_error("bad_syntax.yaml", 5, 6,
			      "did not find expected ',' or '}' (while parsing a flow mapping at "
			      "line 4, column 5)");
}

/* A second document is rejected. */
Test(platform_errors, two_documents)
{
	expect_platform_error("bad_two_docs.yaml", 4, 1,
			      "a second YAML document starts here; the file must hold one");
}

/* A file with nothing but comments is an error without a position. */
Test(platform_errors, empty_file)
{
	expect_platform_error("bad_empty.yaml", 0, 0,
			      "the file is empty; expected a mapping of settings");
}

/* The top level must be a mapping. */
Test(platform_errors, root_not_a_mapping)
{
	expect_platform_error("bad_root_list.yaml", 2, 1,
			      "expected a mapping of settings, found a list");
}

/* Duplicate keys are reported at the second occurrence. */
Test(platform_errors, duplicate_key)
{
	expect_platform_error("bad_duplicate_key.yaml", 4, 57,
			      "duplicate key \"base\" (first at line 4, column 28)");
}

/* An unknown top-level key suggests the closest known key. */
Test(platform_errors, unknown_key_with_suggestion)
{
	expect_platform_error("bad_unknown_key.yaml", 5, 1,
			      "unknown key \"uarts0\"; did you mean \"uarts\"?");
}

/* An unknown key with no near match gets no suggestion. */
Test(platform_errors, unknown_key_without_suggestion)
{
	expect_platform_error("bad_unknown_key_far.yaml", 4, 57,
			      "memory[0]: unknown key \"colour\"");
}

/* A region without a base is reported at the region. */
Test(platform_errors, missing_key)
{
	expect_platform_error("bad_missing_key.yaml", 4, 5, "memory[0]: missing key \"base\"");
}

/* memory must be a list. */
Test(platform_errors, memory_not_a_list)
{
	expect_platform_error("bad_memory_type.yaml", 4, 3,
			      "memory: expected a list, found a mapping");
}

/* gic must be a mapping. */
Test(platform_errors, gic_not_a_mapping)
{
	expect_platform_error("bad_gic_type.yaml", 5, 6, "gic: expected a mapping, found \"2\"");
}

/* cpus beyond what the platform can have, or its GICv3 redistributors can serve. */
Test(platform_errors, cpus_out_of_range)
{
	expect_platform_error("bad_cpus_range.yaml", 3, 7,
			      "cpus: platform \"many\" has 1 to 8 CPUs, not 9");
	expect_platform_error("bad_cpus_listed.yaml", 4, 7,
			      "cpus: platform \"pair\" has 1 to 2 CPUs, not 3");
	expect_platform_error("bad_cpus_gicr.yaml", 3, 7,
			      "cpus: 2 CPUs need 256 KiB of GICv3 redistributors; platform "
			      "\"small-gicr\" has 128 KiB");
}

/* mpidrs: distinct affinities, only MPIDR_EL1's fields, the boot CPU first. */
Test(platform_errors, mpidrs)
{
	expect_platform_error("bad_mpidrs_same.yaml", 3, 22,
			      "mpidrs[1]: CPU 1 has the affinity of CPU 0 (0x80000000)");
	expect_platform_error("bad_mpidrs_bits.yaml", 3, 22,
			      "mpidrs[1]: 0x82000001 is not an MPIDR_EL1 value: only Aff3-Aff0, U "
			      "(bit 30), MT (bit 24) and bit 31 may be set");
	expect_platform_error("bad_mpidr_not_first.yaml", 3, 8,
			      "mpidr: the boot CPU's MPIDR 0x80000001 is not the first of mpidrs "
			      "(0x80000000)");
}

/* A malformed address names the value. */
Test(platform_errors, not_a_number)
{
	expect_platform_error("bad_number.yaml", 6, 11,
			      "memory[0].base: \"0x4000_0000x\" is not a number");
}

/* A malformed size explains the size syntax. */
Test(platform_errors, not_a_size)
{
	expect_platform_error(
		"bad_size.yaml", 4, 52,
		"memory[0].size: \"16Q\" is not a size (a number, optionally followed "
		"by K, M or G)");
}

/* secure takes a boolean. */
Test(platform_errors, not_a_boolean)
{
	expect_platform_error(
		"bad_bool.yaml", 4, 65,
		"memory[0].secure: \"maybe\" is not a boolean (true, false, yes or no)");
}

/* An unknown region kind lists the kinds and suggests one. */
Test(platform_errors, unknown_kind)
{
	expect_platform_error(
		"bad_kind.yaml", 4, 23,
		"memory[0].kind: \"rma\" is not one of ram, flash, raz-wi; did you mean "
		"\"ram\"?");
}

/* Names are at most 31 characters. */
Test(platform_errors, name_too_long)
{
	expect_platform_error(
		"bad_name_long.yaml", 2, 7,
		"name: \"a-platform-name-of-more-than-31-characters\" is too long (at "
		"most 31 characters)");
}

/* Names use a restricted alphabet. */
Test(platform_errors, name_with_space)
{
	expect_platform_error("bad_name_char.yaml", 4, 12,
			      "memory[0].name: \"main ram\" has a ' '; names use letters, digits, "
			      "'-', '_' and '.'");
}

/* Region and UART names are unique together. */
Test(platform_errors, duplicate_name)
{
	expect_platform_error("bad_name_dup.yaml", 6, 5,
			      "uarts[0]: the name \"ram\" is already used by memory[0]");
}

/* Region bases are 4 KiB aligned. */
Test(platform_errors, unaligned_base)
{
	expect_platform_error("bad_align_base.yaml", 4, 34,
			      "memory[0].base: 0x40000800 is not 4 KiB aligned");
}

/* Region sizes are multiples of 4 KiB. */
Test(platform_errors, unaligned_size)
{
	expect_platform_error("bad_align_size.yaml", 4, 52,
			      "memory[0].size: 0x1800 is not a multiple of 4 KiB");
}

/* Regions are not empty. */
Test(platform_errors, zero_size)
{
	expect_platform_error("bad_size_zero.yaml", 4, 52,
			      "memory[0].size: the size must not be zero");
}

/* Regions end inside the 48-bit physical address space. */
Test(platform_errors, above_physical_address_space)
{
	expect_platform_error("bad_above_pa.yaml", 4, 5,
			      "memory[0]: the region [0xffff0000000000, +0x1000000) ends above the "
			      "48-bit physical address space");
}

/* UART pages are 4 KiB aligned. */
Test(platform_errors, unaligned_uart)
{
	expect_platform_error("bad_uart_align.yaml", 6, 25,
			      "uarts[0].base: 0x9000100 is not 4 KiB aligned");
}

/* GIC window sizes are multiples of 4 KiB. */
Test(platform_errors, unaligned_gic_size)
{
	expect_platform_error("bad_gic_size.yaml", 5, 62,
			      "gic.distributor-size: 0x1800 is not a multiple of 4 KiB");
}

/* A GICv3 redistributor window must hold one PE's two 64 KiB frames. */
Test(platform_errors, gic_redistributor_too_small)
{
	expect_platform_error("bad_gic_redist_small.yaml", 5, 91,
			      "gic.redistributor-size: 0x10000 is too small: the GICv3 "
			      "redistributor registers need 0x20000 bytes");
}

/* The normal world enters at EL1 or EL2. */
Test(platform_errors, entry_el)
{
	expect_platform_error("bad_entry_el.yaml", 3, 11,
			      "entry-el: the normal world starts at EL1 or EL2, not 3");
}

/* The counter frequency is not zero. */
Test(platform_errors, cntfrq_zero)
{
	expect_platform_error("bad_cntfrq_zero.yaml", 3, 9,
			      "cntfrq: the counter frequency must not be zero");
}

/* cycles-per-instruction is a whole number from 1 to 1000. */
Test(platform_errors, cpi_range)
{
	expect_platform_error(
		"bad_cpi_zero.yaml", 3, 25,
		"cycles-per-instruction: an instruction takes at least one cycle (1 to 1000)");
	expect_platform_error("bad_cpi_large.yaml", 5, 25,
			      "cycles-per-instruction: \"1001\" is out of range (at most 1000)");
	expect_platform_error("bad_cpi_fraction.yaml", 3, 25,
			      "cycles-per-instruction: \"1.5\" is not a number");
}

/* UART interrupts are SPI numbers 0 to 987. */
Test(platform_errors, irq_out_of_range)
{
	expect_platform_error("bad_irq.yaml", 6, 42,
			      "uarts[0].irq: \"988\" is out of range (at most 987)");
}

/* Only GIC versions 2 and 3. */
Test(platform_errors, gic_version)
{
	expect_platform_error("bad_gic_version.yaml", 6, 12,
			      "gic.version: GIC version 4 is not supported (2 or 3)");
}

/* A GICv2 has a CPU interface, not a redistributor. */
Test(platform_errors, gic_v2_with_redistributor)
{
	expect_platform_error("bad_gic_v2_redist.yaml", 8, 18,
			      "gic.redistributor: GICv2 has no redistributor; use cpu-interface");
}

/* Only RAM can be secure. */
Test(platform_errors, secure_flash)
{
	expect_platform_error("bad_secure_flash.yaml", 4, 63,
			      "memory[0].secure: only ram regions can be secure");
}

/* Only flash has an image. */
Test(platform_errors, image_on_ram)
{
	expect_platform_error("bad_image_on_ram.yaml", 4, 64,
			      "memory[0].image: only flash regions have an image");
}

/* A flash image must exist; the message shows the resolved path. */
Test(platform_errors, image_missing)
{
	char image[DIAG_FILE_MAX], msg[DIAG_FILE_MAX + 128];

	data_path(image, sizeof(image), "images/none.bin");
	snprintf(msg, sizeof(msg), "memory[0].image: cannot open \"%s\": No such file or directory",
		 image);
	expect_platform_error("bad_image_missing.yaml", 4, 62, msg);
}

/* A flash image must fit its region. */
Test(platform_errors, image_too_large)
{
	char image[DIAG_FILE_MAX], msg[DIAG_FILE_MAX + 128];

	data_path(image, sizeof(image), "images/big.bin");
	snprintf(msg, sizeof(msg),
		 "memory[0].image: \"%s\" is 4097 bytes, larger than the region (4096 bytes)",
		 image);
	expect_platform_error("bad_image_large.yaml", 4, 61, msg);
}

/* The normal world needs a non-secure RAM region. */
Test(platform_errors, no_non_secure_ram)
{
	expect_platform_error("bad_no_ns_ram.yaml", 4, 3,
			      "memory: no non-secure ram region; the normal world needs one");
}

/* Overlapping regions are reported at the later one, naming both. */
Test(platform_errors, overlapping_regions)
{
	expect_platform_error(
		"bad_overlap_regions.yaml", 5, 5,
		"memory[1]: region \"flash1\" [0x03fff000, 0x07fff000) overlaps region "
		"\"flash0\" [0x00000000, 0x04000000) at line 4");
}

/* A UART page inside a region is an overlap, whichever comes first in the file. */
Test(platform_errors, uart_overlapping_region)
{
	expect_platform_error("bad_overlap_uart.yaml", 6, 5,
			      "memory[0]: region \"ram\" [0x40000000, 0x41000000) overlaps uart "
			      "\"uart0\" [0x40001000, 0x40002000) at line 4");
}

/* GIC windows take part in the overlap check. */
Test(platform_errors, gic_overlapping_uart)
{
	expect_platform_error(
		"bad_overlap_gic.yaml", 7, 59,
		"gic.cpu-interface: gic cpu-interface [0x08010000, 0x08012000) overlaps "
		"uart \"uart0\" [0x08010000, 0x08011000) at line 6");
}

/* At most EMU_PLATFORM_MAX_REGIONS regions. */
Test(platform_errors, too_many_regions)
{
	expect_platform_error("bad_many_regions.yaml", 36, 5,
			      "memory[32]: too many regions (at most 32)");
}

/* At most EMU_PLATFORM_MAX_UARTS UARTs. */
Test(platform_errors, too_many_uarts)
{
	expect_platform_error("bad_many_uarts.yaml", 10, 5, "uarts[4]: too many uarts (at most 4)");
}

/* dtb-address needs room for the largest blob inside non-secure RAM. */
Test(platform_errors, dtb_outside_ram)
{
	expect_platform_error("bad_dtb_outside.yaml", 3, 14,
			      "dtb-address: [0x40fff000, +64 KiB) is not inside a non-secure ram "
			      "region");
}

/* dtb-address is 8-byte aligned. */
Test(platform_errors, dtb_unaligned)
{
	expect_platform_error("bad_dtb_align.yaml", 3, 14,
			      "dtb-address: 0x40000004 is not 8-byte aligned");
}

/* A failed load leaves no half-filled platform behind. */
Test(platform_errors, failed_load_clears_output)
{
	struct emu_platform p;
	struct diag d = {0};
	char path[DIAG_FILE_MAX];

	cr_assert(emu_platform_builtin("virt", &p));
	cr_expect_not(emu_platform_load(data_path(path, sizeof(path), "bad_irq.yaml"), &p, &d));
	cr_expect_eq(p.region_count, 0);
	cr_expect_eq(p.uart_count, 0);
	cr_expect_str_eq(p.name, "");
}

/* Fixed reads belong to raz-wi regions only. */
Test(platform_errors, reads_on_ram)
{
	expect_platform_error("bad_reads_on_ram.yaml", 4, 64,
			      "memory[0].reads: only raz-wi regions have fixed reads");
}

/* A fixed read is 8, 16, 32 or 64 bits wide, aligned, inside its region, with a value that
 * fits; no two overlap. */
Test(platform_errors, reads_checked)
{
	expect_platform_error("bad_reads_width.yaml", 5, 96,
			      "memory[1].reads[0].width: width 24 is not 8, 16, 32 or 64 (bits)");
	expect_platform_error(
		"bad_reads_align.yaml", 5, 76,
		"memory[1].reads[0].offset: offset 0x2 is not aligned to the width (4 "
		"bytes)");
	expect_platform_error(
		"bad_reads_outside.yaml", 5, 76,
		"memory[1].reads[0].offset: offset 0x1000 is outside the region (size "
		"0x1000)");
	expect_platform_error("bad_reads_value.yaml", 5, 86,
			      "memory[1].reads[0].value: \"0x100\" is out of range (at most 255)");
	expect_platform_error("bad_reads_overlap.yaml", 11, 9,
			      "memory[1].reads[1]: reads[1] at 0x4 overlaps reads[0] at 0x0");
}

/* What a read returns: the covered bytes of fixed registers, little-endian, zero elsewhere. */
Test(platform, region_read)
{
	struct emu_region r = {.kind = EMU_REGION_RAZ_WI, .size = 0x1000};

	r.reads[0] = (struct emu_fixed_read){.offset = 0x0, .value = 0x12345678, .width = 4};
	r.reads[1] =
		(struct emu_fixed_read){.offset = 0x8, .value = 0x0123456789abcdefull, .width = 8};
	r.read_count = 2;
	cr_assert_eq(emu_region_read(&r, 0x0, 4), 0x12345678);
	cr_assert_eq(emu_region_read(&r, 0x0, 8), 0x12345678);
	cr_assert_eq(emu_region_read(&r, 0x1, 1), 0x56);
	cr_assert_eq(emu_region_read(&r, 0x2, 2), 0x1234);
	cr_assert_eq(emu_region_read(&r, 0x8, 8), 0x0123456789abcdefull);
	cr_assert_eq(emu_region_read(&r, 0xc, 4), 0x01234567);
	cr_assert_eq(emu_region_read(&r, 0x4, 8), 0x89abcdef00000000ull);
	cr_assert_eq(emu_region_read(&r, 0x20, 4), 0);
}
