/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The `optee` partition model (partitions/optee.c, optee_msg.c): OP-TEE's messages over FF-A
 * from the normal world, each blocking and yielding service and each error, with the values
 * OP-TEE 4.10 answered on QEMU (tests/data/oracle/optee-sel1-spmc.probe_optee.txt). The model
 * runs as partition 0x8001 under the optee personality; the normal world's buffers are at
 * 0x40400000 (TX) and 0x40410000 (RX), the pages it shares at 0x40800000.
 */
#include <criterion/criterion.h>

#include <string.h>

#include "abi/ids.h"
#include "abi/memdesc.h"
#include "abi/optee.h"
#include "abi/uuid.h"
#include "partitions/builtin.h"
#include "spmc_helpers.h"

#define NS_TX 0x40400000ull
#define NS_RX 0x40410000ull
#define NS_MEM 0x40800000ull
#define OPTEE 0x8001u
#define ARG_OFF 0x100u

struct optee_fixture {
	struct spmc_fixture f;
	struct part_optee po;
	struct spmc_endpoint *ep;
};

/* OP-TEE's endpoint with the model (params: the defaults when NULL), booted; the normal world
 * at v1.1 with its buffers mapped, as Linux's FF-A driver leaves it. */
static void setup_with(struct optee_fixture *o, const struct part_model_params *params)
{
	struct part_model_params def;
	struct ffa_value v;

	memset(o, 0, sizeof(*o));
	memset(&def, 0, sizeof(def));
	part_optee_defaults(&def);
	spmc_fixture_init(&o->f, "optee:1.2");
	v = spmc_fixture_call1(&o->f, o->f.nw, FFA_VERSION, FFA_VERSION_1_1);
	cr_assert_eq((uint32_t)v.x[0], FFA_VERSION_1_2);
	spmc_fixture_map(&o->f, o->f.nw, NS_TX, NS_RX);
	o->ep = spmc_fixture_add_sp(&o->f, OPTEE, "optee",
				    FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND);
	cr_assert(part_optee_attach(o->ep, &o->po, params != NULL ? params : &def,
				    &o->f.spmc.memory));
	cr_assert_eq(spmc_boot(&o->f.spmc), 0, "%s", o->ep->fail_reason);
	cr_assert(o->ep->rxtx.mapped, "the model maps its buffers while booting");
}

static void setup(struct optee_fixture *o)
{
	setup_with(o, NULL);
}

static uint8_t *bytes(struct optee_fixture *o, uint64_t addr, uint64_t len)
{
	return fake_memory_ptr(&o->f.memory, addr, len);
}

/* A DIRECT_REQ of `fid` from the normal world to OP-TEE with w3-w7. */
static struct ffa_value req_fid(struct optee_fixture *o, uint32_t fid, uint64_t w3, uint64_t w4,
				uint64_t w5, uint64_t w6)
{
	uint64_t args[7] = {ffa_msg_ids(FFA_ID_NS_PHYS, OPTEE), 0, w3, w4, w5, w6, 0};

	return spmc_fixture_call(&o->f, o->f.nw, fid, args, 7);
}

static struct ffa_value req(struct optee_fixture *o, uint32_t w3, uint32_t w4, uint32_t w5,
			    uint32_t w6)
{
	return req_fid(o, FFA_MSG_SEND_DIRECT_REQ_32, w3, w4, w5, w6);
}

/* Asserts a DIRECT_RESP_32 from OP-TEE with w3-w5, w6-w7 zero. */
static void expect_resp(const struct ffa_value *v, uint32_t w3, uint32_t w4, uint32_t w5)
{
	cr_assert_eq(v->x[0], FFA_MSG_SEND_DIRECT_RESP_32, "x0 0x%llx x2 0x%llx",
		     (unsigned long long)v->x[0], (unsigned long long)v->x[2]);
	cr_assert_eq(v->x[1], ffa_msg_ids(OPTEE, FFA_ID_NS_PHYS));
	cr_assert_eq(v->x[2], 0);
	cr_assert_eq(v->x[3], w3, "w3 0x%llx, expected 0x%x", (unsigned long long)v->x[3], w3);
	cr_assert_eq(v->x[4], w4, "w4 0x%llx, expected 0x%x", (unsigned long long)v->x[4], w4);
	cr_assert_eq(v->x[5], w5, "w5 0x%llx, expected 0x%x", (unsigned long long)v->x[5], w5);
	cr_assert_eq(v->x[6], 0);
	cr_assert_eq(v->x[7], 0);
}

/* Shares `pages` pages at addr with OP-TEE (v1.1 descriptor, read-write); the cookie. */
static uint64_t share(struct optee_fixture *o, uint64_t addr, uint32_t pages)
{
	struct ffa_mem_range range = {addr, pages};
	struct ffa_mem_txn t;
	uint64_t args[4];
	struct ffa_value v;
	uint32_t len;

	memset(&t, 0, sizeof(t));
	t.sender = FFA_ID_NS_PHYS;
	t.attributes = FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER;
	t.receiver_count = 1;
	t.receivers[0].id = OPTEE;
	t.receivers[0].perms = FFA_MEM_DATA_RW;
	len = ffa_memdesc_write(bytes(o, NS_TX, 4096), 4096, FFA_VERSION_1_1, &t, &range, 1);
	cr_assert_neq(len, 0);
	args[0] = len;
	args[1] = len;
	args[2] = 0;
	args[3] = 0;
	v = spmc_fixture_call(&o->f, o->f.nw, FFA_MEM_SHARE_64, args, 4);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32, "share: x0 0x%llx x2 0x%llx",
		     (unsigned long long)v.x[0], (unsigned long long)v.x[2]);
	return ffa_mem_handle((uint32_t)v.x[2], (uint32_t)v.x[3]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/* The argument at ARG_OFF of the first shared page. */
static uint8_t *arg(struct optee_fixture *o)
{
	return bytes(o, NS_MEM + ARG_OFF, OPTEE_MSG_ARG_SIZE(6));
}

static uint8_t *param(struct optee_fixture *o, unsigned i)
{
	return arg(o) + OPTEE_MSG_ARG_HEADER_SIZE + i * OPTEE_MSG_PARAM_SIZE;
}

/* Writes a header with cmd, session and n parameters, all zero. */
static void arg_start(struct optee_fixture *o, uint32_t cmd, uint32_t session, uint32_t n)
{
	memset(arg(o), 0, OPTEE_MSG_ARG_SIZE(6));
	put32(arg(o) + OPTEE_MSG_ARG_CMD, cmd);
	put32(arg(o) + OPTEE_MSG_ARG_SESSION, session);
	put32(arg(o) + OPTEE_MSG_ARG_NUM_PARAMS, n);
}

/* An OPEN_SESSION of the TA `uuid` with public login. */
static void arg_open(struct optee_fixture *o, const char *uuid)
{
	arg_start(o, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2);
	put64(param(o, 0), OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META);
	cr_assert_eq(ffa_uuid_parse(uuid, param(o, 0) + OPTEE_MSG_PARAM_A), FFA_UUID_OK);
	put64(param(o, 1), OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META);
}

/* An INVOKE_COMMAND of func with an output memory reference (global ID, offset, size). */
static void arg_invoke(struct optee_fixture *o, uint32_t session, uint32_t func, uint64_t gid,
		       uint64_t offs, uint64_t size)
{
	arg_start(o, OPTEE_MSG_CMD_INVOKE_COMMAND, session, 4);
	put32(arg(o) + OPTEE_MSG_ARG_FUNC, func);
	put64(param(o, 0), OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT);
	put64(param(o, 0) + OPTEE_MSG_PARAM_A, offs);
	put64(param(o, 0) + OPTEE_MSG_PARAM_B, size);
	put64(param(o, 0) + OPTEE_MSG_PARAM_C, gid);
}

/* YIELDING_CALL_WITH_ARG with the argument at `offset` of `cookie`; asserts w3, w4 DONE. */
static void call_with_arg(struct optee_fixture *o, uint64_t cookie, uint32_t offset, uint32_t w3)
{
	struct ffa_value v = req(o, OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)cookie,
				 (uint32_t)(cookie >> 32), offset);

	expect_resp(&v, w3, OPTEE_FFA_YIELDING_RETURN_DONE, 0);
}

/* Asserts the argument's ret and ret_origin. */
static void expect_ret(struct optee_fixture *o, uint32_t ret, uint32_t origin)
{
	cr_assert_eq(get32(arg(o) + OPTEE_MSG_ARG_RET), ret, "ret 0x%x, expected 0x%x",
		     get32(arg(o) + OPTEE_MSG_ARG_RET), ret);
	cr_assert_eq(get32(arg(o) + OPTEE_MSG_ARG_RET_ORIGIN), origin, "origin %u, expected %u",
		     get32(arg(o) + OPTEE_MSG_ARG_RET_ORIGIN), origin);
}

/* GET_API_VERSION answers OP-TEE's FF-A ABI version 1.0, in either width. */
Test(model_optee, api_version)
{
	struct optee_fixture o;
	struct ffa_value v;

	setup(&o);
	v = req(&o, OPTEE_FFA_GET_API_VERSION, 0, 0, 0);
	expect_resp(&v, 1, 0, 0);
	v = req_fid(&o, FFA_MSG_SEND_DIRECT_REQ_64, OPTEE_FFA_GET_API_VERSION, 0, 0, 0);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_eq(v.x[3], 1);
	cr_assert_eq(o.po.requests, 2);
	spmc_fixture_fini(&o.f);
}

/* GET_OS_VERSION: the recorded revision 4.10 and build ID, or the configured ones. */
Test(model_optee, os_version)
{
	struct optee_fixture o;
	struct part_model_params p;
	struct ffa_value v;

	setup(&o);
	v = req(&o, OPTEE_FFA_GET_OS_VERSION, 0, 0, 0);
	expect_resp(&v, 4, 10, 0xd5001fe0u);
	spmc_fixture_fini(&o.f);

	memset(&p, 0, sizeof(p));
	part_optee_defaults(&p);
	p.optee_revision_major = 3;
	p.optee_revision_minor = 22;
	p.optee_build_id = 0;
	setup_with(&o, &p);
	v = req(&o, OPTEE_FFA_GET_OS_VERSION, 0, 0, 0);
	expect_resp(&v, 3, 22, 0);
	spmc_fixture_fini(&o.f);
}

/* EXCHANGE_CAPABILITIES: w3 0, four RPC parameters, the capabilities (7 as recorded). */
Test(model_optee, exchange_capabilities)
{
	struct optee_fixture o;
	struct ffa_value v;

	setup(&o);
	v = req(&o, OPTEE_FFA_EXCHANGE_CAPABILITIES, 0, 0, 0);
	expect_resp(&v, 0, 4, 7);
	spmc_fixture_fini(&o.f);
}

/* A blocking service OP-TEE does not know: TEE_ERROR_BAD_PARAMETERS in w3. */
Test(model_optee, unknown_blocking_call)
{
	struct optee_fixture o;
	struct ffa_value v;

	setup(&o);
	v = req(&o, 0x7f, 0, 0, 0);
	expect_resp(&v, OPTEE_TEEC_ERROR_BAD_PARAMETERS, 0, 0);
	spmc_fixture_fini(&o.f);
}

/* ENABLE_ASYNC_NOTIF takes a bottom-half value below 64. */
Test(model_optee, enable_async_notif)
{
	struct optee_fixture o;
	struct ffa_value v;

	setup(&o);
	v = req(&o, OPTEE_FFA_ENABLE_ASYNC_NOTIF, 63, 0, 0);
	expect_resp(&v, 0, 0, 0);
	v = req(&o, OPTEE_FFA_ENABLE_ASYNC_NOTIF, 64, 0, 0);
	expect_resp(&v, OPTEE_TEEC_ERROR_BAD_PARAMETERS, 0, 0);
	spmc_fixture_fini(&o.f);
}

/* A framework message (which the SPMC itself refuses from the normal world) and a DIRECT_REQ2
 * reaching the model are answered FFA_ERROR(NOT_SUPPORTED), as OP-TEE answers them; then it
 * takes the next request. */
Test(model_optee, framework_message_and_req2_refused)
{
	struct optee_fixture o;
	struct ffa_value in, call;
	struct ffa_value v;
	uint32_t fids[2] = {FFA_MSG_SEND_DIRECT_REQ_32, FFA_MSG_SEND_DIRECT_REQ2_64};

	setup(&o);
	for (unsigned i = 0; i < 2; i++) {
		memset(&in, 0, sizeof(in));
		in.x[0] = fids[i];
		in.x[1] = ffa_msg_ids(FFA_ID_NS_PHYS, OPTEE);
		in.x[2] = i == 0 ? FFA_MSG_FLAG_FRAMEWORK | 8u : 0;
		cr_assert_eq(o.ep->ops->resume(o.ep->ctx.ops_ctx, &in, &call), SPMC_PART_CALL);
		cr_assert_eq(call.x[0], FFA_ERROR_32);
		cr_assert_eq((int32_t)(uint32_t)call.x[2], FFA_NOT_SUPPORTED);
	}
	v = spmc_fixture_call(
		&o.f, o.f.nw, FFA_MSG_SEND_DIRECT_REQ_32,
		(uint64_t[]){ffa_msg_ids(FFA_ID_NS_PHYS, OPTEE), FFA_MSG_FLAG_FRAMEWORK}, 2);
	cr_assert_eq((int32_t)(uint32_t)v.x[2], FFA_INVALID_PARAMETERS, "the SPMC's refusal");
	v = req(&o, OPTEE_FFA_GET_API_VERSION, 0, 0, 0);
	expect_resp(&v, 1, 0, 0);
	spmc_fixture_fini(&o.f);
}

/* Yielding services other than CALL_WITH_ARG: RESUME has nothing to resume (BAD_PARAMETERS),
 * an unknown one is FFA_DENIED, as OP-TEE's thread entry answers. */
Test(model_optee, other_yielding_calls)
{
	struct optee_fixture o;
	struct ffa_value v;

	setup(&o);
	v = req(&o, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0);
	expect_resp(&v, OPTEE_TEEC_ERROR_BAD_PARAMETERS, 0, 0);
	v = req(&o, OPTEE_FFA_YIELDING_BIT | 0x7f, 0, 0, 0);
	expect_resp(&v, (uint32_t)FFA_DENIED, 0, 0);
	spmc_fixture_fini(&o.f);
}

/* The driver's device enumeration: open a session to the pseudo TA, ask for the size, ask
 * again with a buffer in memory shared separately, close. Results and origins as recorded. */
Test(model_optee, device_enumeration)
{
	struct optee_fixture o;
	uint8_t want[16];
	uint64_t h, h2;

	setup(&o);
	h = share(&o, NS_MEM, 1);
	arg_open(&o, OPTEE_PTA_DEVICE_UUID_TEXT);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, 0, OPTEE_TEEC_ORIGIN_TRUSTED_APP);
	cr_assert_eq(get32(arg(&o) + OPTEE_MSG_ARG_SESSION), 1);

	arg_invoke(&o, 1, OPTEE_PTA_CMD_GET_DEVICES, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0, 0);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_SHORT_BUFFER, OPTEE_TEEC_ORIGIN_TRUSTED_APP);
	cr_assert_eq(get64(param(&o, 0) + OPTEE_MSG_PARAM_B), 16);

	h2 = share(&o, NS_MEM + 0x1000, 1);
	arg_invoke(&o, 1, OPTEE_PTA_CMD_GET_DEVICES, h2, 0x10, 16);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, 0, OPTEE_TEEC_ORIGIN_TRUSTED_APP);
	cr_assert_eq(ffa_uuid_parse(PART_OPTEE_DEVICE, want), FFA_UUID_OK);
	cr_assert_arr_eq(bytes(&o, NS_MEM + 0x1010, 16), want, 16);

	arg_invoke(&o, 1, OPTEE_PTA_CMD_GET_DEVICES_SUPP, h2, 0, 16);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, 0, OPTEE_TEEC_ORIGIN_TRUSTED_APP);
	cr_assert_eq(get64(param(&o, 0) + OPTEE_MSG_PARAM_B), 0);

	arg_invoke(&o, 1, 0x77, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0, 0);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_NOT_IMPLEMENTED, OPTEE_TEEC_ORIGIN_TRUSTED_APP);

	arg_start(&o, OPTEE_MSG_CMD_CLOSE_SESSION, 1, 0);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, 0, OPTEE_TEEC_ORIGIN_TEE);
	/* Closed: closing again, or invoking, fails. */
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_ITEM_NOT_FOUND, OPTEE_TEEC_ORIGIN_TEE);
	arg_invoke(&o, 1, OPTEE_PTA_CMD_GET_DEVICES, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0, 0);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TEE);
	spmc_fixture_fini(&o.f);
}

/* The messages' own errors: a TA other than the pseudo TA, wrong meta parameters, wrong
 * parameter types, a buffer that does not fit, a command OP-TEE does not know. */
Test(model_optee, message_errors)
{
	struct optee_fixture o;
	uint64_t h;

	setup(&o);
	h = share(&o, NS_MEM, 1);
	arg_open(&o, "11111111-2222-3333-4444-555555555555");
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_ITEM_NOT_FOUND, OPTEE_TEEC_ORIGIN_TEE);
	cr_assert_eq(get32(arg(&o) + OPTEE_MSG_ARG_SESSION), 0);

	arg_open(&o, OPTEE_PTA_DEVICE_UUID_TEXT);
	put64(param(&o, 1), OPTEE_MSG_ATTR_TYPE_VALUE_INPUT);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TEE);

	arg_open(&o, OPTEE_PTA_DEVICE_UUID_TEXT);
	call_with_arg(&o, h, ARG_OFF, 0);
	arg_invoke(&o, 1, OPTEE_PTA_CMD_GET_DEVICES, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0, 0);
	put64(param(&o, 1), OPTEE_MSG_ATTR_TYPE_VALUE_INPUT);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TRUSTED_APP);
	/* A size without a buffer; a buffer past the end of its memory. */
	arg_invoke(&o, 1, OPTEE_PTA_CMD_GET_DEVICES, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0, 16);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TRUSTED_APP);
	arg_invoke(&o, 1, OPTEE_PTA_CMD_GET_DEVICES, h, 0xff8, 16);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TEE);
	/* A memory reference naming memory nobody shared. */
	arg_invoke(&o, 1, OPTEE_PTA_CMD_GET_DEVICES, 0x777, 0, 16);
	call_with_arg(&o, h, ARG_OFF, 0);
	expect_ret(&o, OPTEE_TEEC_ERROR_BAD_PARAMETERS, OPTEE_TEEC_ORIGIN_TEE);

	arg_start(&o, 9, 0, 0);
	call_with_arg(&o, h, ARG_OFF, OPTEE_TEEC_ERROR_NOT_IMPLEMENTED);
	spmc_fixture_fini(&o.f);
}

/* The argument itself: an unknown cookie, too many parameters, no room for it (and the RPC
 * argument after it) in the memory: TEE_ERROR_BAD_PARAMETERS in w3, nothing written. */
Test(model_optee, bad_arguments)
{
	struct optee_fixture o;
	uint64_t h;

	setup(&o);
	call_with_arg(&o, 0x1234, 0, OPTEE_TEEC_ERROR_BAD_PARAMETERS);
	h = share(&o, NS_MEM, 1);
	arg_start(&o, OPTEE_MSG_CMD_CLOSE_SESSION, 1, 7);
	call_with_arg(&o, h, ARG_OFF, OPTEE_TEEC_ERROR_BAD_PARAMETERS);
	cr_assert_eq(get32(arg(&o) + OPTEE_MSG_ARG_RET), 0, "nothing written");
	call_with_arg(&o, h, 0x1000 - OPTEE_MSG_ARG_SIZE(4), OPTEE_TEEC_ERROR_BAD_PARAMETERS);
	call_with_arg(&o, h, 0x2000, OPTEE_TEEC_ERROR_BAD_PARAMETERS);
	spmc_fixture_fini(&o.f);
}

/* UNREGISTER_SHM gives retrieved memory back: before it the sender cannot reclaim, after it
 * it can. A cookie OP-TEE never saw is unregistered with 0 too. */
Test(model_optee, unregister_shm)
{
	struct optee_fixture o;
	struct ffa_value v;
	uint64_t h, args[3];

	setup(&o);
	h = share(&o, NS_MEM, 1);
	arg_open(&o, OPTEE_PTA_DEVICE_UUID_TEXT);
	call_with_arg(&o, h, ARG_OFF, 0);
	args[0] = (uint32_t)h;
	args[1] = (uint32_t)(h >> 32);
	args[2] = 0;
	v = spmc_fixture_call(&o.f, o.f.nw, FFA_MEM_RECLAIM, args, 3);
	cr_assert_eq(v.x[0], FFA_ERROR_32, "OP-TEE still holds it");
	v = req(&o, OPTEE_FFA_UNREGISTER_SHM, (uint32_t)h, (uint32_t)(h >> 32), 0);
	expect_resp(&v, 0, 0, 0);
	for (unsigned i = 0; i < PART_OPTEE_MAX_SHM; i++)
		cr_assert(!o.po.shm[i].used || o.po.shm[i].cookie != h, "relinquished");
	v = spmc_fixture_call(&o.f, o.f.nw, FFA_MEM_RECLAIM, args, 3);
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	v = req(&o, OPTEE_FFA_UNREGISTER_SHM, 0x1234, 0, 0);
	expect_resp(&v, 0, 0, 0);
	spmc_fixture_fini(&o.f);
}

/* Attaching: refused for the normal world, without memory, or with too many devices. */
Test(model_optee, attach_refused)
{
	struct optee_fixture o;
	struct part_model_params p;
	static struct part_optee po;
	struct spmc_endpoint *sp;

	memset(&p, 0, sizeof(p));
	part_optee_defaults(&p);
	setup(&o);
	cr_assert_not(part_optee_attach(o.f.nw, &po, &p, &o.f.spmc.memory));
	sp = spmc_fixture_add_sp(&o.f, 0x8002, "other", FFA_PROP_DIRECT_REQ_RECV);
	cr_assert_not(part_optee_attach(sp, &po, &p, NULL));
	p.optee_device_count = PART_MAX_OPTEE_DEVICES + 1;
	cr_assert_not(part_optee_attach(sp, &po, &p, &o.f.spmc.memory));
	spmc_fixture_fini(&o.f);
}
