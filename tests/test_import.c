/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `ffa-sim import-manifest`: device-tree partition manifests (tests/data/import/, DT source in
 * the FF-A manifest binding compiled with dtc at test time) turned into YAML. The YAML text is
 * checked whole; a round trip loads it with the manifest parser and compares the fields; every
 * error names the file, the node and the property.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/ffa.h"
#include "abi/uuid.h"
#include "partitions/import.h"
#include "partitions/manifest.h"

#define PATH_SIZE 1024

/* tests/data/import/<name> in the source tree (FFA_SIM_SOURCE_ROOT). */
static const char *data_path(const char *name, char *buf)
{
	const char *root = getenv("FFA_SIM_SOURCE_ROOT");

	cr_assert_not_null(root, "FFA_SIM_SOURCE_ROOT is not set");
	snprintf(buf, PATH_SIZE, "%s/tests/data/import/%s", root, name);
	return buf;
}

/* A new empty temporary file ending in suffix; its path goes to buf. */
static const char *temp_path(const char *suffix, char *buf)
{
	int fd;

	snprintf(buf, PATH_SIZE, "/tmp/ffa-sim-import-XXXXXX%s", suffix);
	fd = mkstemps(buf, (int)strlen(suffix));
	cr_assert_geq(fd, 0);
	close(fd);
	return buf;
}

/* Compiles DT source to a DTB file with dtc. */
static void compile(const char *dts, const char *dtb)
{
	char cmd[3 * PATH_SIZE];

	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o '%s' '%s'", dtb, dts);
	cr_assert_eq(system(cmd), 0, "%s failed", cmd);
}

/* Imports path (with image, may be NULL); it must succeed. Returns the YAML (to free). */
static char *import_ok(const char *path, const char *image)
{
	struct diag err = {0};
	char *text = NULL, msg[1024];
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	cr_assert_not_null(out);
	cr_assert(part_import_manifest(path, image, out, NULL, &err), "%s",
		  diag_format(&err, msg, sizeof(msg)));
	fclose(out);
	return text;
}

/* Imports tests/data/import/<name>: the YAML must be want, its "%s" the file's path. */
static void expect_yaml(const char *name, const char *image, const char *want)
{
	char path[PATH_SIZE], expected[8192];
	char *text = import_ok(data_path(name, path), image);

	snprintf(expected, sizeof(expected), want, path);
	cr_assert_str_eq(text, expected, "got:\n%s\nwant:\n%s", text, expected);
	free(text);
}

/* Importing path must fail with exactly msg, about path, and write nothing. */
static void expect_error_at(const char *path, const char *msg)
{
	struct diag err = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	cr_assert_not_null(out);
	cr_assert_not(part_import_manifest(path, NULL, out, NULL, &err), "%s imported", path);
	fclose(out);
	cr_assert_eq(len, 0, "wrote: %s", text);
	cr_assert_str_eq(err.file, path);
	cr_assert_eq(err.line, 0);
	cr_assert_str_eq(err.msg, msg);
	free(text);
}

static void expect_error(const char *name, const char *msg)
{
	char path[PATH_SIZE];

	expect_error_at(data_path(name, path), msg);
}

/* Imports the file, adds `extra` to the YAML and loads it with the manifest parser. */
static void round_trip(const char *name, const char *image, const char *extra,
		       struct part_manifest *m)
{
	char path[PATH_SIZE], yaml[PATH_SIZE], msg[1024];
	char *text = import_ok(data_path(name, path), image);
	struct diag err = {0};
	FILE *f;

	f = fopen(temp_path(".yaml", yaml), "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fputs(extra, f);
	fclose(f);
	free(text);
	cr_assert(part_manifest_load(yaml, m, &err), "%s", diag_format(&err, msg, sizeof(msg)));
	unlink(yaml);
}

static void expect_uuid(const uint8_t uuid[FFA_UUID_SIZE], const char *want)
{
	char text[FFA_UUID_TEXT_SIZE];

	cr_assert_str_eq(ffa_uuid_format(uuid, text, sizeof(text)), want);
}

/* ---- YAML text ---- */

/* The binding's required properties only; no image given: a comment says what to add. */
Test(import_yaml, minimal)
{
	expect_yaml("minimal.dts", NULL,
		    "# Imported from %s (arm,ffa-manifest-1.0).\n"
		    "name: minimal\n"
		    "id: 0x8002\n"
		    "ffa-version: 1.2\n"
		    "uuid: 12345678-abcd-ef12-3456-7890abcdef00\n"
		    "messaging-method: [direct-req-recv, direct-req-send]\n"
		    "execution-ctx-count: 1\n"
		    "exception-level: S-EL1\n"
		    "execution-state: aarch64\n"
		    "# A device tree does not say what runs the partition: add `image: PATH` (its\n"
		    "# ELF or raw binary, loaded at load-address) or a built-in `model: echo`.\n");
}

/* Every imported property: UUIDs with a messaging method each, regions absolute and
 * load-relative, a device with interrupts, RX/TX buffers by phandle; the image given; the
 * properties not modelled are listed. */
Test(import_yaml, full)
{
	expect_yaml(
		"full.dts", "sp.elf",
		"# Imported from %s (arm,ffa-manifest-1.0).\n"
		"name: full\n"
		"description: \"Full example\"\n"
		"id: 0x8001\n"
		"ffa-version: 1.2\n"
		"services:\n"
		"  - uuid: b4b5671e-4a90-4fe1-b81f-fb13dae1dacb\n"
		"    messaging-method: [direct-req-recv, direct-req-send, direct-req2-recv, "
		"direct-req2-send]\n"
		"  - uuid: d1582309-f023-47b9-827c-4464f5578fc8\n"
		"    messaging-method: [direct-req-recv, direct-req2-recv]\n"
		"execution-ctx-count: 1\n"
		"exception-level: S-EL1\n"
		"execution-state: aarch64\n"
		"# load-address = <0xe100000> with entrypoint-offset = <0x1000> (an offset "
		"inside the partition package) became load-address 0xe101000, the image's start "
		"and entry; load-relative regions moved with it\n"
		"load-address: 0x0e101000\n"
		"xlat-granule: 0  # 4K\n"
		"boot-order: 1\n"
		"ns-interrupts-action: managed-exit\n"
		"vm-availability-messages: [created, destroyed]\n"
		"power-management-messages: [cpu-off]\n"
		"notification-support: true\n"
		"gp-register-num: 0\n"
		"memory-regions:\n"
		"  - name: rx-buffer\n"
		"    base-address: 0x0e200000\n"
		"    pages-count: 1\n"
		"    attributes: r\n"
		"  - name: tx-buffer\n"
		"    base-address: 0x0e201000\n"
		"    pages-count: 1\n"
		"    attributes: rw\n"
		"  - name: heap\n"
		"    load-address-relative-offset: 0x0007f000\n"
		"    pages-count: 16\n"
		"    attributes: rw\n"
		"device-regions:\n"
		"  - name: uart1\n"
		"    base-address: 0x09040000\n"
		"    pages-count: 1\n"
		"    attributes: rw\n"
		"    interrupts:\n"
		"      - {id: 34, attributes: 0x900}\n"
		"rx-tx-buffer: {rx-buffer: rx-buffer, tx-buffer: tx-buffer}\n"
		"image: \"sp.elf\"\n"
		"# Not imported (the simulator does not model them):\n"
		"#   /: auxiliary-id\n"
		"#   /device-regions/uart1: exclusive-access\n");
}

/* Binding 1.1: the services node; S-EL0; non-secure memory (-ns); named flags; a region's
 * description kept as a comment; the unit address dropped from its name. */
Test(import_yaml, services_node)
{
	expect_yaml("services.dts", NULL,
		    "# Imported from %s (arm,ffa-manifest-1.1).\n"
		    "name: services\n"
		    "description: \"two services\"\n"
		    "id: 0x8003\n"
		    "ffa-version: 1.2\n"
		    "services:\n"
		    "  - uuid: 7a5c9b1e-3f02-4d88-9c6e-0b1d2e3f4a5b\n"
		    "    messaging-method: [direct-req-recv, direct-req2-recv]\n"
		    "  - uuid: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\n"
		    "    messaging-method: [direct-req-recv, direct-req-send]\n"
		    "execution-ctx-count: 1\n"
		    "exception-level: S-EL0\n"
		    "execution-state: aarch64\n"
		    "load-address: 0x0e300000\n"
		    "ns-interrupts-action: signaled\n"
		    "other-s-interrupts-action: signaled\n"
		    "vm-availability-messages: [created]\n"
		    "power-management-messages: [cpu-off, cpu-on]\n"
		    "memory-regions:\n"
		    "  - name: shared  # \"buffer shared with the normal world\"\n"
		    "    base-address: 0x0e380000\n"
		    "    pages-count: 4\n"
		    "    attributes: rw-ns\n"
		    "# A device tree does not say what runs the partition: add `image: PATH` (its\n"
		    "# ELF or raw binary, loaded at load-address) or a built-in `model: echo`.\n");
}

/* A v1.0 partition as Hafnium reads it: no id (a placeholder with a comment), one-cell
 * addresses, the managed-exit flag, a quote in the description, an unknown property noted. */
Test(import_yaml, v1_0_uuid_only)
{
	expect_yaml(
		"v1_0.dts", NULL,
		"# Imported from %s (arm,ffa-manifest-1.0).\n"
		"name: v1_0\n"
		"description: \"v1.0 \\\"trusted OS\\\"\"\n"
		"id: 0x8001  # not in the device tree (Hafnium numbers partitions itself): "
		"make it unique\n"
		"ffa-version: 1.0\n"
		"uuid: f1032d4a-267d-5b4c-9ee2-816f42abc833\n"
		"messaging-method: [direct-req-recv]\n"
		"execution-ctx-count: 4\n"
		"exception-level: S-EL1\n"
		"execution-state: aarch64\n"
		"# load-address = <0xe400000> with entrypoint-offset = <0x4000> (an offset "
		"inside the partition package) became load-address 0xe404000, the image's start "
		"and entry; load-relative regions moved with it\n"
		"load-address: 0x0e404000\n"
		"xlat-granule: 0  # 4K\n"
		"boot-order: 0\n"
		"ns-interrupts-action: managed-exit\n"
		"device-regions:\n"
		"  - name: uart\n"
		"    base-address: 0x09040000\n"
		"    pages-count: 1\n"
		"    attributes: rw\n"
		"# A device tree does not say what runs the partition: add `image: PATH` (its\n"
		"# ELF or raw binary, loaded at load-address) or a built-in `model: echo`.\n"
		"# Not imported (the simulator does not model them):\n"
		"#   /: run-time-model\n");
}

/* Two UUIDs sharing one messaging-method: the partition's, which the services inherit. */
Test(import_yaml, two_uuids_one_method)
{
	expect_yaml("two_uuids.dts", NULL,
		    "# Imported from %s (arm,ffa-manifest-1.0).\n"
		    "name: two_uuids\n"
		    "id: 0x8004\n"
		    "ffa-version: 1.1\n"
		    "messaging-method: [direct-req-recv]\n"
		    "services:\n"
		    "  - uuid: 11111111-2222-2222-3333-333344444444\n"
		    "  - uuid: 55555555-6666-6666-7777-777788888888\n"
		    "execution-ctx-count: 1\n"
		    "exception-level: S-EL1\n"
		    "execution-state: aarch64\n"
		    "# A device tree does not say what runs the partition: add `image: PATH` (its\n"
		    "# ELF or raw binary, loaded at load-address) or a built-in `model: echo`.\n");
}

/* Region names: the description when it is a name (as Hafnium names regions), else the node
 * name without its unit address and with ',' made '-'; unique across memory and device
 * regions (one namespace in the YAML); a description not used as the name is a comment. */
Test(import_yaml, region_names)
{
	expect_yaml("names.dts", NULL,
		    "# Imported from %s (arm,ffa-manifest-1.0).\n"
		    "name: names\n"
		    "id: 0x8005\n"
		    "ffa-version: 1.2\n"
		    "uuid: 12345678-abcd-ef12-3456-7890abcdef00\n"
		    "messaging-method: [direct-req-recv]\n"
		    "execution-ctx-count: 1\n"
		    "exception-level: S-EL1\n"
		    "execution-state: aarch64\n"
		    "memory-regions:\n"
		    "  - name: buf\n"
		    "    base-address: 0x0e200000\n"
		    "    pages-count: 1\n"
		    "    attributes: rx\n"
		    "  - name: buf-2  # \"buf\"\n"
		    "    base-address: 0x0e201000\n"
		    "    pages-count: 2\n"
		    "    attributes: r\n"
		    "device-regions:\n"
		    "  - name: console\n"
		    "    base-address: 0x09000000\n"
		    "    pages-count: 1\n"
		    "    attributes: r\n"
		    "  - name: buf-3\n"
		    "    base-address: 0x09020000\n"
		    "    pages-count: 1\n"
		    "    attributes: rw\n"
		    "  - name: vendor-timer  # \"system timer\"\n"
		    "    base-address: 0x09010000\n"
		    "    pages-count: 1\n"
		    "    attributes: rw\n"
		    "    interrupts:\n"
		    "      - {id: 29, attributes: 0x904}\n"
		    "      - {id: 30, attributes: 0x904}\n"
		    "# A device tree does not say what runs the partition: add `image: PATH` (its\n"
		    "# ELF or raw binary, loaded at load-address) or a built-in `model: echo`.\n");
}

/* interrupts-target: each <id mpidr-high mpidr-low> triple becomes an {id, mpidr} entry, in
 * the order given; an interrupt without a triple has no entry. */
Test(import_yaml, interrupts_target)
{
	expect_yaml("targets.dts", NULL,
		    "# Imported from %s (arm,ffa-manifest-1.0).\n"
		    "name: targets\n"
		    "id: 0x8002\n"
		    "ffa-version: 1.2\n"
		    "uuid: 12345678-abcd-ef12-3456-7890abcdef00\n"
		    "messaging-method: [direct-req-recv, direct-req-send]\n"
		    "execution-ctx-count: 2\n"
		    "exception-level: S-EL1\n"
		    "execution-state: aarch64\n"
		    "device-regions:\n"
		    "  - name: wdog\n"
		    "    base-address: 0x09100000\n"
		    "    pages-count: 1\n"
		    "    attributes: rw\n"
		    "    interrupts:\n"
		    "      - {id: 46, attributes: 0xd80}\n"
		    "      - {id: 47, attributes: 0x900}\n"
		    "      - {id: 48, attributes: 0x900}\n"
		    "    interrupts-target:\n"
		    "      - {id: 48, mpidr: 0x1}\n"
		    "      - {id: 46, mpidr: 0x100000203}\n"
		    "# A device tree does not say what runs the partition: add `image: PATH` (its\n"
		    "# ELF or raw binary, loaded at load-address) or a built-in `model: echo`.\n");
}

/* A compiled DTB imports to the same YAML as its source (but for the file named). */
Test(import_yaml, dtb_same_as_dts)
{
	char dts[PATH_SIZE], dir[PATH_SIZE] = "/tmp/ffa-sim-import-XXXXXX", dtb[PATH_SIZE];
	char *from_dts, *from_dtb;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(dtb, sizeof(dtb), "%s/full.dtb", dir);
	compile(data_path("full.dts", dts), dtb);
	from_dts = import_ok(dts, NULL);
	from_dtb = import_ok(dtb, NULL);
	unlink(dtb);
	rmdir(dir);
	/* Skip the first line: it names the file. */
	cr_assert_str_eq(strchr(from_dtb, '\n'), strchr(from_dts, '\n'));
	free(from_dts);
	free(from_dtb);
}

/* part_import_dtb takes a blob in memory; without a name the partition is "partition". */
Test(import_yaml, blob_in_memory)
{
	static const char want[] = "# Imported from mem (arm,ffa-manifest-1.0).\n"
				   "name: partition\n";
	char dts[PATH_SIZE], dtb[PATH_SIZE], blob[8192], msg[1024];
	struct diag err = {0};
	char *text = NULL;
	size_t len = 0, size;
	FILE *f, *out;

	compile(data_path("minimal.dts", dts), temp_path(".dtb", dtb));
	f = fopen(dtb, "rb");
	cr_assert_not_null(f);
	size = fread(blob, 1, sizeof(blob), f);
	fclose(f);
	unlink(dtb);
	out = open_memstream(&text, &len);
	cr_assert(part_import_dtb(blob, size, "mem", NULL, NULL, out, NULL, &err), "%s",
		  diag_format(&err, msg, sizeof(msg)));
	fclose(out);
	cr_assert(strncmp(text, want, strlen(want)) == 0, "%s", text);
	free(text);
}

/* A manifest written for Hafnium: `id = <1>` is the ID Hafnium gives the first partition,
 * 0x8001; load-address moves by entrypoint-offset to the image's start, load-relative regions
 * keep their addresses (one before the new start becomes absolute); each change is a note and
 * a comment. */
Test(import_yaml, hafnium_id_and_entry)
{
	char path[PATH_SIZE], expected[4096];
	char *text = NULL, *notes = NULL, msg[1024];
	size_t len = 0, notes_len = 0;
	FILE *out = open_memstream(&text, &len), *nf = open_memstream(&notes, &notes_len);
	struct diag err = {0};

	cr_assert(part_import_manifest(data_path("hafnium_sp.dts", path), NULL, out, nf, &err),
		  "%s", diag_format(&err, msg, sizeof(msg)));
	fclose(out);
	fclose(nf);
	snprintf(expected, sizeof(expected),
		 "# Imported from %s (arm,ffa-manifest-1.0).\n"
		 "name: hafnium_sp\n"
		 "# id = <1> became 0x8001: Hafnium numbers partitions 0x8001, 0x8002 ... in the "
		 "order "
		 "of its own manifest (this one as number 1)\n"
		 "id: 0x8001\n"
		 "ffa-version: 1.2\n"
		 "uuid: b4b5671e-4a90-4fe1-b81f-fb13dae1dacb\n"
		 "messaging-method: [direct-req-recv, direct-req-send]\n"
		 "execution-ctx-count: 8\n"
		 "exception-level: S-EL1\n"
		 "execution-state: aarch64\n"
		 "# load-address = <0xe100000> with entrypoint-offset = <0x2000> (an offset inside "
		 "the partition package) became load-address 0xe102000, the image's start and "
		 "entry; "
		 "load-relative regions moved with it\n"
		 "load-address: 0x0e102000\n"
		 "memory-regions:\n"
		 "  - name: header\n"
		 "    base-address: 0x0e101000\n"
		 "    pages-count: 1\n"
		 "    attributes: r\n"
		 "  - name: heap\n"
		 "    load-address-relative-offset: 0x0007e000\n"
		 "    pages-count: 4\n"
		 "    attributes: rw\n"
		 "# A device tree does not say what runs the partition: add `image: PATH` (its\n"
		 "# ELF or raw binary, loaded at load-address) or a built-in `model: echo`.\n",
		 path);
	cr_assert_str_eq(text, expected, "got:\n%s", text);
	cr_assert_not_null(strstr(notes, "ffa-sim: note: import-manifest: "), "%s", notes);
	cr_assert_not_null(strstr(notes, ": id = <1> became 0x8001: "), "%s", notes);
	cr_assert_not_null(strstr(notes, "became load-address 0xe102000"), "%s", notes);
	free(text);
	free(notes);
}

/* ---- Round trips through the manifest parser ---- */

/* full.dts: every field the parser reads comes out as the device tree says. */
Test(import_round_trip, full)
{
	char image[PATH_SIZE];
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert_not_null(m);
	round_trip("full.dts", data_path("full.dts", image), "", m);
	cr_assert_str_eq(m->name, "full");
	cr_assert_str_eq(m->description, "Full example");
	cr_assert_eq(m->id, 0x8001);
	cr_assert_eq(m->ffa_version, FFA_VERSION_1_2);
	cr_assert_eq(m->service_count, 2);
	expect_uuid(m->services[0].uuid, "b4b5671e-4a90-4fe1-b81f-fb13dae1dacb");
	expect_uuid(m->services[1].uuid, "d1582309-f023-47b9-827c-4464f5578fc8");
	cr_assert_eq(m->services[0].messaging, 0x603);
	cr_assert_eq(m->services[1].messaging, 0x201);
	cr_assert_eq(m->messaging, 0x603);
	cr_assert_eq(m->exec_ctx_count, 1);
	cr_assert_eq(m->exception_level, PART_S_EL1);
	cr_assert_eq(m->execution_state, 0);
	/* entrypoint-offset moved load-address to the image's start; the heap kept its place. */
	cr_assert_eq(m->load_address, 0xe101000);
	cr_assert_eq(m->entrypoint_offset, 0);
	cr_assert_eq(m->xlat_granule, 0);
	cr_assert_eq(m->boot_order, 1);
	cr_assert_eq(m->ns_action, PART_NS_MANAGED_EXIT);
	cr_assert(m->managed_exit);
	cr_assert_eq(m->vm_availability, PART_VM_CREATED | PART_VM_DESTROYED);
	cr_assert_eq(m->power_messages, PART_PM_CPU_OFF);
	cr_assert(m->notification_support);
	cr_assert_eq(m->gp_register_num, 0);
	cr_assert_eq(m->region_count, 3);
	cr_assert_str_eq(m->regions[0].name, "rx-buffer");
	cr_assert_eq(m->regions[0].base, 0xe200000);
	cr_assert_eq(m->regions[0].pages, 1);
	cr_assert_eq(m->regions[0].attributes, PART_ATTR_READ);
	cr_assert_str_eq(m->regions[1].name, "tx-buffer");
	cr_assert_eq(m->regions[1].base, 0xe201000);
	cr_assert_eq(m->regions[1].attributes, PART_ATTR_READ | PART_ATTR_WRITE);
	cr_assert_str_eq(m->regions[2].name, "heap");
	cr_assert_eq(m->regions[2].base, 0xe100000 + 0x80000);
	cr_assert_eq(m->regions[2].pages, 16);
	cr_assert_eq(m->device_count, 1);
	cr_assert_str_eq(m->devices[0].name, "uart1");
	cr_assert_eq(m->devices[0].base, 0x9040000);
	cr_assert_eq(m->devices[0].pages, 1);
	cr_assert_eq(m->devices[0].interrupt_count, 1);
	cr_assert_eq(m->devices[0].interrupts[0], 34);
	cr_assert_eq(m->devices[0].interrupt_attributes[0], 0x900);
	cr_assert(m->rxtx_buffer);
	cr_assert_eq(m->rx_region, 0);
	cr_assert_eq(m->tx_region, 1);
	cr_assert_str_eq(m->image, image);
	free(m);
}

/* minimal.dts with the model the comment asks for. */
Test(import_round_trip, minimal_with_model)
{
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert_not_null(m);
	round_trip("minimal.dts", NULL, "model: echo\n", m);
	cr_assert_str_eq(m->name, "minimal");
	cr_assert_eq(m->id, 0x8002);
	cr_assert_eq(m->service_count, 1);
	expect_uuid(m->services[0].uuid, "12345678-abcd-ef12-3456-7890abcdef00");
	cr_assert_eq(m->services[0].messaging, FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND);
	cr_assert_str_eq(m->model, "echo");
	free(m);
}

/* services.dts: per-service methods, S-EL0, non-secure memory, flags by name. */
Test(import_round_trip, services_node)
{
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert_not_null(m);
	round_trip("services.dts", NULL, "model: echo\n", m);
	cr_assert_eq(m->id, 0x8003);
	cr_assert_eq(m->service_count, 2);
	expect_uuid(m->services[0].uuid, "7a5c9b1e-3f02-4d88-9c6e-0b1d2e3f4a5b");
	cr_assert_eq(m->services[0].messaging, 0x201);
	cr_assert_eq(m->services[1].messaging, 0x3);
	cr_assert_eq(m->exception_level, PART_S_EL0);
	cr_assert_eq(m->ns_action, PART_NS_SIGNALED);
	cr_assert_eq(m->vm_availability, PART_VM_CREATED);
	cr_assert_eq(m->power_messages, PART_PM_CPU_OFF | PART_PM_CPU_ON);
	cr_assert_eq(m->region_count, 1);
	cr_assert_eq(m->regions[0].attributes, PART_ATTR_READ | PART_ATTR_WRITE | PART_ATTR_NS);
	free(m);
}

/* v1_0.dts: the placeholder ID loads; the services inherit nothing (one UUID). */
Test(import_round_trip, v1_0)
{
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert_not_null(m);
	round_trip("v1_0.dts", NULL, "model: echo\n", m);
	cr_assert_eq(m->id, 0x8001);
	cr_assert_eq(m->ffa_version, FFA_VERSION_1_0);
	cr_assert_eq(m->exec_ctx_count, 4);
	cr_assert_eq(m->load_address, 0xe404000);
	cr_assert_eq(m->entrypoint_offset, 0);
	cr_assert_eq(m->boot_order, 0);
	cr_assert(m->managed_exit);
	cr_assert_eq(m->device_count, 1);
	free(m);
}

/* hafnium_sp.dts: the manifest parser (and so `ffa-sim check`) accepts the import; the heap is
 * where Hafnium puts it. */
Test(import_round_trip, hafnium_id_and_entry)
{
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert_not_null(m);
	round_trip("hafnium_sp.dts", NULL, "model: echo\n", m);
	cr_assert_eq(m->id, 0x8001);
	cr_assert_eq(m->load_address, 0xe102000);
	cr_assert_eq(m->entrypoint_offset, 0);
	cr_assert_eq(m->region_count, 2);
	cr_assert_eq(m->regions[0].base, 0xe101000);
	cr_assert_eq(m->regions[1].base, 0xe180000);
	free(m);
}

/* two_uuids.dts: both services get the partition's one messaging method. */
Test(import_round_trip, two_uuids)
{
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert_not_null(m);
	round_trip("two_uuids.dts", NULL, "model: echo\n", m);
	cr_assert_eq(m->service_count, 2);
	expect_uuid(m->services[1].uuid, "55555555-6666-6666-7777-777788888888");
	cr_assert_eq(m->services[0].messaging, FFA_PROP_DIRECT_REQ_RECV);
	cr_assert_eq(m->services[1].messaging, FFA_PROP_DIRECT_REQ_RECV);
	free(m);
}

/* names.dts: the names given are unique and the parser takes them. */
Test(import_round_trip, region_names)
{
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert_not_null(m);
	round_trip("names.dts", NULL, "model: echo\n", m);
	cr_assert_eq(m->region_count, 2);
	cr_assert_str_eq(m->regions[1].name, "buf-2");
	cr_assert_eq(m->regions[0].attributes, PART_ATTR_READ | PART_ATTR_EXEC);
	cr_assert_eq(m->device_count, 3);
	cr_assert_str_eq(m->devices[0].name, "console");
	cr_assert_str_eq(m->devices[1].name, "buf-3");
	cr_assert_str_eq(m->devices[2].name, "vendor-timer");
	cr_assert_eq(m->devices[2].interrupt_count, 2);
	cr_assert_eq(m->devices[2].interrupts[1], 30);
	free(m);
}

/* targets.dts: the manifest parser routes the targeted interrupts to their MPIDRs. */
Test(import_round_trip, interrupts_target)
{
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert_not_null(m);
	round_trip("targets.dts", NULL, "model: echo\n", m);
	cr_assert_eq(m->device_count, 1);
	cr_assert_eq(m->devices[0].interrupt_count, 3);
	cr_assert(m->devices[0].interrupt_targeted[0]);
	cr_assert_eq(m->devices[0].interrupt_mpidr[0], 0x100000203);
	cr_assert_not(m->devices[0].interrupt_targeted[1]);
	cr_assert(m->devices[0].interrupt_targeted[2]);
	cr_assert_eq(m->devices[0].interrupt_mpidr[2], 0x1);
	free(m);
}

/* ---- Errors ---- */

/* A file that does not exist. */
Test(import_error, missing_file)
{
	expect_error("no_such_file.dtb", "cannot open: No such file or directory");
}

/* A file that is neither a DTB nor named .dts. */
Test(import_error, not_a_dtb)
{
	expect_error("not_a_dtb.dtb",
		     "not a device tree blob (no FDT magic); DT source must end in .dts");
}

/* A DTB cut short: libfdt's check names the problem. */
Test(import_error, truncated_dtb)
{
	char dts[PATH_SIZE], dtb[PATH_SIZE];

	compile(data_path("full.dts", dts), temp_path(".dtb", dtb));
	cr_assert_eq(truncate(dtb, 100), 0);
	expect_error_at(dtb, "not a valid device tree blob: FDT_ERR_TRUNCATED");
	unlink(dtb);
}

/* Writes header words version and last_comp_version (big-endian, offsets 20 and 24) of a DTB. */
static void set_dtb_version(const char *dtb, uint32_t version, uint32_t last_comp)
{
	uint8_t words[8] = {version >> 24,   version >> 16,   version >> 8,   version,
			    last_comp >> 24, last_comp >> 16, last_comp >> 8, last_comp};
	FILE *f = fopen(dtb, "r+b");

	cr_assert_not_null(f);
	cr_assert_eq(fseek(f, 20, SEEK_SET), 0);
	cr_assert_eq(fwrite(words, 1, sizeof(words), f), sizeof(words));
	fclose(f);
}

/* Header versions libfdt cannot check are refused before it reads the blob (version 5 crashed
 * fdt_check_full); 16 and later versions compatible with 17 are read. */
Test(import_error, dtb_version)
{
	char dts[PATH_SIZE], dtb[PATH_SIZE];

	compile(data_path("minimal.dts", dts), temp_path(".dtb", dtb));
	set_dtb_version(dtb, 5, 2);
	expect_error_at(dtb, "device tree blob version 5 (last compatible version 2) is not "
			     "supported: versions 16 and 17 are, and later ones compatible with "
			     "them (dtc writes 17)");
	set_dtb_version(dtb, 20, 18);
	expect_error_at(dtb, "device tree blob version 20 (last compatible version 18) is not "
			     "supported: versions 16 and 17 are, and later ones compatible with "
			     "them (dtc writes 17)");
	set_dtb_version(dtb, 16, 17);
	expect_error_at(dtb, "device tree blob version 16 (last compatible version 17) is not "
			     "supported: versions 16 and 17 are, and later ones compatible with "
			     "them (dtc writes 17)");
	set_dtb_version(dtb, 16, 16);
	free(import_ok(dtb, NULL));
	set_dtb_version(dtb, 18, 16);
	free(import_ok(dtb, NULL));
	unlink(dtb);
}

/* A blob shorter than its header. */
Test(import_error, dtb_header_cut)
{
	char dtb[PATH_SIZE];
	FILE *f = fopen(temp_path(".dtb", dtb), "wb");

	cr_assert_not_null(f);
	fwrite("\xd0\x0d\xfe\xed\x00\x00\x00\x30", 1, 8, f);
	fclose(f);
	expect_error_at(dtb, "not a valid device tree blob: FDT_ERR_TRUNCATED");
	unlink(dtb);
}

/* import-manifest reads regular files only: a FIFO or a directory is refused at once. */
Test(import_error, not_a_regular_file)
{
	char dir[PATH_SIZE];

	expect_error_at("/dev/zero", "is a device; expected a regular file");
	snprintf(dir, sizeof(dir), "%s", getenv("FFA_SIM_SOURCE_ROOT"));
	expect_error_at(dir, "is a directory; expected a regular file");
}

/* DT source dtc refuses: dtc's first message. */
Test(import_error, dtc_syntax)
{
	char path[PATH_SIZE], msg[2 * PATH_SIZE];

	snprintf(msg, sizeof(msg), "dtc failed: Error: %s:7.2-3 syntax error",
		 data_path("bad_syntax.dts", path));
	expect_error("bad_syntax.dts", msg);
}

/* The root is not an FF-A manifest. */
Test(import_error, compatible)
{
	expect_error("bad_compatible.dts",
		     "/: compatible: \"vendor,partition\" is not an FF-A partition manifest "
		     "(expected \"arm,ffa-manifest-1.0\" or \"arm,ffa-manifest-1.1\")");
}

/* A binding of another major version. */
Test(import_error, binding_version)
{
	expect_error("bad_binding_version.dts",
		     "/: compatible: \"arm,ffa-manifest-2.0\": binding version 2.0 is not "
		     "supported (1.x)");
}

/* No compatible at all. */
Test(import_error, no_compatible)
{
	expect_error("bad_no_compatible.dts",
		     "/: compatible: missing: not an FF-A partition manifest (expected "
		     "\"arm,ffa-manifest-1.0\")");
}

/* Required properties: uuid (without a services node), execution-ctx-count. */
Test(import_error, missing_required)
{
	expect_error("bad_missing_uuid.dts",
		     "/: uuid: missing (required by the FF-A manifest binding)");
	expect_error("bad_missing_ctx.dts",
		     "/: execution-ctx-count: missing (required by the FF-A manifest binding)");
}

/* A uuid that is not groups of four cells; the Nil UUID. */
Test(import_error, uuid)
{
	expect_error("bad_uuid_cells.dts", "/: uuid: expected groups of 4 cells, found 3 cells");
	expect_error("bad_nil_uuid.dts", "/: uuid: UUID 0 is the Nil UUID");
}

/* Types: a one-byte <u32>, a number for a <string>, a flag with a value, three cells for a
 * <u32> in a region. */
Test(import_error, types)
{
	expect_error("bad_u32_bytes.dts",
		     "/: exception-level: expected a <u32> (one cell), found 1 byte");
	expect_error("bad_string.dts", "/: description: expected a <string> (one string)");
	expect_error("bad_flag.dts",
		     "/: notification-support: expected an empty property (a flag), found 4 bytes");
	expect_error("bad_region_pages.dts",
		     "/memory-regions/heap: pages-count: expected a <u32> (one cell), found 12 "
		     "bytes");
}

/* Values outside the binding: exception level, FF-A major version, messaging bits,
 * region attribute bits. */
Test(import_error, values)
{
	expect_error("bad_exception_level.dts",
		     "/: exception-level: 3 is not 0 (EL1), 1 (S-EL0) or 2 (S-EL1)");
	expect_error("bad_ffa_version.dts",
		     "/: ffa-version: 0x20000 is not an FF-A 1.x version (major in bits 30:16, "
		     "minor in 15:0)");
	expect_error("bad_messaging_bits.dts", "/: messaging-method: unknown bits 0x10 in 0x13");
	expect_error("bad_region_attributes.dts",
		     "/memory-regions/heap: attributes: unknown bits 0x10 in 0x13");
}

/* messaging-method: one value for all UUIDs or one each, nothing else. */
Test(import_error, messaging_count)
{
	expect_error("bad_messaging_count.dts",
		     "/: messaging-method: 3 values for 2 UUIDs (one for all, or one per UUID)");
}

/* A memory region has a base-address or a load-address-relative-offset, not both. */
Test(import_error, region_address)
{
	expect_error("bad_region_no_base.dts",
		     "/memory-regions/heap: needs base-address or load-address-relative-offset");
	expect_error("bad_region_both.dts", "/memory-regions/heap: has both base-address and "
					    "load-address-relative-offset");
}

/* The region nodes carry their compatible. */
Test(import_error, regions_compatible)
{
	expect_error("bad_regions_compatible.dts",
		     "/memory-regions: compatible: expected \"arm,ffa-manifest-memory-regions\"");
}

/* An RX buffer phandle that names a device region. */
Test(import_error, rxtx_phandle)
{
	expect_error("bad_rxtx_phandle.dts",
		     "/rx_tx-info: rx-buffer: phandle 0x1 is not a node of memory-regions");
}

/* A service's uuid string that is not a UUID. */
Test(import_error, services_uuid)
{
	expect_error("bad_services_uuid.dts",
		     "/services/echo: uuid: \"7a5c9b1e-3f02-4d88-9c6e\" is not a UUID: a UUID has "
		     "36 characters (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
}

/* Device interrupts come in (id, attributes) pairs. */
Test(import_error, interrupts)
{
	expect_error("bad_interrupts.dts",
		     "/device-regions/uart: interrupts: expected (id, attributes) pairs, found 3 "
		     "cells");
}

/* interrupts-target: (id, mpidr-high, mpidr-low) triples, each ID one of the device's
 * interrupts and targeted once, MPIDRs with affinity fields only, and a device with
 * interrupts, as the YAML form requires. */
Test(import_error, interrupts_target)
{
	expect_error("bad_target_cells.dts",
		     "/device-regions/wdog: interrupts-target: expected (id, mpidr-high, "
		     "mpidr-low) triples, found 2 cells");
	expect_error("bad_target_id.dts", "/device-regions/wdog: interrupts-target: triple 2: "
					  "interrupt 45 is not one of this device's interrupts");
	expect_error("bad_target_twice.dts",
		     "/device-regions/wdog: interrupts-target: triple 3: interrupt 46 has a "
		     "target already (triple 1)");
	expect_error("bad_target_mpidr.dts",
		     "/device-regions/wdog: interrupts-target: triple 1: MPIDR 0x80000001 sets "
		     "bits other than the affinity fields (Aff3 39:32, Aff2-Aff0 23:0)");
	expect_error("bad_target_no_interrupts.dts",
		     "/device-regions/wdog: interrupts-target: targets for a device without "
		     "interrupts");
}
