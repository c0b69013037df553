/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The FF-A probe: negotiates PROBE_FFA_VERSION (v1.2 unless built otherwise), then asks the
 * firmware what a normal-world driver asks, and what it should refuse, with the answer of each
 * call printed register for register (probe.h). Partition 0x8001 with OP-TEE's UUID is the one
 * the real firmware hosts; the system files systems/oracle-*.yaml declare it the same way.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

#include "probe.h"

#ifndef PROBE_FFA_VERSION
#define PROBE_FFA_VERSION 0x10002u
#endif

#define PAGE 4096u
#define RX_FILL 0xa5u

/* OP-TEE's UUID 486178e0-e7f8-11e3-bc5e-0002a5d5c51b in the registers of
 * FFA_PARTITION_INFO_GET (bytes 0-3 little-endian in w1, ...) and of _GET_REGS (bytes 0-7 in
 * x1, 8-15 in x2). */
#define OPTEE_W1 0xe0786148u
#define OPTEE_W2 0xe311f8e7u
#define OPTEE_W3 0x02005ebcu
#define OPTEE_W4 0x1bc5d5a5u
#define OPTEE_X1 0xe311f8e7e0786148ull
#define OPTEE_X2 0x1bc5d5a502005ebcull

static uint8_t tx_buf[PAGE] __attribute__((aligned(PAGE)));
static uint8_t rx_buf[PAGE] __attribute__((aligned(PAGE)));

static void rx_fill(void)
{
	for (unsigned i = 0; i < PAGE; i++)
		rx_buf[i] = RX_FILL;
}

/* Prints the descriptors an answer announced, and how the rest of the page was left: the
 * number of bytes still holding the fill pattern and the number now zero. */
static void rx_report(const char *label, const struct sdk_smccc_regs *r)
{
	unsigned used = (unsigned)(uint32_t)r->x[2] * (unsigned)(uint32_t)r->x[3];
	unsigned fill = 0, zero = 0;
	char name[48];

	if ((uint32_t)r->x[0] != FFA_SUCCESS_32 || used > PAGE)
		return;
	probe_dump(label, rx_buf, used);
	for (unsigned i = used; i < PAGE; i++) {
		fill += rx_buf[i] == RX_FILL;
		zero += rx_buf[i] == 0;
	}
	sdk_snprintf(name, sizeof(name), "%s_tail", label);
	sdk_printf("R %s fill=%u zero=%u\n", name, fill, zero);
}

static void features_all(void)
{
	char label[40];

	for (uint32_t n = 0x60; n <= 0x8e; n++) {
		sdk_snprintf(label, sizeof(label), "features_%x_32", (unsigned)n);
		probe_call(label, FFA_FEATURES, FFA_FID_SMC32(n), 0, 0, 0, 0, 0, 0);
		sdk_snprintf(label, sizeof(label), "features_%x_64", (unsigned)n);
		probe_call(label, FFA_FEATURES, FFA_FID_SMC64(n), 0, 0, 0, 0, 0, 0);
	}
	probe_call("features_npi", FFA_FEATURES, 1, 0, 0, 0, 0, 0, 0);
	probe_call("features_sri", FFA_FEATURES, 2, 0, 0, 0, 0, 0, 0);
	probe_call("features_mei", FFA_FEATURES, 3, 0, 0, 0, 0, 0, 0);
	probe_call("features_unknown", FFA_FEATURES, 0x8fffffffu, 0, 0, 0, 0, 0, 0);
	probe_call("features_version_input1", FFA_FEATURES, FFA_VERSION, 1, 0, 0, 0, 0, 0);
	probe_call("features_rxtx_map_input1", FFA_FEATURES, FFA_RXTX_MAP_64, 1, 0, 0, 0, 0, 0);
	probe_call("features_retrieve_input2", FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_64, 2, 0, 0, 0, 0,
		   0);
}

static void partition_info(void)
{
	struct sdk_smccc_regs r;

	probe_call("pinfo_count", FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 1, 0, 0);
	probe_call("pinfo_count_optee", FFA_PARTITION_INFO_GET, OPTEE_W1, OPTEE_W2, OPTEE_W3,
		   OPTEE_W4, 1, 0, 0);
	rx_fill();
	r = probe_call("pinfo_all", FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0, 0, 0);
	rx_report("pinfo_all", &r);
	probe_call("pinfo_busy", FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0, 0, 0);
	probe_call("rx_release", FFA_RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("rx_release_again", FFA_RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	rx_fill();
	r = probe_call("pinfo_optee", FFA_PARTITION_INFO_GET, OPTEE_W1, OPTEE_W2, OPTEE_W3,
		       OPTEE_W4, 0, 0, 0);
	rx_report("pinfo_optee", &r);
	probe_call("rx_release_optee", FFA_RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("pinfo_unknown_uuid", FFA_PARTITION_INFO_GET, 1, 2, 3, 4, 0, 0, 0);
	probe_call("rx_release_unknown_uuid", FFA_RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("pinfo_bad_flags", FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 2, 0, 0);
	probe_call("rx_release_bad_flags", FFA_RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	probe_call("pinfo_regs_all", FFA_PARTITION_INFO_GET_REGS_64, 0, 0, 0, 0, 0, 0, 0);
	probe_call("pinfo_regs_optee", FFA_PARTITION_INFO_GET_REGS_64, OPTEE_X1, OPTEE_X2, 0, 0, 0,
		   0, 0);
}

static void messaging(void)
{
	probe_call("direct_req2_optee", FFA_MSG_SEND_DIRECT_REQ2_64, 0x00008001u, 0, 0, 0, 0, 0, 0);
	probe_call("direct_req2_optee_uuid", FFA_MSG_SEND_DIRECT_REQ2_64, 0x00008001u, OPTEE_X1,
		   OPTEE_X2, 0, 0, 0, 0);
	probe_call("direct_req_no_dest", FFA_MSG_SEND_DIRECT_REQ_32, 0x00008002u, 0, 0, 0, 0, 0, 0);
	probe_call("direct_req_to_self", FFA_MSG_SEND_DIRECT_REQ_32, 0x00000000u, 0, 0, 0, 0, 0, 0);
	probe_call("direct_resp_from_nw", FFA_MSG_SEND_DIRECT_RESP_32, 0x00008001u, 0, 0, 0, 0, 0,
		   0);
	probe_call("msg_wait_from_nw", FFA_MSG_WAIT_32, 0, 0, 0, 0, 0, 0, 0);
	probe_call("console_log_from_nw", FFA_CONSOLE_LOG_32, 1, 'x', 0, 0, 0, 0, 0);
}

int main(void)
{
	probe_call("smccc_version", 0x80000000u, 0, 0, 0, 0, 0, 0, 0);
	probe_call("smccc_arch_features", 0x80000001u, 0x80000000u, 0, 0, 0, 0, 0, 0);
	probe_call("psci_version", PSCI_VERSION, 0, 0, 0, 0, 0, 0, 0);
	probe_call("version", FFA_VERSION, PROBE_FFA_VERSION, 0, 0, 0, 0, 0, 0);
	probe_call("id_get", FFA_ID_GET, 0, 0, 0, 0, 0, 0, 0);
	probe_call("spm_id_get", FFA_SPM_ID_GET, 0, 0, 0, 0, 0, 0, 0);
	features_all();
	probe_call("unknown_ffa_32", 0x840000ffu, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
	probe_call("unknown_ffa_64", 0xc40000ffu, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
	probe_call("unknown_ffa_8f", 0x8400008fu, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
	probe_call("version_64", 0xc4000063u, PROBE_FFA_VERSION, 0, 0, 0, 0, 0, 0);
	probe_call("unknown_std", 0x84001234u, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
	probe_call("rxtx_map_32", FFA_RXTX_MAP_32, (uint32_t)(uintptr_t)tx_buf,
		   (uint32_t)(uintptr_t)rx_buf, 1, 0, 0, 0, 0);
	probe_call("rxtx_unmap_32", FFA_RXTX_UNMAP, 0, 0, 0, 0, 0, 0, 0);
	probe_call("rxtx_map_64", FFA_RXTX_MAP_64, (uintptr_t)tx_buf, (uintptr_t)rx_buf, 1, 0, 0, 0,
		   0);
	probe_call("rxtx_map_again", FFA_RXTX_MAP_64, (uintptr_t)tx_buf, (uintptr_t)rx_buf, 1, 0, 0,
		   0, 0);
	partition_info();
	messaging();
	probe_call("rxtx_unmap", FFA_RXTX_UNMAP, 0, 0, 0, 0, 0, 0, 0);
	probe_call("rxtx_unmap_again", FFA_RXTX_UNMAP, 0, 0, 0, 0, 0, 0, 0);
	probe_call("version_1_1_after", FFA_VERSION, 0x10001u, 0, 0, 0, 0, 0, 0);
	probe_call("version_again", FFA_VERSION, PROBE_FFA_VERSION, 0, 0, 0, 0, 0, 0);
	return probe_end();
}
