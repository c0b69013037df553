/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The notification calls' named fields and expectations in scenario files (docs/scenarios.md,
 * "Notifications"): arguments `sender`, `receiver` and `notifications: [IDs]`, and the answers
 * of FFA_NOTIFICATION_GET (`bitmaps: {sp: [...], vm: [...], framework: [...]}`) and
 * FFA_NOTIFICATION_INFO_GET (`ids: [...]`, `more: BOOL`), turned into register expectations
 * (FF-A v1.2 (DEN0077A) §13.17, §13.19).
 */
#include <string.h>

#include "abi/notif.h"
#include "abi/table.h"
#include "common/yaml_cfg.h"
#include "internal.h"

/* A list of notification IDs (0-63) as a bitmap. */
static bool notif_read_bits(struct scn_parse *p, const struct cfg_node *n, uint64_t *bits)
{
	struct cfg_node item;

	*bits = 0;
	if (!cfg_expect_seq(n, p->err))
		return false;
	for (size_t i = 0; i < cfg_seq_count(n); i++) {
		uint64_t id;

		cfg_seq_item(n, i, &item);
		if (!cfg_read_u64(&item, &id, p->err))
			return false;
		if (id >= 64)
			return cfg_error(&item, p->err, "notification %llu is out of range (0-63)",
					 (unsigned long long)id);
		*bits |= UINT64_C(1) << id;
	}
	return true;
}

bool scn_read_notif_args(struct scn_parse *p, const struct cfg_node *call,
			 const struct ffa_call_fields *f, const char *fname, struct scn_call *c)
{
	static const char *const ends[] = {"sender", "receiver"};
	struct cfg_node n;

	for (unsigned i = 0; i < 2; i++) {
		bool host;
		uint16_t id;

		if (!cfg_map_get(call, ends[i], &n))
			continue;
		if (!f->notif_ends)
			return cfg_error(
				&n, p->err,
				"%s is a field of the notification calls BIND, UNBIND, SET "
				"and GET, not %s",
				ends[i], fname);
		if (!scn_read_endpoint(p, &n, &host, &id))
			return false;
		/* x1: sender (GET: the vCPU) in 31:16, receiver in 15:0. */
		c->args.x[1] = i == 0 ? (c->args.x[1] & 0xffffu) | ((uint64_t)id << 16)
				      : (c->args.x[1] & 0xffff0000u) | id;
	}
	if (cfg_map_get(call, "notifications", &n)) {
		uint64_t bits;

		if (f->notif_bitmap == 0)
			return cfg_error(&n, p->err,
					 "notifications is a field of the notification calls BIND, "
					 "UNBIND and SET, not %s",
					 fname);
		if (!notif_read_bits(p, &n, &bits))
			return false;
		c->args.x[f->notif_bitmap] = (uint32_t)bits;
		c->args.x[f->notif_bitmap + 1] = bits >> 32;
	}
	return true;
}

/* Expects register r to hold `value` in the bits of `mask` (added to what is expected there). */
static void notif_expect_bits(struct scn_call *c, unsigned r, uint64_t value, uint64_t mask)
{
	struct scn_reg_expect *e = &c->expect[r];

	if (!e->set)
		*e = (struct scn_reg_expect){true, false, 0, 0};
	e->value = (e->value & ~mask) | (value & mask);
	e->mask |= mask;
}

/* `bitmaps: {sp: [...], vm: [...], framework: [...]}`: w2/w3, w4/w5, w6/w7 exactly. */
static bool notif_read_bitmaps(struct scn_parse *p, const struct cfg_node *n, struct scn_call *c)
{
	static const char *const keys[] = {"sp", "vm", "framework"};
	struct cfg_node v;

	if (!cfg_expect_map(n, p->err) || !cfg_map_check_keys(n, keys, 3, p->err))
		return false;
	for (unsigned i = 0; i < 3; i++) {
		uint64_t bits;

		if (!cfg_map_get(n, keys[i], &v))
			continue;
		if (!notif_read_bits(p, &v, &bits))
			return false;
		notif_expect_bits(c, 2 + 2 * i, (uint32_t)bits, 0xffffffffu);
		notif_expect_bits(c, 3 + 2 * i, bits >> 32, 0xffffffffu);
	}
	notif_expect_bits(c, 0, FFA_SUCCESS_32, 0xffffffffu);
	return true;
}

/*
 * `ids: [...]`: INFO_GET's list of receivers, each a list of its ID alone: the list count in w2
 * 11:7, list sizes 0, the IDs from x3 up (four to a register in the SMC64 form, two in SMC32).
 */
static bool notif_read_ids(struct scn_parse *p, const struct cfg_node *n, bool smc64,
			   struct scn_call *c)
{
	unsigned per_reg = smc64 ? 4u : 2u;
	unsigned max = smc64 ? FFA_NOTIF_INFO_MAX_IDS_64 : FFA_NOTIF_INFO_MAX_IDS_32;
	uint64_t sizes_mask = 0;
	struct cfg_node item;

	if (!cfg_expect_seq(n, p->err))
		return false;
	if (cfg_seq_count(n) > max)
		return cfg_error(n, p->err,
				 "this form of FFA_NOTIFICATION_INFO_GET lists at most %u IDs",
				 max);
	for (size_t i = 0; i < cfg_seq_count(n); i++) {
		bool host;
		uint16_t id;
		unsigned shift = 16 * ((unsigned)i % per_reg);

		cfg_seq_item(n, i, &item);
		if (!scn_read_endpoint(p, &item, &host, &id))
			return false;
		notif_expect_bits(c, 3 + (unsigned)i / per_reg, (uint64_t)id << shift,
				  UINT64_C(0xffff) << shift);
		sizes_mask |= (uint64_t)FFA_NOTIF_INFO_LIST_SIZE_MASK
			      << FFA_NOTIF_INFO_LIST_SIZE_SHIFT((unsigned)i);
	}
	notif_expect_bits(c, 2, (uint64_t)cfg_seq_count(n) << FFA_NOTIF_INFO_LISTS_SHIFT,
			  ((uint64_t)FFA_NOTIF_INFO_LISTS_MASK << FFA_NOTIF_INFO_LISTS_SHIFT) |
				  sizes_mask);
	notif_expect_bits(c, 0, smc64 ? FFA_SUCCESS_64 : FFA_SUCCESS_32, 0xffffffffu);
	return true;
}

bool scn_is_notif_expect(const char *key)
{
	return strcmp(key, "bitmaps") == 0 || strcmp(key, "ids") == 0 || strcmp(key, "more") == 0;
}

bool scn_read_notif_expect(struct scn_parse *p, const char *key, const struct cfg_node *val,
			   struct scn_call *c)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)c->args.x[0]);
	bool info = fid == FFA_NOTIFICATION_INFO_GET_32 || fid == FFA_NOTIFICATION_INFO_GET_64;

	if (strcmp(key, "bitmaps") == 0) {
		if (fid != FFA_NOTIFICATION_GET)
			return cfg_error(val, p->err,
					 "bitmaps is an expectation of FFA_NOTIFICATION_GET");
		return notif_read_bitmaps(p, val, c);
	}
	if (!info)
		return cfg_error(val, p->err,
				 "%s is an expectation of FFA_NOTIFICATION_INFO_GET_32/64", key);
	if (strcmp(key, "ids") == 0)
		return notif_read_ids(p, val, fid == FFA_NOTIFICATION_INFO_GET_64, c);
	{
		bool more;

		if (!cfg_read_bool(val, &more, p->err))
			return false;
		notif_expect_bits(c, 2, more ? FFA_NOTIF_INFO_MORE_PENDING : 0,
				  FFA_NOTIF_INFO_MORE_PENDING);
	}
	return true;
}
