/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed FF-A calls over the SMCCC 1.2 register block, plus the helpers guests need to read the
 * answers: error codes, UUIDs, partition descriptors. Each wrapper fills x0-x17 (unused
 * registers zero), issues the call by the SDK-wide conduit and returns the whole block.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sdk/ffa.h>
#include <sdk/printf.h>
#include <sdk/smccc.h>
#include <sdk/string.h>

/* The one SDK-wide setting: which instruction carries FF-A calls. */
static enum sdk_ffa_conduit sdk_ffa_conduit_sel = SDK_FFA_CONDUIT_SMC;

void sdk_ffa_set_conduit(enum sdk_ffa_conduit conduit)
{
	sdk_ffa_conduit_sel = conduit;
}

enum sdk_ffa_conduit sdk_ffa_get_conduit(void)
{
	return sdk_ffa_conduit_sel;
}

void sdk_ffa_call(struct sdk_smccc_regs *regs)
{
	if (sdk_ffa_conduit_sel == SDK_FFA_CONDUIT_HVC)
		sdk_hvc12(regs);
	else
		sdk_smc12(regs);
}

/* A block with x0 = fid and every other register zero. */
static struct sdk_smccc_regs ffa_regs(uint32_t fid)
{
	struct sdk_smccc_regs r;

	memset(&r, 0, sizeof(r));
	r.x[0] = fid;
	return r;
}

/* Issues the call in r and returns the answer. */
static struct sdk_smccc_regs ffa_issue(struct sdk_smccc_regs r)
{
	sdk_ffa_call(&r);
	return r;
}

/* The Nil UUID, passed in the registers of a call given no UUID. */
static const uint8_t ffa_nil_uuid[FFA_UUID_SIZE];

/* Little-endian load of n (at most 8) bytes: byte 0 lowest, as SMCCC registers carry UUIDs. */
static uint64_t ffa_load_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

struct sdk_smccc_regs sdk_ffa_version(uint32_t requested)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_VERSION);

	r.x[1] = requested;
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_features(uint32_t id, uint32_t input_props)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_FEATURES);

	r.x[1] = id;
	r.x[2] = input_props;
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_id_get(void)
{
	return ffa_issue(ffa_regs(FFA_ID_GET));
}

struct sdk_smccc_regs sdk_ffa_spm_id_get(void)
{
	return ffa_issue(ffa_regs(FFA_SPM_ID_GET));
}

struct sdk_smccc_regs sdk_ffa_rxtx_map_64(uint64_t tx, uint64_t rx, uint32_t page_count)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_RXTX_MAP_64);

	r.x[1] = tx;
	r.x[2] = rx;
	r.x[3] = page_count;
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_rxtx_map_32(uint32_t tx, uint32_t rx, uint32_t page_count)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_RXTX_MAP_32);

	r.x[1] = tx;
	r.x[2] = rx;
	r.x[3] = page_count;
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_rxtx_unmap(uint16_t id)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_RXTX_UNMAP);

	r.x[1] = (uint64_t)id << 16;
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_rx_release(void)
{
	return ffa_issue(ffa_regs(FFA_RX_RELEASE));
}

struct sdk_smccc_regs sdk_ffa_partition_info_get(const uint8_t *uuid, uint32_t flags)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_PARTITION_INFO_GET);

	/* w1-w4: bytes 0-3, 4-7, 8-11, 12-15, each little-endian. */
	if (uuid != NULL) {
		uint32_t w[4];

		ffa_uuid_to_regs32(uuid, w);
		for (unsigned i = 0; i < 4; i++)
			r.x[1 + i] = w[i];
	}
	r.x[5] = flags;
	return ffa_issue(r);
}

bool sdk_ffa_partition_info_get_text(const char *uuid, uint32_t flags, struct sdk_smccc_regs *out)
{
	uint8_t bytes[FFA_UUID_SIZE];

	if (uuid == NULL || uuid[0] == '\0') {
		*out = sdk_ffa_partition_info_get(NULL, flags);
		return true;
	}
	if (ffa_uuid_parse(uuid, bytes) != FFA_UUID_OK)
		return false;
	*out = sdk_ffa_partition_info_get(bytes, flags);
	return true;
}

struct sdk_smccc_regs sdk_ffa_partition_info_get_regs(const uint8_t *uuid, uint16_t start,
						      uint16_t tag)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_PARTITION_INFO_GET_REGS_64);

	ffa_uuid_to_regs64(uuid != NULL ? uuid : ffa_nil_uuid, &r.x[1], &r.x[2]);
	r.x[3] = (uint64_t)start | ((uint64_t)tag << 16);
	return ffa_issue(r);
}

static struct sdk_smccc_regs ffa_direct(uint32_t fid, uint16_t source, uint16_t dest,
					const uint64_t *payload64, const uint32_t *payload32)
{
	struct sdk_smccc_regs r = ffa_regs(fid);

	r.x[1] = ((uint64_t)source << 16) | dest;
	for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++) {
		if (payload64 != NULL)
			r.x[3 + i] = payload64[i];
		else if (payload32 != NULL)
			r.x[3 + i] = payload32[i];
	}
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_direct_req_32(uint16_t source, uint16_t dest,
					    const uint32_t payload[SDK_FFA_DIRECT_PAYLOAD])
{
	return ffa_direct(FFA_MSG_SEND_DIRECT_REQ_32, source, dest, NULL, payload);
}

struct sdk_smccc_regs sdk_ffa_direct_req_64(uint16_t source, uint16_t dest,
					    const uint64_t payload[SDK_FFA_DIRECT_PAYLOAD])
{
	return ffa_direct(FFA_MSG_SEND_DIRECT_REQ_64, source, dest, payload, NULL);
}

struct sdk_smccc_regs sdk_ffa_direct_resp_32(uint16_t source, uint16_t dest,
					     const uint32_t payload[SDK_FFA_DIRECT_PAYLOAD])
{
	return ffa_direct(FFA_MSG_SEND_DIRECT_RESP_32, source, dest, NULL, payload);
}

struct sdk_smccc_regs sdk_ffa_direct_resp_64(uint16_t source, uint16_t dest,
					     const uint64_t payload[SDK_FFA_DIRECT_PAYLOAD])
{
	return ffa_direct(FFA_MSG_SEND_DIRECT_RESP_64, source, dest, payload, NULL);
}

static struct sdk_smccc_regs ffa_direct2(uint32_t fid, uint16_t source, uint16_t dest,
					 const uint8_t *uuid, const uint64_t *payload)
{
	struct sdk_smccc_regs r = ffa_regs(fid);

	r.x[1] = ((uint64_t)source << 16) | dest;
	ffa_uuid_to_regs64(uuid != NULL ? uuid : ffa_nil_uuid, &r.x[2], &r.x[3]);
	for (unsigned i = 0; payload != NULL && i < SDK_FFA_DIRECT2_PAYLOAD; i++)
		r.x[4 + i] = payload[i];
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_direct_req2(uint16_t source, uint16_t dest, const uint8_t *uuid,
					  const uint64_t payload[SDK_FFA_DIRECT2_PAYLOAD])
{
	return ffa_direct2(FFA_MSG_SEND_DIRECT_REQ2_64, source, dest, uuid, payload);
}

struct sdk_smccc_regs sdk_ffa_direct_resp2(uint16_t source, uint16_t dest,
					   const uint64_t payload[SDK_FFA_DIRECT2_PAYLOAD])
{
	/* RESP2 carries no UUID: x2/x3 stay zero. */
	return ffa_direct2(FFA_MSG_SEND_DIRECT_RESP2_64, source, dest, NULL, payload);
}

struct sdk_smccc_regs sdk_ffa_run(uint16_t endpoint, uint16_t vcpu)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_RUN_32);

	r.x[1] = ((uint64_t)endpoint << 16) | vcpu;
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_msg_wait(uint32_t flags)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_MSG_WAIT_32);

	r.x[2] = flags;
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_yield(uint64_t timeout_ns)
{
	struct sdk_smccc_regs r = ffa_regs(FFA_YIELD_32);

	r.x[2] = (uint32_t)timeout_ns;
	r.x[3] = (uint32_t)(timeout_ns >> 32);
	return ffa_issue(r);
}

/* Packs len characters, reg_bytes per register from x2 on, byte 0 lowest in each register. */
static struct sdk_smccc_regs ffa_console_log(uint32_t fid, const char *s, size_t len,
					     unsigned reg_bytes, size_t max)
{
	struct sdk_smccc_regs r = ffa_regs(fid);
	size_t n = len < max ? len : max;

	r.x[1] = len; /* w1[7:0]; a longer count is sent whole, for the callee to refuse */
	for (size_t i = 0; i < n; i++)
		r.x[2 + i / reg_bytes] |= (uint64_t)(uint8_t)s[i] << (8 * (i % reg_bytes));
	return ffa_issue(r);
}

struct sdk_smccc_regs sdk_ffa_console_log_32(const char *s, size_t len)
{
	return ffa_console_log(FFA_CONSOLE_LOG_32, s, len, 4, SDK_FFA_CONSOLE_LOG_MAX_32);
}

struct sdk_smccc_regs sdk_ffa_console_log_64(const char *s, size_t len)
{
	return ffa_console_log(FFA_CONSOLE_LOG_64, s, len, 8, SDK_FFA_CONSOLE_LOG_MAX_64);
}

struct sdk_smccc_regs sdk_ffa_console_puts(const char *s)
{
	size_t left = strlen(s);
	struct sdk_smccc_regs r = ffa_regs(0);

	while (left > 0) {
		size_t n = left < SDK_FFA_CONSOLE_LOG_MAX_64 ? left : SDK_FFA_CONSOLE_LOG_MAX_64;

		r = sdk_ffa_console_log_64(s, n);
		if (sdk_ffa_is_error(&r, NULL))
			break;
		s += n;
		left -= n;
	}
	return r;
}

bool sdk_ffa_is_error(const struct sdk_smccc_regs *r, int32_t *code)
{
	uint32_t w0 = (uint32_t)r->x[0];
	int32_t c;

	if (w0 == FFA_ERROR_32)
		c = (int32_t)(uint32_t)r->x[2];
	else if (w0 == 0xffffffffu)
		c = FFA_NOT_SUPPORTED;
	else
		return false;
	if (code != NULL)
		*code = c;
	return true;
}

bool sdk_ffa_is_success(const struct sdk_smccc_regs *r)
{
	uint32_t w0 = (uint32_t)r->x[0];

	return w0 == FFA_SUCCESS_32 || w0 == FFA_SUCCESS_64;
}

const char *sdk_ffa_error_name(int32_t code)
{
	/* Indexed by -code - 1: the list runs from -1 down without gaps. */
	static const char *const names[] = {
#define SDK_FFA_ERROR_NAME(name, value) [-(value)-1] = #name,
		FFA_ERROR_LIST(SDK_FFA_ERROR_NAME)
#undef SDK_FFA_ERROR_NAME
	};

	if (code <= -1 && (size_t)-code <= sizeof(names) / sizeof(names[0]))
		return names[-code - 1];
	return "UNKNOWN";
}

const char *sdk_ffa_func_name(uint32_t fid)
{
	static const struct {
		uint32_t fid;
		const char *name;
	} funcs[] = {
#define SDK_FFA_FUNC_NAME(n) {FFA_##n, "FFA_" #n},
		FFA_FUNC_LIST(SDK_FFA_FUNC_NAME)
#undef SDK_FFA_FUNC_NAME
	};

	for (size_t i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++) {
		if (funcs[i].fid == fid)
			return funcs[i].name;
	}
	return NULL;
}

const char *sdk_ffa_result_text(const struct sdk_smccc_regs *r, char *buf, size_t size)
{
	const char *name = sdk_ffa_func_name((uint32_t)r->x[0]);
	int32_t code;

	if (sdk_ffa_is_error(r, &code))
		sdk_snprintf(buf, size, "ERROR %s", sdk_ffa_error_name(code));
	else if (name != NULL)
		sdk_snprintf(buf, size, "%s", name);
	else
		sdk_snprintf(buf, size, "0x%x", (unsigned)(uint32_t)r->x[0]);
	return buf;
}

bool sdk_ffa_partition_info_read(const void *rx, size_t rx_size, uint32_t desc_size, unsigned index,
				 struct sdk_ffa_partition_info *out)
{
	/* A v1.0 answer leaves w3 reserved (zero): its descriptors are 8 bytes. */
	size_t size = desc_size == 0 ? SDK_FFA_PARTINFO_SIZE_1_0 : desc_size;
	const uint8_t *d = (const uint8_t *)rx + (size_t)index * size;

	if (size < SDK_FFA_PARTINFO_SIZE_1_0 || (size_t)index * size + size > rx_size)
		return false;
	memset(out, 0, sizeof(*out));
	out->id = (uint16_t)ffa_load_le(d, 2);
	out->exec_ctx_count = (uint16_t)ffa_load_le(d + 2, 2);
	out->props = (uint32_t)ffa_load_le(d + 4, 4);
	if (size >= SDK_FFA_PARTINFO_SIZE_1_1)
		memcpy(out->uuid, d + 8, FFA_UUID_SIZE);
	if (size >= SDK_FFA_PARTINFO_SIZE_1_3) {
		memcpy(out->image_uuid, d + 24, FFA_UUID_SIZE);
		out->ffa_version = (uint32_t)ffa_load_le(d + 40, 4);
	}
	return true;
}

unsigned sdk_ffa_partition_info_regs_count(const struct sdk_smccc_regs *r, uint16_t start)
{
	uint16_t current = (uint16_t)(r->x[2] >> 16);

	return current >= start ? (unsigned)(current - start) + 1 : 0;
}

bool sdk_ffa_partition_info_regs_read(const struct sdk_smccc_regs *r, unsigned slot,
				      struct sdk_ffa_partition_info *out)
{
	/* x2 bits 63:48: the descriptor size; the v1.3 form takes six registers a partition. */
	bool v1_3 = (r->x[2] >> 48) >= SDK_FFA_PARTINFO_SIZE_1_3;
	unsigned per = v1_3 ? 6u : 3u;
	const uint64_t *x = &r->x[3 + per * slot];

	if (3 + per * (slot + 1) > 18)
		return false;
	memset(out, 0, sizeof(*out));
	out->id = (uint16_t)x[0];
	out->exec_ctx_count = (uint16_t)(x[0] >> 16);
	out->props = (uint32_t)(x[0] >> 32);
	ffa_uuid_from_regs64(x[1], x[2], out->uuid);
	if (v1_3) {
		ffa_uuid_from_regs64(x[3], x[4], out->image_uuid);
		out->ffa_version = (uint32_t)x[5] & 0x7fffffffu;
	}
	return true;
}
