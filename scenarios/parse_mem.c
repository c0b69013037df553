/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reading the memory-management parts of scenario files (docs/scenarios.md, "Memory
 * management"): the named fields of the memory calls, handles saved and reused by name, the
 * transaction and relinquish descriptors a write step builds (FF-A v1.2 (DEN0077A) §10.11),
 * the retrieve response a check step expects, and access steps.
 */
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/memdesc.h"
#include "internal.h"
#include "spmc/memory.h"

/* A name and the bits it stands for, in a list of flags or a choice. */
struct scn_name_bits {
	const char *name;
	uint32_t bits;
};

/* Transaction flags (§10.11.2, Tables 10.21 and 10.22). */
static const struct scn_name_bits scn_txn_flags[] = {
	{"zero", FFA_MEM_FLAG_ZERO},
	{"time-slice", FFA_MEM_FLAG_TIME_SLICE},
	{"zero-after", FFA_MEM_FLAG_ZERO_AFTER},
	{"type-share", FFA_MEM_FLAG_TYPE_SHARE},
	{"type-lend", FFA_MEM_FLAG_TYPE_LEND},
	{"type-donate", FFA_MEM_FLAG_TYPE_DONATE},
};

/* Relinquish descriptor flags (§10.11.4). */
static const struct scn_name_bits scn_rel_flags[] = {
	{"zero", FFA_MEM_RELINQUISH_ZERO},
	{"time-slice", FFA_MEM_RELINQUISH_TIME_SLICE},
};

/* Memory region attributes (§10.10.4, Table 10.18), by key. */
static const struct scn_name_bits scn_attr_types[] = {
	{"unspecified", FFA_MEM_ATTR_TYPE_NOT_SPECIFIED},
	{"device", FFA_MEM_ATTR_TYPE_DEVICE},
	{"normal", FFA_MEM_ATTR_TYPE_NORMAL},
};
static const struct scn_name_bits scn_attr_caches[] = {
	{"nc", FFA_MEM_ATTR_CACHE_NC},
	{"wb", FFA_MEM_ATTR_CACHE_WB},
};
static const struct scn_name_bits scn_attr_devices[] = {
	{"ngnrne", 0u << 2},
	{"ngnre", 1u << 2},
	{"ngre", 2u << 2},
	{"gre", 3u << 2},
};
static const struct scn_name_bits scn_attr_shares[] = {
	{"non", FFA_MEM_ATTR_SHARE_NON},
	{"outer", FFA_MEM_ATTR_SHARE_OUTER},
	{"inner", FFA_MEM_ATTR_SHARE_INNER},
};

/* Data and instruction access (§10.10.1, Table 10.15), and access steps' expectations. */
static const struct scn_name_bits scn_data_access[] = {
	{"ro", FFA_MEM_DATA_RO},
	{"rw", FFA_MEM_DATA_RW},
};
static const struct scn_name_bits scn_insn_access[] = {
	{"nx", FFA_MEM_INSN_NX},
	{"x", FFA_MEM_INSN_X},
};

static const struct scn_name_bits scn_page_access[] = {
	{"none", 0},
	{"ro", SPMC_MEM_READ},
	{"rw", SPMC_MEM_RW},
};
static const char *const scn_txn_keys[] = {"sender", "receivers", "attributes",  "flags",
					   "handle", "tag",       "constituents"};
static const char *const scn_rel_keys[] = {"handle", "flags", "endpoints"};
static const char *const scn_recv_keys[] = {"endpoint", "access", "exec", "non-retrieval"};
static const char *const scn_attr_keys[] = {"type", "cache", "device", "share", "ns"};
static const char *const scn_range_keys[] = {"address", "pages"};

static const char *const scn_access_keys[] = {"address", "endpoint", "expect"};

/* The names of a table joined by ", " into buf. */
static const char *scn_names(const struct scn_name_bits *t, size_t count, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < count && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i > 0 ? ", " : "",
					t[i].name);
	return buf;
}

/* One name of a table. */
static bool scn_read_choice(struct scn_parse *p, const struct cfg_node *n,
			    const struct scn_name_bits *t, size_t count, uint32_t *out)
{
	const char *s = cfg_scalar(n);
	char names[160];

	for (size_t i = 0; s != NULL && i < count; i++) {
		if (strcmp(s, t[i].name) == 0) {
			*out = t[i].bits;
			return true;
		}
	}
	return cfg_error(n, p->err, "\"%s\" is not one of %s", s != NULL ? s : "",
			 scn_names(t, count, names, sizeof(names)));
}

/* Flags: a number, or a list of names of a table (their bits or-ed). */
static bool scn_read_flags(struct scn_parse *p, const struct cfg_node *n,
			   const struct scn_name_bits *t, size_t count, uint32_t *out)
{
	struct cfg_node item;
	uint32_t bits;

	*out = 0;
	if (!cfg_is_seq(n))
		return cfg_read_u32(n, out, p->err);
	for (size_t i = 0; i < cfg_seq_count(n); i++) {
		cfg_seq_item(n, i, &item);
		if (!scn_read_choice(p, &item, t, count, &bits))
			return false;
		*out |= bits;
	}
	return true;
}

/* The slot of a saved handle's name, or SCN_MAX_HANDLES. */
static unsigned scn_handle_find(const struct scn_scenario *scn, const char *name)
{
	for (unsigned i = 0; i < scn->handle_count; i++) {
		if (strcmp(scn->handle_names[i], name) == 0)
			return i;
	}
	return SCN_MAX_HANDLES;
}

/* A handle: a number, or $NAME saved by an earlier step. */
static bool scn_read_handle_ref(struct scn_parse *p, const struct cfg_node *n,
				struct scn_handle_ref *ref)
{
	const char *s = cfg_scalar(n);

	memset(ref, 0, sizeof(*ref));
	if (s != NULL && s[0] == '$') {
		ref->slot = scn_handle_find(p->scn, s + 1);
		if (ref->slot == SCN_MAX_HANDLES)
			return cfg_error(n, p->err,
					 "no earlier step saves a handle \"%s\" (expect: "
					 "{handle: save %s})",
					 s + 1, s + 1);
		ref->saved = true;
		return true;
	}
	if (s == NULL || !sim_parse_u64(s, &ref->value))
		return cfg_error(n, p->err, "expected a handle: a number or $NAME");
	return true;
}

bool scn_read_arg(struct scn_parse *p, const struct cfg_node *n, struct scn_call *c, unsigned reg)
{
	static const char *const parts[] = {"", ".lo", ".hi"};
	const char *s = cfg_scalar(n);
	struct scn_handle_arg *h = NULL;
	struct scn_reg_expect v;
	char name[SCN_HANDLE_NAME_MAX + 4];
	unsigned part = SCN_HANDLE_WHOLE;

	/* The last word given for a register wins: a handle set before for it no longer applies. */
	for (unsigned i = 0; i < c->handle_arg_count; i++) {
		if (c->handle_args[i].reg == reg)
			h = &c->handle_args[i];
	}
	if (s == NULL || s[0] != '$') {
		if (!scn_read_value(n, false, &v, p->err))
			return false;
		c->args.x[reg] = v.value;
		if (h != NULL)
			*h = c->handle_args[--c->handle_arg_count];
		return true;
	}
	snprintf(name, sizeof(name), "%s", s + 1);
	for (unsigned i = 1; i < SCN_COUNT(parts); i++) {
		size_t len = strlen(name);

		if (len > 3 && strcmp(name + len - 3, parts[i]) == 0) {
			name[len - 3] = '\0';
			part = i;
		}
	}
	if (h == NULL)
		h = &c->handle_args[c->handle_arg_count++];
	h->reg = (uint8_t)reg;
	h->part = (enum scn_handle_part)part;
	h->slot = scn_handle_find(p->scn, name);
	if (h->slot == SCN_MAX_HANDLES)
		return cfg_error(
			n, p->err,
			"no earlier step saves a handle \"%s\" (expect: {handle: save %s}); "
			"a register takes $NAME, $NAME.lo or $NAME.hi",
			name, name);
	c->args.x[reg] = 0;
	return true;
}

bool scn_read_handle_expect(struct scn_parse *p, const struct cfg_node *n, struct scn_call *c)
{
	const char *s = cfg_scalar(n);
	const char *name;
	size_t len;

	if (s == NULL || strncmp(s, "save", 4) != 0) {
		c->handle_check = true;
		return scn_read_handle_ref(p, n, &c->handle);
	}
	name = s + 4 + strspn(s + 4, " ");
	len = strlen(name);
	if (len == 0 || len >= SCN_HANDLE_NAME_MAX ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789_-") != len)
		return cfg_error(n, p->err,
				 "expected save NAME, NAME of letters, digits, '_' and '-' "
				 "(at most %d)",
				 SCN_HANDLE_NAME_MAX - 1);
	c->handle_save = true;
	c->handle.saved = true;
	c->handle.slot = scn_handle_find(p->scn, name);
	if (c->handle.slot == SCN_MAX_HANDLES) {
		if (p->scn->handle_count == SCN_MAX_HANDLES)
			return cfg_error(n, p->err, "at most %d handle names", SCN_MAX_HANDLES);
		c->handle.slot = p->scn->handle_count++;
		memcpy(p->scn->handle_names[c->handle.slot], name, len + 1);
	}
	return true;
}

/* Reads one 32-bit field of a memory call into register reg (0: not the function's). */
static bool scn_read_field(struct scn_parse *p, const struct cfg_node *call, const char *key,
			   uint8_t reg, const char *owners, const char *fname, struct scn_call *c)
{
	struct cfg_node n;
	struct scn_reg_expect v;

	if (!cfg_map_get(call, key, &n))
		return true;
	if (reg == 0)
		return cfg_error(&n, p->err, "%s is a field of %s, not %s", key, owners, fname);
	if (!scn_read_value(&n, false, &v, p->err))
		return false;
	c->args.x[reg] = v.value;
	return true;
}

/* True when the call step gives register xN by name. */
static bool scn_has_reg(const struct cfg_node *call, unsigned reg)
{
	struct cfg_node n;
	char name[8];

	snprintf(name, sizeof(name), "x%u", reg);
	return cfg_map_get(call, name, &n);
}

bool scn_read_mem_fields(struct scn_parse *p, const struct cfg_node *call,
			 const struct ffa_call_fields *f, const char *fname, struct scn_call *c)
{
	static const char txn_calls[] = "FFA_MEM_SHARE, LEND, DONATE and RETRIEVE_REQ";
	struct scn_handle_ref ref;
	struct cfg_node n;

	if (!scn_read_field(p, call, "length", f->length, txn_calls, fname, c) ||
	    !scn_read_field(p, call, "fragment-length", f->frag_length,
			    "FFA_MEM_SHARE, LEND, DONATE, RETRIEVE_REQ and FRAG_TX", fname, c) ||
	    !scn_read_field(p, call, "buffer", f->buffer, txn_calls, fname, c) ||
	    !scn_read_field(p, call, "buffer-pages", f->buffer != 0 ? f->buffer + 1 : 0, txn_calls,
			    fname, c) ||
	    !scn_read_field(p, call, "fragment-offset", f->frag_offset, "FFA_MEM_FRAG_RX", fname,
			    c))
		return false;
	if (f->length != 0) {
		bool len_given = cfg_map_get(call, "length", &n) || scn_has_reg(call, f->length);
		bool frag_given = cfg_map_get(call, "fragment-length", &n) ||
				  scn_has_reg(call, f->frag_length);

		/* The whole descriptor in one fragment unless told otherwise (§10.2.2). */
		if (len_given && !frag_given)
			c->args.x[f->frag_length] = c->args.x[f->length];
		if (!len_given && p->desc_written)
			c->length_reg = f->length;
		if (!frag_given && !len_given && p->desc_written)
			c->frag_length_reg = f->frag_length;
	}
	if (cfg_map_get(call, "handle", &n)) {
		if (f->handle == 0)
			return cfg_error(
				&n, p->err,
				"handle is a field of FFA_MEM_RECLAIM, FRAG_RX and FRAG_TX, "
				"not %s",
				fname);
		if (!scn_read_handle_ref(p, &n, &ref))
			return false;
		/* Low word first (§10.2.1); a saved handle is put in when the step runs. */
		if (ref.saved) {
			c->handle_args[c->handle_arg_count++] =
				(struct scn_handle_arg){f->handle, SCN_HANDLE_LO, ref.slot};
			c->handle_args[c->handle_arg_count++] =
				(struct scn_handle_arg){f->handle + 1u, SCN_HANDLE_HI, ref.slot};
		} else {
			c->args.x[f->handle] = (uint32_t)ref.value;
			c->args.x[f->handle + 1] = ref.value >> 32;
		}
	}
	return true;
}

/* `attributes:`: a number, or {type, cache, device, share, ns}. */
static bool scn_read_attributes(struct scn_parse *p, const struct cfg_node *n, uint16_t *out)
{
	struct cfg_node v;
	uint32_t bits, type = FFA_MEM_ATTR_TYPE_NOT_SPECIFIED;
	bool ns;

	if (!cfg_is_map(n)) {
		uint64_t x;

		if (!cfg_read_u64_max(n, 0xffff, &x, p->err))
			return false;
		*out = (uint16_t)x;
		return true;
	}
	if (!cfg_map_check_keys(n, scn_attr_keys, SCN_COUNT(scn_attr_keys), p->err))
		return false;
	*out = 0;
	if (cfg_map_get(n, "type", &v)) {
		if (!scn_read_choice(p, &v, scn_attr_types, SCN_COUNT(scn_attr_types), &type))
			return false;
		*out |= (uint16_t)type;
	}
	if (cfg_map_get(n, "cache", &v)) {
		if (type != FFA_MEM_ATTR_TYPE_NORMAL)
			return cfg_error(&v, p->err, "cache is an attribute of type: normal");
		if (!scn_read_choice(p, &v, scn_attr_caches, SCN_COUNT(scn_attr_caches), &bits))
			return false;
		*out |= (uint16_t)bits;
	}
	if (cfg_map_get(n, "device", &v)) {
		if (type != FFA_MEM_ATTR_TYPE_DEVICE)
			return cfg_error(&v, p->err, "device is an attribute of type: device");
		if (!scn_read_choice(p, &v, scn_attr_devices, SCN_COUNT(scn_attr_devices), &bits))
			return false;
		*out |= (uint16_t)bits;
	}
	if (cfg_map_get(n, "share", &v)) {
		if (type != FFA_MEM_ATTR_TYPE_NORMAL)
			return cfg_error(&v, p->err, "share is an attribute of type: normal");
		if (!scn_read_choice(p, &v, scn_attr_shares, SCN_COUNT(scn_attr_shares), &bits))
			return false;
		*out |= (uint16_t)bits;
	}
	if (cfg_map_get(n, "ns", &v)) {
		if (!cfg_read_bool(&v, &ns, p->err))
			return false;
		if (ns)
			*out |= FFA_MEM_ATTR_NS;
	}
	return true;
}

/* `receivers:`: {endpoint, access: ro|rw, exec: x|nx, non-retrieval: bool} each. */
static bool scn_read_receivers(struct scn_parse *p, const struct cfg_node *n,
			       struct ffa_mem_txn *txn)
{
	struct cfg_node item, v;

	if (!cfg_expect_seq(n, p->err))
		return false;
	if (cfg_seq_count(n) == 0 || cfg_seq_count(n) > FFA_MEM_MAX_RECEIVERS)
		return cfg_error(n, p->err, "expected 1 to %u receivers", FFA_MEM_MAX_RECEIVERS);
	for (size_t i = 0; i < cfg_seq_count(n); i++) {
		struct ffa_mem_receiver *r = &txn->receivers[i];
		uint32_t bits;
		bool host, nr;

		cfg_seq_item(n, i, &item);
		if (!cfg_expect_map(&item, p->err) ||
		    !cfg_map_check_keys(&item, scn_recv_keys, SCN_COUNT(scn_recv_keys), p->err) ||
		    !cfg_map_require(&item, "endpoint", &v, p->err) ||
		    !scn_read_endpoint(p, &v, &host, &r->id))
			return false;
		if (cfg_map_get(&item, "access", &v)) {
			if (!scn_read_choice(p, &v, scn_data_access, SCN_COUNT(scn_data_access),
					     &bits))
				return false;
			r->perms |= (uint8_t)bits;
		}
		if (cfg_map_get(&item, "exec", &v)) {
			if (!scn_read_choice(p, &v, scn_insn_access, SCN_COUNT(scn_insn_access),
					     &bits))
				return false;
			r->perms |= (uint8_t)bits;
		}
		if (cfg_map_get(&item, "non-retrieval", &v)) {
			if (!cfg_read_bool(&v, &nr, p->err))
				return false;
			r->flags = nr ? FFA_MEM_RECV_NON_RETRIEVAL : 0;
		}
		txn->receiver_count++;
	}
	return true;
}

/* `constituents:`: {address, pages} each. */
static bool scn_read_ranges(struct scn_parse *p, const struct cfg_node *n, struct scn_memdesc *d)
{
	struct cfg_node item, v;
	uint64_t pages;

	if (!cfg_expect_seq(n, p->err))
		return false;
	if (cfg_seq_count(n) > SCN_MAX_RANGES)
		return cfg_error(n, p->err, "at most %d constituents", SCN_MAX_RANGES);
	for (size_t i = 0; i < cfg_seq_count(n); i++) {
		struct ffa_mem_range *r = &d->ranges[i];

		cfg_seq_item(n, i, &item);
		if (!cfg_expect_map(&item, p->err) ||
		    !cfg_map_check_keys(&item, scn_range_keys, SCN_COUNT(scn_range_keys), p->err) ||
		    !cfg_map_require(&item, "address", &v, p->err) ||
		    !cfg_read_u64(&v, &r->address, p->err) ||
		    !cfg_map_require(&item, "pages", &v, p->err) ||
		    !cfg_read_u64_max(&v, UINT32_MAX, &pages, p->err))
			return false;
		r->page_count = (uint32_t)pages;
		d->range_count++;
	}
	return true;
}

/* A transaction's fields, for write (all optional but receivers) or check (each compared). */
static bool scn_read_txn(struct scn_parse *p, const struct cfg_node *n, bool check,
			 struct scn_memdesc *d)
{
	struct ffa_mem_txn *t = &d->txn;
	struct cfg_node v;
	bool host;

	if (!cfg_expect_map(n, p->err) ||
	    !cfg_map_check_keys(n, scn_txn_keys, SCN_COUNT(scn_txn_keys), p->err))
		return false;
	if (cfg_map_get(n, "sender", &v)) {
		if (!scn_read_endpoint(p, &v, &host, &t->sender))
			return false;
		d->given |= SCN_MEMDESC_SENDER;
	}
	if (cfg_map_get(n, "receivers", &v)) {
		if (!scn_read_receivers(p, &v, t))
			return false;
		d->given |= SCN_MEMDESC_RECEIVERS;
	} else if (!check) {
		return cfg_map_require(n, "receivers", &v, p->err);
	}
	if (cfg_map_get(n, "attributes", &v)) {
		if (!scn_read_attributes(p, &v, &t->attributes))
			return false;
		d->given |= SCN_MEMDESC_ATTRIBUTES;
	}
	if (cfg_map_get(n, "flags", &v)) {
		if (!scn_read_flags(p, &v, scn_txn_flags, SCN_COUNT(scn_txn_flags), &t->flags))
			return false;
		d->given |= SCN_MEMDESC_FLAGS;
	}
	if (cfg_map_get(n, "handle", &v)) {
		if (!scn_read_handle_ref(p, &v, &d->handle))
			return false;
		d->given |= SCN_MEMDESC_HANDLE;
	}
	if (cfg_map_get(n, "tag", &v)) {
		if (!cfg_read_u64(&v, &t->tag, p->err))
			return false;
		d->given |= SCN_MEMDESC_TAG;
	}
	if (cfg_map_get(n, "constituents", &v)) {
		if (!scn_read_ranges(p, &v, d))
			return false;
		d->given |= SCN_MEMDESC_RANGES;
	}
	return true;
}

/* A relinquish descriptor: handle, flags, endpoints. */
static bool scn_read_rel(struct scn_parse *p, const struct cfg_node *n, struct scn_memdesc *d)
{
	struct cfg_node v, item;
	bool host;

	if (!cfg_expect_map(n, p->err) ||
	    !cfg_map_check_keys(n, scn_rel_keys, SCN_COUNT(scn_rel_keys), p->err) ||
	    !cfg_map_require(n, "handle", &v, p->err) || !scn_read_handle_ref(p, &v, &d->handle))
		return false;
	if (cfg_map_get(n, "flags", &v) &&
	    !scn_read_flags(p, &v, scn_rel_flags, SCN_COUNT(scn_rel_flags), &d->rel.flags))
		return false;
	if (!cfg_map_require(n, "endpoints", &v, p->err) || !cfg_expect_seq(&v, p->err))
		return false;
	if (cfg_seq_count(&v) == 0 || cfg_seq_count(&v) > FFA_MEM_MAX_RECEIVERS)
		return cfg_error(&v, p->err, "expected 1 to %u endpoints", FFA_MEM_MAX_RECEIVERS);
	for (size_t i = 0; i < cfg_seq_count(&v); i++) {
		cfg_seq_item(&v, i, &item);
		if (!scn_read_endpoint(p, &item, &host, &d->rel.endpoints[i]))
			return false;
		d->rel.endpoint_count++;
	}
	return true;
}

bool scn_read_memdesc(struct scn_parse *p, const struct cfg_node *n, bool check,
		      struct scn_memory *m)
{
	struct cfg_node v, l;
	struct scn_memdesc *d;
	bool ok;

	if (check && (cfg_map_get(n, "transaction", &v) || cfg_map_get(n, "relinquish", &v)))
		return cfg_error(&v, p->err,
				 "a check reads a retrieve response as descriptor:, not %s:",
				 cfg_map_get(n, "transaction", &l) ? "transaction" : "relinquish");
	if (!check && cfg_map_get(n, "descriptor", &v))
		return cfg_error(&v, p->err,
				 "descriptor is a form of check; write takes transaction or "
				 "relinquish");
	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return cfg_error(n, p->err, "out of memory");
	m->desc = d;
	if (cfg_map_get(n, "layout", &l)) {
		const char *s = cfg_scalar(&l);

		if (s == NULL || !ffa_version_parse(s, &d->txn.layout) ||
		    d->txn.layout < FFA_VERSION_1_0 || d->txn.layout > FFA_VERSION_1_3)
			return cfg_error(&l, p->err, "expected a descriptor layout: 1.0 to 1.3");
		d->layout_set = true;
	}
	if (cfg_map_get(n, "relinquish", &v)) {
		d->relinquish = true;
		if (d->layout_set)
			return cfg_error(&l, p->err, "a relinquish descriptor has one layout");
		ok = scn_read_rel(p, &v, d);
	} else {
		cfg_map_get(n, check ? "descriptor" : "transaction", &v);
		ok = scn_read_txn(p, &v, check, d);
	}
	if (ok && !check)
		p->desc_written = true;
	return ok;
}

bool scn_read_access(struct scn_parse *p, const struct cfg_node *n, struct scn_step *st)
{
	struct scn_access *a = &st->u.access;
	struct cfg_node v;
	bool host;

	if (!cfg_expect_map(n, p->err) ||
	    !cfg_map_check_keys(n, scn_access_keys, SCN_COUNT(scn_access_keys), p->err) ||
	    !cfg_map_require(n, "address", &v, p->err) || !cfg_read_u64(&v, &a->address, p->err) ||
	    !cfg_map_require(n, "endpoint", &v, p->err) ||
	    !scn_read_endpoint(p, &v, &host, &a->endpoint) ||
	    !cfg_map_require(n, "expect", &v, p->err) ||
	    !scn_read_choice(p, &v, scn_page_access, SCN_COUNT(scn_page_access), &a->expect))
		return false;
	if (!p->scn->system->spmc_enabled)
		return cfg_error(n, p->err, "the system has no SPMC to ask");
	snprintf(st->label, sizeof(st->label), "access of 0x%04x to 0x%llx: %s", a->endpoint,
		 (unsigned long long)a->address, cfg_scalar(&v));
	return true;
}
