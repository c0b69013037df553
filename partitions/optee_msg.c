/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The `optee` model's messages (partitions/builtin.h): the struct optee_msg_arg a yielding call
 * names, run as OP-TEE's core/arch/arm/kernel/thread_spmc.c (yielding_call_with_arg) and
 * core/tee/entry_std.c run it, with the device-enumeration pseudo TA (core/pta/device.c) as the
 * one TA there is. Results and origins are those OP-TEE 4.10 wrote on QEMU
 * (tests/data/oracle/optee-sel1-spmc.probe_optee.txt).
 */
#include "optee_internal.h"

#include <string.h>

#include "abi/uuid.h"

/* OP-TEE's OPTEE_MSG_MAX_NUM_PARAMS: a TA's four parameters and OPEN_SESSION's two meta ones. */
#define OPTEE_MAX_PARAMS 6u
/* A TA's parameters (GlobalPlatform TEE_NUM_PARAMS). */
#define OPTEE_TA_PARAMS 4u
#define OPTEE_UUID_SIZE 16u
#define OPTEE_TEEC_ERROR_OUT_OF_MEMORY 0xffff000cu

/* A message argument as read: its bytes and the numbers the handlers use. */
struct optee_arg {
	uint8_t bytes[OPTEE_MSG_ARG_SIZE(OPTEE_MAX_PARAMS)];
	uint32_t num_params;
};

static uint32_t optee_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void optee_put32(uint8_t *p, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t optee_get64(const uint8_t *p)
{
	return optee_get32(p) | (uint64_t)optee_get32(p + 4) << 32;
}

static void optee_put64(uint8_t *p, uint64_t v)
{
	optee_put32(p, (uint32_t)v);
	optee_put32(p + 4, (uint32_t)(v >> 32));
}

static uint8_t *optee_param(struct optee_arg *a, unsigned i)
{
	return a->bytes + OPTEE_MSG_ARG_HEADER_SIZE + i * OPTEE_MSG_PARAM_SIZE;
}

static uint32_t optee_param_type(struct optee_arg *a, unsigned i)
{
	return i < a->num_params ? (uint32_t)optee_get64(optee_param(a, i) + OPTEE_MSG_PARAM_ATTR) &
					   (OPTEE_MSG_ATTR_TYPE_MASK | OPTEE_MSG_ATTR_META)
				 : OPTEE_MSG_ATTR_TYPE_NONE;
}

static void optee_result(struct optee_arg *a, uint32_t ret, uint32_t origin)
{
	optee_put32(a->bytes + OPTEE_MSG_ARG_RET, ret);
	optee_put32(a->bytes + OPTEE_MSG_ARG_RET_ORIGIN, origin);
}

struct part_optee_shm *part_optee_find(struct part_optee *po, uint64_t cookie)
{
	for (unsigned i = 0; i < PART_OPTEE_MAX_SHM; i++) {
		if (po->shm[i].used && po->shm[i].cookie == cookie)
			return &po->shm[i];
	}
	return NULL;
}

/* Reads or writes len bytes at offset of retrieved memory, across its constituents. */
static bool optee_shm_access(struct part_optee *po, const struct part_optee_shm *shm,
			     uint64_t offset, void *buf, uint64_t len, bool write)
{
	uint8_t *p = buf;

	if (offset > shm->size || len > shm->size - offset)
		return false;
	for (uint32_t i = 0; i < shm->range_count && len > 0; i++) {
		uint64_t size = (uint64_t)shm->ranges[i].page_count * FFA_MEM_PAGE_SIZE;
		uint64_t addr = shm->ranges[i].address + offset;
		uint64_t n;
		enum spmc_mem_status st;

		if (offset >= size) {
			offset -= size;
			continue;
		}
		n = len < size - offset ? len : size - offset;
		st = write ? spmc_mem_write(po->mem, &po->ep->mem, addr, p, n)
			   : spmc_mem_read(po->mem, &po->ep->mem, addr, p, n);
		if (st != SPMC_MEM_OK)
			return false;
		p += n;
		len -= n;
		offset = 0;
	}
	return len == 0;
}

static bool optee_is_device_pta(const uint8_t *uuid)
{
	uint8_t pta[OPTEE_UUID_SIZE];

	return ffa_uuid_parse(OPTEE_PTA_DEVICE_UUID_TEXT, pta) == FFA_UUID_OK &&
	       memcmp(uuid, pta, sizeof(pta)) == 0;
}

static uint32_t *optee_session(struct part_optee *po, uint32_t id)
{
	for (unsigned i = 0; i < PART_OPTEE_MAX_SESSIONS; i++) {
		if (po->sessions[i] == id)
			return &po->sessions[i];
	}
	return NULL;
}

/* OPEN_SESSION: two meta value parameters (the TA's UUID, the client's login), then the TA's. */
static void optee_open_session(struct part_optee *po, struct optee_arg *a)
{
	const uint32_t meta = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	uint32_t *slot;

	optee_put32(a->bytes + OPTEE_MSG_ARG_SESSION, 0);
	if (a->num_params < 2 || optee_param_type(a, 0) != meta || optee_param_type(a, 1) != meta) {
		optee_result(a, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TEE);
		return;
	}
	if (!optee_is_device_pta(optee_param(a, 0) + OPTEE_MSG_PARAM_A)) {
		/* OP-TEE asks tee-supplicant to load any other TA; there is none to load. */
		optee_result(a, OPTEE_TEEC_ERROR_ITEM_NOT_FOUND, OPTEE_TEEC_ORIGIN_TEE);
		return;
	}
	slot = optee_session(po, 0);
	if (slot == NULL) {
		optee_result(a, OPTEE_TEEC_ERROR_OUT_OF_MEMORY, OPTEE_TEEC_ORIGIN_TEE);
		return;
	}
	*slot = ++po->next_session;
	optee_put32(a->bytes + OPTEE_MSG_ARG_SESSION, *slot);
	/* A pseudo TA's open answers from the TA (origin 4), as OP-TEE's did. */
	optee_result(a, OPTEE_TEEC_SUCCESS, OPTEE_TEEC_ORIGIN_TRUSTED_APP);
}

/* CLOSE_SESSION: no parameters, a session that is open. */
static void optee_close_session(struct part_optee *po, struct optee_arg *a)
{
	uint32_t id = optee_get32(a->bytes + OPTEE_MSG_ARG_SESSION);
	uint32_t *slot = id != 0 ? optee_session(po, id) : NULL;

	if (a->num_params != 0)
		optee_result(a, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TEE);
	else if (slot == NULL)
		optee_result(a, OPTEE_TEEC_ERROR_ITEM_NOT_FOUND, OPTEE_TEEC_ORIGIN_TEE);
	else {
		*slot = 0;
		optee_result(a, OPTEE_TEEC_SUCCESS, OPTEE_TEEC_ORIGIN_TEE);
	}
}

/*
 * The pseudo TA's GET_DEVICES, _SUPP and _RPMB: one output memory reference, the others none;
 * the UUIDs that fit, its size set to what the whole list needs (SHORT_BUFFER when that is
 * more). Sets out->need when the reference's memory is not retrieved yet.
 */
static void optee_get_devices(struct part_optee *po, struct optee_arg *a, uint32_t func,
			      struct part_optee_outcome *out)
{
	uint8_t *p = optee_param(a, 0);
	uint64_t offs = optee_get64(p + OPTEE_MSG_PARAM_A);
	uint64_t size = optee_get64(p + OPTEE_MSG_PARAM_B);
	uint64_t gid = optee_get64(p + OPTEE_MSG_PARAM_C);
	unsigned count = func == OPTEE_PTA_CMD_GET_DEVICES ? po->device_count : 0;
	uint64_t need = (uint64_t)count * OPTEE_UUID_SIZE;
	struct part_optee_shm *shm = NULL;

	if (optee_param_type(a, 0) != OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT ||
	    optee_param_type(a, 1) != OPTEE_MSG_ATTR_TYPE_NONE ||
	    optee_param_type(a, 2) != OPTEE_MSG_ATTR_TYPE_NONE ||
	    optee_param_type(a, 3) != OPTEE_MSG_ATTR_TYPE_NONE) {
		optee_result(a, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TRUSTED_APP);
		return;
	}
	if (gid == OPTEE_MSG_FMEM_INVALID_GLOBAL_ID) {
		if (size > 0) {
			optee_result(a, OPTEE_TEEC_ERROR_BAD_PARAMETERS,
				     OPTEE_TEEC_ORIGIN_TRUSTED_APP);
			return;
		}
	} else {
		shm = part_optee_find(po, gid);
		if (shm == NULL && !(po->failed_set && po->failed == gid)) {
			out->need = true;
			out->cookie = gid;
			return;
		}
		/* fmem: offs_low (32 bits), offs_high (16), internal_offs (16, the buffer's
		 * offset in its first page), as Linux's optee_ffa_to_msg_param() fills it. */
		offs = (offs & 0xffffffffffffull) + (offs >> 48);
		if (shm == NULL || offs > shm->size || size > shm->size - offs) {
			optee_result(a, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TEE);
			return;
		}
	}
	if (need <= size && need > 0 && !optee_shm_access(po, shm, offs, po->devices, need, true)) {
		optee_result(a, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TEE);
		return;
	}
	optee_put64(p + OPTEE_MSG_PARAM_B, need);
	optee_result(a, need > size ? OPTEE_TEEC_ERROR_SHORT_BUFFER : OPTEE_TEEC_SUCCESS,
		     OPTEE_TEEC_ORIGIN_TRUSTED_APP);
}

/* INVOKE_COMMAND: at most four parameters, an open session, a command of the pseudo TA. */
static void optee_invoke(struct part_optee *po, struct optee_arg *a, struct part_optee_outcome *out)
{
	uint32_t id = optee_get32(a->bytes + OPTEE_MSG_ARG_SESSION);
	uint32_t func = optee_get32(a->bytes + OPTEE_MSG_ARG_FUNC);

	if (a->num_params > OPTEE_TA_PARAMS || id == 0 || optee_session(po, id) == NULL) {
		optee_result(a, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TEE);
		return;
	}
	switch (func) {
	case OPTEE_PTA_CMD_GET_DEVICES:
	case OPTEE_PTA_CMD_GET_DEVICES_SUPP:
	case OPTEE_PTA_CMD_GET_DEVICES_RPMB:
		optee_get_devices(po, a, func, out);
		return;
	default:
		optee_result(a, OPTEE_TEEC_ERROR_NOT_IMPLEMENTED, OPTEE_TEEC_ORIGIN_TRUSTED_APP);
		return;
	}
}

struct part_optee_outcome part_optee_run_arg(struct part_optee *po, uint64_t cookie,
					     uint32_t offset)
{
	struct part_optee_outcome out = {.w3 = OPTEE_TEEC_ERROR_BAD_PARAMETERS};
	struct part_optee_shm *shm = part_optee_find(po, cookie);
	struct optee_arg a;
	uint32_t len;

	if (shm == NULL) {
		if (!(po->failed_set && po->failed == cookie)) {
			out.need = true;
			out.cookie = cookie;
		}
		return out;
	}
	if (!optee_shm_access(po, shm, offset, a.bytes, OPTEE_MSG_ARG_HEADER_SIZE, false))
		return out;
	a.num_params = optee_get32(a.bytes + OPTEE_MSG_ARG_NUM_PARAMS);
	if (a.num_params > OPTEE_MAX_PARAMS)
		return out;
	len = OPTEE_MSG_ARG_SIZE(a.num_params);
	/* OP-TEE also maps the RPC argument that follows it (room for four parameters). */
	if ((uint64_t)offset + len + OPTEE_MSG_ARG_SIZE(OPTEE_FFA_RPC_PARAMS) > shm->size ||
	    !optee_shm_access(po, shm, offset, a.bytes, len, false))
		return out;
	switch (optee_get32(a.bytes + OPTEE_MSG_ARG_CMD)) {
	case OPTEE_MSG_CMD_OPEN_SESSION:
		optee_open_session(po, &a);
		break;
	case OPTEE_MSG_CMD_INVOKE_COMMAND:
		optee_invoke(po, &a, &out);
		if (out.need)
			return out;
		break;
	case OPTEE_MSG_CMD_CLOSE_SESSION:
		optee_close_session(po, &a);
		break;
	default:
		/* tee_entry_std()'s answer to a command it does not know, in w3. */
		out.w3 = OPTEE_TEEC_ERROR_NOT_IMPLEMENTED;
		return out;
	}
	if (!optee_shm_access(po, shm, offset, a.bytes, len, true))
		return out;
	out.w3 = OPTEE_TEEC_SUCCESS;
	return out;
}
