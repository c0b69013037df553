/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Partition manifests: every key read into struct part_manifest (named and numeric forms,
 * defaults, the models' params), and one case per input error with its exact position and
 * message. Inputs live in tests/data/manifest/; FFA_SIM_SOURCE_ROOT points at the source tree.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/uuid.h"
#include "common/diag.h"
#include "common/yaml_cfg.h"
#include "partitions/manifest.h"

#define ECHO_UUID "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45"
#define SECOND_UUID "6a2f3c1e-8d4b-4f70-a1c9-2e5b7d9f0c38"

/* Writes the path of tests/data/manifest/<name> (or the folder itself for "") into buf. */
static const char *data_path(char *buf, size_t size, const char *name)
{
	const char *root = getenv("FFA_SIM_SOURCE_ROOT");

	cr_assert_not_null(root, "FFA_SIM_SOURCE_ROOT is not set");
	snprintf(buf, size, "%s/tests/data/manifest%s%s", root, name[0] != '\0' ? "/" : "", name);
	return buf;
}

/* Loads tests/data/manifest/<name>, which must be valid. */
static void load_ok(const char *name, struct part_manifest *m)
{
	char path[DIAG_FILE_MAX];
	char text[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	struct diag d = {0};

	data_path(path, sizeof(path), name);
	cr_assert(part_manifest_load(path, m, &d), "%s", diag_format(&d, text, sizeof(text)));
}

/* Checks that UUID text equals the 16 bytes got. */
static void expect_uuid(const uint8_t got[FFA_UUID_SIZE], const char *want)
{
	char text[FFA_UUID_TEXT_SIZE];

	cr_expect_str_eq(ffa_uuid_format(got, text, sizeof(text)), want);
}

/* Every key in its named form lands in its field. */
Test(manifest, full)
{
	struct part_manifest m;
	char dir[DIAG_FILE_MAX], image[DIAG_FILE_MAX];

	load_ok("ok_full.yaml", &m);
	cr_expect_str_eq(m.name, "full-sp");
	cr_expect_str_eq(m.description, "every key of the manifest");
	cr_expect_eq(m.line, 3);
	cr_expect_eq(m.id, 0x8005);
	cr_expect_eq(m.ffa_version, FFA_VERSION_1_2);
	cr_expect_eq(m.messaging, FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND |
					  FFA_PROP_INDIRECT_MSG | FFA_PROP_DIRECT_REQ2_RECV |
					  FFA_PROP_DIRECT_REQ2_SEND);
	cr_assert_eq(m.service_count, 2);
	expect_uuid(m.services[0].uuid, ECHO_UUID);
	cr_expect_eq(m.services[0].messaging, m.messaging, "a service inherits the partition's");
	expect_uuid(m.services[1].uuid, SECOND_UUID);
	cr_expect_eq(m.services[1].messaging, FFA_PROP_DIRECT_REQ2_RECV);
	cr_expect_eq(m.exec_ctx_count, 4);
	cr_expect_eq(m.exception_level, PART_S_EL1);
	cr_expect_eq(m.execution_state, 0);
	cr_expect(m.load_address_set);
	cr_expect_eq(m.load_address, 0x0e100000);
	cr_expect_eq(m.memory_size, 512 * 1024);
	cr_expect_eq(m.entrypoint_offset, 0x1000);
	cr_expect_eq(m.xlat_granule, 0);
	cr_expect_eq(m.boot_order, 7);
	cr_expect_eq(m.ns_action, PART_NS_MANAGED_EXIT);
	cr_expect(m.managed_exit);
	cr_expect(m.managed_exit_virq);
	cr_expect_eq(m.vm_availability, PART_VM_CREATED | PART_VM_DESTROYED);
	cr_expect(m.power_management);
	cr_expect_eq(m.power_messages, PART_PM_CPU_OFF | PART_PM_CPU_ON);
	cr_expect(m.notification_support);
	cr_expect_eq(m.gp_register_num, 1);
	cr_assert_eq(m.region_count, 4);
	cr_expect_str_eq(m.regions[0].name, "rx");
	cr_expect_eq(m.regions[0].base, 0x0e180000, "load-address + the relative offset");
	cr_expect_eq(m.regions[0].pages, 1);
	cr_expect_eq(m.regions[0].attributes, PART_ATTR_READ | PART_ATTR_WRITE);
	cr_expect_str_eq(m.regions[1].name, "tx");
	cr_expect_eq(m.regions[1].base, 0x0e181000);
	cr_expect_str_eq(m.regions[2].name, "shared");
	cr_expect_eq(m.regions[2].base, 0x40100000);
	cr_expect_eq(m.regions[2].pages, 4);
	cr_expect_eq(m.regions[2].attributes, PART_ATTR_READ | PART_ATTR_WRITE | PART_ATTR_NS);
	cr_expect_eq(m.regions[3].attributes, PART_ATTR_READ | PART_ATTR_EXEC);
	cr_assert_eq(m.device_count, 1);
	cr_expect_str_eq(m.devices[0].name, "uart1");
	cr_expect_eq(m.devices[0].base, 0x09040000);
	cr_expect_eq(m.devices[0].pages, 1);
	cr_expect_eq(m.devices[0].attributes, PART_ATTR_READ | PART_ATTR_WRITE);
	cr_assert_eq(m.devices[0].interrupt_count, 2);
	cr_expect_eq(m.devices[0].interrupts[0], 34);
	cr_expect_eq(m.devices[0].interrupt_attributes[0], 0);
	cr_expect_eq(m.devices[0].interrupts[1], 35);
	cr_expect_eq(m.devices[0].interrupt_attributes[1], 0x900);
	cr_expect(m.rxtx_buffer);
	cr_expect_eq(m.rx_region, 0);
	cr_expect_eq(m.tx_region, 1);
	snprintf(image, sizeof(image), "%s/images/sp.bin", data_path(dir, sizeof(dir), ""));
	cr_expect_str_eq(m.image, image, "resolved against the manifest's folder");
	cr_expect_str_eq(m.model, "");
}

/* The keys that take a name or a number read the binding's numbers too. */
Test(manifest, numbers)
{
	struct part_manifest m;

	load_ok("ok_numbers.yaml", &m);
	cr_expect_eq(m.id, 0x8002);
	cr_expect_eq(m.ffa_version, FFA_VERSION_1_1);
	cr_expect_eq(m.messaging,
		     FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND | FFA_PROP_INDIRECT_MSG);
	cr_expect_eq(m.exception_level, PART_S_EL1);
	cr_expect_eq(m.ns_action, PART_NS_QUEUED);
	cr_expect(m.other_s_queued, "other-s-interrupts-action: 0 is queued");
	cr_expect_not(m.managed_exit);
	cr_expect_not(m.managed_exit_virq);
	cr_expect_eq(m.vm_availability, PART_VM_CREATED | PART_VM_DESTROYED);
	cr_expect_eq(m.power_messages, PART_PM_CPU_OFF | PART_PM_CPU_SUSPEND_RESUME);
	cr_expect_eq(m.regions[0].attributes, PART_ATTR_READ | PART_ATTR_WRITE | PART_ATTR_NS);
	cr_expect_eq(m.regions[1].attributes, PART_ATTR_READ);
	cr_expect_eq(m.devices[0].pages, 2);
	cr_expect_eq(m.devices[0].attributes, PART_ATTR_READ | PART_ATTR_WRITE);
	cr_expect_eq(m.devices[0].interrupt_count, 0);
}

/* Absent keys take the documented defaults. */
Test(manifest, defaults)
{
	struct part_manifest m;

	load_ok("ok_minimal.yaml", &m);
	cr_expect_str_eq(m.description, "");
	cr_expect_eq(m.ffa_version, FFA_VERSION_1_0);
	cr_expect_eq(m.messaging, FFA_PROP_DIRECT_REQ_RECV, "one name without a list");
	cr_assert_eq(m.service_count, 1);
	cr_expect_eq(m.services[0].messaging, FFA_PROP_DIRECT_REQ_RECV);
	cr_expect_eq(m.exec_ctx_count, 1);
	cr_expect_eq(m.exception_level, PART_S_EL1);
	cr_expect_eq(m.execution_state, 0);
	cr_expect_not(m.load_address_set);
	cr_expect_eq(m.load_address, 0);
	cr_expect_eq(m.memory_size, PART_DEFAULT_MEMORY_SIZE);
	cr_expect_eq(m.entrypoint_offset, 0);
	cr_expect_eq(m.xlat_granule, 0);
	cr_expect_eq(m.boot_order, -1);
	cr_expect_eq(m.ns_action, PART_NS_SIGNALED);
	cr_expect_not(m.other_s_queued, "other-s-interrupts-action: signaled");
	cr_expect_not(m.managed_exit);
	cr_expect_eq(m.vm_availability, 0);
	cr_expect_not(m.power_management);
	cr_expect_eq(m.power_messages, 0);
	cr_expect_not(m.notification_support);
	cr_expect_eq(m.gp_register_num, PART_GP_REGISTER_NONE);
	cr_expect_eq(m.region_count, 0);
	cr_expect_eq(m.device_count, 0);
	cr_expect_not(m.rxtx_buffer);
	cr_expect_str_eq(m.image, "");
	cr_expect_str_eq(m.model, "echo");
}

/* Without a partition-wide messaging-method, the partition's is the union of its services'. */
Test(manifest, services_union)
{
	struct part_manifest m;

	load_ok("ok_services.yaml", &m);
	cr_assert_eq(m.service_count, 2);
	cr_expect_eq(m.services[0].messaging, FFA_PROP_DIRECT_REQ_RECV);
	cr_expect_eq(m.services[1].messaging, FFA_PROP_INDIRECT_MSG | FFA_PROP_DIRECT_REQ_SEND);
	cr_expect_eq(m.messaging,
		     FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_INDIRECT_MSG | FFA_PROP_DIRECT_REQ_SEND);
}

/* The error model's code may be a negative number; yield defaults to one FFA_YIELD. */
Test(manifest, model_params)
{
	struct part_manifest m;

	load_ok("ok_error.yaml", &m);
	cr_expect_str_eq(m.model, "error");
	cr_expect_eq(m.params.error_code, FFA_DENIED);
	load_ok("ok_yield.yaml", &m);
	cr_expect_str_eq(m.model, "yield");
	cr_expect_eq(m.params.yield_count, 1);
	load_ok("ok_scripted.yaml", &m);
	cr_expect_str_eq(m.model, "scripted");
	cr_expect_eq(m.params.script_count, 6);
}

/* The optee model's params, and its defaults: what OP-TEE 4.10 answered on QEMU. */
Test(manifest, optee_params)
{
	struct part_manifest m;

	load_ok("ok_optee.yaml", &m);
	cr_expect_str_eq(m.model, "optee");
	cr_expect_eq(m.params.optee_revision_major, 3);
	cr_expect_eq(m.params.optee_revision_minor, 22);
	cr_expect_eq(m.params.optee_build_id, 0x1234abcd);
	cr_expect_eq(m.params.optee_caps, 1);
	cr_assert_eq(m.params.optee_device_count, 2);
	expect_uuid(m.params.optee_devices[1], "7011a688-ddde-4053-a5a9-7b3c4ddf13b8");
	load_ok("ok_optee_defaults.yaml", &m);
	cr_expect_eq(m.params.optee_revision_major, 4);
	cr_expect_eq(m.params.optee_revision_minor, 10);
	cr_expect_eq(m.params.optee_build_id, 0xd5001fe0);
	cr_expect_eq(m.params.optee_caps, 7);
	cr_assert_eq(m.params.optee_device_count, 1);
	expect_uuid(m.params.optee_devices[0], "d96a5b40-c3e5-21e3-8794-1002a5d5c61b");
}

/* Each answer form of the scripted model gives the full register set, unset registers zero. */
Test(manifest, scripted_answers)
{
	struct part_manifest m;
	const struct ffa_value *s = m.params.script;

	load_ok("ok_scripted.yaml", &m);
	cr_assert_eq(m.params.script_count, 6);
	/* [x0, x1, ...]: registers in order. */
	cr_expect_eq(s[0].x[0], 0x84000070);
	cr_expect_eq(s[0].x[3], 0xc0de);
	cr_expect_eq(s[0].x[7], 7);
	for (unsigned i = 8; i < FFA_REG_COUNT; i++)
		cr_expect_eq(s[0].x[i], 0, "x%u", i);
	/* {function: NAME, xN: ...}: x0 from the function table. */
	cr_expect_eq(s[1].x[0], 0xc400008e);
	cr_expect_eq(s[1].x[1], 0x80090000);
	cr_expect_eq(s[1].x[2], 0);
	cr_expect_eq(s[1].x[4], 0x1111);
	cr_expect_eq(s[1].x[17], 0x1717);
	/* {error: NAME} and {error: -N}: FFA_ERROR_32 with the code in w2. */
	cr_expect_eq(s[2].x[0], FFA_ERROR_32);
	cr_expect_eq(s[2].x[1], 0);
	cr_expect_eq(s[2].x[2], 0xffffffff);
	cr_expect_eq(s[3].x[2], 0xfffffffe);
	/* {x0: ...} alone. */
	cr_expect_eq(s[4].x[0], 0x8400006c);
	/* All 18 registers. */
	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		cr_expect_eq(s[5].x[i], i, "x%u", i);
}

/* An inline manifest's messages carry its key path in the outer file. */
Test(manifest, from_node_path)
{
	static const char text[] = "partitions:\n"
				   "  - name: sp\n"
				   "    id: 0x8001\n"
				   "    ffa-version: 1.2\n"
				   "    messaging-method: direct-req-recv\n"
				   "    uuid: \"1234\"\n";
	struct cfg_doc doc;
	struct cfg_node root, list, item;
	struct part_manifest m;
	struct diag d = {0};

	cr_assert(cfg_doc_load_buffer("system.yaml", text, strlen(text), &doc, &d), "%s", d.msg);
	cr_assert(cfg_doc_root(&doc, &root, &d));
	cr_assert(cfg_map_get(&root, "partitions", &list));
	cfg_seq_item(&list, 0, &item);
	cr_assert_not(part_manifest_from_node(&item, &m, &d));
	cr_expect_str_eq(d.file, "system.yaml");
	cr_expect_eq(d.line, 6);
	cr_expect_eq(d.column, 11);
	cr_expect_str_eq(d.msg, "partitions[0].uuid: \"1234\" is not a UUID: a UUID has 36 "
				"characters (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
	cr_expect_str_eq(m.name, "", "a failed load leaves the defaults");
	cfg_doc_free(&doc);
}

/* A manifest file that does not exist is reported with its name. */
Test(manifest, missing_file)
{
	struct part_manifest m;
	struct diag d = {0};
	char path[DIAG_FILE_MAX];

	data_path(path, sizeof(path), "none.yaml");
	cr_assert_not(part_manifest_load(path, &m, &d));
	cr_expect_str_eq(d.file, path);
	cr_expect_eq(d.line, 0);
	cr_expect_str_eq(d.msg, "cannot open: No such file or directory");
}

/* The manifests shipped in systems/partitions/ are valid. */
Test(manifest, shipped)
{
	static const char *const files[] = {"echo.yaml", "busy.yaml", "yield.yaml", "scripted.yaml",
					    "memory.yaml"};
	const char *root = getenv("FFA_SIM_SOURCE_ROOT");
	char text[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];

	cr_assert_not_null(root);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct part_manifest m;
		struct diag d = {0};
		char path[DIAG_FILE_MAX];

		snprintf(path, sizeof(path), "%s/systems/partitions/%s", root, files[i]);
		cr_expect(part_manifest_load(path, &m, &d), "%s",
			  diag_format(&d, text, sizeof(text)));
	}
}

/*
 * One input error: the file, and where and what the message must be. Text is held in arrays:
 * criterion runs each case in a new process, where pointers into this one's data are not valid.
 */
struct manifest_error {
	char file[48];
	unsigned line;
	unsigned column;
	char msg[256]; /* "{dir}" stands for tests/data/manifest */
};

ParameterizedTestParameters(manifest, errors)
{
	static struct manifest_error cases[] = {
		/* A boolean that is not one. */
		{"bad_bool.yaml", 9, 23,
		 "notification-support: \"maybe\" is not a boolean (true, false, yes or no)"},
		/* A boot order above 65535. */
		{"bad_boot_order.yaml", 9, 13,
		 "boot-order: \"70000\" is out of range (at most 65535)"},
		/* An S-EL0 partition with two contexts. */
		{"bad_ctx_sel0.yaml", 10, 22,
		 "execution-ctx-count: an S-EL0 partition has one execution context, not 2"},
		/* No execution context. */
		{"bad_ctx_zero.yaml", 9, 22,
		 "execution-ctx-count: a partition has at least one execution context"},
		/* A description over 127 characters. */
		{"bad_description_long.yaml", 9, 14,
		 "description: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\" is too long "
		 "(at "
		 "most 127 characters)"},
		/* An executable device. */
		{"bad_device_attr.yaml", 10, 72,
		 "device-regions[0].attributes: rx is not allowed: device regions are r or rw"},
		/* An interrupt ID above 1019. */
		{"bad_device_interrupt.yaml", 10, 89,
		 "device-regions[0].interrupts[0]: \"1020\" is out of range (at most 1019)"},
		/* One interrupt in two devices. */
		{"bad_device_interrupt_dup.yaml", 11, 119,
		 "device-regions[1].interrupts[1]: interrupt 33 already belongs to "
		 "device-regions[0]"},
		/* Five interrupts on one device. */
		{"bad_device_interrupts_many.yaml", 10, 105,
		 "device-regions[0].interrupts[4]: too many interrupts (at most 4)"},
		/* A device with a memory region's name. */
		{"bad_device_name_dup.yaml", 12, 12,
		 "device-regions[0].name: \"buf\" is already the name of memory-regions[0]"},
		/* A device without base-address. */
		{"bad_device_no_base.yaml", 10, 5,
		 "device-regions[0]: missing key \"base-address\""},
		/* A device over a memory region. */
		{"bad_device_overlap.yaml", 12, 5,
		 "device-regions[0]: \"dev\" [0x0e100000, 0x0e101000) overlaps memory-regions[0] "
		 "\"buf\" [0x0e100000, 0x0e101000)"},
		/* A key given twice. */
		{"bad_duplicate_key.yaml", 9, 1,
		 "duplicate key \"id\" (first at line 4, column 1)"},
		/* A misspelt exception level. */
		{"bad_el.yaml", 9, 18,
		 "exception-level: \"S-EL2\" is not one of S-EL1, S-EL0, EL1; did you mean "
		 "\"S-EL1\"?"},
		/* An exception level number out of range. */
		{"bad_el_number.yaml", 9, 18,
		 "exception-level: 3 is not 0 (EL1), 1 (S-EL0) or 2 (S-EL1)"},
		/* An entry point not 4-byte aligned. */
		{"bad_entry_align.yaml", 9, 20,
		 "entrypoint-offset: 0x102 is not 4-byte aligned (A64 instructions are)"},
		/* An entry point past the partition's memory. */
		{"bad_entry_offset.yaml", 10, 20,
		 "entrypoint-offset: 0x10000 is past the end of the partition's memory "
		 "(memory-size "
		 "0x10000)"},
		/* An error code that is not one. */
		{"bad_error_code.yaml", 9, 16,
		 "params.code: expected an FF-A error code (a name as in BUSY or FFA_BUSY, or a "
		 "negative number), found \"SLOW\""},
		/* Error code 0. */
		{"bad_error_code_zero.yaml", 9, 16,
		 "params.code: expected an FF-A error code (a name as in BUSY or FFA_BUSY, or a "
		 "negative number), found \"-0\""},
		/* The error model without a code. */
		{"bad_error_no_code.yaml", 9, 9, "params: missing key \"code\""},
		/* The error model without params. */
		{"bad_error_no_params.yaml", 3, 1,
		 "missing key \"params\" (the error model needs a code)"},
		/* Boot information in x4. */
		{"bad_gp_register.yaml", 9, 18,
		 "gp-register-num: \"4\" is out of range (at most 3)"},
		/* A 64K translation granule. */
		{"bad_granule.yaml", 9, 15,
		 "xlat-granule: only the 4K translation granule is supported"},
		/* An ID without bit 15. */
		{"bad_id_bit15.yaml", 4, 5,
		 "id: 0x0001 is not a secure partition ID (bit 15 must be set)"},
		/* An ID that is not a number. */
		{"bad_id_number.yaml", 4, 5, "id: \"0x80z1\" is not a number"},
		/* An ID wider than 16 bits. */
		{"bad_id_range.yaml", 4, 5, "id: \"0x18001\" is out of range (at most 65535)"},
		/* The SPMD's ID. */
		{"bad_id_spmd.yaml", 4, 5, "id: 0xffff is the SPMD's ID"},
		/* Both image and model. */
		{"bad_image_and_model.yaml", 8, 8,
		 "model: image and model exclude each other: a partition is a binary or a built-in "
		 "model"},
		/* An image that is a folder. */
		{"bad_image_dir.yaml", 9, 8, "image: \"{dir}/images\" is not a regular file"},
		/* An image file that does not exist. */
		{"bad_image_missing.yaml", 9, 8,
		 "image: cannot open \"{dir}/images/none.bin\": No such file or directory"},
		/* An image without load-address. */
		{"bad_image_no_load.yaml", 3, 1,
		 "missing key \"load-address\" (a partition image is loaded there)"},
		/* Memory past the 48-bit physical address space. */
		{"bad_load_above_pa.yaml", 9, 15,
		 "load-address: the partition's memory [0xffffffff0000, +0x100000) ends above the "
		 "48-bit physical address space"},
		/* A load address not 4 KiB aligned. */
		{"bad_load_align.yaml", 9, 15, "load-address: 0xe000800 is not 4 KiB aligned"},
		/* Managed-exit contradicting ns-interrupts-action. */
		{"bad_managed_exit_conflict.yaml", 10, 15,
		 "managed-exit: true contradicts ns-interrupts-action: signaled"},
		/* A managed-exit vIRQ for a partition without managed exit. */
		{"bad_managed_exit_virq.yaml", 10, 20,
		 "managed-exit-virq: a managed-exit interrupt needs ns-interrupts-action: "
		 "managed-exit (it is queued)"},
		/* Managed exit for an S-EL0 partition. */
		{"bad_managed_exit_sel0.yaml", 10, 15,
		 "managed-exit: managed exit needs an S-EL1 partition (exception-level is S-EL0)"},
		/* A memory size not a multiple of 4 KiB. */
		{"bad_memory_size.yaml", 9, 14, "memory-size: 0x1800 is not a multiple of 4 KiB"},
		/* A memory size of zero. */
		{"bad_memory_size_zero.yaml", 9, 14, "memory-size: the size must not be zero"},
		/* No ID. */
		{"bad_missing_id.yaml", 3, 1, "missing key \"id\""},
		/* No name. */
		{"bad_missing_name.yaml", 3, 1, "missing key \"name\""},
		/* A misspelt model. */
		{"bad_model_name.yaml", 8, 8,
		 "model: \"eco\" is not one of echo, error, yield, scripted, memory, indirect, "
		 "optee; did "
		 "you "
		 "mean \"echo\"?"},
		/* The memory model without memory of its own. */
		/* The optee model: memory of its own, a revision, device UUIDs. */
		{"bad_optee_memory.yaml", 3, 1,
		 "the optee model needs memory of its own: \"load-address\" and a "
		 "\"memory-size\" of at least two pages"},
		{"bad_optee_revision.yaml", 11, 13,
		 "params.revision: expected an OS revision MAJOR.MINOR (as in 4.10), found \"4\""},
		{"bad_optee_device.yaml", 11, 13,
		 "params.devices[0]: \"d96a5b40-c3e5-21e3-8794\": a UUID has 36 characters "
		 "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"},
		{"bad_model_memory.yaml", 3, 1,
		 "the memory model needs memory of its own: \"load-address\" and a "
		 "\"memory-size\" of at least two pages"},
		/* A messaging bitmask with a bit that is not a method. */
		{"bad_msg_bits.yaml", 7, 19,
		 "messaging-method: 0x8 sets bits other than 0-2, 9 and 10"},
		/* Messaging-method as a mapping. */
		{"bad_msg_mapping.yaml", 7, 19,
		 "messaging-method: expected a name, a list of names or a number, found a mapping"},
		/* Uuid without messaging-method. */
		{"bad_msg_missing.yaml", 3, 1, "missing key \"messaging-method\""},
		/* A misspelt messaging method. */
		{"bad_msg_name.yaml", 7, 20,
		 "messaging-method[0]: \"direct-req-recieve\" is not one of direct-req-recv, "
		 "direct-req-send, indirect, direct-req2-recv, direct-req2-send; did you mean "
		 "\"direct-req-recv\"?"},
		/* The REQ2 send bit, as a number, at FF-A 1.0. */
		{"bad_msg_req2_bits_v10.yaml", 7, 19,
		 "messaging-method: direct-req2-send needs FF-A 1.2 or later (ffa-version is 1.0)"},
		/* DIRECT_REQ2 at FF-A 1.1. */
		{"bad_msg_req2_v11.yaml", 7, 19,
		 "messaging-method: direct-req2-recv needs FF-A 1.2 or later (ffa-version is 1.1)"},
		/* A method listed twice. */
		{"bad_msg_twice.yaml", 7, 47, "messaging-method[2]: \"indirect\" is listed twice"},
		/* A name with a space. */
		{"bad_name_char.yaml", 3, 7,
		 "name: \"my sp\" has a ' '; names use letters, digits, '-', '_' and '.'"},
		/* Neither image nor model. */
		{"bad_neither.yaml", 3, 1, "missing key \"image\" (or \"model\")"},
		/* Neither uuid nor services. */
		{"bad_no_uuid.yaml", 3, 1, "missing key \"uuid\" (or \"services\")"},
		/* Notifications at FF-A 1.0. */
		{"bad_notification_v10.yaml", 9, 23,
		 "notification-support: notifications need FF-A 1.1 or later (ffa-version is 1.0)"},
		/* A misspelt ns-interrupts-action. */
		{"bad_ns_action.yaml", 9, 23,
		 "ns-interrupts-action: \"queue\" is not one of queued, managed-exit, signaled; "
		 "did "
		 "you mean \"queued\"?"},
		/* A misspelt other-s-interrupts-action. */
		{"bad_other_s_action.yaml", 10, 28,
		 "other-s-interrupts-action: \"queue\" is not one of queued, signaled; did you "
		 "mean \"queued\"?"},
		/* Queued other secure interrupts with signaled non-secure ones (Hafnium refuses
		 * the pair). */
		{"bad_other_s_conflict.yaml", 10, 28,
		 "other-s-interrupts-action: queued needs ns-interrupts-action: queued (it is "
		 "signaled): a partition that queues other secure interrupts queues non-secure "
		 "ones too"},
		/* The same with ns-interrupts-action left at its default. */
		{"bad_other_s_default_ns.yaml", 9, 28,
		 "other-s-interrupts-action: queued needs ns-interrupts-action: queued (it is "
		 "signaled): a partition that queues other secure interrupts queues non-secure "
		 "ones too"},
		/* A number that is neither of Hafnium's values. */
		{"bad_other_s_number.yaml", 10, 28,
		 "other-s-interrupts-action: 2 is not 0 (queued) or 1 (signaled)"},
		/* interrupts-target naming an interrupt the device does not have (Hafnium:
		 * MANIFEST_ERROR_INTERRUPT_ID_NOT_IN_LIST). */
		{"bad_target_not_interrupt.yaml", 10, 120,
		 "device-regions[0].interrupts-target[0].id: interrupt 35 is not one of this "
		 "device's interrupts"},
		/* Two targets for one interrupt. */
		{"bad_target_twice.yaml", 17, 14,
		 "device-regions[0].interrupts-target[1].id: interrupt 34 has a target already "
		 "(line 16)"},
		/* An MPIDR with bit 31 (RES1 in MPIDR_EL1, not an affinity). */
		{"bad_target_mpidr.yaml", 10, 131,
		 "device-regions[0].interrupts-target[0].mpidr: 0x80000001 sets bits other than "
		 "the affinity fields (Aff3 39:32, Aff2-Aff0 23:0)"},
		/* Targets without interrupts. */
		{"bad_target_no_interrupts.yaml", 10, 96,
		 "device-regions[0].interrupts-target: targets for a device without interrupts"},
		/* A target's misspelt key. */
		{"bad_target_key.yaml", 10, 124,
		 "device-regions[0].interrupts-target[0]: unknown key \"cpu\""},
		/* Params echo does not take. */
		{"bad_params_echo.yaml", 9, 10, "params: unknown key \"count\""},
		/* Params for an image. */
		{"bad_params_image.yaml", 10, 9, "params: only a model takes params"},
		/* Params as a list. */
		{"bad_params_type.yaml", 9, 9, "params: expected a mapping, found a list"},
		/* A power management bit that is not one. */
		{"bad_pm_bits.yaml", 9, 28,
		 "power-management-messages: 0x10 sets bits other than 0-3"},
		/* A region past the 48-bit physical address space. */
		{"bad_region_above_pa.yaml", 10, 5,
		 "memory-regions[0]: the region [0xfffffffff000, +0x2000) ends above the 48-bit "
		 "physical address space"},
		/* A region base not 4 KiB aligned. */
		{"bad_region_align.yaml", 11, 31,
		 "memory-regions[0].base-address: 0xe100800 is not 4 KiB aligned"},
		/* Write-only attributes as a number. */
		{"bad_region_attr_number.yaml", 10, 71,
		 "memory-regions[0].attributes: w is not allowed: memory regions are r, rw or rx"},
		/* Attributes with a letter that is not one. */
		{"bad_region_attr_text.yaml", 10, 71,
		 "memory-regions[0].attributes: \"rz\" is not a set of attributes (r, rw or rx, "
		 "-ns "
		 "for non-secure memory; or a number: r=1 w=2 x=4 ns=8)"},
		/* A region with base-address and an offset. */
		{"bad_region_both.yaml", 11, 73,
		 "memory-regions[0].load-address-relative-offset: base-address and "
		 "load-address-relative-offset exclude each other"},
		/* A misspelt key in a region. */
		{"bad_region_key.yaml", 10, 15,
		 "memory-regions[0]: unknown key \"base-adress\"; did you mean \"base-address\"?"},
		/* Two regions with one name. */
		{"bad_region_name_dup.yaml", 11, 12,
		 "memory-regions[1].name: \"a\" is already the name of memory-regions[0]"},
		/* A region without an address. */
		{"bad_region_no_base.yaml", 10, 5,
		 "memory-regions[0]: missing key \"base-address\" (or "
		 "\"load-address-relative-offset\")"},
		/* A region without pages-count. */
		{"bad_region_no_pages.yaml", 10, 5,
		 "memory-regions[0]: missing key \"pages-count\""},
		/* Two regions sharing a page. */
		{"bad_region_overlap.yaml", 11, 5,
		 "memory-regions[1]: \"b\" [0x0e101000, 0x0e102000) overlaps memory-regions[0] "
		 "\"a\" "
		 "[0x0e100000, 0x0e102000)"},
		/* A region of zero pages. */
		{"bad_region_pages_zero.yaml", 10, 56,
		 "memory-regions[0].pages-count: a region has at least one page"},
		/* A relative region without load-address. */
		{"bad_region_relative_no_load.yaml", 10, 47,
		 "memory-regions[0].load-address-relative-offset: the partition has no "
		 "load-address to "
		 "be relative to"},
		/* A writable and executable region. */
		{"bad_region_rwx.yaml", 10, 71,
		 "memory-regions[0].attributes: rwx is not allowed: memory regions are r, rw or "
		 "rx"},
		/* Seventeen regions. */
		{"bad_regions_many.yaml", 26, 5,
		 "memory-regions[16]: too many regions (at most 16)"},
		/* A manifest that is a list. */
		{"bad_root_list.yaml", 3, 1, "expected a mapping of settings, found a list"},
		/* RX/TX buffers naming a region that does not exist. */
		{"bad_rxtx_missing_region.yaml", 11, 42,
		 "rx-tx-buffer.tx-buffer: no memory region is named \"tx\""},
		/* RX/TX buffers without the TX one. */
		{"bad_rxtx_missing_tx.yaml", 11, 15, "rx-tx-buffer: missing key \"tx-buffer\""},
		/* One region as both buffers. */
		{"bad_rxtx_same.yaml", 11, 42,
		 "rx-tx-buffer.tx-buffer: the RX and TX buffers are one region"},
		/* RX/TX buffers of different sizes. */
		{"bad_rxtx_size.yaml", 12, 42,
		 "rx-tx-buffer.tx-buffer: \"tx\" has 2 pages and \"rx\" 1; the buffers are the "
		 "same "
		 "size"},
		/* A script without answers. */
		{"bad_scripted_empty.yaml", 9, 19, "params.answers: the script has no answers"},
		/* An answer with no x0. */
		{"bad_scripted_empty_answer.yaml", 11, 7,
		 "params.answers[0]: missing key \"function\" (or \"x0\", or \"error\")"},
		/* An error answer that also sets x2. */
		{"bad_scripted_error_x2.yaml", 11, 25,
		 "params.answers[0].x2: error sets x0 and x2 already"},
		/* An answer naming a function that does not exist. */
		{"bad_scripted_function.yaml", 11, 18,
		 "params.answers[0].function: \"FFA_MSG_SEND_DIRECT_RESPONSE\" is not an FF-A "
		 "function "
		 "(a name as in FFA_MSG_SEND_DIRECT_RESP_64)"},
		/* An answer with function and x0. */
		{"bad_scripted_function_x0.yaml", 11, 33,
		 "params.answers[0].x0: function sets x0 already"},
		/* An answer with a register that does not exist. */
		{"bad_scripted_key.yaml", 11, 29,
		 "params.answers[0]: unknown key \"x18\"; did you mean \"x1\"?"},
		/* An answer with 19 registers. */
		{"bad_scripted_long.yaml", 11, 7,
		 "params.answers[0]: an answer lists 1 to 18 registers (x0 first)"},
		/* 33 answers. */
		{"bad_scripted_many.yaml", 43, 7,
		 "params.answers[32]: too many answers (at most 32)"},
		/* The scripted model without params. */
		{"bad_scripted_no_params.yaml", 3, 1,
		 "missing key \"params\" (the scripted model needs answers)"},
		/* An answer with a register that is not a number. */
		{"bad_scripted_register.yaml", 11, 28,
		 "params.answers[0].x3: \"lots\" is not a number"},
		/* A misspelt key in a service. */
		{"bad_service_key.yaml", 9, 6,
		 "services[0]: unknown key \"uid\"; did you mean \"uuid\"?"},
		/* A service without messaging-method and none to inherit. */
		{"bad_service_no_msg.yaml", 8, 5,
		 "services[0]: missing key \"messaging-method\" (the partition gives none for its "
		 "services to inherit)"},
		/* A service's method the partition does not list. */
		{"bad_service_not_subset.yaml", 10, 23,
		 "services[0].messaging-method: indirect is not in the partition's "
		 "messaging-method"},
		/* One UUID twice. */
		{"bad_services_dup.yaml", 10, 11,
		 "services[1].uuid: the UUID is already the one of services[0]"},
		/* An empty services list. */
		{"bad_services_empty.yaml", 8, 11,
		 "services: a partition has at least one service"},
		/* Nine services. */
		{"bad_services_many.yaml", 17, 5, "services[8]: too many services (at most 8)"},
		/* Two services at FF-A 1.0. */
		{"bad_services_v10.yaml", 9, 3,
		 "services: 2 services need FF-A 1.1 or later (ffa-version is 1.0)"},
		/* An AArch32 partition. */
		{"bad_state.yaml", 9, 18, "execution-state: AArch32 partitions are not supported"},
		/* A flow list left open. */
		{"bad_syntax.yaml", 8, 6,
		 "did not find expected ',' or ']' (while parsing a flow sequence at line 7, "
		 "column "
		 "19)"},
		/* A misspelt key. */
		{"bad_unknown_key.yaml", 7, 1,
		 "unknown key \"mesaging-method\"; did you mean \"messaging-method\"?"},
		/* A key that is nothing like a known one. */
		{"bad_unknown_key_far.yaml", 9, 1, "unknown key \"colour\""},
		/* A UUID that is too short. */
		{"bad_uuid.yaml", 6, 7,
		 "uuid: \"1234\" is not a UUID: a UUID has 36 characters "
		 "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"},
		/* Both uuid and services. */
		{"bad_uuid_and_services.yaml", 10, 3,
		 "services: uuid and services exclude each other (services lists each UUID with "
		 "its "
		 "messaging-method)"},
		/* A UUID with a dash out of place. */
		{"bad_uuid_dash.yaml", 6, 7,
		 "uuid: \"b1c3b4e25-c8f-4e61-9d2a-7e0f6a3c1d45\" is not a UUID: a UUID has '-' "
		 "after "
		 "the 8th, 12th, 16th and 20th hex digit"},
		/* A UUID with a non-hex digit. */
		{"bad_uuid_digit.yaml", 6, 7,
		 "uuid: \"b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1g45\" is not a UUID: a UUID has hex "
		 "digits "
		 "(0-9, a-f) between its dashes"},
		/* The Nil UUID. */
		{"bad_uuid_nil.yaml", 6, 7,
		 "uuid: the Nil UUID cannot name a partition: FFA_PARTITION_INFO_GET reads it as "
		 "\"every partition\""},
		/* A version that is not MAJOR.MINOR. */
		{"bad_version_format.yaml", 5, 14,
		 "ffa-version: \"1.x\" is not an FF-A version (MAJOR.MINOR as in 1.2, or its "
		 "encoding "
		 "as in 0x10002)"},
		/* A version written as a list. */
		{"bad_version_list.yaml", 5, 14,
		 "ffa-version: expected an FF-A version (1.0 to 1.3), found a list"},
		/* An encoded version that is not 1.0-1.3. */
		{"bad_version_number.yaml", 5, 14,
		 "ffa-version: FF-A 2.0 is not supported (1.0 to 1.3)"},
		/* A version the simulator does not model. */
		{"bad_version_value.yaml", 5, 14,
		 "ffa-version: FF-A 1.4 is not supported (1.0 to 1.3)"},
		/* An unknown VM availability message. */
		{"bad_vm_messages.yaml", 9, 37,
		 "vm-availability-messages[1]: \"deleted\" is not one of created, destroyed"},
		/* A negative yield count. */
		{"bad_yield_count.yaml", 9, 17, "params.count: \"-1\" is not a number"},
	};

	return cr_make_param_array(struct manifest_error, cases, sizeof(cases) / sizeof(cases[0]));
}

/* Each bad input fails at its line and column with its exact message. */
ParameterizedTest(struct manifest_error *c, manifest, errors)
{
	char path[DIAG_FILE_MAX], dir[DIAG_FILE_MAX], msg[DIAG_MSG_MAX];
	char text[DIAG_FILE_MAX + DIAG_MSG_MAX + 32];
	const char *mark = strstr(c->msg, "{dir}");
	struct part_manifest m;
	struct diag d = {0};

	data_path(path, sizeof(path), c->file);
	if (mark != NULL)
		snprintf(msg, sizeof(msg), "%.*s%s%s", (int)(mark - c->msg), c->msg,
			 data_path(dir, sizeof(dir), ""), mark + strlen("{dir}"));
	else
		snprintf(msg, sizeof(msg), "%s", c->msg);
	cr_assert_not(part_manifest_load(path, &m, &d), "%s loaded without error", c->file);
	diag_format(&d, text, sizeof(text));
	cr_expect_str_eq(d.file, path, "%s", text);
	cr_expect_eq(d.line, c->line, "%s: line %u, expected %u: %s", c->file, d.line, c->line,
		     text);
	cr_expect_eq(d.column, c->column, "%s: column %u, expected %u: %s", c->file, d.column,
		     c->column, text);
	cr_expect_str_eq(d.msg, msg, "%s: %s", c->file, text);
}
