/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The probe steps shared by probe_hafnium_*.c: everything after FFA_VERSION. Each answer is
 * printed whole (x0-x17) so that a run on real Hafnium and one under ffa-sim can be diffed
 * line by line; descriptor bytes in the RX buffer are printed as hex.
 */
#include "probe_hafnium_common.h"

#include <sdk/printf.h>
#include <sdk/psci.h>
#include <sdk/string.h>

/* OP-TEE as Hafnium's partition: ID and UUID (systems/oracle-hafnium.yaml). */
#define PROBE_SP_ID 0x8001u
#define PROBE_SP_UUID "486178e0-e7f8-11e3-bc5e-0002a5d5c51b"

static uint8_t probe_tx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t probe_rx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

static void probe_print(const char *label, const struct sdk_smccc_regs *r)
{
	sdk_printf("%s:", label);
	for (unsigned i = 0; i < 18; i++)
		sdk_printf(" %lx", (unsigned long)r->x[i]);
	sdk_printf("\n");
}

struct sdk_smccc_regs probe_call(const char *label, uint64_t x0, uint64_t x1, uint64_t x2,
				 uint64_t x3, uint64_t x4, uint64_t x5)
{
	struct sdk_smccc_regs r;

	memset(&r, 0, sizeof(r));
	r.x[0] = x0;
	r.x[1] = x1;
	r.x[2] = x2;
	r.x[3] = x3;
	r.x[4] = x4;
	r.x[5] = x5;
	sdk_ffa_call(&r);
	probe_print(label, &r);
	return r;
}

struct sdk_smccc_regs probe_version(uint32_t requested)
{
	char label[40];

	sdk_snprintf(label, sizeof(label), "VERSION(%x)", requested);
	return probe_call(label, FFA_VERSION, requested, 0, 0, 0, 0);
}

/* The RX buffer's first n bytes, 16 a line. */
static void probe_dump_rx(const char *label, uint64_t n)
{
	if (n > sizeof(probe_rx))
		n = sizeof(probe_rx);
	for (uint64_t off = 0; off < n; off += 16) {
		sdk_printf("%s+%02lx:", label, (unsigned long)off);
		for (uint64_t i = off; i < off + 16 && i < n; i++)
			sdk_printf(" %02x", probe_rx[i]);
		sdk_printf("\n");
	}
}

/* PARTITION_INFO_GET with the UUID (NULL: all) and flags; the descriptors, then RX_RELEASE. */
static void probe_partition_info(const char *label, const char *uuid, uint32_t flags)
{
	struct sdk_smccc_regs r;
	uint64_t used, left = 0;

	if (!sdk_ffa_partition_info_get_text(uuid, flags, &r))
		return;
	probe_print(label, &r);
	if ((uint32_t)r.x[0] != FFA_SUCCESS_32 || (flags & SDK_FFA_PARTITION_INFO_COUNT_ONLY))
		return;
	/* 1.0 answers give no size: their descriptors are 8 bytes. */
	used = r.x[2] * (r.x[3] != 0 ? r.x[3] : SDK_FFA_PARTINFO_SIZE_1_0);
	probe_dump_rx(label, used);
	/* The rest of the buffer (filled with 0xa5 before the call): cleared or left. */
	for (uint64_t i = used; i < sizeof(probe_rx); i++)
		left += probe_rx[i] != 0;
	sdk_printf("%s tail: %lu of %lu bytes non-zero\n", label, (unsigned long)left,
		   (unsigned long)(sizeof(probe_rx) - used));
	probe_call("RX_RELEASE", FFA_RX_RELEASE, 0, 0, 0, 0, 0);
}

static void probe_features(void)
{
	static const struct {
		const char *label;
		uint32_t id, input;
	} queries[] = {
		{"FEATURES(NPI)", 0x1, 0},
		{"FEATURES(SRI)", 0x2, 0},
		{"FEATURES(MEI)", 0x3, 0},
		{"FEATURES(4)", 0x4, 0},
		{"FEATURES(SRI,in=1)", 0x2, 1},
		{"FEATURES(0x102)", 0x102, 0},
		{"FEATURES(ERROR_64)", FFA_ERROR_64, 0},
		{"FEATURES(INTERRUPT_64)", FFA_INTERRUPT_64, 0},
		{"FEATURES(MSG_WAIT_64)", FFA_MSG_WAIT_64, 0},
		{"FEATURES(YIELD_32)", FFA_YIELD_32, 0},
		{"FEATURES(YIELD_64)", FFA_YIELD_64, 0},
		{"FEATURES(RUN_64)", FFA_RUN_64, 0},
		{"FEATURES(RXTX_MAP_64)", FFA_RXTX_MAP_64, 0},
		{"FEATURES(RXTX_MAP_32)", FFA_RXTX_MAP_32, 0},
		{"FEATURES(PARTITION_INFO_GET_REGS)", FFA_PARTITION_INFO_GET_REGS_64, 0},
		{"FEATURES(BITMAP_CREATE)", FFA_NOTIFICATION_BITMAP_CREATE, 0},
		{"FEATURES(BITMAP_DESTROY)", FFA_NOTIFICATION_BITMAP_DESTROY, 0},
		{"FEATURES(BIND)", FFA_NOTIFICATION_BIND, 0},
		{"FEATURES(UNBIND)", FFA_NOTIFICATION_UNBIND, 0},
		{"FEATURES(SET)", FFA_NOTIFICATION_SET, 0},
		{"FEATURES(GET)", FFA_NOTIFICATION_GET, 0},
		{"FEATURES(INFO_GET_32)", FFA_NOTIFICATION_INFO_GET_32, 0},
		{"FEATURES(INFO_GET_64)", FFA_NOTIFICATION_INFO_GET_64, 0},
		{"FEATURES(NS_RES_INFO_GET)", FFA_NS_RES_INFO_GET_64, 0},
		{"FEATURES(ABORT_32)", FFA_ABORT_32, 0},
		{"FEATURES(ABORT_64)", FFA_ABORT_64, 0},
	};

	for (unsigned i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
		probe_call(queries[i].label, FFA_FEATURES, queries[i].id, queries[i].input, 0, 0,
			   0);
}

/* Notification calls from the normal world (ID 0), bad arguments first. */
static void probe_notifications(void)
{
	const uint64_t sp_to_nw = (uint64_t)PROBE_SP_ID << 16; /* sender SP, receiver 0 */
	const uint64_t nw_to_sp = PROBE_SP_ID;                 /* sender 0, receiver SP */

	probe_call("BITMAP_CREATE(sp)", FFA_NOTIFICATION_BITMAP_CREATE, PROBE_SP_ID, 1, 0, 0, 0);
	probe_call("BITMAP_CREATE(0x8000)", FFA_NOTIFICATION_BITMAP_CREATE, 0x8000, 1, 0, 0, 0);
	probe_call("BITMAP_DESTROY(sp)", FFA_NOTIFICATION_BITMAP_DESTROY, PROBE_SP_ID, 0, 0, 0, 0);
	probe_call("BIND(per-vcpu)", FFA_NOTIFICATION_BIND, sp_to_nw, 1, 1, 0, 0);
	probe_call("BIND(flags=2)", FFA_NOTIFICATION_BIND, sp_to_nw, 2, 1, 0, 0);
	probe_call("BIND(nw->sp)", FFA_NOTIFICATION_BIND, nw_to_sp, 0, 1, 0, 0);
	probe_call("BIND(sp->sp)", FFA_NOTIFICATION_BIND,
		   ((uint64_t)PROBE_SP_ID << 16) | PROBE_SP_ID, 0, 1, 0, 0);
	probe_call("BIND(0->0)", FFA_NOTIFICATION_BIND, 0, 0, 1, 0, 0);
	probe_call("BIND(bitmap=0)", FFA_NOTIFICATION_BIND, sp_to_nw, 0, 0, 0, 0);
	probe_call("BIND(spmd)", FFA_NOTIFICATION_BIND, (uint64_t)0xffff << 16, 0, 1, 0, 0);
	probe_call("BIND(ok)", FFA_NOTIFICATION_BIND, sp_to_nw, 0, 1, 0, 0);
	probe_call("UNBIND(flags=1)", FFA_NOTIFICATION_UNBIND, sp_to_nw, 1, 1, 0, 0);
	probe_call("UNBIND(nw->sp)", FFA_NOTIFICATION_UNBIND, nw_to_sp, 0, 1, 0, 0);
	probe_call("UNBIND(bitmap=0)", FFA_NOTIFICATION_UNBIND, sp_to_nw, 0, 0, 0, 0);
	probe_call("UNBIND(ok)", FFA_NOTIFICATION_UNBIND, sp_to_nw, 0, 1, 0, 0);
	probe_call("SET(per-vcpu)", FFA_NOTIFICATION_SET, nw_to_sp, 1, 1, 0, 0);
	probe_call("SET(vcpu=1)", FFA_NOTIFICATION_SET, nw_to_sp, 1u << 16, 1, 0, 0);
	probe_call("SET(delay-sri)", FFA_NOTIFICATION_SET, nw_to_sp, 2, 1, 0, 0);
	probe_call("SET(flags=4)", FFA_NOTIFICATION_SET, nw_to_sp, 4, 1, 0, 0);
	probe_call("SET(sp->nw)", FFA_NOTIFICATION_SET, sp_to_nw, 0, 1, 0, 0);
	probe_call("SET(0->0)", FFA_NOTIFICATION_SET, 0, 0, 1, 0, 0);
	probe_call("SET(bitmap=0)", FFA_NOTIFICATION_SET, nw_to_sp, 0, 0, 0, 0);
	probe_call("SET(ok)", FFA_NOTIFICATION_SET, nw_to_sp, 0, 1, 0, 0);
	probe_call("GET(flags=0x10)", FFA_NOTIFICATION_GET, 0, 0x10, 0, 0, 0);
	probe_call("GET(sp)", FFA_NOTIFICATION_GET, PROBE_SP_ID, 1, 0, 0, 0);
	probe_call("GET(vm-bitmap)", FFA_NOTIFICATION_GET, 0, 2, 0, 0, 0);
	probe_call("GET(hyp-bitmap)", FFA_NOTIFICATION_GET, 0, 8, 0, 0, 0);
	probe_call("GET(ok)", FFA_NOTIFICATION_GET, 0, 1, 0, 0, 0);
	probe_call("INFO_GET_32", FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0, 0);
	probe_call("INFO_GET_64", FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0, 0);
	probe_call("BITMAP_CREATE(0)", FFA_NOTIFICATION_BITMAP_CREATE, 0, 1, 0, 0, 0);
	probe_call("BITMAP_DESTROY(0)", FFA_NOTIFICATION_BITMAP_DESTROY, 0, 0, 0, 0, 0);
}

void probe_discovery(void)
{
	uint8_t uuid[FFA_UUID_SIZE];
	uint64_t lo, hi;

	ffa_uuid_parse(PROBE_SP_UUID, uuid);
	ffa_uuid_to_regs64(uuid, &lo, &hi);
	probe_call("ID_GET", FFA_ID_GET, 0, 0, 0, 0, 0);
	probe_call("SPM_ID_GET", FFA_SPM_ID_GET, 0, 0, 0, 0, 0);
	probe_call("RXTX_MAP_32", FFA_RXTX_MAP_32, (uintptr_t)probe_tx, (uintptr_t)probe_rx, 1, 0,
		   0);
	probe_call("RXTX_MAP_64", FFA_RXTX_MAP_64, (uintptr_t)probe_tx, (uintptr_t)probe_rx, 1, 0,
		   0);
	memset(probe_rx, 0xa5, sizeof(probe_rx));
	probe_partition_info("PARTITION_INFO_GET(all)", NULL, 0);
	probe_partition_info("PARTITION_INFO_GET(all,count)", NULL,
			     SDK_FFA_PARTITION_INFO_COUNT_ONLY);
	memset(probe_rx, 0xa5, sizeof(probe_rx));
	probe_partition_info("PARTITION_INFO_GET(optee)", PROBE_SP_UUID, 0);
	probe_partition_info("PARTITION_INFO_GET(flags=2)", NULL, 2);
	probe_call("PARTITION_INFO_GET_REGS(all)", FFA_PARTITION_INFO_GET_REGS_64, 0, 0, 0, 0, 0);
	probe_call("PARTITION_INFO_GET_REGS(optee)", FFA_PARTITION_INFO_GET_REGS_64, lo, hi, 0, 0,
		   0);
	probe_call("PARTITION_INFO_GET_REGS(start=1)", FFA_PARTITION_INFO_GET_REGS_64, 0, 0, 1, 0,
		   0);
	probe_call("PARTITION_INFO_GET_REGS(tag=1)", FFA_PARTITION_INFO_GET_REGS_64, 0, 0, 1u << 16,
		   0, 0);
	probe_features();
	probe_notifications();
	probe_call("UNKNOWN(0x840000ff)", 0x840000ff, 0, 0, 0, 0, 0);
	probe_call("RXTX_UNMAP", FFA_RXTX_UNMAP, 0, 0, 0, 0, 0);
}

int probe_negotiated(uint32_t version)
{
	probe_version(version);
	probe_call("ID_GET(lock)", FFA_ID_GET, 0, 0, 0, 0, 0);
	probe_version(0x10003); /* higher after the lock */
	probe_version(version); /* the negotiated one again */
	probe_discovery();
	probe_off();
	return 0;
}

void probe_off(void)
{
	sdk_printf("PROBE DONE\n");
	sdk_psci_system_off();
}
