/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/table.h"

#include <string.h>
#include <strings.h>

#include "abi/ffa.h"

/*
 * Every FF-A function, one row per calling-convention form (FF-A v1.2 (DEN0077A) §13,
 * Table 13.1), indexed by enum ffa_func_idx (include/abi/table.h describes the columns). The
 * v1.3 rows (FF-A v1.3 (DEN0077A) §14): the 64-bit forms of FFA_ERROR, FFA_INTERRUPT, FFA_MSG_WAIT,
 * FFA_YIELD and FFA_RUN, FFA_NS_RES_INFO_GET and FFA_ABORT. None is modelled: Hafnium v2.15, the
 * one v1.3 SPMC, implements none of the 64-bit forms (FFA_FEATURES and the calls answer
 * NOT_SUPPORTED), and FFA_NS_RES_INFO_GET (normal world) and FFA_ABORT (partitions) need state the
 * simulator does not have (docs/ffa-support.md).
 *
 * One row: the ID and name from one token (FFA_ROW(VERSION, ...) is FFA_VERSION and
 * "FFA_VERSION"), placed at its index; every call but FFA_VERSION ends the caller's
 * version-negotiation phase (FF-A v1.2 (DEN0077A) §13.2.1). The other columns are designated.
 */
#define FFA_ROW(n, ver, a, r, ...)                                                                 \
	[FFA_IDX_##n] = {.fid = FFA_##n,                                                           \
			 .name = "FFA_" #n,                                                        \
			 .idx = FFA_IDX_##n,                                                       \
			 .since = (ver),                                                           \
			 .args = (a),                                                              \
			 .results = (r),                                                           \
			 .ends_negotiation = FFA_##n != FFA_VERSION,                               \
			 __VA_ARGS__}

/* The FFA_SUCCESS of a memory send: the handle in w2/w3, w1 MBZ (FF-A v1.2 (DEN0077A) §11.1.2). */
#define FFA_MEM_HANDLE_RESULT (FFA_REGS(0, 0) | FFA_REGS(2, 3))

static const struct ffa_func ffa_funcs[FFA_FUNC_COUNT] = {
	FFA_ROW(ERROR_32, FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 0), .answer_only = true,
		.answers_call = true, .error_names_target = true),
	FFA_ROW(ERROR_64, FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 0), .not_modelled = true,
		.answer_only = true, .answers_call = true, .error_names_target = true),
	FFA_ROW(SUCCESS_32, FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 0), .answer_only = true,
		.answers_call = true, .error_names_target = true),
	FFA_ROW(SUCCESS_64, FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 0), .answer_only = true,
		.answers_call = true, .error_names_target = true),
	FFA_ROW(INTERRUPT_32, FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 0), .answer_only = true,
		.answers_call = true, .error_names_target = true),
	FFA_ROW(INTERRUPT_64, FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 0), .not_modelled = true,
		.answer_only = true, .answers_call = true, .error_names_target = true),
	FFA_ROW(VERSION, FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 0), .fields = {.version = 1}),
	FFA_ROW(FEATURES, FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 3),
		.fields = {.feature = 1}),
	FFA_ROW(RX_RELEASE, FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 0)),
	FFA_ROW(RXTX_MAP_32, FFA_VERSION_1_0, FFA_REGS(0, 3), FFA_REGS(0, 0),
		.fields = {.rxtx = 1}),
	FFA_ROW(RXTX_MAP_64, FFA_VERSION_1_0, FFA_REGS(0, 3), FFA_REGS(0, 0),
		.fields = {.rxtx = 1}),
	FFA_ROW(RXTX_UNMAP, FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 0)),
	FFA_ROW(PARTITION_INFO_GET, FFA_VERSION_1_0, FFA_REGS(0, 5), FFA_REGS(0, 3),
		.fields = {.uuid = 1, .uuid_words = 4, .flags = 5}),
	FFA_ROW(ID_GET, FFA_VERSION_1_0, FFA_REGS(0, 0), FFA_REGS(0, 2)),
	FFA_ROW(MSG_POLL, FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 7), .not_modelled = true,
		.deprecated = true),
	FFA_ROW(MSG_WAIT_32, FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 7), .answers_call = true,
		.error_names_target = true),
	FFA_ROW(MSG_WAIT_64, FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 7), .not_modelled = true,
		.answers_call = true, .error_names_target = true),
	FFA_ROW(YIELD_32, FFA_VERSION_1_0, FFA_REGS(0, 3), FFA_REGS(0, 7), .answers_call = true,
		.error_names_target = true),
	FFA_ROW(YIELD_64, FFA_VERSION_1_3, FFA_REGS(0, 3), FFA_REGS(0, 7), .not_modelled = true,
		.answers_call = true, .error_names_target = true),
	FFA_ROW(RUN_32, FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 7), .answers_call = true,
		.error_names_target = true),
	FFA_ROW(RUN_64, FFA_VERSION_1_3, FFA_REGS(0, 1), FFA_REGS(0, 7), .not_modelled = true,
		.answers_call = true, .error_names_target = true),
	FFA_ROW(MSG_SEND, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 0), .not_modelled = true,
		.deprecated = true, .answers_call = true),
	FFA_ROW(MSG_SEND_DIRECT_REQ_32, FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 7),
		.answers_call = true, .error_names_target = true,
		.fields = {.destination = true, .payload = 3, .payload_max = 5}),
	FFA_ROW(MSG_SEND_DIRECT_REQ_64, FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 7),
		.answers_call = true, .error_names_target = true,
		.fields = {.destination = true, .payload = 3, .payload_max = 5}),
	FFA_ROW(MSG_SEND_DIRECT_RESP_32, FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 7),
		.answers_call = true, .error_names_target = true,
		.fields = {.destination = true, .payload = 3, .payload_max = 5}),
	FFA_ROW(MSG_SEND_DIRECT_RESP_64, FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 7),
		.answers_call = true, .error_names_target = true,
		.fields = {.destination = true, .payload = 3, .payload_max = 5}),
	/* Memory management (FF-A v1.2 (DEN0077A) §11): a send answers FFA_SUCCESS with the handle
	 * in w2/w3 (w1 MBZ), or FFA_MEM_FRAG_RX asking for the next fragment; a retrieve answers
	 * FFA_MEM_RETRIEVE_RESP (w1 total length, w2 fragment length); FFA_MEM_FRAG_RX answers
	 * FFA_MEM_FRAG_TX and the other way round (w1/w2 handle, w3 length or offset, w4 bits
	 * 31:16 a hypervisor's endpoint ID). */
	FFA_ROW(MEM_DONATE_32, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_MEM_HANDLE_RESULT,
		.fields = {.length = 1, .frag_length = 2, .buffer = 3}),
	FFA_ROW(MEM_DONATE_64, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_MEM_HANDLE_RESULT,
		.fields = {.length = 1, .frag_length = 2, .buffer = 3}),
	FFA_ROW(MEM_LEND_32, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_MEM_HANDLE_RESULT,
		.fields = {.length = 1, .frag_length = 2, .buffer = 3}),
	FFA_ROW(MEM_LEND_64, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_MEM_HANDLE_RESULT,
		.fields = {.length = 1, .frag_length = 2, .buffer = 3}),
	FFA_ROW(MEM_SHARE_32, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_MEM_HANDLE_RESULT,
		.fields = {.length = 1, .frag_length = 2, .buffer = 3}),
	FFA_ROW(MEM_SHARE_64, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_MEM_HANDLE_RESULT,
		.fields = {.length = 1, .frag_length = 2, .buffer = 3}),
	FFA_ROW(MEM_RETRIEVE_REQ_32, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 0),
		.fields = {.length = 1, .frag_length = 2, .buffer = 3}),
	FFA_ROW(MEM_RETRIEVE_REQ_64, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 0),
		.fields = {.length = 1, .frag_length = 2, .buffer = 3}),
	FFA_ROW(MEM_RETRIEVE_RESP, FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 0),
		.not_modelled = true, .answers_call = true),
	FFA_ROW(MEM_RELINQUISH, FFA_VERSION_1_0, FFA_REGS(0, 0), FFA_REGS(0, 0)),
	FFA_ROW(MEM_RECLAIM, FFA_VERSION_1_0, FFA_REGS(0, 3), FFA_REGS(0, 0),
		.fields = {.handle = 1, .flags = 3}),
	FFA_ROW(MEM_OP_PAUSE, FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 0),
		.not_modelled = true),
	FFA_ROW(MEM_OP_RESUME, FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 0),
		.not_modelled = true),
	FFA_ROW(MEM_FRAG_RX, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 0), .answers_call = true,
		.fields = {.handle = 1, .frag_offset = 3}),
	FFA_ROW(MEM_FRAG_TX, FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_MEM_HANDLE_RESULT,
		.answers_call = true, .fields = {.handle = 1, .frag_length = 3}),
	FFA_ROW(NORMAL_WORLD_RESUME, FFA_VERSION_1_0, FFA_REGS(0, 0), FFA_REGS(0, 0),
		.not_modelled = true, .error_names_target = true),
	FFA_ROW(NOTIFICATION_BITMAP_CREATE, FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 0)),
	FFA_ROW(NOTIFICATION_BITMAP_DESTROY, FFA_VERSION_1_1, FFA_REGS(0, 1), FFA_REGS(0, 0)),
	FFA_ROW(NOTIFICATION_BIND, FFA_VERSION_1_1, FFA_REGS(0, 4), FFA_REGS(0, 0),
		.fields = {.flags = 2, .notif_ends = true, .notif_bitmap = 3}),
	FFA_ROW(NOTIFICATION_UNBIND, FFA_VERSION_1_1, FFA_REGS(0, 4), FFA_REGS(0, 0),
		.fields = {.notif_ends = true, .notif_bitmap = 3}),
	FFA_ROW(NOTIFICATION_SET, FFA_VERSION_1_1, FFA_REGS(0, 4), FFA_REGS(0, 0),
		.fields = {.flags = 2, .notif_ends = true, .notif_bitmap = 3}),
	FFA_ROW(NOTIFICATION_GET, FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 7),
		.fields = {.flags = 2, .notif_ends = true}),
	FFA_ROW(NOTIFICATION_INFO_GET_32, FFA_VERSION_1_1, FFA_REGS(0, 0), FFA_REGS(0, 7)),
	FFA_ROW(NOTIFICATION_INFO_GET_64, FFA_VERSION_1_1, FFA_REGS(0, 0), FFA_REGS(0, 7)),
	FFA_ROW(RX_ACQUIRE, FFA_VERSION_1_1, FFA_REGS(0, 1), FFA_REGS(0, 0)),
	FFA_ROW(SPM_ID_GET, FFA_VERSION_1_1, FFA_REGS(0, 0), FFA_REGS(0, 2)),
	FFA_ROW(MSG_SEND2, FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 0), .fields = {.flags = 2}),
	FFA_ROW(SECONDARY_EP_REGISTER_32, FFA_VERSION_1_1, FFA_REGS(0, 1), FFA_REGS(0, 0),
		.not_modelled = true),
	FFA_ROW(SECONDARY_EP_REGISTER_64, FFA_VERSION_1_1, FFA_REGS(0, 1), FFA_REGS(0, 0)),
	FFA_ROW(MEM_PERM_GET_32, FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 3)),
	FFA_ROW(MEM_PERM_GET_64, FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 3)),
	FFA_ROW(MEM_PERM_SET_32, FFA_VERSION_1_1, FFA_REGS(0, 3), FFA_REGS(0, 0)),
	FFA_ROW(MEM_PERM_SET_64, FFA_VERSION_1_1, FFA_REGS(0, 3), FFA_REGS(0, 0)),
	FFA_ROW(CONSOLE_LOG_32, FFA_VERSION_1_2, FFA_REGS(0, 7), FFA_REGS(0, 0)),
	FFA_ROW(CONSOLE_LOG_64, FFA_VERSION_1_2, FFA_REGS(0, 17), FFA_REGS(0, 0)),
	FFA_ROW(PARTITION_INFO_GET_REGS_64, FFA_VERSION_1_2, FFA_REGS(0, 3), FFA_REGS(0, 17),
		.fields = {.uuid = 1, .uuid_words = 2}),
	FFA_ROW(EL3_INTR_HANDLE, FFA_VERSION_1_2, FFA_REGS(0, 0), FFA_REGS(0, 0),
		.not_modelled = true),
	FFA_ROW(MSG_SEND_DIRECT_REQ2_64, FFA_VERSION_1_2, FFA_REGS(0, 17), FFA_REGS(0, 17),
		.answers_call = true, .error_names_target = true,
		.fields = {.uuid = 2,
			   .uuid_words = 2,
			   .destination = true,
			   .payload = 4,
			   .payload_max = 14}),
	FFA_ROW(MSG_SEND_DIRECT_RESP2_64, FFA_VERSION_1_2, FFA_REGS(0, 17), FFA_REGS(0, 17),
		.answers_call = true, .error_names_target = true,
		.fields = {.uuid = 2,
			   .uuid_words = 2,
			   .destination = true,
			   .payload = 4,
			   .payload_max = 14}),
	FFA_ROW(NS_RES_INFO_GET_64, FFA_VERSION_1_3, FFA_REGS(0, 3), FFA_REGS(0, 3),
		.not_modelled = true),
	FFA_ROW(ABORT_32, FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 0), .not_modelled = true),
	FFA_ROW(ABORT_64, FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 0), .not_modelled = true),
};

/* Row index + 1 of each function number (0x60-0xff) and form (SMC32, SMC64); 0: no row. */
static const uint8_t ffa_func_slots[FFA_FNUM_MAX - FFA_FNUM_MIN + 1][2] = {
#define FFA_SLOT(n)                                                                                \
	[FFA_FNUM(FFA_##n) - FFA_FNUM_MIN][(FFA_##n & FFA_FID_SMC64_BIT) != 0] = FFA_IDX_##n + 1,
	FFA_FUNC_LIST(FFA_SLOT)
#undef FFA_SLOT
};

size_t ffa_func_count(void)
{
	return sizeof(ffa_funcs) / sizeof(ffa_funcs[0]);
}

const struct ffa_func *ffa_func_at(size_t i)
{
	return i < ffa_func_count() ? &ffa_funcs[i] : NULL;
}

const struct ffa_func *ffa_func_find(uint32_t fid)
{
	uint32_t id = ffa_fid_strip_hint(fid);
	uint32_t num = FFA_FNUM(id);
	unsigned slot;

	/* Fast calls of the standard secure service (owner 4), numbers 0x60-0xff, bits 29:8 clear.
	 */
	if ((id & ~(FFA_FID_SMC64_BIT | 0xffu)) != FFA_FID_SMC32(0) || num < FFA_FNUM_MIN)
		return NULL;
	slot = ffa_func_slots[num - FFA_FNUM_MIN][ffa_fid_is_smc64(id)];
	return slot != 0 ? &ffa_funcs[slot - 1] : NULL;
}

const struct ffa_func *ffa_func_find_any_form(uint32_t fid)
{
	const struct ffa_func *f = ffa_func_find(fid);

	return f != NULL ? f : ffa_func_find(fid ^ FFA_FID_SMC64_BIT);
}

const struct ffa_func *ffa_func_of(enum ffa_func_idx idx)
{
	return (unsigned)idx < FFA_FUNC_COUNT ? &ffa_funcs[idx] : NULL;
}

/* Exact name first; then the name with _32, then with _64 (FFA_RXTX_MAP means the 32-bit form). */
const struct ffa_func *ffa_func_by_name(const char *name)
{
	static const char *const suffixes[] = {"", "_32", "_64"};
	size_t len = strlen(name);

	for (size_t s = 0; s < sizeof(suffixes) / sizeof(suffixes[0]); s++) {
		for (size_t i = 0; i < ffa_func_count(); i++) {
			const char *row = ffa_funcs[i].name;

			if (strncasecmp(row, name, len) == 0 &&
			    strcasecmp(row + len, suffixes[s]) == 0)
				return &ffa_funcs[i];
		}
	}
	return NULL;
}
