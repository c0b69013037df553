/* SPDX-License-Identifier: BSD-3-Clause */
/* OP-TEE's message arguments for guests (<sdk/optee.h>). */
#include <sdk/optee.h>

static void optee_put32(uint8_t *p, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void optee_put64(uint8_t *p, uint64_t v)
{
	optee_put32(p, (uint32_t)v);
	optee_put32(p + 4, (uint32_t)(v >> 32));
}

/* Zeroes the header and n parameters and sets cmd, session and num_params. */
static uint32_t optee_arg_start(uint8_t *arg, uint32_t cmd, uint32_t session, unsigned n)
{
	uint32_t len = OPTEE_MSG_ARG_SIZE(n);

	for (uint32_t i = 0; i < len; i++)
		arg[i] = 0;
	optee_put32(arg + OPTEE_MSG_ARG_CMD, cmd);
	optee_put32(arg + OPTEE_MSG_ARG_SESSION, session);
	optee_put32(arg + OPTEE_MSG_ARG_NUM_PARAMS, n);
	return len;
}

static uint8_t *optee_param(uint8_t *arg, unsigned i)
{
	return arg + OPTEE_MSG_ARG_HEADER_SIZE + i * OPTEE_MSG_PARAM_SIZE;
}

uint32_t sdk_optee_arg_open_session(uint8_t *arg, const uint8_t uuid[16])
{
	uint32_t len = optee_arg_start(arg, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2);
	uint8_t *p = optee_param(arg, 0);

	optee_put64(p + OPTEE_MSG_PARAM_ATTR,
		    OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META);
	for (unsigned i = 0; i < 16; i++)
		p[OPTEE_MSG_PARAM_A + i] = uuid[i];
	p = optee_param(arg, 1);
	optee_put64(p + OPTEE_MSG_PARAM_ATTR,
		    OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META);
	optee_put64(p + OPTEE_MSG_PARAM_C, OPTEE_MSG_LOGIN_PUBLIC);
	return len;
}

uint32_t sdk_optee_arg_invoke(uint8_t *arg, uint32_t session, uint32_t func, uint64_t global_id,
			      uint64_t offset, uint64_t size)
{
	uint32_t len = optee_arg_start(arg, OPTEE_MSG_CMD_INVOKE_COMMAND, session, 4);
	uint8_t *p = optee_param(arg, 0);

	optee_put32(arg + OPTEE_MSG_ARG_FUNC, func);
	optee_put64(p + OPTEE_MSG_PARAM_ATTR, OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT);
	optee_put64(p + OPTEE_MSG_PARAM_A, offset);
	optee_put64(p + OPTEE_MSG_PARAM_B, size);
	optee_put64(p + OPTEE_MSG_PARAM_C, global_id);
	return len;
}

uint32_t sdk_optee_arg_close_session(uint8_t *arg, uint32_t session)
{
	return optee_arg_start(arg, OPTEE_MSG_CMD_CLOSE_SESSION, session, 0);
}

uint32_t sdk_optee_arg_word(const uint8_t *arg, uint32_t offset)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < 4; i++)
		v |= (uint32_t)arg[offset + i] << (8 * i);
	return v;
}

uint64_t sdk_optee_arg_param(const uint8_t *arg, unsigned i, uint32_t offset)
{
	uint32_t at = OPTEE_MSG_ARG_HEADER_SIZE + i * OPTEE_MSG_PARAM_SIZE + offset;

	return sdk_optee_arg_word(arg, at) | (uint64_t)sdk_optee_arg_word(arg, at + 4) << 32;
}
