/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The error paths a normal-world guest meets, one call per line as "<name> -> <answer>"
 * (ERROR <CODE>, the answering function's name, or a version). The guest negotiates v1.1 so
 * that the v1.2 functions are out of its reach; what each answer should be depends on the
 * SPMC personality, so the guest only prints and the test compares per personality. It
 * always exits 0 when it reaches its end.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

#define ECHO_ID 0x8001u
#define MISSING_ID 0x8077u /* no endpoint has this ID */
#define FLASH_BASE 0x0ull  /* flash0 of the virt platform: not RAM the SPMC can write */
/* A UUID no partition implements. */
#define UNKNOWN_UUID "00112233-4455-6677-8899-aabbccddeeff"

static uint8_t tx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

static void show(const char *name, const struct sdk_smccc_regs *r)
{
	char buf[64];

	sdk_printf("%s -> %s\n", name, sdk_ffa_result_text(r, buf, sizeof(buf)));
}

static void show_version(const char *name, const struct sdk_smccc_regs *r)
{
	uint32_t w0 = (uint32_t)r->x[0];

	if (w0 == 0xffffffffu)
		sdk_printf("%s -> NOT_SUPPORTED\n", name);
	else
		sdk_printf("%s -> %u.%u\n", name, sdk_smccc_version_major(w0),
			   sdk_smccc_version_minor(w0));
}

int main(void)
{
	uint8_t unknown[FFA_UUID_SIZE];
	uint64_t tx = (uintptr_t)tx_buf, rx = (uintptr_t)rx_buf;
	struct sdk_smccc_regs r;

	ffa_uuid_parse(UNKNOWN_UUID, unknown);

	r = sdk_ffa_version(SDK_FFA_VERSION_1_1);
	show_version("version_1_1", &r);

	/* Without RX/TX buffers. */
	r = sdk_ffa_rx_release();
	show("rx_release_unmapped", &r);
	r = sdk_ffa_partition_info_get(NULL, 0);
	show("partition_info_get_no_rx", &r);
	r = sdk_ffa_rxtx_unmap(0);
	show("rxtx_unmap_unmapped", &r);

	/* Buffers the SPMC must refuse. */
	r = sdk_ffa_rxtx_map_64(FLASH_BASE, FLASH_BASE + SDK_FFA_PAGE_SIZE, 1);
	show("rxtx_map_flash", &r);
	r = sdk_ffa_rxtx_map_64(tx + 0x10, rx, 1);
	show("rxtx_map_unaligned", &r);
	r = sdk_ffa_rxtx_map_64(tx, rx, 0);
	show("rxtx_map_zero_pages", &r);
	r = sdk_ffa_rxtx_map_64(tx, tx, 1);
	show("rxtx_map_same_buffer", &r);

	r = sdk_ffa_rxtx_map_64(tx, rx, 1);
	show("rxtx_map", &r);
	r = sdk_ffa_rxtx_map_64(tx, rx, 1);
	show("rxtx_map_twice", &r);
	r = sdk_ffa_rx_release();
	show("rx_release_not_owned", &r);

	r = sdk_ffa_partition_info_get(unknown, 0);
	show("partition_info_get_unknown_uuid", &r);
	r = sdk_ffa_partition_info_get(NULL, 0x2);
	show("partition_info_get_flags_mbz", &r);
	r = sdk_ffa_partition_info_get(NULL, 0);
	show("partition_info_get", &r);
	/* The caller owns RX until it releases it: a second query finds it busy. */
	r = sdk_ffa_partition_info_get(NULL, 0);
	show("partition_info_get_rx_owned", &r);
	r = sdk_ffa_rx_release();
	show("rx_release", &r);

	/* Direct messages the SPMC must refuse. */
	r = sdk_ffa_direct_req_32(0, MISSING_ID, NULL);
	show("direct_req_missing_id", &r);
	r = sdk_ffa_direct_req_32(0x8005, ECHO_ID, NULL);
	show("direct_req_secure_source", &r);
	/* A non-secure source other than 0 is a VM a hypervisor would send for: accepted. */
	r = sdk_ffa_direct_req_32(5, ECHO_ID, NULL);
	show("direct_req_vm_source", &r);
	r = sdk_ffa_direct_req_32(0, 0, NULL);
	show("direct_req_to_self", &r);
	r = sdk_ffa_direct_resp_32(0, ECHO_ID, NULL);
	show("direct_resp_from_nw", &r);

	/* v1.2 functions from a v1.1 caller. */
	r = sdk_ffa_direct_req2(0, ECHO_ID, NULL, NULL);
	show("direct_req2_v1_1", &r);
	r = sdk_ffa_partition_info_get_regs(NULL, 0, 0);
	show("partition_info_get_regs_v1_1", &r);
	r = sdk_ffa_console_log_32("x", 1);
	show("console_log_v1_1", &r);

	/* FFA_FEATURES: an ID that is no function, a v1.2 function, an input property. */
	r = sdk_ffa_features(0x8fffffffu, 0);
	show("features_unknown", &r);
	r = sdk_ffa_features(FFA_MSG_SEND_DIRECT_REQ2_64, 0);
	show("features_req2_v1_1", &r);
	r = sdk_ffa_features(FFA_ID_GET, 1);
	show("features_input_property", &r);

	r = sdk_ffa_rxtx_unmap(0);
	show("rxtx_unmap", &r);
	r = sdk_ffa_rxtx_unmap(0);
	show("rxtx_unmap_twice", &r);

	/* Negotiation is over: asking for another version, then the same one again. */
	r = sdk_ffa_version(SDK_FFA_VERSION_1_0);
	show_version("version_1_0_after_calls", &r);
	r = sdk_ffa_version(SDK_FFA_VERSION_1_1);
	show_version("version_1_1_after_calls", &r);
	r = sdk_ffa_version(SDK_FFA_VERSION_1_2);
	show_version("version_1_2_after_calls", &r);
	sdk_printf("ffa_errors: done\n");
	return 0;
}
