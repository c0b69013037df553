/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * System files and --set overrides: every key read into struct sim_system, the shipped systems,
 * overrides of scalars, nested and missing keys, list items and manifest files, the errors of
 * each (named by the override), the checks across partitions, and `ffa-sim check`'s function.
 * Inputs live in tests/data/system/; FFA_SIM_SOURCE_ROOT points at the source tree.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/uuid.h"
#include "common/diag.h"
#include "common/yaml_cfg.h"
#include "common/yaml_set.h"
#include "hyp/pkvm.h"
#include "sim/sim.h"
#include "sim/system.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Writes the path of a file of the source tree into buf. */
static const char *source_path(char *buf, size_t size, const char *rel)
{
	const char *root = getenv("FFA_SIM_SOURCE_ROOT");

	cr_assert_not_null(root, "FFA_SIM_SOURCE_ROOT is not set");
	snprintf(buf, size, "%s/%s", root, rel);
	return buf;
}

/* Writes the path of tests/data/system/<name> into buf. */
static const char *data_path(char *buf, size_t size, const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "tests/data/system/%s", name);
	return source_path(buf, size, rel);
}

/* A system struct per test: too large for comfort on the stack. */
static struct sim_system *new_system(void)
{
	struct sim_system *sys = malloc(sizeof(*sys));

	cr_assert_not_null(sys);
	return sys;
}

/* Loads the source-tree file rel with the overrides sets; it must be valid. */
static struct sim_system *load_ok(const char *rel, const char *const *sets, unsigned count)
{
	struct sim_system *sys = new_system();
	char path[DIAG_FILE_MAX];
	char text[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	struct diag d = {0};

	source_path(path, sizeof(path), rel);
	cr_assert(sim_system_load(path, sets, count, sys, &d), "%s",
		  diag_format(&d, text, sizeof(text)));
	return sys;
}

/* Loads rel with sets; it must fail with an error about an override: no file, exactly msg. */
static void expect_set_error(const char *rel, const char *const *sets, unsigned count,
			     const char *msg)
{
	struct sim_system *sys = new_system();
	char path[DIAG_FILE_MAX];
	struct diag d = {0};

	source_path(path, sizeof(path), rel);
	cr_assert_not(sim_system_load(path, sets, count, sys, &d), "%s loaded", rel);
	cr_expect_str_eq(d.file, "", "%s", d.msg);
	cr_expect_eq(d.line, 0, "%s", d.msg);
	cr_expect_eq(d.column, 0, "%s", d.msg);
	cr_expect_str_eq(d.msg, msg);
	free(sys);
}

/* Loads rel with sets; it must fail in file file_rel at line:column with exactly msg. */
static void expect_file_error(const char *rel, const char *const *sets, unsigned count,
			      const char *file_rel, unsigned line, unsigned column, const char *msg)
{
	struct sim_system *sys = new_system();
	char path[DIAG_FILE_MAX], file[DIAG_FILE_MAX];
	char text[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	struct diag d = {0};

	source_path(path, sizeof(path), rel);
	source_path(file, sizeof(file), file_rel);
	cr_assert_not(sim_system_load(path, sets, count, sys, &d), "%s loaded", rel);
	diag_format(&d, text, sizeof(text));
	cr_expect_str_eq(d.file, file, "%s", text);
	cr_expect_eq(d.line, line, "%s", text);
	cr_expect_eq(d.column, column, "%s", text);
	cr_expect_str_eq(d.msg, msg, "%s", text);
	free(sys);
}

/* Checks that UUID text equals the 16 bytes got. */
static void expect_uuid(const uint8_t got[FFA_UUID_SIZE], const char *want)
{
	char text[FFA_UUID_TEXT_SIZE];

	cr_expect_str_eq(ffa_uuid_format(got, text, sizeof(text)), want);
}

/* Every key lands in its field; paths resolve against the file that holds them. */
Test(system, full)
{
	struct sim_system *sys = load_ok("tests/data/system/ok_full.yaml", NULL, 0);
	char path[DIAG_FILE_MAX], want[DIAG_FILE_MAX];
	const struct sim_setting *s = sys->hypervisor.settings;

	data_path(path, sizeof(path), "ok_full.yaml");
	cr_expect_str_eq(sys->file, path);
	cr_expect_str_eq(sys->description, "every key of a system file");
	data_path(want, sizeof(want), "../../../platforms/virt.yaml");
	cr_expect_str_eq(sys->platform_file, want);
	cr_expect_str_eq(sys->platform.name, "virt");
	cr_expect(sys->spmc_enabled);
	cr_expect_str_eq(sys->spmc.personality->name, "tf-a");
	cr_expect_eq(sys->spmc.version, FFA_VERSION_1_1);
	cr_expect_eq(sys->spmc.id, 0x80ff);
	cr_expect(sys->hypervisor.present);
	cr_expect_str_eq(sys->hypervisor.model, "pkvm");
	cr_expect_str_eq(sys->hypervisor.profile, "android-14");
	cr_assert_eq(sys->hypervisor.setting_count, 2);
	cr_expect_str_eq(s[0].name, "renegotiation");
	cr_expect_str_eq(s[0].value, "not-supported");
	cr_expect_str_eq(s[0].where, path);
	cr_expect_eq(s[0].line, 13);
	cr_expect_eq(s[0].column, 20);
	cr_expect_str_eq(s[1].name, "sve-hint");
	cr_expect_str_eq(s[1].value, "mask");
	cr_assert_eq(sys->partition_count, 2);
	data_path(want, sizeof(want), "partitions/a.yaml");
	cr_expect_str_eq(sys->partitions[0].name, "a");
	cr_expect_str_eq(sys->partitions[0].file, want, "a manifest file keeps its own name");
	cr_expect_eq(sys->partitions[0].line, 3);
	expect_uuid(sys->partitions[0].services[0].uuid, "11111111-2222-4333-8444-555555555555");
	cr_expect_str_eq(sys->partitions[1].name, "b");
	cr_expect_str_eq(sys->partitions[1].file, path, "an inline manifest is in the system file");
	cr_expect_eq(sys->partitions[1].line, 17);
	cr_expect_eq(sys->partitions[1].ffa_version, FFA_VERSION_1_1);
	cr_expect_eq(sys->partitions[1].memory_size, 0x10000);
	cr_expect_eq(sys->partitions[1].regions[0].attributes,
		     PART_ATTR_READ | PART_ATTR_WRITE | PART_ATTR_NS);
	data_path(want, sizeof(want), "images/guest.bin");
	cr_expect_str_eq(sys->normal_world.image, want);
	cr_expect(sys->normal_world.load_address_set);
	cr_expect_eq(sys->normal_world.load_address, 0x40080000);
	cr_expect(sys->normal_world.entry_set);
	cr_expect_eq(sys->normal_world.entry, 0x40080000);
	cr_expect_eq(sys->normal_world.entry_el, 2);
	cr_expect_eq(sys->normal_world.conduit, FFA_CONDUIT_HVC);
	data_path(want, sizeof(want), "images/guest.dtb");
	cr_expect_str_eq(sys->normal_world.dtb, want);
	cr_expect_eq(sys->max_insns, 5000000);
	cr_expect_eq(sys->timeslice, 20000);
	free(sys);
}

/* A system file with nothing but a platform takes the documented defaults. */
Test(system, defaults)
{
	struct sim_system *sys = load_ok("tests/data/system/ok_minimal.yaml", NULL, 0);

	cr_expect_str_eq(sys->description, "");
	cr_expect_str_eq(sys->platform_file, "", "virt is built in");
	cr_expect_str_eq(sys->platform.name, "virt");
	cr_expect(sys->spmc_enabled);
	cr_expect_str_eq(sys->spmc.personality->name, "hafnium");
	/* Hafnium v2.15 is an FF-A v1.3 SPMC: the personality's default version. */
	cr_expect_eq(sys->spmc.version, FFA_VERSION_1_3);
	cr_expect_eq(sys->spmc.id, 0x8000);
	cr_expect_not(sys->hypervisor.present);
	cr_expect_eq(sys->hypervisor.setting_count, 0);
	cr_expect_eq(sys->partition_count, 0);
	cr_expect_str_eq(sys->normal_world.image, "", "the built-in demo");
	cr_expect_not(sys->normal_world.load_address_set);
	cr_expect_not(sys->normal_world.entry_set);
	cr_expect_eq(sys->normal_world.entry_el, 0);
	cr_expect_eq(sys->normal_world.conduit, FFA_CONDUIT_SMC);
	cr_expect_str_eq(sys->normal_world.dtb, "");
	cr_expect_eq(sys->max_insns, 0);
	cr_expect_eq(sys->timeslice, 0, "no timeslice: partitions run to their answer");
	free(sys);
}

/* spmc: none is firmware without FF-A. */
Test(system, no_spmc)
{
	struct sim_system *sys = load_ok("tests/data/system/ok_no_spmc.yaml", NULL, 0);

	cr_expect_not(sys->spmc_enabled);
	free(sys);
}

/* systems/default.yaml is the default run the brief describes. */
Test(system, shipped_default)
{
	struct sim_system *sys = load_ok("systems/default.yaml", NULL, 0);
	const struct part_manifest *m;

	cr_expect_str_eq(sys->platform.name, "virt");
	cr_expect_str_eq(sys->spmc.personality->name, "hafnium");
	cr_expect_eq(sys->spmc.version, FFA_VERSION_1_2);
	cr_assert_eq(sys->partition_count, 1);
	m = sim_system_partition(sys, "echo");
	cr_assert_not_null(m);
	cr_expect_eq(m->id, 0x8001);
	cr_expect_eq(m->ffa_version, FFA_VERSION_1_2);
	cr_assert_eq(m->service_count, 1);
	expect_uuid(m->services[0].uuid, "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45");
	cr_expect_eq(m->messaging, FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ2_RECV);
	cr_expect_str_eq(m->model, "echo");
	cr_expect_str_eq(sys->normal_world.image, "");
	cr_expect_null(sim_system_partition(sys, "none"));
	free(sys);
}

/* The other shipped systems are valid. */
Test(system, shipped_others)
{
	struct sim_system *sys = load_ok("systems/tf-a-1.1.yaml", NULL, 0);

	cr_expect_str_eq(sys->spmc.personality->name, "tf-a");
	cr_expect_eq(sys->spmc.version, FFA_VERSION_1_1);
	cr_expect_eq(sys->partitions[0].messaging, FFA_PROP_DIRECT_REQ_RECV);
	free(sys);
	sys = load_ok("systems/models.yaml", NULL, 0);
	cr_assert_eq(sys->partition_count, 5);
	cr_expect_str_eq(sys->partitions[1].model, "error");
	cr_expect_str_eq(sys->partitions[4].model, "memory");
	cr_expect_eq(sys->partitions[1].params.error_code, FFA_BUSY);
	cr_expect_eq(sys->partitions[2].params.yield_count, 3);
	cr_expect_eq(sys->partitions[3].params.script_count, 3);
	free(sys);
}

/* A system file in memory reads like one on disk; its paths resolve against its name. */
Test(system, load_buffer)
{
	static const char text[] = "partitions:\n  - partitions/a.yaml\n";
	struct sim_system *sys = new_system();
	char name[DIAG_FILE_MAX];
	struct diag d = {0};

	data_path(name, sizeof(name), "embedded.yaml");
	cr_assert(sim_system_load_buffer(name, text, strlen(text), NULL, 0, sys, &d), "%s", d.msg);
	cr_expect_str_eq(sys->file, name);
	cr_expect_eq(sys->partition_count, 1);
	cr_expect_str_eq(sys->partitions[0].name, "a");
	cr_assert_not(sim_system_load_buffer("mem.yaml", "", 0, NULL, 0, sys, &d));
	cr_expect_str_eq(d.msg, "the file is empty; expected a mapping of settings");
	free(sys);
}

/* --set replaces scalars: spmc.version and spmc.personality. */
Test(system, set_scalars)
{
	static const char *const sets[] = {"spmc.version=1.1", "spmc.personality=tf-a"};
	struct sim_system *sys = load_ok("systems/default.yaml", sets, COUNT(sets));

	cr_expect_eq(sys->spmc.version, FFA_VERSION_1_1);
	cr_expect_str_eq(sys->spmc.personality->name, "tf-a");
	free(sys);
}

/* --set adds missing keys, and the mappings on the way to them. */
Test(system, set_nested_missing)
{
	static const char *const sets[] = {"hypervisor.model=pkvm",
					   "hypervisor.settings.renegotiation=not-supported"};
	struct sim_system *sys = load_ok("systems/default.yaml", sets, COUNT(sets));
	const struct sim_setting *s = &sys->hypervisor.settings[0];

	cr_expect(sys->hypervisor.present);
	cr_expect_str_eq(sys->hypervisor.model, "pkvm");
	cr_assert_eq(sys->hypervisor.setting_count, 1);
	cr_expect_str_eq(s->name, "renegotiation");
	cr_expect_str_eq(s->value, "not-supported");
	cr_expect_str_eq(s->where, "--set hypervisor.settings.renegotiation=not-supported");
	cr_expect_eq(s->line, 0);
	cr_expect_eq(s->column, 0);
	free(sys);
}

/* A key left empty in the file (null) becomes a mapping a --set can fill. */
Test(system, set_into_empty_key)
{
	static const char *const sets[] = {"hypervisor.model=pkvm"};
	struct sim_system *sys = load_ok("tests/data/system/ok_empty_hypervisor.yaml", sets, 1);

	cr_expect_str_eq(sys->hypervisor.model, "pkvm");
	free(sys);
	expect_file_error("tests/data/system/ok_empty_hypervisor.yaml", NULL, 0,
			  "tests/data/system/ok_empty_hypervisor.yaml", 3, 12,
			  "hypervisor: expected a mapping, found nothing");
}

/* --set on list items of inline manifests, with a flow list as the value. */
Test(system, set_list_items)
{
	static const char *const sets[] = {
		"partitions[0].ffa-version=1.1",
		"partitions[0].messaging-method=[direct-req-recv, indirect]"};
	struct sim_system *sys = load_ok("systems/default.yaml", sets, COUNT(sets));

	cr_expect_eq(sys->partitions[0].ffa_version, FFA_VERSION_1_1);
	cr_expect_eq(sys->partitions[0].messaging,
		     FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_INDIRECT_MSG);
	free(sys);
}

/* An index one past the end appends an item: here a whole inline manifest. */
Test(system, set_append)
{
	static const char *const sets[] = {
		"partitions[1]={name: two, id: 0x8002, ffa-version: 1.2, uuid: "
		"22222222-2222-4333-8444-555555555555, messaging-method: direct-req-recv, model: "
		"echo}"};
	struct sim_system *sys = load_ok("systems/default.yaml", sets, 1);

	cr_assert_eq(sys->partition_count, 2);
	cr_expect_str_eq(sys->partitions[1].name, "two");
	cr_expect_eq(sys->partitions[1].id, 0x8002);
	cr_expect_eq(sys->partitions[1].line, 0, "not in a file");
	free(sys);
}

/* --set reaches into a partition given as a manifest file, and only that one. */
Test(system, set_into_manifest_file)
{
	static const char *const sets[] = {"partitions[1].params.code=DENIED",
					   "partitions[0].boot-order=9"};
	struct sim_system *sys = load_ok("tests/data/system/ok_files.yaml", sets, COUNT(sets));

	cr_expect_eq(sys->partitions[0].boot_order, 9);
	cr_expect_str_eq(sys->partitions[1].name, "busy");
	cr_expect_eq(sys->partitions[1].params.error_code, FFA_DENIED);
	free(sys);
}

/* --set can name other manifest files; overrides into them edit the file finally named. */
Test(system, set_replace_file)
{
	static const char *const sets[] = {"partitions[0].params.code=-7",
					   "partitions[0]=partitions/busy.yaml",
					   "partitions[1]=partitions/a.yaml"};
	struct sim_system *sys = load_ok("tests/data/system/ok_files.yaml", sets, COUNT(sets));

	cr_expect_str_eq(sys->partitions[0].name, "busy");
	cr_expect_eq(sys->partitions[0].params.error_code, FFA_RETRY);
	cr_expect_str_eq(sys->partitions[1].name, "a");
	free(sys);
	/* The first alone edits a.yaml, an echo model: no params there. */
	expect_set_error("tests/data/system/ok_files.yaml", sets, 1,
			 "--set partitions[0].params.code=-7: params: unknown key \"code\"");
}

/* A value a --set gave is reported as that --set, not as a place in the file. */
Test(system, set_bad_value)
{
	static const char *const version[] = {"spmc.version=1.7"};
	static const char *const id[] = {"partitions[0].id=0x1"};
	static const char *const code[] = {"partitions[1].params.code=SLOW"};

	expect_set_error("systems/default.yaml", version, 1,
			 "--set spmc.version=1.7: spmc.version: FF-A 1.7 is not supported (1.0 to "
			 "1.3)");
	expect_set_error("systems/default.yaml", id, 1,
			 "--set partitions[0].id=0x1: partitions[0].id: 0x0001 is not a secure "
			 "partition ID (bit 15 must be set)");
	expect_set_error("tests/data/system/ok_files.yaml", code, 1,
			 "--set partitions[1].params.code=SLOW: params.code: expected an FF-A "
			 "error code (a name as in BUSY or FFA_BUSY, or a negative number), found "
			 "\"SLOW\"");
}

/* A --set can break a rule that involves the file's own values: the file's value is named. */
Test(system, set_breaks_file_value)
{
	static const char *const sets[] = {"partitions[0].ffa-version=1.1"};

	expect_file_error("systems/default.yaml", sets, 1, "systems/default.yaml", 22, 23,
			  "partitions[0].messaging-method: direct-req2-recv needs FF-A 1.2 or "
			  "later (ffa-version is 1.1)");
}

/* A misspelt key is added by the --set, then refused as unknown, with a suggestion. */
Test(system, set_unknown_key)
{
	static const char *const sets[] = {"spmc.versoin=1.1"};

	expect_set_error("systems/default.yaml", sets, 1,
			 "--set spmc.versoin=1.1: spmc: unknown key \"versoin\"; did you mean "
			 "\"version\"?");
}

/* A missing section added by a --set still needs its required keys. */
Test(system, set_missing_required)
{
	static const char *const sets[] = {"hypervisor.settings.renegotiation=not-supported"};

	expect_set_error("systems/default.yaml", sets, 1,
			 "--set hypervisor.settings.renegotiation=not-supported: hypervisor: "
			 "missing key \"model\"");
}

/* Keys that name no settable place are errors naming the key. */
Test(system, set_bad_keys)
{
	static const char *const below_scalar[] = {"spmc.version.major=1"};
	static const char *const beyond[] = {"partitions[3].id=1"};
	static const char *const not_list[] = {"spmc[0]=1"};
	static const char *const no_equals[] = {"spmc.version"};
	static const char *const empty[] = {"=1.1"};
	static const char *const bad_path[] = {"spmc..version=1"};
	static const char *const bad_index[] = {"partitions[x].id=1"};
	static const char *const bad_value[] = {"spmc.version=[1"};

	expect_set_error("systems/default.yaml", below_scalar, 1,
			 "--set spmc.version.major=1: spmc.version is a value, not a mapping with "
			 "a key \"major\"");
	expect_set_error("systems/default.yaml", beyond, 1,
			 "--set partitions[3].id=1: partitions has 1 item; [3] is beyond its end");
	expect_set_error("systems/default.yaml", not_list, 1,
			 "--set spmc[0]=1: spmc is a mapping, not a list");
	expect_set_error("systems/default.yaml", no_equals, 1,
			 "--set spmc.version: expected KEY=VALUE");
	expect_set_error("systems/default.yaml", empty, 1,
			 "--set =1.1: the key is empty; expected KEY=VALUE");
	expect_set_error("systems/default.yaml", bad_path, 1,
			 "--set spmc..version=1: \"spmc..version\" is not a key path (key names "
			 "joined by '.', list items as [N], at most 16 parts)");
	expect_set_error("systems/default.yaml", bad_index, 1,
			 "--set partitions[x].id=1: \"partitions[x].id\" is not a key path (key "
			 "names joined by '.', list items as [N], at most 16 parts)");
	expect_set_error("systems/default.yaml", bad_value, 1,
			 "--set spmc.version=[1: the value is not valid YAML: did not find "
			 "expected ',' or ']' (while parsing a flow sequence at line 1, column 1)");
}

/* An override into a manifest file that a later override replaced by a mapping is refused. */
Test(system, set_orphaned)
{
	static const char *const sets[] = {
		"partitions[0].boot-order=5",
		"partitions[0]={name: x, id: 0x8005, ffa-version: 1.2, uuid: "
		"55555555-2222-4333-8444-555555555555, messaging-method: direct-req-recv, model: "
		"echo}"};

	expect_set_error("tests/data/system/ok_files.yaml", sets, COUNT(sets),
			 "--set partitions[0].boot-order=5: partitions[0] is no longer a manifest "
			 "file name (a later --set replaced it)");
}

/* A setting's error helper names where the setting was written. */
Test(system, setting_error)
{
	static const char *const sets[] = {"hypervisor.settings.extra=on"};
	struct sim_system *sys = load_ok("tests/data/system/ok_full.yaml", sets, 1);
	char path[DIAG_FILE_MAX];
	struct diag d = {0};

	data_path(path, sizeof(path), "ok_full.yaml");
	cr_assert_eq(sys->hypervisor.setting_count, 3);
	cr_expect_not(sim_system_setting_error(sys, 0, &d, "\"%s\" is not a choice", "x"));
	cr_expect_str_eq(d.file, path);
	cr_expect_eq(d.line, 13);
	cr_expect_eq(d.column, 20);
	cr_expect_str_eq(d.msg, "hypervisor.settings.renegotiation: \"x\" is not a choice");
	sim_system_setting_error(sys, 2, &d, "unknown switch");
	cr_expect_str_eq(d.file, "");
	cr_expect_eq(d.line, 0);
	cr_expect_str_eq(d.msg,
			 "--set hypervisor.settings.extra=on: hypervisor.settings.extra: unknown "
			 "switch");
	free(sys);
}

/* The --set parser splits a key into names and indexes. */
Test(system, set_parse)
{
	struct cfg_set s;
	struct diag d = {0};
	char path[CFG_SET_TEXT_MAX];

	cr_assert(cfg_set_parse("partitions[12].services[0].uuid=a=b", &s, &d), "%s", d.msg);
	cr_assert_eq(s.seg_count, 5);
	cr_expect_str_eq(s.segs[0].name, "partitions");
	cr_expect(s.segs[1].is_index);
	cr_expect_eq(s.segs[1].index, 12);
	cr_expect_str_eq(s.segs[2].name, "services");
	cr_expect_eq(s.segs[3].index, 0);
	cr_expect_str_eq(s.segs[4].name, "uuid");
	cr_expect_str_eq(s.value, "a=b", "the first '=' ends the key");
	cr_expect_str_eq(cfg_set_path(&s, 3, path, sizeof(path)), "partitions[12].services");
	cr_expect_not(cfg_set_parse("[0].id=1", &s, &d), "a key starts with a name");
	cr_expect_not(cfg_set_parse("a.=1", &s, &d));
	cr_expect_not(cfg_set_parse("a[1]x=1", &s, &d));
	cr_expect_not(cfg_set_parse("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q=1", &s, &d), "17 parts");
}

/* Applying to a loaded document: scalars replaced in place, new nodes tagged with the set. */
Test(system, set_apply_document)
{
	static const char text[] = "a:\n  b: 1\nlist: [x, y]\n";
	static const char *const sets[] = {"a.b=2", "a.c.d=3", "list[1]=z", "list[2]=w"};
	struct cfg_set parsed[4];
	struct cfg_doc doc;
	struct cfg_node root, n;
	struct diag d = {0};

	cr_assert(cfg_doc_load_buffer("t.yaml", text, strlen(text), &doc, &d));
	cr_assert(cfg_set_apply_all(&doc, sets, COUNT(sets), parsed, &d), "%s", d.msg);
	cr_assert(cfg_doc_root(&doc, &root, &d));
	cr_assert(cfg_set_find(&doc, &parsed[0], 2, &n));
	cr_expect_str_eq(cfg_scalar(&n), "2");
	cr_expect_eq(cfg_set_tag(&n), 0);
	cr_assert(cfg_set_find(&doc, &parsed[1], 3, &n));
	cr_expect_str_eq(cfg_scalar(&n), "3");
	cr_expect_eq(cfg_set_tag(&n), 1);
	cr_assert(cfg_map_get(&root, "list", &n));
	cr_assert_eq(cfg_seq_count(&n), 3);
	cfg_seq_item(&n, 0, &n);
	cr_expect_str_eq(cfg_scalar(&n), "x");
	cr_expect_eq(cfg_set_tag(&n), -1, "untouched nodes keep their place in the file");
	cr_assert(cfg_set_find(&doc, &parsed[3], 2, &n));
	cr_expect_str_eq(cfg_scalar(&n), "w");
	/* An error positioned at a set's node is rewritten to name the set. */
	cfg_error(&n, &d, "bad");
	cr_expect(cfg_set_explain(parsed, 4, &d));
	cr_expect_str_eq(d.msg, "--set list[2]=w: list[2]: bad");
	cfg_doc_free(&doc);
}

/* ffa-sim check: a valid system, manifest and platform each print one line. */
Test(system, check_ok)
{
	char path[DIAG_FILE_MAX], want[2 * DIAG_FILE_MAX];
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct diag d = {0};

	cr_assert_not_null(f);
	cr_expect(sim_check_file(source_path(path, sizeof(path), "systems/default.yaml"), f, &d),
		  "%s", d.msg);
	fflush(f);
	snprintf(want, sizeof(want),
		 "%s: ok: system: platform virt, SPMC hafnium 1.2 (0x8000), 1 partition: echo "
		 "(0x8001), normal world the built-in demo\n",
		 path);
	cr_expect_str_eq(out, want);
	rewind(f);
	cr_expect(sim_check_file(source_path(path, sizeof(path), "systems/partitions/busy.yaml"), f,
				 &d),
		  "%s", d.msg);
	fputc('\0', f);
	fflush(f);
	snprintf(want, sizeof(want),
		 "%s: ok: partition manifest: busy (0x8002), FF-A 1.2, 1 service, model error\n",
		 path);
	cr_expect_str_eq(out, want);
	rewind(f);
	cr_expect(sim_check_file(source_path(path, sizeof(path), "platforms/virt.yaml"), f, &d),
		  "%s", d.msg);
	fputc('\0', f);
	fflush(f);
	snprintf(want, sizeof(want), "%s: ok: platform virt, 4 memory regions, 1 uarts\n", path);
	cr_expect_str_eq(out, want);
	fclose(f);
	free(out);
}

/* ffa-sim check: bad files fail with their error and print nothing. */
Test(system, check_bad)
{
	char path[DIAG_FILE_MAX], file[DIAG_FILE_MAX];
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct diag d = {0};

	cr_assert_not_null(f);
	data_path(path, sizeof(path), "bad_dup_id.yaml");
	cr_expect_not(sim_check_file(path, f, &d));
	cr_expect_str_eq(d.msg, "partitions[1].id: 0x8001 is already the ID of partition \"a\"");
	data_path(path, sizeof(path), "partitions/bad_uuid.yaml");
	cr_expect_not(sim_check_file(path, f, &d));
	cr_expect_str_eq(d.file, path);
	cr_expect_eq(d.line, 6);
	source_path(path, sizeof(path), "tests/data/manifest/ok_full.yaml");
	cr_expect(sim_check_file(path, f, &d), "an image is found from the manifest's folder");
	source_path(path, sizeof(path), "tests/data/platform/bad_entry_el.yaml");
	cr_expect_not(sim_check_file(path, f, &d));
	cr_expect_eq(d.line, 3);
	source_path(file, sizeof(file), "README.md");
	cr_expect_not(sim_check_file(file, f, &d), "not YAML of any kind");
	data_path(path, sizeof(path), "neither.yaml");
	cr_expect_not(sim_check_file(path, f, &d));
	cr_expect_eq(d.line, 3);
	cr_expect_eq(d.column, 1);
	cr_expect_str_eq(d.msg, "neither a system file (keys spmc, partitions, normal-world ...) "
				"nor a partition manifest (id, uuid or services) nor a platform "
				"(memory)");
	fflush(f);
	cr_expect_eq(strchr(out, '\n'), out + len - 1, "only the ok line of ok_full.yaml: %s", out);
	fclose(f);
	free(out);
}

/*
 * One input error of a system file: the file, the file the error is in ("" for the same one),
 * and where and what the message must be. Text is held in arrays: criterion runs each case in a
 * new process, where pointers into this one's data are not valid.
 */
struct system_error {
	char file[48];
	char where[48];
	unsigned line;
	unsigned column;
	char msg[256]; /* "{dir}" stands for tests/data/system */
};

ParameterizedTestParameters(system, errors)
{
	static struct system_error cases[] = {
		/* Two partitions with one device. */
		{"bad_device_overlap.yaml", "", 18, 9,
		 "partitions[1].device-regions[0]: device \"uart\" [0x09040000, 0x09041000) "
		 "overlaps "
		 "device \"uart\" of partition \"a\" [0x09040000, 0x09041000)"},
		/* Two partitions with one boot order. */
		{"bad_dup_boot_order.yaml", "", 10, 17,
		 "partitions[1].boot-order: 1 is already the boot order of partition \"a\""},
		/* Two partitions with one ID. */
		{"bad_dup_id.yaml", "", 6, 9,
		 "partitions[1].id: 0x8001 is already the ID of partition \"a\""},
		/* Two partitions with one name. */
		{"bad_dup_name.yaml", "", 10, 11,
		 "partitions[1].name: \"a\" is already the name of partitions[0]"},
		/* Two partitions with one UUID. */
		{"bad_dup_uuid.yaml", "", 15, 15,
		 "partitions[1].services[1].uuid: 11111111-2222-4333-8444-000000000001 is already "
		 "a "
		 "UUID of partition \"a\""},
		/* A hypervisor without a model. */
		{"bad_hyp_missing_model.yaml", "", 4, 3, "hypervisor: missing key \"model\""},
		/* A misspelt hypervisor model. */
		{"bad_hyp_model.yaml", "", 4, 10,
		 "hypervisor.model: \"kvm\" is not one of pkvm, forwarding; did you mean "
		 "\"pkvm\"?"},
		/* A hypervisor setting that is a list. */
		{"bad_hyp_setting_list.yaml", "", 6, 20,
		 "hypervisor.settings.renegotiation: expected a string, found a list"},
		/* Hypervisor settings as a list. */
		{"bad_hyp_settings_list.yaml", "", 5, 13,
		 "hypervisor.settings: expected a mapping, found a list"},
		/* A partition in non-secure RAM. */
		{"bad_in_ns_ram.yaml", "", 9, 19,
		 "partitions[0].load-address: the partition's memory [0x40000000, 0x40100000) is "
		 "not "
		 "inside secure ram (platform \"virt\")"},
		/* Two partitions with one interrupt. */
		{"bad_interrupt_shared.yaml", "", 18, 95,
		 "partitions[1].device-regions[0].interrupts[1]: interrupt 40 already belongs to "
		 "partition \"a\""},
		/* Partitions without an SPMC. */
		{"bad_no_spmc_partitions.yaml", "", 5, 3,
		 "partitions: a system without an SPMC (spmc: none) has no partitions"},
		/* A non-secure region in secure RAM. */
		{"bad_ns_region_secure.yaml", "", 10, 9,
		 "partitions[0].memory-regions[0]: region \"buf\" [0x0e800000, 0x0e801000) is not "
		 "inside non-secure ram (platform \"virt\")"},
		/* A conduit that is not smc or hvc. */
		{"bad_nw_conduit.yaml", "", 4, 12,
		 "normal-world.conduit: \"svc\" is not one of smc, hvc; did you mean \"smc\"?"},
		/* A device tree blob that does not exist. */
		{"bad_nw_dtb_missing.yaml", "", 4, 8,
		 "normal-world.dtb: cannot open \"{dir}/images/none.dtb\": No such file or "
		 "directory"},
		/* A normal world starting at EL3. */
		{"bad_nw_entry_el.yaml", "", 4, 13,
		 "normal-world.entry-el: the normal world starts at EL1 or EL2, not 3"},
		/* A normal-world image that does not exist. */
		{"bad_nw_image_missing.yaml", "", 4, 10,
		 "normal-world.image: cannot open \"{dir}/images/none.elf\": No such file or "
		 "directory"},
		/* A misspelt key of normal-world. */
		{"bad_nw_key.yaml", "", 4, 3,
		 "normal-world: unknown key \"imge\"; did you mean \"image\"?"},
		/* A normal-world load address in secure RAM. */
		{"bad_nw_load.yaml", "", 5, 17,
		 "normal-world.load-address: 0xe000000 is not in non-secure ram or flash (platform "
		 "\"virt\")"},
		/* A partition's memory past the end of secure RAM. */
		{"bad_outside_secure.yaml", "", 9, 19,
		 "partitions[0].load-address: the partition's memory [0x0ef80000, 0x0f080000) is "
		 "not "
		 "inside secure ram (platform \"virt\")"},
		/* Two partitions sharing memory. */
		{"bad_overlap.yaml", "", 10, 19,
		 "partitions[1].load-address: the partition's memory [0x0e0ff000, 0x0e1ff000) "
		 "overlaps "
		 "the memory of partition \"a\" [0x0e000000, 0x0e100000)"},
		/* A manifest file with an error. */
		{"bad_partition_file_error.yaml", "partitions/bad_uuid.yaml", 6, 7,
		 "uuid: \"1234\" is not a UUID: a UUID has 36 characters "
		 "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"},
		/* A manifest file that does not exist. */
		{"bad_partition_file_missing.yaml", "", 4, 5,
		 "partitions[0]: cannot open \"{dir}/partitions/none.yaml\": No such file or "
		 "directory"},
		/* An inline manifest with an error. */
		{"bad_partition_inline_error.yaml", "", 10, 22,
		 "partitions[0].exception-level: \"S-EL3\" is not one of S-EL1, S-EL0, EL1; did "
		 "you "
		 "mean \"S-EL1\"?"},
		/* A partition that is a list. */
		{"bad_partition_type.yaml", "", 4, 5,
		 "partitions[0]: expected a manifest file name or an inline manifest (a mapping), "
		 "found a list"},
		/* Partitions as a mapping. */
		{"bad_partitions_map.yaml", "", 4, 3,
		 "partitions: expected a list, found a mapping"},
		/* A platform file with an error. */
		{"bad_platform_error.yaml", "../platform/bad_entry_el.yaml", 3, 11,
		 "entry-el: the normal world starts at EL1 or EL2, not 3"},
		/* A platform file that does not exist. */
		{"bad_platform_missing.yaml", "", 3, 11,
		 "platform: cannot open \"{dir}/nowhere.yaml\": No such file or directory"},
		/* A secure region outside secure RAM. */
		{"bad_region_outside.yaml", "", 10, 9,
		 "partitions[0].memory-regions[0]: region \"buf\" [0x40000000, 0x40001000) is not "
		 "inside secure ram (platform \"virt\")"},
		/* A region in another partition's memory. */
		{"bad_region_overlap.yaml", "", 12, 9,
		 "partitions[1].memory-regions[0]: region \"peek\" [0x0e010000, 0x0e011000) "
		 "overlaps "
		 "the memory of partition \"a\" [0x0e000000, 0x0e100000)"},
		/* A misspelt key of run. */
		{"bad_run_key.yaml", "", 4, 3,
		 "run: unknown key \"max-insn\"; did you mean \"max-insns\"?"},
		/* A run of zero instructions. */
		{"bad_run_zero.yaml", "", 4, 14,
		 "run.max-insns: a run needs at least one instruction"},
		/* A timeslice of zero nanoseconds. */
		{"bad_timeslice_zero.yaml", "", 4, 14,
		 "run.timeslice: a timeslice is at least one nanosecond (leave it out for no "
		 "limit)"},
		/* An SPMC ID without bit 15. */
		{"bad_spmc_id.yaml", "", 4, 7,
		 "spmc.id: 0x0001 is not an SPMC ID (bit 15 set, not the SPMD's 0xffff)"},
		/* A partition with the SPMC's ID. */
		{"bad_spmc_id_clash.yaml", "", 7, 9,
		 "partitions[0].id: 0x8001 is the SPMC's ID (spmc.id)"},
		/* A misspelt key of spmc. */
		{"bad_spmc_key.yaml", "", 4, 3,
		 "spmc: unknown key \"personalty\"; did you mean \"personality\"?"},
		/* A misspelt SPMC personality. */
		{"bad_spmc_personality.yaml", "", 4, 16,
		 "spmc.personality: \"hafnum\" is not one of hafnium, tf-a, optee; did you mean "
		 "\"hafnium\"?"},
		/* Spmc as a value other than none. */
		{"bad_spmc_scalar.yaml", "", 3, 7,
		 "spmc: expected a mapping (personality, version, id) or none"},
		/* An SPMC version the personality does not offer (TF-A's EL3 SPMC is FF-A v1.2). */
		{"bad_spmc_version.yaml", "", 4, 12, "spmc.version: tf-a offers FF-A 1.0 to 1.2"},
		/* Sixty-five partitions. */
		{"bad_too_many_partitions.yaml", "", 388, 5,
		 "partitions[64]: too many partitions (at most 64)"},
		/* A misspelt top-level key. */
		{"bad_unknown_key.yaml", "", 3, 1,
		 "unknown key \"partition\"; did you mean \"partitions\"?"},
	};

	return cr_make_param_array(struct system_error, cases, COUNT(cases));
}

/* Each bad system file fails at its line and column with its exact message. */
ParameterizedTest(struct system_error *c, system, errors)
{
	char path[DIAG_FILE_MAX], where[DIAG_FILE_MAX], dir[DIAG_FILE_MAX], msg[DIAG_MSG_MAX];
	char text[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	const char *mark = strstr(c->msg, "{dir}");
	struct sim_system *sys = new_system();
	struct diag d = {0};

	data_path(path, sizeof(path), c->file);
	data_path(where, sizeof(where), c->where[0] != '\0' ? c->where : c->file);
	data_path(dir, sizeof(dir), "");
	dir[strlen(dir) - 1] = '\0'; /* no trailing '/' */
	if (mark != NULL)
		snprintf(msg, sizeof(msg), "%.*s%s%s", (int)(mark - c->msg), c->msg, dir,
			 mark + strlen("{dir}"));
	else
		snprintf(msg, sizeof(msg), "%s", c->msg);
	cr_assert_not(sim_system_load(path, NULL, 0, sys, &d), "%s loaded without error", c->file);
	diag_format(&d, text, sizeof(text));
	cr_expect_str_eq(d.file, where, "%s", text);
	cr_expect_eq(d.line, c->line, "%s: line %u, expected %u: %s", c->file, d.line, c->line,
		     text);
	cr_expect_eq(d.column, c->column, "%s: column %u, expected %u: %s", c->file, d.column,
		     c->column, text);
	cr_expect_str_eq(d.msg, msg, "%s: %s", c->file, text);
	cr_expect_eq(sys->partition_count, 0, "a failed load leaves a zeroed system");
	free(sys);
}

/* The hypervisor's typed configuration: the section's profile (or the caller's), then the
 * section's settings in order. */
Test(system, hypervisor_config)
{
	static const char *const sets[] = {"hypervisor.model=pkvm", "hypervisor.profile=pre-1.2",
					   "hypervisor.settings.renegotiation=not-supported"};
	struct sim_system *sys = load_ok("systems/default.yaml", sets, COUNT(sets));
	struct hyp_pkvm_config got, want, base;
	struct diag d = {0};

	cr_assert(sim_system_hypervisor(sys, NULL, &got, &d), "%s", d.msg);
	cr_assert(hyp_profile_find("pre-1.2", &want));
	cr_assert(hyp_pkvm_set(&want, "renegotiation=not-supported", &d), "%s", d.msg);
	cr_expect_str_eq(got.profile, "pre-1.2");
	cr_expect_arr_eq(got.sw, want.sw, sizeof(want.sw));
	/* A profile chosen elsewhere (--hypervisor pkvm:PROFILE) under the same settings. */
	cr_assert(hyp_profile_find("req2-forwarding", &base));
	cr_assert(sim_system_hypervisor(sys, &base, &got, &d), "%s", d.msg);
	want = base;
	cr_assert(hyp_pkvm_set(&want, "renegotiation=not-supported", &d), "%s", d.msg);
	cr_expect_str_eq(got.profile, "req2-forwarding");
	cr_expect_arr_eq(got.sw, want.sw, sizeof(want.sw));
	free(sys);
}

/* A wrong profile or setting of the hypervisor section is reported where it was written. */
Test(system, hypervisor_config_errors)
{
	static const char *const current[] = {"hypervisor.profile=current"};
	static const char *const bad_value[] = {"hypervisor.model=pkvm",
						"hypervisor.settings.renegotiation=maybe"};
	struct sim_system *sys = load_ok("tests/data/system/ok_full.yaml", NULL, 0);
	struct hyp_pkvm_config out;
	char path[DIAG_FILE_MAX];
	struct diag d = {0};

	data_path(path, sizeof(path), "ok_full.yaml");
	cr_expect_not(sim_system_hypervisor(sys, NULL, &out, &d));
	cr_expect_str_eq(d.file, path);
	cr_expect_str_eq(d.msg,
			 "hypervisor.profile: unknown profile \"android-14\" (choose "
			 "current, req2-forwarding, ffa-1.2, pre-1.2, ffa-1.1-rc, forwarding)");
	free(sys);
	sys = load_ok("tests/data/system/ok_full.yaml", current, 1);
	cr_expect_not(sim_system_hypervisor(sys, NULL, &out, &d));
	cr_expect_str_eq(d.file, path);
	cr_expect_eq(d.line, 14);
	cr_expect_eq(d.column, 15);
	cr_expect_not_null(strstr(d.msg, "hypervisor.settings.sve-hint: unknown pKVM switch "
					 "\"sve-hint\""),
			   "%s", d.msg);
	free(sys);
	sys = load_ok("systems/default.yaml", bad_value, COUNT(bad_value));
	cr_expect_not(sim_system_hypervisor(sys, NULL, &out, &d));
	cr_expect_str_eq(d.file, "");
	cr_expect_not_null(strstr(d.msg, "--set hypervisor.settings.renegotiation=maybe: "
					 "hypervisor.settings.renegotiation: pKVM switch "
					 "renegotiation: \"maybe\" is not a value"),
			   "%s", d.msg);
	free(sys);
}

/* A loaded system becomes a run's configuration field by field, pointing into the system. */
Test(system, run_config)
{
	static const char *const none[] = {"spmc=none", "partitions=[]"};
	struct sim_system *sys = load_ok("tests/data/system/ok_full.yaml", NULL, 0);
	struct hyp_pkvm_config hyp;
	struct sim_config cfg;

	cr_assert(hyp_profile_find(NULL, &hyp));
	memset(&cfg, 0xa5, sizeof(cfg));
	sim_system_config(sys, &hyp, &cfg);
	cr_expect_eq(cfg.platform_path, sys->platform_file);
	cr_expect_not(cfg.no_spmc);
	cr_expect_eq(cfg.spmc, &sys->spmc);
	cr_expect_eq(cfg.spmc->id, 0x80ff);
	cr_expect_eq(cfg.spmc->version, FFA_VERSION_1_1);
	cr_expect_eq(cfg.hypervisor, &hyp);
	cr_expect_eq(cfg.partitions, sys->partitions);
	cr_expect_eq(cfg.partition_count, 2);
	cr_expect_eq(cfg.guest_path, sys->normal_world.image);
	cr_expect(cfg.load_addr_set);
	cr_expect_eq(cfg.load_addr, 0x40080000);
	cr_expect(cfg.entry_set);
	cr_expect_eq(cfg.entry, 0x40080000);
	cr_expect_eq(cfg.entry_el, 2);
	cr_expect_eq(cfg.conduit, FFA_CONDUIT_HVC);
	cr_expect_eq(cfg.dtb_path, sys->normal_world.dtb);
	cr_expect_eq(cfg.max_insns, 5000000);
	cr_expect_eq(cfg.timeslice, 20000);
	/* What the system does not say stays zero: the run's defaults. */
	cr_expect_null(cfg.console_out);
	cr_expect_null(cfg.guest_data);
	cr_expect_eq(cfg.smccc_version, 0);
	cr_expect_not(cfg.strict);
	free(sys);
	sys = load_ok("systems/default.yaml", none, COUNT(none));
	sim_system_config(sys, NULL, &cfg);
	cr_expect(cfg.no_spmc);
	cr_expect_null(cfg.spmc);
	cr_expect_null(cfg.hypervisor);
	cr_expect_null(cfg.platform_path);
	cr_expect_null(cfg.guest_path);
	free(sys);
}

/*
 * The loader clears what it fills and leaves the partition table past partition_count alone:
 * a system loaded into memory full of garbage is, byte for byte, the one loaded into zeroed
 * memory, but for the unused entries.
 */
Test(system, load_into_dirty_memory)
{
	const char *rel = "systems/models.yaml";
	struct sim_system *clean = calloc(1, sizeof(*clean));
	struct sim_system *dirty = malloc(sizeof(*dirty));
	size_t table = offsetof(struct sim_system, partitions);
	size_t tail = table + sizeof(clean->partitions);
	char path[DIAG_FILE_MAX];
	struct diag d = {0};

	cr_assert_not_null(clean);
	cr_assert_not_null(dirty);
	memset(dirty, 0xa5, sizeof(*dirty));
	source_path(path, sizeof(path), rel);
	cr_assert(sim_system_load(path, NULL, 0, clean, &d), "%s", d.msg);
	cr_assert(sim_system_load(path, NULL, 0, dirty, &d), "%s", d.msg);
	cr_assert_gt(clean->partition_count, 1);
	cr_expect_eq(memcmp(clean, dirty, table), 0);
	cr_expect_eq(memcmp(clean->partitions, dirty->partitions,
			    clean->partition_count * sizeof(clean->partitions[0])),
		     0);
	cr_expect_eq(memcmp((char *)clean + tail, (char *)dirty + tail, sizeof(*clean) - tail), 0);
	free(clean);
	free(dirty);
}
