/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * OP-TEE's messages over FF-A for guests (<abi/optee.h> has the constants): the
 * struct optee_msg_arg a yielding call carries, written and read byte by byte at any
 * alignment, as Linux's OP-TEE driver lays it out.
 */
#ifndef SDK_OPTEE_H
#define SDK_OPTEE_H

#include <stdint.h>

#include <abi/optee.h>

/*
 * Writes an OPEN_SESSION argument for the TA `uuid` (16 octets) with public login into arg:
 * two meta value parameters (the TA's UUID, the client's login), as the kernel's
 * tee_client_open_session() sends it. Returns its length.
 */
uint32_t sdk_optee_arg_open_session(uint8_t *arg, const uint8_t uuid[16]);

/*
 * Writes an INVOKE_COMMAND argument for `func` of `session` with four parameters: the first an
 * output memory reference of `size` bytes in the FF-A memory `global_id` at `offset`
 * (OPTEE_MSG_FMEM_INVALID_GLOBAL_ID and 0 for none), the others none, as the kernel's
 * device enumeration asks. Returns its length.
 */
uint32_t sdk_optee_arg_invoke(uint8_t *arg, uint32_t session, uint32_t func, uint64_t global_id,
			      uint64_t offset, uint64_t size);

/* Writes a CLOSE_SESSION argument for `session`. Returns its length. */
uint32_t sdk_optee_arg_close_session(uint8_t *arg, uint32_t session);

/* The 32-bit word at `offset` of an argument (OPTEE_MSG_ARG_RET, ..._SESSION, ...). */
uint32_t sdk_optee_arg_word(const uint8_t *arg, uint32_t offset);

/* The 64-bit word at `offset` of parameter `i` (OPTEE_MSG_PARAM_ATTR, ..._A, _B, _C). */
uint64_t sdk_optee_arg_param(const uint8_t *arg, unsigned i, uint32_t offset);

#endif
