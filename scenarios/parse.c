/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reading scenario files (docs/scenarios.md) into struct scn_scenario. Every error is positioned
 * in the file, with the key path that led to it, through common/yaml_cfg.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "abi/table.h"
#include "abi/uuid.h"
#include "common/yaml_cfg.h"
#include "emu/loader.h"
#include "hyp/pkvm.h"
#include "internal.h"

#define COUNT(a) SCN_COUNT(a)

static const char *const scn_root_keys[] = {"description", "system", "set", "steps"};
static const char *const scn_step_kinds[] = {"call",  "write",  "check", "run",
					     "event", "switch", "access"};
static const char *const scn_call_keys[] = {"from",
					    "conduit",
					    "function",
					    "expect",
					    "version",
					    "uuid",
					    "payload",
					    "destination",
					    "feature",
					    "tx",
					    "rx",
					    "pages",
					    "flags",
					    "length",
					    "fragment-length",
					    "buffer",
					    "buffer-pages",
					    "handle",
					    "fragment-offset",
					    "sender",
					    "receiver",
					    "notifications",
					    "x1",
					    "x2",
					    "x3",
					    "x4",
					    "x5",
					    "x6",
					    "x7",
					    "x8",
					    "x9",
					    "x10",
					    "x11",
					    "x12",
					    "x13",
					    "x14",
					    "x15",
					    "x16",
					    "x17"};
static const char *const scn_expect_keys[] = {
	"x0",      "x1",        "x2",   "x3",     "x4",      "x5",  "x6",  "x7",  "x8",
	"x9",      "x10",       "x11",  "x12",    "x13",     "x14", "x15", "x16", "x17",
	"w0",      "w1",        "w2",   "w3",     "w4",      "w5",  "w6",  "w7",  "error",
	"version", "unchanged", "stop", "handle", "bitmaps", "ids", "more"};
static const char *const scn_mem_keys[] = {"address",     "tx",         "rx",         "bytes",
					   "words",       "string",     "partitions", "layout",
					   "transaction", "relinquish", "descriptor", "message"};
static const char *const scn_desc_keys[] = {"id", "exec-contexts", "properties", "uuid"};
static const char *const scn_run_keys[] = {"image", "expect"};
static const char *const scn_run_expect_keys[] = {"status", "console"};
static const char *const scn_event_keys[] = {"finalise", "expect"};
static const char *const scn_switch_keys[] = {"hypervisor", "spmc"};
static const char *const scn_conduits[] = {"smc", "hvc"};
static const char *const scn_finalise_targets[] = {"hypervisor"};

const char *scn_fid_text(uint32_t fid, char *buf, size_t size)
{
	if (fid == HYP_PKVM_FINALISE_FID) {
		snprintf(buf, size, "HYP_PKVM_FINALISE");
		return buf;
	}
	return ffa_fid_describe(fid, buf, size);
}

bool scn_fid_by_name(const char *name, uint32_t *fid)
{
	static const uint32_t ranges[][2] = {
		{0x80000000u, 0x80000002u}, {0x84000000u, 0x8400000fu}, {0xc4000000u, 0xc400000fu}};
	const struct ffa_func *f = ffa_func_by_name(name);

	if (f != NULL) {
		*fid = f->fid;
		return true;
	}
	if (strcasecmp(name, "HYP_PKVM_FINALISE") == 0) {
		*fid = HYP_PKVM_FINALISE_FID;
		return true;
	}
	for (size_t r = 0; r < COUNT(ranges); r++) {
		for (uint32_t id = ranges[r][0]; id <= ranges[r][1]; id++) {
			const char *n = ffa_fid_name(id);

			if (n != NULL && strcasecmp(n, name) == 0) {
				*fid = id;
				return true;
			}
		}
	}
	return false;
}

/* Reads a signed decimal or any number cfg_read_u64 accepts, without an error. */
static bool scn_number(const char *s, uint64_t *out)
{
	char *end;

	if (s[0] == '-' && s[1] >= '0' && s[1] <= '9') {
		long long v;

		errno = 0;
		v = strtoll(s, &end, 10);
		if (*end != '\0' || errno == ERANGE) /* below INT64_MIN: strtoll saturates */
			return false;
		*out = (uint64_t)v;
		return true;
	}
	return sim_parse_u64(s, out);
}

bool scn_read_value(const struct cfg_node *n, bool allow_expect, struct scn_reg_expect *e,
		    struct diag *err)
{
	const char *s = cfg_scalar(n);
	char clean[64];
	uint32_t v32;
	int32_t code;
	size_t o = 0;

	e->set = true;
	e->any = false;
	e->mask = UINT64_MAX;
	if (allow_expect && cfg_is_map(n)) {
		static const char *const keys[] = {"value", "mask"};
		struct cfg_node v, m;

		if (!cfg_map_check_keys(n, keys, COUNT(keys), err) ||
		    !cfg_map_require(n, "value", &v, err) || !scn_read_value(&v, false, e, err))
			return false;
		if (cfg_map_get(n, "mask", &m) && !cfg_read_u64(&m, &e->mask, err))
			return false;
		e->value &= e->mask;
		return true;
	}
	if (s == NULL || *s == '\0')
		return cfg_error(n, err,
				 "expected a register value (a number, a version such as "
				 "1.2, a function or FF-A error name%s)",
				 allow_expect ? ", any, or {value, mask}" : "");
	if (allow_expect && strcmp(s, "any") == 0) {
		e->any = true;
		return true;
	}
	/* Numbers may carry '_' separators, as everywhere in the project's YAML. */
	for (size_t i = 0; s[i] != '\0' && o + 1 < sizeof(clean); i++) {
		if (s[i] != '_')
			clean[o++] = s[i];
	}
	clean[o] = '\0';
	if (scn_number(clean, &e->value))
		return true;
	if (strchr(s, '.') != NULL && ffa_version_parse(s, &v32)) {
		e->value = v32;
		return true;
	}
	if (scn_fid_by_name(s, &v32)) {
		e->value = v32;
		return true;
	}
	if (ffa_error_parse(s, &code)) {
		e->value = (uint32_t)code;
		return true;
	}
	return cfg_error(
		n, err,
		"\"%s\" is not a register value (a number, a version such as 1.2, a "
		"function name such as FFA_SUCCESS_32, or an FF-A error name such as BUSY)",
		s);
}

/* A register name "xN" (0-17) or, when w_ok, "wN" (0-7). */
static int scn_reg_index(const char *name, bool *is_w)
{
	char *end;
	long n;

	if ((name[0] != 'x' && name[0] != 'w') || name[1] < '0' || name[1] > '9')
		return -1;
	n = strtol(name + 1, &end, 10);
	if (*end != '\0' || n < 0 || n >= FFA_REG_COUNT)
		return -1;
	*is_w = name[0] == 'w';
	return (int)n;
}

/* Reads a UUID scalar. */
static bool scn_read_uuid(const struct cfg_node *n, uint8_t uuid[16], struct diag *err)
{
	const char *s = cfg_scalar(n);
	enum ffa_uuid_err e = ffa_uuid_parse(s, uuid);

	if (e != FFA_UUID_OK)
		return cfg_error(n, err, "\"%s\" is not a UUID: %s", s != NULL ? s : "",
				 ffa_uuid_strerror(e));
	return true;
}

bool scn_read_endpoint(struct scn_parse *p, const struct cfg_node *n, bool *host, uint16_t *id)
{
	const char *s = cfg_scalar(n);
	const struct part_manifest *m;
	uint64_t v;

	if (s == NULL)
		return cfg_error(n, p->err, "expected host, a partition's name or an ID");
	if (strcmp(s, "host") == 0) {
		*host = true;
		*id = FFA_ID_NS_PHYS;
		return true;
	}
	*host = false;
	m = sim_system_partition(p->scn->system, s);
	if (m != NULL) {
		*id = m->id;
		return true;
	}
	if (!sim_parse_u64(s, &v) || v > 0xffff)
		return cfg_error(n, p->err,
				 "\"%s\" is no partition of the system (host, a partition's name "
				 "or an ID)",
				 s);
	*id = (uint16_t)v;
	if (*id == FFA_ID_NS_PHYS)
		*host = true;
	return true;
}

/* The function of a call: a name or a number. */
static bool scn_read_function(const struct cfg_node *n, uint32_t *fid, struct diag *err)
{
	const char *s = cfg_scalar(n);
	uint64_t v;

	if (s != NULL && scn_fid_by_name(s, fid))
		return true;
	if (s != NULL && sim_parse_u64(s, &v) && v <= UINT32_MAX) {
		*fid = (uint32_t)v;
		return true;
	}
	return cfg_error(n, err,
			 "\"%s\" is not a function (a name such as FFA_VERSION or "
			 "PSCI_VERSION, or a function ID)",
			 s != NULL ? s : "");
}

/*
 * Reads the named argument fields of a call into the registers the function table gives them
 * (struct ffa_call_fields); a field the function does not have is an error naming the
 * functions that have it.
 */
static bool scn_read_named_args(struct scn_parse *p, const struct cfg_node *call, uint16_t src,
				struct scn_call *c)
{
	struct ffa_value *a = &c->args;
	static const struct ffa_call_fields none;
	uint32_t fid = (uint32_t)a->x[0];
	const struct ffa_func *func = ffa_func_find(fid);
	/* The row of this exact ID: FFA_VERSION with the SVE hint bit set has no fields. */
	const struct ffa_call_fields *f = func != NULL && func->fid == fid ? &func->fields : &none;
	struct cfg_node n, item;
	struct scn_reg_expect v;
	uint8_t uuid[16];
	char fname[48];

	scn_fid_text(fid, fname, sizeof(fname));
	if (cfg_map_get(call, "version", &n)) {
		if (f->version == 0)
			return cfg_error(&n, p->err, "version is a field of FFA_VERSION, not %s",
					 fname);
		if (!scn_read_value(&n, false, &v, p->err))
			return false;
		a->x[f->version] = v.value;
	}
	if (cfg_map_get(call, "uuid", &n)) {
		if (!scn_read_uuid(&n, uuid, p->err))
			return false;
		if (f->uuid_words == 4) {
			uint32_t w[4];

			ffa_uuid_to_regs32(uuid, w);
			for (unsigned i = 0; i < 4; i++)
				a->x[f->uuid + i] = w[i];
		} else if (f->uuid_words == 2) {
			ffa_uuid_to_regs64(uuid, &a->x[f->uuid], &a->x[f->uuid + 1]);
		} else {
			return cfg_error(&n, p->err,
					 "uuid is a field of FFA_PARTITION_INFO_GET, "
					 "FFA_PARTITION_INFO_GET_REGS_64 and the DIRECT_REQ2/RESP2 "
					 "calls, not %s",
					 fname);
		}
	}
	if (cfg_map_get(call, "destination", &n)) {
		bool host;
		uint16_t dst;

		if (!f->destination)
			return cfg_error(&n, p->err,
					 "destination is a field of the direct messages, not %s",
					 fname);
		if (!scn_read_endpoint(p, &n, &host, &dst))
			return false;
		a->x[1] = ffa_msg_ids(src, dst);
	}
	if (cfg_map_get(call, "payload", &n)) {
		if (f->payload == 0)
			return cfg_error(&n, p->err,
					 "payload is a field of the direct messages, not %s",
					 fname);
		if (!cfg_expect_seq(&n, p->err))
			return false;
		if (cfg_seq_count(&n) > f->payload_max)
			return cfg_error(&n, p->err, "%s carries at most %u payload registers",
					 fname, (unsigned)f->payload_max);
		for (size_t i = 0; i < cfg_seq_count(&n); i++) {
			cfg_seq_item(&n, i, &item);
			if (!scn_read_arg(p, &item, c, f->payload + (unsigned)i))
				return false;
		}
	}
	if (cfg_map_get(call, "feature", &n)) {
		uint32_t queried;

		if (f->feature == 0)
			return cfg_error(&n, p->err, "feature is a field of FFA_FEATURES, not %s",
					 fname);
		if (!scn_read_function(&n, &queried, p->err))
			return false;
		a->x[f->feature] = queried;
	}
	static const char *const rxtx_fields[] = {"tx", "rx", "pages"};
	for (unsigned i = 0; i < COUNT(rxtx_fields); i++) {
		if (!cfg_map_get(call, rxtx_fields[i], &n))
			continue;
		if (f->rxtx == 0)
			return cfg_error(&n, p->err, "%s is a field of FFA_RXTX_MAP, not %s",
					 rxtx_fields[i], fname);
		if (!scn_read_value(&n, false, &v, p->err))
			return false;
		a->x[f->rxtx + i] = v.value;
	}
	if (cfg_map_get(call, "flags", &n)) {
		if (f->flags == 0)
			return cfg_error(&n, p->err,
					 "flags is a field of FFA_PARTITION_INFO_GET, "
					 "FFA_MEM_RECLAIM and the notification calls, not %s",
					 fname);
		if (!scn_read_value(&n, false, &v, p->err))
			return false;
		a->x[f->flags] = v.value;
	}
	return scn_read_notif_args(p, call, f, fname, c);
}

/* Reads `expect:` of a call. */
static bool scn_read_expect(struct scn_parse *p, const struct cfg_node *e, struct scn_call *c)
{
	struct cfg_node key, val, item;
	struct scn_reg_expect v;

	if (!cfg_expect_map(e, p->err) ||
	    !cfg_map_check_keys(e, scn_expect_keys, COUNT(scn_expect_keys), p->err))
		return false;
	for (size_t i = 0; i < cfg_map_count(e); i++) {
		const char *k;
		bool is_w;
		int r;

		cfg_map_entry(e, i, &key, &val);
		k = cfg_scalar(&key);
		if (strcmp(k, "error") == 0) {
			int32_t code;
			const char *s = cfg_scalar(&val);

			if (s == NULL || !ffa_error_parse(s, &code))
				return cfg_error(&val, p->err,
						 "expected an FF-A error name (BUSY or FFA_BUSY)");
			c->expect[0] =
				(struct scn_reg_expect){true, false, FFA_ERROR_32, 0xffffffffu};
			c->expect[2] =
				(struct scn_reg_expect){true, false, (uint32_t)code, 0xffffffffu};
		} else if (strcmp(k, "version") == 0) {
			if (!scn_read_value(&val, false, &v, p->err))
				return false;
			v.mask = 0xffffffffu;
			v.value &= v.mask;
			c->expect[0] = v;
		} else if (strcmp(k, "unchanged") == 0) {
			if (!cfg_expect_seq(&val, p->err))
				return false;
			for (size_t j = 0; j < cfg_seq_count(&val); j++) {
				const char *s;

				cfg_seq_item(&val, j, &item);
				s = cfg_scalar(&item);
				r = s != NULL ? scn_reg_index(s, &is_w) : -1;
				if (r < 0 || is_w)
					return cfg_error(&item, p->err,
							 "expected a register x0 to x17");
				c->unchanged |= UINT32_C(1) << r;
			}
		} else if (strcmp(k, "stop") == 0) {
			if (!cfg_read_bool(&val, &c->expect_stop, p->err))
				return false;
		} else if (strcmp(k, "handle") == 0) {
			if (!scn_read_handle_expect(p, &val, c))
				return false;
		} else if (scn_is_notif_expect(k)) {
			if (!scn_read_notif_expect(p, k, &val, c))
				return false;
		} else {
			r = scn_reg_index(k, &is_w);
			if (!scn_read_value(&val, true, &v, p->err))
				return false;
			if (is_w) {
				v.mask &= 0xffffffffu;
				v.value &= v.mask;
			}
			c->expect[r] = v;
		}
	}
	return true;
}

/* Reads a call step. */
static bool scn_read_call(struct scn_parse *p, const struct cfg_node *n, struct scn_step *st)
{
	struct scn_call *c = &st->u.call;
	struct cfg_node f, key, val;
	char fname[48];
	uint32_t fid;
	unsigned conduit = p->scn->system->normal_world.conduit;

	if (!cfg_expect_map(n, p->err) ||
	    !cfg_map_check_keys(n, scn_call_keys, COUNT(scn_call_keys), p->err) ||
	    !cfg_map_require(n, "function", &f, p->err) || !scn_read_function(&f, &fid, p->err))
		return false;
	c->from_host = true;
	if (cfg_map_get(n, "from", &val) && !scn_read_endpoint(p, &val, &c->from_host, &c->from_id))
		return false;
	if (cfg_map_get(n, "conduit", &val) &&
	    !cfg_read_enum(&val, scn_conduits, COUNT(scn_conduits), &conduit, p->err))
		return false;
	c->conduit = conduit == 1 ? FFA_CONDUIT_HVC : FFA_CONDUIT_SMC;
	if (!c->from_host && !ffa_fid_is_ffa(fid))
		return cfg_error(&f, p->err,
				 "a partition makes FF-A calls only (the SPMC answers "
				 "them)");
	c->args.x[0] = fid;
	if (!scn_read_named_args(p, n, c->from_id, c))
		return false;
	{
		const struct ffa_func *func = ffa_func_find(fid);
		static const struct ffa_call_fields none;

		scn_fid_text(fid, fname, sizeof(fname));
		if (!scn_read_mem_fields(p, n,
					 func != NULL && func->fid == fid ? &func->fields : &none,
					 fname, c))
			return false;
	}
	/* Registers given by name win over the named fields that set them. */
	for (size_t i = 0; i < cfg_map_count(n); i++) {
		bool is_w;
		int r;

		cfg_map_entry(n, i, &key, &val);
		r = scn_reg_index(cfg_scalar(&key), &is_w);
		if (r < 0)
			continue;
		if (!scn_read_arg(p, &val, c, (unsigned)r))
			return false;
	}
	if (cfg_map_get(n, "expect", &val) && !scn_read_expect(p, &val, c))
		return false;
	scn_fid_text(fid, fname, sizeof(fname));
	if (c->from_host)
		snprintf(st->label, sizeof(st->label), "call %s from host (%s)", fname,
			 c->conduit == FFA_CONDUIT_HVC ? "hvc" : "smc");
	else
		snprintf(st->label, sizeof(st->label), "call %s from 0x%04x", fname, c->from_id);
	return true;
}

/* Reads a list of numbers each at most max into bytes of width `width`, little-endian. */
static bool scn_read_data(struct scn_parse *p, const struct cfg_node *n, unsigned width,
			  struct scn_memory *m)
{
	struct cfg_node item;
	size_t count;
	uint64_t v;

	if (!cfg_expect_seq(n, p->err))
		return false;
	count = cfg_seq_count(n);
	if (count * width > SCN_DATA_MAX)
		return cfg_error(n, p->err, "at most %u bytes", SCN_DATA_MAX);
	m->bytes = calloc(count * width + 1, 1);
	if (m->bytes == NULL)
		return cfg_error(n, p->err, "out of memory");
	for (size_t i = 0; i < count; i++) {
		cfg_seq_item(n, i, &item);
		if (!cfg_read_u64_max(&item, width == 1 ? 0xff : 0xffffffffu, &v, p->err))
			return false;
		for (unsigned b = 0; b < width; b++)
			m->bytes[i * width + b] = (uint8_t)(v >> (8 * b));
	}
	m->size = count * width;
	return true;
}

/* Reads partition descriptors expected by a check step. */
static bool scn_read_descriptors(struct scn_parse *p, const struct cfg_node *n,
				 struct scn_memory *m)
{
	struct cfg_node item, v;
	uint64_t x;

	if (!cfg_expect_seq(n, p->err))
		return false;
	if (cfg_seq_count(n) > SCN_MAX_DESCRIPTORS)
		return cfg_error(n, p->err, "at most %d descriptors", SCN_MAX_DESCRIPTORS);
	for (size_t i = 0; i < cfg_seq_count(n); i++) {
		struct scn_descriptor *d = &m->descriptors[i];
		bool host;

		cfg_seq_item(n, i, &item);
		if (!cfg_expect_map(&item, p->err) ||
		    !cfg_map_check_keys(&item, scn_desc_keys, COUNT(scn_desc_keys), p->err) ||
		    !cfg_map_require(&item, "id", &v, p->err) ||
		    !scn_read_endpoint(p, &v, &host, &d->id))
			return false;
		if (cfg_map_get(&item, "exec-contexts", &v)) {
			if (!cfg_read_u64_max(&v, 0xffff, &x, p->err))
				return false;
			d->exec_ctx_set = true;
			d->exec_ctx_count = (uint16_t)x;
		}
		if (cfg_map_get(&item, "properties", &v)) {
			if (!cfg_read_u32(&v, &d->props, p->err))
				return false;
			d->props_set = true;
		}
		if (cfg_map_get(&item, "uuid", &v)) {
			if (!scn_read_uuid(&v, d->uuid, p->err))
				return false;
			d->uuid_set = true;
		}
		m->descriptor_count++;
	}
	return true;
}

/* Reads a write or check step. */
static bool scn_read_memory(struct scn_parse *p, const struct cfg_node *n, struct scn_step *st,
			    bool check)
{
	struct scn_memory *m = &st->u.mem;
	struct cfg_node a, v;
	unsigned forms = 0;

	if (!cfg_expect_map(n, p->err) ||
	    !cfg_map_check_keys(n, scn_mem_keys, COUNT(scn_mem_keys), p->err))
		return false;
	/* Where: an address, or an endpoint's TX (write) or RX (check) buffer. */
	{
		const char *buf_key = check ? "rx" : "tx";
		bool host, has_addr = cfg_map_get(n, "address", &a);

		if (cfg_map_get(n, check ? "tx" : "rx", &v))
			return cfg_error(&v, p->err, "%s takes %s: NAME, the buffer it %s",
					 check ? "check" : "write", buf_key,
					 check ? "reads" : "writes");
		if (cfg_map_get(n, buf_key, &v)) {
			if (has_addr)
				return cfg_error(&v, p->err, "give address or %s, not both",
						 buf_key);
			if (!scn_read_endpoint(p, &v, &host, &m->buffer_ep))
				return false;
			m->buffer_set = true;
		} else if (!has_addr) {
			return cfg_error(n, p->err, "expected address or %s", buf_key);
		} else if (!cfg_read_u64(&a, &m->address, p->err)) {
			return false;
		}
	}
	m->layout = FFA_VERSION_1_1;
	if (cfg_map_get(n, "bytes", &v)) {
		forms++;
		if (!scn_read_data(p, &v, 1, m))
			return false;
	}
	if (cfg_map_get(n, "words", &v)) {
		forms++;
		if (forms == 1 && !scn_read_data(p, &v, 4, m))
			return false;
	}
	if (cfg_map_get(n, "string", &v)) {
		const char *s = cfg_scalar(&v);

		forms++;
		if (s == NULL)
			return cfg_error(&v, p->err, "expected a string");
		if (forms == 1) {
			m->size = v.node->data.scalar.length;
			m->bytes = malloc(m->size + 1);
			if (m->bytes == NULL)
				return cfg_error(&v, p->err, "out of memory");
			memcpy(m->bytes, s, m->size);
		}
	}
	if (check && cfg_map_get(n, "partitions", &v)) {
		forms++;
		if (forms == 1 && !scn_read_descriptors(p, &v, m))
			return false;
	} else if (!check && cfg_map_get(n, "partitions", &v)) {
		return cfg_error(&v, p->err, "partitions is a form of check, not of write");
	}
	if (cfg_map_get(n, "transaction", &v) || cfg_map_get(n, "relinquish", &v) ||
	    cfg_map_get(n, "descriptor", &v)) {
		forms++;
		if (forms == 1 && !scn_read_memdesc(p, n, check, m))
			return false;
	}
	if (cfg_map_get(n, "message", &v)) {
		forms++;
		if (forms == 1 && !scn_read_msg(p, &v, check, m))
			return false;
	}
	if (m->desc == NULL && m->msg == NULL && cfg_map_get(n, "layout", &v)) {
		if (!cfg_read_str(&v, (char[16]){0}, 16, p->err) ||
		    !ffa_version_parse(cfg_scalar(&v), &m->layout) ||
		    (m->layout != FFA_VERSION_1_0 && m->layout != FFA_VERSION_1_1 &&
		     m->layout != FFA_VERSION_1_2))
			return cfg_error(&v, p->err,
					 "expected a descriptor layout: 1.0, 1.1 or 1.2");
	}
	if (forms != 1)
		return cfg_error(n, p->err, "expected one of bytes, words, string%s",
				 check ? ", partitions, descriptor or message"
				       : ", transaction, relinquish or message");
	if (m->desc != NULL)
		snprintf(st->label, sizeof(st->label), "%s %s descriptor %s%0*llx",
			 check ? "check" : "write",
			 m->desc->relinquish ? "relinquish" : "memory transaction",
			 m->buffer_set
				 ? (check ? "in the RX buffer of 0x" : "to the TX buffer of 0x")
				 : "at 0x",
			 m->buffer_set ? 4 : 1,
			 (unsigned long long)(m->buffer_set ? m->buffer_ep : m->address));
	else if (m->msg != NULL)
		snprintf(st->label, sizeof(st->label), "%s message %s%0*llx",
			 check ? "check" : "write",
			 m->buffer_set
				 ? (check ? "in the RX buffer of 0x" : "to the TX buffer of 0x")
				 : "at 0x",
			 m->buffer_set ? 4 : 1,
			 (unsigned long long)(m->buffer_set ? m->buffer_ep : m->address));
	else if (m->descriptor_count > 0)
		snprintf(st->label, sizeof(st->label), "check %u partition descriptor(s) at 0x%llx",
			 m->descriptor_count, (unsigned long long)m->address);
	else
		snprintf(st->label, sizeof(st->label), "%s %zu byte(s) at 0x%llx",
			 check ? "check" : "write", m->size, (unsigned long long)m->address);
	return true;
}

/* The folder of the scenario file, with its '/', into buf ("" for the current folder). */
static void scn_folder(const char *file, char *buf, size_t size)
{
	const char *slash = strrchr(file, '/');
	size_t len = slash != NULL ? (size_t)(slash - file + 1) : 0;

	if (len >= size)
		len = size - 1;
	memcpy(buf, file, len);
	buf[len] = '\0';
}

/* Reads a run step. */
static bool scn_read_run(struct scn_parse *p, const struct cfg_node *n, struct scn_step *st)
{
	struct scn_run *r = calloc(1, sizeof(*r));
	struct cfg_node v, e, item;
	char image[EMU_PATH_MAX], dir[EMU_PATH_MAX];
	uint64_t x;

	if (r == NULL)
		return cfg_error(n, p->err, "out of memory");
	st->u.run = r; /* scn_free frees it */
	if (!cfg_expect_map(n, p->err) ||
	    !cfg_map_check_keys(n, scn_run_keys, COUNT(scn_run_keys), p->err) ||
	    !cfg_map_require(n, "image", &v, p->err) ||
	    !cfg_read_str(&v, image, sizeof(image), p->err))
		return false;
	scn_folder(p->scn->file, dir, sizeof(dir));
	if (image[0] == '/' || dir[0] == '\0')
		snprintf(r->image, sizeof(r->image), "%s", image);
	else if ((size_t)snprintf(r->image, sizeof(r->image), "%s%s", dir, image) >=
		 sizeof(r->image))
		return cfg_error(&v, p->err, "the path is too long");
	if (cfg_map_get(n, "expect", &e)) {
		if (!cfg_expect_map(&e, p->err) ||
		    !cfg_map_check_keys(&e, scn_run_expect_keys, COUNT(scn_run_expect_keys),
					p->err))
			return false;
		if (cfg_map_get(&e, "status", &v)) {
			if (!cfg_read_u64_max(&v, 255, &x, p->err))
				return false;
			r->status_set = true;
			r->status = (int)x;
		}
		if (cfg_map_get(&e, "console", &v)) {
			if (!cfg_expect_seq(&v, p->err))
				return false;
			if (cfg_seq_count(&v) > SCN_MAX_CONSOLE)
				return cfg_error(&v, p->err, "at most %d lines", SCN_MAX_CONSOLE);
			for (size_t i = 0; i < cfg_seq_count(&v); i++) {
				cfg_seq_item(&v, i, &item);
				if (!cfg_read_str(&item, r->console[i], sizeof(r->console[i]),
						  p->err))
					return false;
				r->console_count++;
			}
		}
	}
	snprintf(st->label, sizeof(st->label), "run %.150s", image);
	return true;
}

/* Reads an event step. */
static bool scn_read_event(struct scn_parse *p, const struct cfg_node *n, struct scn_step *st)
{
	struct cfg_node v;
	unsigned target;

	if (!cfg_expect_map(n, p->err) ||
	    !cfg_map_check_keys(n, scn_event_keys, COUNT(scn_event_keys), p->err) ||
	    !cfg_map_require(n, "finalise", &v, p->err) ||
	    !cfg_read_enum(&v, scn_finalise_targets, COUNT(scn_finalise_targets), &target, p->err))
		return false;
	if (!p->scn->system->hypervisor.present)
		return cfg_error(&v, p->err, "the system has no hypervisor to finalise");
	if (cfg_map_get(n, "expect", &v)) {
		if (!cfg_read_bool(&v, &st->u.event.expect, p->err))
			return false;
		st->u.event.expect_set = true;
	}
	snprintf(st->label, sizeof(st->label), "event: finalise the hypervisor");
	return true;
}

/* Reads a switch step; hypervisor settings are checked against a copy of a configuration. */
static bool scn_read_switch(struct scn_parse *p, const struct cfg_node *n, struct scn_step *st)
{
	struct scn_switch *sw = &st->u.sw;
	struct cfg_node h, key, val;
	struct hyp_pkvm_config probe;
	size_t len = 0;

	if (!cfg_expect_map(n, p->err) ||
	    !cfg_map_check_keys(n, scn_switch_keys, COUNT(scn_switch_keys), p->err))
		return false;
	len = (size_t)snprintf(st->label, sizeof(st->label), "switch");
	if (cfg_map_get(n, "hypervisor", &h)) {
		if (!p->scn->system->hypervisor.present)
			return cfg_error(&h, p->err, "the system has no hypervisor");
		if (!cfg_expect_map(&h, p->err))
			return false;
		if (cfg_map_count(&h) > SCN_MAX_SWITCHES)
			return cfg_error(&h, p->err, "at most %d switches", SCN_MAX_SWITCHES);
		hyp_profile_find(NULL, &probe);
		for (size_t i = 0; i < cfg_map_count(&h); i++) {
			char setting[SIM_SETTING_VALUE_MAX + EMU_NAME_MAX + 2];
			const char *name;
			struct diag d;
			size_t idx;

			cfg_map_entry(&h, i, &key, &val);
			name = cfg_scalar(&key);
			if (cfg_scalar(&val) == NULL)
				return cfg_error(&val, p->err, "expected a value of the switch");
			snprintf(setting, sizeof(setting), "%s=%s", name, cfg_scalar(&val));
			if (!hyp_pkvm_set(&probe, setting, &d))
				return cfg_error(&key, p->err, "%s", d.msg);
			/* The setting was valid: keep it as the switch and value it names. */
			idx = cfg_switch_find(hyp_switch_set(), name, strlen(name));
			if (idx >= hyp_switch_count())
				return cfg_error(&key, p->err, "\"%s\" is not a switch", name);
			sw->hyp[i].sw = (uint8_t)idx;
			sw->hyp[i].value = probe.sw[idx];
			sw->hyp_count++;
			if (len < sizeof(st->label))
				len += (size_t)snprintf(st->label + len, sizeof(st->label) - len,
							" hypervisor.%s", setting);
		}
	}
	if (cfg_map_get(n, "spmc", &h)) {
		struct cfg_node pers;
		const char *name;

		if (!p->scn->system->spmc_enabled)
			return cfg_error(&h, p->err, "the system has no SPMC");
		if (!cfg_expect_map(&h, p->err) ||
		    !cfg_map_check_keys(&h, (const char *const[]){"personality"}, 1, p->err) ||
		    !cfg_map_require(&h, "personality", &pers, p->err))
			return false;
		name = cfg_scalar(&pers);
		sw->personality = name != NULL ? spmc_personality_find(name) : NULL;
		if (sw->personality == NULL) {
			char choices[128];

			return cfg_error(&pers, p->err, "\"%s\" is not one of %s",
					 name != NULL ? name : "",
					 spmc_personality_choices(choices, sizeof(choices), NULL));
		}
		if (len < sizeof(st->label))
			snprintf(st->label + len, sizeof(st->label) - len, " spmc.personality=%s",
				 name);
	}
	if (sw->hyp_count == 0 && sw->personality == NULL)
		return cfg_error(n, p->err, "expected hypervisor or spmc settings");
	return true;
}

/* Reads one item of `steps:`: a mapping with exactly one step kind. */
static bool scn_read_step(struct scn_parse *p, const struct cfg_node *item, struct scn_step *st)
{
	struct cfg_node key, val;
	unsigned kind;

	st->line = cfg_line(item);
	st->column = cfg_column(item);
	if (!cfg_expect_map(item, p->err) ||
	    !cfg_map_check_keys(item, scn_step_kinds, COUNT(scn_step_kinds), p->err))
		return false;
	if (cfg_map_count(item) != 1)
		return cfg_error(item, p->err,
				 "a step is one of call, write, check, run, event, switch, access");
	cfg_map_entry(item, 0, &key, &val);
	for (kind = 0; strcmp(scn_step_kinds[kind], cfg_scalar(&key)) != 0; kind++)
		;
	st->kind = (enum scn_step_kind)kind;
	switch (st->kind) {
	case SCN_STEP_CALL:
		return scn_read_call(p, &val, st);
	case SCN_STEP_WRITE:
		return scn_read_memory(p, &val, st, false);
	case SCN_STEP_CHECK:
		return scn_read_memory(p, &val, st, true);
	case SCN_STEP_RUN:
		return scn_read_run(p, &val, st);
	case SCN_STEP_EVENT:
		return scn_read_event(p, &val, st);
	case SCN_STEP_SWITCH:
		return scn_read_switch(p, &val, st);
	case SCN_STEP_ACCESS:
		return scn_read_access(p, &val, st);
	}
	return false;
}

/* Resolves a system file path against the scenario's folder. */
static bool scn_system_file(struct scn_parse *p, const struct cfg_node *n)
{
	char dir[EMU_PATH_MAX];
	const char *s = cfg_scalar(n);

	if (s == NULL || *s == '\0')
		return cfg_error(n, p->err, "expected a system file or an inline system mapping");
	scn_folder(p->scn->file, dir, sizeof(dir));
	if (strncmp(s, "builtin:", 8) == 0 || s[0] == '/' || dir[0] == '\0')
		snprintf(p->scn->system_path, sizeof(p->scn->system_path), "%s", s);
	else if ((size_t)snprintf(p->scn->system_path, sizeof(p->scn->system_path), "%s%s", dir,
				  s) >= sizeof(p->scn->system_path))
		return cfg_error(n, p->err, "the path is too long");
	return true;
}

/*
 * Loads the system: a file, a built-in one, or the inline mapping's text. An inline system is
 * handed to the system loader as the scenario's own text, blanked outside the mapping, so that
 * its errors carry the scenario file's name and positions.
 */
static bool scn_load_system(struct scn_parse *p, const struct cfg_node *n)
{
	struct scn_scenario *scn = p->scn;
	const struct scn_options *o = &scn->opts;
	const char *sets[SCN_MAX_SETS * 2];
	unsigned count = 0;
	bool ok = false;

	for (unsigned i = 0; i < scn->set_count; i++)
		sets[count++] = scn->sets[i];
	for (unsigned i = 0; i < o->set_count && count < COUNT(sets); i++)
		sets[count++] = o->sets[i];
	/* Not calloc: the loader clears what it uses, and most of the structure is the table of
	 * SIM_MAX_PARTITIONS manifests, which a replay would fault in for every file. */
	scn->system = malloc(sizeof(*scn->system));
	if (scn->system == NULL)
		return cfg_error(n, p->err, "out of memory");
	if (cfg_is_map(n)) {
		size_t start = n->node->start_mark.index, end = n->node->end_mark.index;
		char *text = malloc(end + 1);

		if (text == NULL)
			return cfg_error(n, p->err, "out of memory");
		/* Keep line breaks (positions) and blank the rest before the mapping. */
		for (size_t i = 0; i < start; i++)
			text[i] = p->text[i] == '\n' ? '\n' : ' ';
		memcpy(text + start, p->text + start, end - start);
		text[end] = '\0';
		ok = sim_system_load_buffer(scn->file, text, end, sets, count, scn->system, p->err);
		free(text);
		return ok;
	}
	if (!scn_system_file(p, n))
		return false;
	if (strncmp(scn->system_path, "builtin:", 8) == 0) {
		for (unsigned i = 0; i < o->builtin_system_count; i++) {
			const struct scn_builtin_system *b = &o->builtin_systems[i];

			if (strcmp(b->name, scn->system_path + 8) == 0)
				return sim_system_load_buffer(scn->system_path, b->data, b->size,
							      sets, count, scn->system, p->err);
		}
		return cfg_error(n, p->err, "no built-in system \"%s\"", scn->system_path + 8);
	}
	return sim_system_load(scn->system_path, sets, count, scn->system, p->err);
}

/* Reads the document: description, set, system, steps. */
static bool scn_parse_doc(struct scn_parse *p)
{
	struct scn_scenario *scn = p->scn;
	struct cfg_node root, n, item;

	if (!cfg_doc_root(&p->doc, &root, p->err) ||
	    !cfg_map_check_keys(&root, scn_root_keys, COUNT(scn_root_keys), p->err))
		return false;
	if (cfg_map_get(&root, "description", &n) &&
	    !cfg_read_str(&n, scn->description, sizeof(scn->description), p->err))
		return false;
	if (cfg_map_get(&root, "set", &n)) {
		if (!cfg_expect_seq(&n, p->err))
			return false;
		if (cfg_seq_count(&n) > SCN_MAX_SETS)
			return cfg_error(&n, p->err, "at most %d overrides", SCN_MAX_SETS);
		for (size_t i = 0; i < cfg_seq_count(&n); i++) {
			cfg_seq_item(&n, i, &item);
			if (!cfg_read_str(&item, scn->sets[i], sizeof(scn->sets[i]), p->err))
				return false;
			if (strchr(scn->sets[i], '=') == NULL)
				return cfg_error(&item, p->err, "expected KEY=VALUE");
			scn->set_count++;
		}
	}
	if (!cfg_map_require(&root, "system", &n, p->err) || !scn_load_system(p, &n))
		return false;
	if (!cfg_map_require(&root, "steps", &n, p->err) || !cfg_expect_seq(&n, p->err))
		return false;
	if (cfg_seq_count(&n) == 0)
		return cfg_error(&n, p->err, "a scenario has at least one step");
	scn->steps = calloc(cfg_seq_count(&n), sizeof(*scn->steps));
	if (scn->steps == NULL)
		return cfg_error(&n, p->err, "out of memory");
	for (size_t i = 0; i < cfg_seq_count(&n); i++) {
		cfg_seq_item(&n, i, &item);
		scn->step_count++;
		if (!scn_read_step(p, &item, &scn->steps[i]))
			return false;
	}
	return true;
}

bool scn_load_buffer(const char *name, const void *data, size_t size,
		     const struct scn_options *opts, struct scn_scenario *scn, struct diag *err)
{
	struct scn_parse p = {.scn = scn, .text = data, .size = size, .err = err};
	bool ok;

	memset(scn, 0, sizeof(*scn));
	snprintf(scn->file, sizeof(scn->file), "%s", name);
	if (opts != NULL)
		scn->opts = *opts;
	if (!cfg_doc_load_buffer(name, data != NULL ? data : "", size, &p.doc, err))
		return false;
	ok = scn_parse_doc(&p);
	cfg_doc_free(&p.doc);
	if (!ok)
		scn_free(scn);
	return ok;
}

bool scn_load(const char *path, const struct scn_options *opts, struct scn_scenario *scn,
	      struct diag *err)
{
	uint8_t *data = NULL;
	size_t size = 0;
	bool ok;

	memset(scn, 0, sizeof(*scn));
	if (!emu_read_file(path, &data, &size, err))
		return false;
	ok = scn_load_buffer(path, data, size, opts, scn, err);
	free(data);
	return ok;
}

void scn_free(struct scn_scenario *scn)
{
	for (unsigned i = 0; scn->steps != NULL && i < scn->step_count; i++) {
		if (scn->steps[i].kind == SCN_STEP_WRITE || scn->steps[i].kind == SCN_STEP_CHECK) {
			free(scn->steps[i].u.mem.bytes);
			free(scn->steps[i].u.mem.desc);
			if (scn->steps[i].u.mem.msg != NULL)
				free(scn->steps[i].u.mem.msg->payload);
			free(scn->steps[i].u.mem.msg);
		} else if (scn->steps[i].kind == SCN_STEP_RUN) {
			free(scn->steps[i].u.run);
		}
	}
	free(scn->steps);
	free(scn->system);
	scn->steps = NULL;
	scn->system = NULL;
	scn->step_count = 0;
}

bool scn_count_steps(const char *path, unsigned *steps, struct diag *err)
{
	struct cfg_doc doc;
	struct cfg_node root, n;
	bool ok;

	if (!cfg_doc_load(path, &doc, err))
		return false;
	ok = cfg_doc_root(&doc, &root, err) && cfg_expect_map(&root, err) &&
	     cfg_map_require(&root, "steps", &n, err) && cfg_expect_seq(&n, err);
	if (ok)
		*steps = (unsigned)cfg_seq_count(&n);
	cfg_doc_free(&doc);
	return ok;
}
