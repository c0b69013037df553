/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The OP-TEE probe: the calls Linux 6.12's OP-TEE driver (drivers/tee/optee/ffa_abi.c and
 * device.c) makes when it probes OP-TEE over FF-A, in its order, with the answer of each
 * printed register for register (probe.h): OP-TEE's partition information by its UUID, the
 * blocking calls for the API and OS versions and the capabilities, a page shared with
 * FFA_MEM_SHARE that carries the yielding calls' struct optee_msg_arg (open a session to the
 * device-enumeration pseudo TA, ask for its devices, close it), the unregistration and the
 * reclaim of the page, and the errors OP-TEE gives: an unknown blocking and yielding service,
 * DIRECT_REQ2, an unknown memory cookie.
 */
#include <sdk/ffa.h>
#include <sdk/optee.h>
#include <sdk/sdk.h>

#include <abi/uuid.h>

#include "probe.h"

#define PAGE 4096u
#define OPTEE_ID 0x8001u
/* Where the argument lies in the shared page: not at its start, as the driver's arg cache
 * places several in one page (OPTEE_FFA_SEC_CAP_ARG_OFFSET). */
#define ARG_OFFSET 0x100u
/* The bytes of an argument it prints: the header and two parameters. */
#define ARG_DUMP OPTEE_MSG_ARG_SIZE(2)
/* Where the device list goes, in the same page. */
#define DEVICES_OFFSET 0x800u

static uint8_t tx_buf[PAGE] __attribute__((aligned(PAGE)));
static uint8_t rx_buf[PAGE] __attribute__((aligned(PAGE)));
static uint8_t shm[PAGE] __attribute__((aligned(PAGE)));

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

/* The share descriptor of the shm page for OP-TEE (v1.1 layout, FF-A v1.1 (DEN0077A) §10.11:
 * 48-byte header, 16-byte receiver entries), normal write-back inner-shareable memory,
 * read-write, as the driver's ffa_mem_share sends it. Returns its length. */
static uint32_t share_desc(uint8_t *buf)
{
	uint32_t len = 48u + 16u + 16u + 16u;
	uint64_t addr = (uint64_t)(uintptr_t)shm;

	for (uint32_t i = 0; i < len; i++)
		buf[i] = 0;
	put16(buf + 2, 0x2f);
	put32(buf + 24, 16);
	put32(buf + 28, 1);
	put32(buf + 32, 48);
	put16(buf + 48, OPTEE_ID);
	buf[50] = 0x2;
	put32(buf + 52, 64);
	put32(buf + 64, 1);
	put32(buf + 68, 1);
	put32(buf + 80, (uint32_t)addr);
	put32(buf + 84, (uint32_t)(addr >> 32));
	put32(buf + 88, 1);
	return len;
}

/* A DIRECT_REQ_32 to OP-TEE with w3-w7. */
static struct sdk_smccc_regs req(const char *label, uint32_t w3, uint32_t w4, uint32_t w5,
				 uint32_t w6, uint32_t w7)
{
	return probe_call(label, FFA_MSG_SEND_DIRECT_REQ_32, OPTEE_ID, 0, w3, w4, w5, w6, w7);
}

/* A yielding call with the argument at ARG_OFFSET of the page `h`, then the argument. */
static void yielding(const char *label, uint64_t h)
{
	req(label, OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)h, (uint32_t)(h >> 32), ARG_OFFSET,
	    0);
	probe_dump(label, shm + ARG_OFFSET, ARG_DUMP);
}

int main(void)
{
	struct sdk_smccc_regs r;
	uint8_t uuid[16];
	uint32_t w[4];
	uint64_t h = 0;

	probe_call("version", FFA_VERSION, 0x10001u, 0, 0, 0, 0, 0, 0);
	probe_call("id_get", FFA_ID_GET, 0, 0, 0, 0, 0, 0, 0);
	probe_call("rxtx_map", FFA_RXTX_MAP_64, (uintptr_t)tx_buf, (uintptr_t)rx_buf, 1, 0, 0, 0,
		   0);
	ffa_uuid_parse(OPTEE_FFA_UUID_TEXT, uuid);
	ffa_uuid_to_regs32(uuid, w);
	r = probe_call("pinfo_optee", FFA_PARTITION_INFO_GET, w[0], w[1], w[2], w[3], 0, 0, 0);
	if ((uint32_t)r.x[0] == FFA_SUCCESS_32) {
		probe_dump("pinfo_optee", rx_buf, 24);
		probe_call("rx_release", FFA_RX_RELEASE, 0, 0, 0, 0, 0, 0, 0);
	}

	/* The driver's blocking calls, then ones OP-TEE does not know. */
	req("api_version", OPTEE_FFA_GET_API_VERSION, 0, 0, 0, 0);
	req("os_version", OPTEE_FFA_GET_OS_VERSION, 0, 0, 0, 0);
	req("exchange_caps", OPTEE_FFA_EXCHANGE_CAPABILITIES, 0, 0, 0, 0);
	req("blocking_unknown", 0x7fu, 0, 0, 0, 0);
	probe_call("req2", FFA_MSG_SEND_DIRECT_REQ2_64, OPTEE_ID, 0, 0, 0, 0, 0, 0);

	/* The page the arguments travel in, and the device enumeration through it. */
	r = probe_call("share", FFA_MEM_SHARE_64, share_desc(tx_buf), share_desc(tx_buf), 0, 0, 0,
		       0, 0);
	if ((uint32_t)r.x[0] == FFA_SUCCESS_32)
		h = (uint32_t)r.x[2] | ((uint64_t)(uint32_t)r.x[3] << 32);
	ffa_uuid_parse(OPTEE_PTA_DEVICE_UUID_TEXT, uuid);
	sdk_optee_arg_open_session(shm + ARG_OFFSET, uuid);
	yielding("open_session", h);
	sdk_optee_arg_invoke(shm + ARG_OFFSET,
			     sdk_optee_arg_word(shm + ARG_OFFSET, OPTEE_MSG_ARG_SESSION),
			     OPTEE_PTA_CMD_GET_DEVICES, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0, 0);
	yielding("get_devices", h);
	/* Again with room for what it said it has, in the same page. */
	sdk_optee_arg_invoke(shm + ARG_OFFSET,
			     sdk_optee_arg_word(shm + ARG_OFFSET, OPTEE_MSG_ARG_SESSION),
			     OPTEE_PTA_CMD_GET_DEVICES, h, DEVICES_OFFSET,
			     sdk_optee_arg_param(shm + ARG_OFFSET, 0, OPTEE_MSG_PARAM_B));
	yielding("get_devices_buf", h);
	probe_dump("devices", shm + DEVICES_OFFSET, 32);
	/* The supplicant's list, and a command the pseudo TA does not know. */
	sdk_optee_arg_invoke(shm + ARG_OFFSET,
			     sdk_optee_arg_word(shm + ARG_OFFSET, OPTEE_MSG_ARG_SESSION),
			     OPTEE_PTA_CMD_GET_DEVICES_SUPP, h, DEVICES_OFFSET, 32);
	yielding("get_devices_supp", h);
	sdk_optee_arg_invoke(shm + ARG_OFFSET,
			     sdk_optee_arg_word(shm + ARG_OFFSET, OPTEE_MSG_ARG_SESSION), 0x77u,
			     OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0, 0);
	yielding("pta_unknown_cmd", h);
	sdk_optee_arg_close_session(shm + ARG_OFFSET,
				    sdk_optee_arg_word(shm + ARG_OFFSET, OPTEE_MSG_ARG_SESSION));
	yielding("close_session", h);
	req("yielding_unknown", OPTEE_FFA_YIELDING_BIT | 0x7fu, 0, 0, 0, 0);
	/* A session to a TA that does not exist: OP-TEE would ask the supplicant to load it (an
	 * RPC); a cookie it does not know instead. */
	req("yielding_bad_cookie", OPTEE_FFA_YIELDING_CALL_WITH_ARG, 0x1234u, 0, 0, 0);

	/* Unregistration, the reclaim that follows it, and a cookie OP-TEE never saw. */
	req("unregister", OPTEE_FFA_UNREGISTER_SHM, (uint32_t)h, (uint32_t)(h >> 32), 0, 0);
	probe_call("reclaim", FFA_MEM_RECLAIM, (uint32_t)h, (uint32_t)(h >> 32), 0, 0, 0, 0, 0);
	req("unregister_unknown", OPTEE_FFA_UNREGISTER_SHM, 0x1234u, 0, 0, 0);
	return probe_end();
}
