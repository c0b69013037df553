/* SPDX-License-Identifier: BSD-3-Clause */
/* The notification calls in words (include/abi/notiftext.h). */
#include "abi/notiftext.h"

#include "abi/ffa.h"
#include "abi/memtext.h"
#include "abi/notif.h"

/* A bitmap as its notification IDs: "{3,5,40}". */
static void notif_bits_text(char *out, size_t size, size_t *len, uint64_t bits)
{
	bool first = true;

	ffa_text_append(out, size, len, "{");
	for (unsigned i = 0; i < 64; i++) {
		if ((bits & (UINT64_C(1) << i)) == 0)
			continue;
		ffa_text_append(out, size, len, first ? "%u" : ",%u", i);
		first = false;
	}
	ffa_text_append(out, size, len, "}");
}

/* A 64-bit bitmap from two w registers, low word first. */
static uint64_t notif_pair(const struct ffa_value *v, unsigned r)
{
	return (uint32_t)v->x[r] | (uint64_t)(uint32_t)v->x[r + 1] << 32;
}

const char *ffa_notif_describe(const struct ffa_value *call, const struct ffa_value *answer,
			       char *out, size_t size)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)call->x[0]);
	uint32_t w0 = answer != NULL ? (uint32_t)answer->x[0] : 0;
	size_t len = 0;

	if (size == 0)
		return out;
	out[0] = '\0';
	switch (fid) {
	case FFA_NOTIFICATION_BIND:
	case FFA_NOTIFICATION_UNBIND:
	case FFA_NOTIFICATION_SET:
		ffa_text_append(out, size, &len, "sender 0x%04x receiver 0x%04x notifications ",
				ffa_msg_source(call->x[1]), ffa_msg_destination(call->x[1]));
		notif_bits_text(out, size, &len, notif_pair(call, 3));
		break;
	case FFA_NOTIFICATION_GET:
		if (w0 != FFA_SUCCESS_32)
			break;
		ffa_text_append(out, size, &len, "sp ");
		notif_bits_text(out, size, &len, notif_pair(answer, 2));
		ffa_text_append(out, size, &len, " vm ");
		notif_bits_text(out, size, &len, notif_pair(answer, 4));
		ffa_text_append(out, size, &len, " framework ");
		notif_bits_text(out, size, &len, notif_pair(answer, 6));
		break;
	case FFA_NOTIFICATION_INFO_GET_32:
	case FFA_NOTIFICATION_INFO_GET_64: {
		unsigned per_reg = w0 == FFA_SUCCESS_64 ? 4u : 2u;
		unsigned lists;
		unsigned id = 0;

		if (w0 != FFA_SUCCESS_32 && w0 != FFA_SUCCESS_64)
			break;
		lists = ((uint32_t)answer->x[2] >> FFA_NOTIF_INFO_LISTS_SHIFT) &
			FFA_NOTIF_INFO_LISTS_MASK;
		ffa_text_append(out, size, &len, "receivers");
		for (unsigned l = 0; l < lists; l++) {
			unsigned vcpus =
				((uint32_t)answer->x[2] >> FFA_NOTIF_INFO_LIST_SIZE_SHIFT(l)) &
				FFA_NOTIF_INFO_LIST_SIZE_MASK;

			for (unsigned k = 0; k <= vcpus && id < 5 * per_reg; k++, id++) {
				uint16_t v = (uint16_t)(answer->x[3 + id / per_reg] >>
							(16 * (id % per_reg)));

				ffa_text_append(out, size, &len, k == 0 ? " 0x%04x" : "/vcpu %u",
						v);
			}
		}
		if ((uint32_t)answer->x[2] & FFA_NOTIF_INFO_MORE_PENDING)
			ffa_text_append(out, size, &len, " (more pending)");
		break;
	}
	default:
		break;
	}
	return out;
}
