/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * OP-TEE's messages over FF-A, in one freestanding header shared by the simulator's model of
 * OP-TEE (partitions/optee.c) and the guest SDK (<sdk/optee.h>), which installs it. The
 * protocol is OP-TEE's own, not the FF-A specification's: direct requests to OP-TEE's
 * endpoint with a service ID in w3 and its arguments in w4-w7, answered by a direct response
 * with the result in w3-w6, as Linux's drivers/tee/optee/optee_ffa.h and OP-TEE's
 * core/arch/arm/kernel/thread_spmc.c define it. A yielding call passes a struct optee_msg_arg
 * (optee_msg.h) in memory the caller shared with FFA_MEM_SHARE.
 */
#ifndef ABI_OPTEE_H
#define ABI_OPTEE_H

#include <stdint.h>

/* OP-TEE's UUID: its partition-information entry and the one the kernel's driver binds to. */
#define OPTEE_FFA_UUID_TEXT "486178e0-e7f8-11e3-bc5e-0002a5d5c51b"
/* The device-enumeration pseudo TA (OP-TEE's PTA_DEVICE_UUID), in the byte order of
 * struct optee_msg_arg's UUID parameter (RFC 4122 octets). */
#define OPTEE_PTA_DEVICE_UUID_TEXT "7011a688-ddde-4053-a5a9-7b3c4ddf13b8"

/* The version of the OP-TEE FF-A ABI (OPTEE_FFA_VERSION_MAJOR/MINOR). */
#define OPTEE_FFA_API_MAJOR 1u
#define OPTEE_FFA_API_MINOR 0u

/* Service IDs in w3: blocking calls, and yielding ones with bit 31 set. */
#define OPTEE_FFA_YIELDING_BIT (1u << 31)
#define OPTEE_FFA_GET_API_VERSION 0u
#define OPTEE_FFA_GET_OS_VERSION 1u
#define OPTEE_FFA_EXCHANGE_CAPABILITIES 2u
#define OPTEE_FFA_UNREGISTER_SHM 3u
#define OPTEE_FFA_ENABLE_ASYNC_NOTIF 5u
#define OPTEE_FFA_YIELDING_CALL_WITH_ARG (OPTEE_FFA_YIELDING_BIT | 0u)
#define OPTEE_FFA_YIELDING_CALL_RESUME (OPTEE_FFA_YIELDING_BIT | 1u)
/* w4 of a yielding call's answer: the call is done (others are RPCs). */
#define OPTEE_FFA_YIELDING_RETURN_DONE 0u

/* EXCHANGE_CAPABILITIES answer: w5 capability bits. */
#define OPTEE_FFA_SEC_CAP_ARG_OFFSET (1u << 0)
#define OPTEE_FFA_SEC_CAP_ASYNC_NOTIF (1u << 1)
#define OPTEE_FFA_SEC_CAP_RPMB_PROBE (1u << 2)
/* w4: parameters an RPC carries (OP-TEE's THREAD_RPC_MAX_NUM_PARAMS). */
#define OPTEE_FFA_RPC_PARAMS 4u

/* TEE result codes (GlobalPlatform TEE Client API) and origins. */
#define OPTEE_TEEC_SUCCESS 0x00000000u
#define OPTEE_TEEC_ERROR_GENERIC 0xffff0000u
#define OPTEE_TEEC_ERROR_BAD_PARAMETERS 0xffff0006u
#define OPTEE_TEEC_ERROR_ITEM_NOT_FOUND 0xffff0008u
#define OPTEE_TEEC_ERROR_NOT_IMPLEMENTED 0xffff0009u
#define OPTEE_TEEC_ERROR_NOT_SUPPORTED 0xffff000au
#define OPTEE_TEEC_ERROR_BUSY 0xffff000du
#define OPTEE_TEEC_ERROR_SHORT_BUFFER 0xffff0010u
#define OPTEE_TEEC_ORIGIN_COMMS 2u
#define OPTEE_TEEC_ORIGIN_TEE 3u
#define OPTEE_TEEC_ORIGIN_TRUSTED_APP 4u

/*
 * struct optee_msg_arg: a 32-byte header of 32-bit words (cmd, func, session, cancel_id, pad,
 * ret, ret_origin, num_params), then num_params parameters of 32 bytes (a 64-bit attr, then
 * three 64-bit words: a value's a, b, c or a memory reference's offset, size, global ID).
 */
#define OPTEE_MSG_ARG_CMD 0u
#define OPTEE_MSG_ARG_FUNC 4u
#define OPTEE_MSG_ARG_SESSION 8u
#define OPTEE_MSG_ARG_CANCEL_ID 12u
#define OPTEE_MSG_ARG_RET 20u
#define OPTEE_MSG_ARG_RET_ORIGIN 24u
#define OPTEE_MSG_ARG_NUM_PARAMS 28u
#define OPTEE_MSG_ARG_HEADER_SIZE 32u
#define OPTEE_MSG_PARAM_SIZE 32u
#define OPTEE_MSG_ARG_SIZE(n) (OPTEE_MSG_ARG_HEADER_SIZE + (n)*OPTEE_MSG_PARAM_SIZE)
/* A parameter's words: attr, then a/b/c (value) or offset/size/global ID (FF-A memory). */
#define OPTEE_MSG_PARAM_ATTR 0u
#define OPTEE_MSG_PARAM_A 8u
#define OPTEE_MSG_PARAM_B 16u
#define OPTEE_MSG_PARAM_C 24u

/* Commands in cmd. */
#define OPTEE_MSG_CMD_OPEN_SESSION 0u
#define OPTEE_MSG_CMD_INVOKE_COMMAND 1u
#define OPTEE_MSG_CMD_CLOSE_SESSION 2u
#define OPTEE_MSG_CMD_CANCEL 3u

/* Parameter types (attr bits 7:0) and the meta flag of OPEN_SESSION's first two. */
#define OPTEE_MSG_ATTR_TYPE_MASK 0xffu
#define OPTEE_MSG_ATTR_TYPE_NONE 0x0u
#define OPTEE_MSG_ATTR_TYPE_VALUE_INPUT 0x1u
#define OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT 0x2u
#define OPTEE_MSG_ATTR_TYPE_VALUE_INOUT 0x3u
#define OPTEE_MSG_ATTR_TYPE_FMEM_INPUT 0x5u
#define OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT 0x6u
#define OPTEE_MSG_ATTR_TYPE_FMEM_INOUT 0x7u
#define OPTEE_MSG_ATTR_META (1u << 8)
#define OPTEE_MSG_FMEM_INVALID_GLOBAL_ID UINT64_MAX
/* The login method in OPEN_SESSION's second meta parameter (c): public. */
#define OPTEE_MSG_LOGIN_PUBLIC 0u

/* The device-enumeration pseudo TA's commands. */
#define OPTEE_PTA_CMD_GET_DEVICES 0u
#define OPTEE_PTA_CMD_GET_DEVICES_SUPP 1u
#define OPTEE_PTA_CMD_GET_DEVICES_RPMB 2u

#endif
