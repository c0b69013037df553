/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/memtext.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "abi/memdesc.h"

bool ffa_fid_is_mem(uint32_t fid)
{
	const char *name = ffa_fid_name(fid);

	return name != NULL && strncmp(name, "FFA_MEM_", 8) == 0;
}

bool ffa_mem_call_handle(const struct ffa_value *call, const struct ffa_value *answer,
			 uint64_t *handle)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)call->x[0]);
	uint32_t w0 = answer != NULL ? (uint32_t)answer->x[0] : 0;

	/* The calls that name a handle in w1/w2 (§10.2.1, §10.3.2, §10.3.3). */
	if (fid == FFA_MEM_RECLAIM || fid == FFA_MEM_FRAG_RX || fid == FFA_MEM_FRAG_TX) {
		*handle = ffa_mem_handle((uint32_t)call->x[1], (uint32_t)call->x[2]);
		return true;
	}
	if (answer == NULL || !ffa_fid_is_mem(fid))
		return false;
	if ((w0 == FFA_SUCCESS_32 || w0 == FFA_SUCCESS_64) &&
	    (fid == FFA_MEM_SHARE_32 || fid == FFA_MEM_SHARE_64 || fid == FFA_MEM_LEND_32 ||
	     fid == FFA_MEM_LEND_64 || fid == FFA_MEM_DONATE_32 || fid == FFA_MEM_DONATE_64)) {
		*handle = ffa_mem_handle((uint32_t)answer->x[2], (uint32_t)answer->x[3]);
		return true;
	}
	if (w0 == FFA_MEM_FRAG_RX || w0 == FFA_MEM_FRAG_TX) {
		*handle = ffa_mem_handle((uint32_t)answer->x[1], (uint32_t)answer->x[2]);
		return true;
	}
	return false;
}

/* "normal/wb/inner", "device/ngnre", "unspecified" (§10.10.4, Table 10.18). */
static void ffa_attr_text(uint16_t attr, char *out, size_t size)
{
	static const char *const caches[] = {"?", "nc", "?", "wb"};
	static const char *const shares[] = {"non", "?", "outer", "inner"};
	static const char *const devices[] = {"ngnrne", "ngnre", "ngre", "gre"};
	unsigned type = (attr & FFA_MEM_ATTR_TYPE_MASK) >> FFA_MEM_ATTR_TYPE_SHIFT;

	if (type == FFA_MEM_ATTR_TYPE_NORMAL >> FFA_MEM_ATTR_TYPE_SHIFT)
		snprintf(out, size, "normal/%s/%s%s", caches[(attr & FFA_MEM_ATTR_CACHE_MASK) >> 2],
			 shares[attr & FFA_MEM_ATTR_SHARE_MASK],
			 attr & FFA_MEM_ATTR_NS ? "/ns" : "");
	else if (type == FFA_MEM_ATTR_TYPE_DEVICE >> FFA_MEM_ATTR_TYPE_SHIFT)
		snprintf(out, size, "device/%s%s", devices[(attr & FFA_MEM_ATTR_DEVICE_MASK) >> 2],
			 attr & FFA_MEM_ATTR_NS ? "/ns" : "");
	else
		snprintf(out, size, "%s0x%x", type == 0 ? "unspecified/" : "reserved/", attr);
}

/* "rw nx", "ro", "-" (§10.10.1, Table 10.15). */
static const char *ffa_perm_text(uint8_t perms, char *out, size_t size)
{
	static const char *const data[] = {"-", "ro", "rw", "?"};
	static const char *const insn[] = {"", " nx", " x", " ?"};

	snprintf(out, size, "%s%s", data[perms & FFA_MEM_DATA_MASK],
		 insn[(perms & FFA_MEM_INSN_MASK) >> 2]);
	return out;
}

void ffa_text_append(char *out, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(out + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

const char *ffa_memdesc_describe(const void *buf, uint32_t len, uint32_t version, char *out,
				 size_t size)
{
	struct ffa_memdesc_fault fault = {"", ""};
	struct ffa_mem_txn txn;
	char attr[32], perm[8];
	size_t n = 0;

	out[0] = '\0';
	if (ffa_memdesc_parse(buf, len, version, &txn, &fault) != FFA_OK) {
		ffa_text_append(out, size, &n, "bad descriptor: %s %s", fault.field, fault.why);
		return out;
	}
	ffa_attr_text(txn.attributes, attr, sizeof(attr));
	ffa_text_append(out, size, &n,
			"sender 0x%04x attributes %s flags 0x%x tag 0x%" PRIx64 " handle 0x%" PRIx64
			"; receivers",
			txn.sender, attr, txn.flags, txn.tag, txn.handle);
	for (uint32_t i = 0; i < txn.receiver_count; i++)
		ffa_text_append(out, size, &n, " 0x%04x %s%s", txn.receivers[i].id,
				ffa_perm_text(txn.receivers[i].perms, perm, sizeof(perm)),
				i + 1 < txn.receiver_count ? "," : "");
	if (!txn.has_composite)
		return out;
	ffa_text_append(out, size, &n, "; ranges");
	for (uint32_t i = 0; i < txn.range_count; i++) {
		struct ffa_mem_range r = ffa_memdesc_range(buf, &txn, i);

		ffa_text_append(out, size, &n, " 0x%" PRIx64 "+%" PRIu32 "%s", r.address,
				r.page_count, i + 1 < txn.range_count ? "," : "");
	}
	ffa_text_append(out, size, &n, " (%" PRIu32 " page%s)", txn.total_page_count,
			txn.total_page_count == 1 ? "" : "s");
	return out;
}

const char *ffa_memdesc_describe_relinquish(const void *buf, uint32_t len, char *out, size_t size)
{
	struct ffa_memdesc_fault fault = {"", ""};
	struct ffa_mem_relinquish rel;
	size_t n = 0;

	out[0] = '\0';
	if (ffa_memdesc_parse_relinquish(buf, len, &rel, &fault) != FFA_OK) {
		ffa_text_append(out, size, &n, "bad descriptor: %s %s", fault.field, fault.why);
		return out;
	}
	ffa_text_append(out, size, &n, "handle 0x%" PRIx64 " flags 0x%x endpoints", rel.handle,
			rel.flags);
	for (uint32_t i = 0; i < rel.endpoint_count; i++)
		ffa_text_append(out, size, &n, " 0x%04x", rel.endpoints[i]);
	return out;
}
