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

#define FID32(n) (0x84000000u | (n))
#define FID64(n) (0xc4000000u | (n))
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

	if ((uint32_t)r->x[0] != FID32(0x61) || used > PAGE)
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
		probe_call(label, FID32(0x64), FID32(n), 0, 0, 0, 0, 0, 0);
		sdk_snprintf(label, sizeof(label), "features_%x_64", (unsigned)n);
		probe_call(label, FID32(0x64), FID64(n), 0, 0, 0, 0, 0, 0);
	}
	probe_call("features_npi", FID32(0x64), 1, 0, 0, 0, 0, 0, 0);
	probe_call("features_sri", FID32(0x64), 2, 0, 0, 0, 0, 0, 0);
	probe_call("features_mei", FID32(0x64), 3, 0, 0, 0, 0, 0, 0);
	probe_call("features_unknown", FID32(0x64), 0x8fffffffu, 0, 0, 0, 0, 0, 0);
	probe_call("features_version_input1", FID32(0x64), FID32(0x63), 1, 0, 0, 0, 0, 0);
	probe_call("features_rxtx_map_input1", FID32(0x64), FID64(0x66), 1, 0, 0, 0, 0, 0);
	probe_call("features_retrieve_input2", FID32(0x64), FID64(0x74), 2, 0, 0, 0, 0, 0);
}

static void partition_info(void)
{
	struct sdk_smccc_regs r;

	probe_call("pinfo_count", FID32(0x68), 0, 0, 0, 0, 1, 0, 0);
	probe_call("pinfo_count_optee", FID32(0x68), OPTEE_W1, OPTEE_W2, OPTEE_W3, OPTEE_W4, 1, 0,
		   0);
	rx_fill();
	r = probe_call("pinfo_all", FID32(0x68), 0, 0, 0, 0, 0, 0, 0);
	rx_report("pinfo_all", &r);
	probe_call("pinfo_busy", FID32(0x68), 0, 0, 0, 0, 0, 0, 0);
	probe_call("rx_release", FID32(0x65), 0, 0, 0, 0, 0, 0, 0);
	probe_call("rx_release_again", FID32(0x65), 0, 0, 0, 0, 0, 0, 0);
	rx_fill();
	r = probe_call("pinfo_optee", FID32(0x68), OPTEE_W1, OPTEE_W2, OPTEE_W3, OPTEE_W4, 0, 0, 0);
	rx_report("pinfo_optee", &r);
	probe_call("rx_release_optee", FID32(0x65), 0, 0, 0, 0, 0, 0, 0);
	probe_call("pinfo_unknown_uuid", FID32(0x68), 1, 2, 3, 4, 0, 0, 0);
	probe_call("rx_release_unknown_uuid", FID32(0x65), 0, 0, 0, 0, 0, 0, 0);
	probe_call("pinfo_bad_flags", FID32(0x68), 0, 0, 0, 0, 2, 0, 0);
	probe_call("rx_release_bad_flags", FID32(0x65), 0, 0, 0, 0, 0, 0, 0);
	probe_call("pinfo_regs_all", FID64(0x8b), 0, 0, 0, 0, 0, 0, 0);
	probe_call("pinfo_regs_optee", FID64(0x8b), OPTEE_X1, OPTEE_X2, 0, 0, 0, 0, 0);
}

static void messaging(void)
{
	probe_call("direct_req2_optee", FID64(0x8d), 0x00008001u, 0, 0, 0, 0, 0, 0);
	probe_call("direct_req2_optee_uuid", FID64(0x8d), 0x00008001u, OPTEE_X1, OPTEE_X2, 0, 0, 0,
		   0);
	probe_call("direct_req_no_dest", FID32(0x6f), 0x00008002u, 0, 0, 0, 0, 0, 0);
	probe_call("direct_req_to_self", FID32(0x6f), 0x00000000u, 0, 0, 0, 0, 0, 0);
	probe_call("direct_resp_from_nw", FID32(0x70), 0x00008001u, 0, 0, 0, 0, 0, 0);
	probe_call("msg_wait_from_nw", FID32(0x6b), 0, 0, 0, 0, 0, 0, 0);
	probe_call("console_log_from_nw", FID32(0x8a), 1, 'x', 0, 0, 0, 0, 0);
}

int main(void)
{
	probe_call("smccc_version", 0x80000000u, 0, 0, 0, 0, 0, 0, 0);
	probe_call("smccc_arch_features", 0x80000001u, 0x80000000u, 0, 0, 0, 0, 0, 0);
	probe_call("psci_version", 0x84000000u, 0, 0, 0, 0, 0, 0, 0);
	probe_call("version", FID32(0x63), PROBE_FFA_VERSION, 0, 0, 0, 0, 0, 0);
	probe_call("id_get", FID32(0x69), 0, 0, 0, 0, 0, 0, 0);
	probe_call("spm_id_get", FID32(0x85), 0, 0, 0, 0, 0, 0, 0);
	features_all();
	probe_call("unknown_ffa_32", FID32(0xff), 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
	probe_call("unknown_ffa_64", FID64(0xff), 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
	probe_call("unknown_ffa_8f", FID32(0x8f), 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
	probe_call("version_64", FID64(0x63), PROBE_FFA_VERSION, 0, 0, 0, 0, 0, 0);
	probe_call("unknown_std", 0x84001234u, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
	probe_call("rxtx_map_32", FID32(0x66), (uint32_t)(uintptr_t)tx_buf,
		   (uint32_t)(uintptr_t)rx_buf, 1, 0, 0, 0, 0);
	probe_call("rxtx_unmap_32", FID32(0x67), 0, 0, 0, 0, 0, 0, 0);
	probe_call("rxtx_map_64", FID64(0x66), (uintptr_t)tx_buf, (uintptr_t)rx_buf, 1, 0, 0, 0, 0);
	probe_call("rxtx_map_again", FID64(0x66), (uintptr_t)tx_buf, (uintptr_t)rx_buf, 1, 0, 0, 0,
		   0);
	partition_info();
	messaging();
	probe_call("rxtx_unmap", FID32(0x67), 0, 0, 0, 0, 0, 0, 0);
	probe_call("rxtx_unmap_again", FID32(0x67), 0, 0, 0, 0, 0, 0, 0);
	probe_call("version_1_1_after", FID32(0x63), 0x10001u, 0, 0, 0, 0, 0, 0);
	probe_call("version_again", FID32(0x63), PROBE_FFA_VERSION, 0, 0, 0, 0, 0, 0);
	return probe_end();
}
