/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Partition manifests in YAML (docs/manifest.md): the properties of the FF-A partition manifest
 * binding (TF-A docs/components/ffa-manifest-binding.rst) as kebab-case keys, plus the
 * simulator's own `image`, `model`, `params` and `memory-size`. Each value is read with its
 * position; the checks that span several keys (versions against messaging methods, regions
 * against each other) run once the values are in, and point at the key that breaks them.
 *
 * This file reads the partition's identity, execution, services and events, and drives the
 * load; manifest_regions.c reads its memory and regions, manifest_model.c what runs it.
 */
#include "partitions/manifest.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/uuid.h"
#include "common/yaml_cfg.h"
#include "manifest_internal.h"

/* Hafnium passes boot information in x0-x3 only (its manifest checks gp-register-num <= 3). */
#define MAN_GP_REGISTER_MAX 3u
#define MAN_BOOT_ORDER_MAX 0xffffu
#define MAN_REQ2_BITS (FFA_PROP_DIRECT_REQ2_RECV | FFA_PROP_DIRECT_REQ2_SEND)

/* clang-format off */
static const char *const man_keys[] = {
    "name", "description", "id", "ffa-version", "uuid", "services", "execution-ctx-count",
    "exception-level", "execution-state", "load-address", "entrypoint-offset", "xlat-granule",
    "boot-order", "messaging-method", "ns-interrupts-action", "managed-exit", "managed-exit-virq",
    "other-s-interrupts-action", "vm-availability-messages", "power-management-messages", "notification-support",
    "gp-register-num", "memory-regions", "device-regions", "rx-tx-buffer", "memory-size", "image",
    "model", "params"};
/* clang-format on */
static const char *const man_service_keys[] = {"uuid", "messaging-method"};
/* Indexed by enum part_exception_level: the binding's values 0, 1, 2. */
static const char *const man_el_names[] = {"EL1", "S-EL0", "S-EL1"};
/* The same, in the order an error lists them: a typo of S-EL2 is most likely meant as S-EL1. */
static const char *const man_el_shown[] = {"S-EL1", "S-EL0", "EL1"};
static const char *const man_state_names[] = {"aarch64", "aarch32"};
static const char *const man_granule_names[] = {"4K", "16K", "64K"};
/* Indexed by enum part_ns_action. */
static const char *const man_ns_action_names[] = {"queued", "managed-exit", "signaled"};
/* other-s-interrupts-action: Hafnium's values 0 (queued) and 1 (signaled). */
static const char *const man_other_s_names[] = {"queued", "signaled"};

/* A named bit of a flags value (messaging-method, power-management-messages, ...). */
struct man_flag {
	const char *name;
	uint32_t bit;
};

/* A flags key: its names, and what the message calls the bits a number may set. */
struct man_flags {
	const struct man_flag *flags;
	size_t count;
	uint32_t mask;
	const char *bits;
};

/* The partition properties of FF-A v1.2 (DEN0077A) §6.2.1, Table 6.2, that messaging sets. */
static const struct man_flag man_messaging_flag_list[] = {
	{"direct-req-recv", FFA_PROP_DIRECT_REQ_RECV},
	{"direct-req-send", FFA_PROP_DIRECT_REQ_SEND},
	{"indirect", FFA_PROP_INDIRECT_MSG},
	{"direct-req2-recv", FFA_PROP_DIRECT_REQ2_RECV},
	{"direct-req2-send", FFA_PROP_DIRECT_REQ2_SEND},
};
static const struct man_flags man_messaging_flags = {
	man_messaging_flag_list, MAN_COUNT(man_messaging_flag_list), 0x607u, "0-2, 9 and 10"};
static const struct man_flag man_vm_flag_list[] = {
	{"created", PART_VM_CREATED},
	{"destroyed", PART_VM_DESTROYED},
};
static const struct man_flags man_vm_flags = {man_vm_flag_list, MAN_COUNT(man_vm_flag_list), 0x3u,
					      "0 and 1"};
static const struct man_flag man_pm_flag_list[] = {
	{"cpu-off", PART_PM_CPU_OFF},
	{"cpu-suspend", PART_PM_CPU_SUSPEND},
	{"cpu-suspend-resume", PART_PM_CPU_SUSPEND_RESUME},
	{"cpu-on", PART_PM_CPU_ON},
};
static const struct man_flags man_pm_flags = {man_pm_flag_list, MAN_COUNT(man_pm_flag_list), 0xfu,
					      "0-3"};

/* The values a manifest has before its keys are read. */
static void man_defaults(struct part_manifest *m)
{
	memset(m, 0, sizeof(*m));
	m->exec_ctx_count = 1;
	m->exception_level = PART_S_EL1;
	m->boot_order = -1;
	m->gp_register_num = PART_GP_REGISTER_NONE;
	/* Hafnium's default when neither managed-exit nor ns-interrupts-action is given. */
	m->ns_action = PART_NS_SIGNALED;
	m->memory_size = PART_DEFAULT_MEMORY_SIZE;
}

/* True for a scalar that starts like a number. */
bool part_manifest_is_number(const struct cfg_node *n)
{
	const char *s = cfg_scalar(n);

	return s != NULL && s[0] >= '0' && s[0] <= '9';
}

/* "a mapping", "a list", "nothing" or the quoted value, for "expected X, found Y". */
const char *part_manifest_describe(const struct cfg_node *n, char *buf, size_t size)
{
	const char *s = cfg_scalar(n);

	if (cfg_is_map(n))
		return "a mapping";
	if (cfg_is_seq(n))
		return "a list";
	if (s == NULL || s[0] == '\0')
		return "nothing";
	snprintf(buf, size, "\"" MAN_QUOTE "\"", s);
	return buf;
}

/* Names become console prefixes and trace labels: the platform names' alphabet. */
bool part_manifest_read_name(const struct cfg_node *n, char *out, struct diag *err)
{
	const char *c;

	if (!cfg_read_str(n, out, EMU_NAME_MAX, err))
		return false;
	if (out[0] == '\0') /* `name: ""`: quoted, so not the empty value cfg_read_str refuses */
		return cfg_error(n, err, "the name is empty (names have 1 to %d characters)",
				 EMU_NAME_MAX - 1);
	for (c = out; *c != '\0'; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.')
			continue;
		return cfg_error(n, err,
				 "\"%s\" has a '%c'; names use letters, digits, '-', '_' and '.'",
				 out, *c);
	}
	return true;
}

/*
 * Reads a name or a number: an enum written either way (exception-level: S-EL1 or 2). names is
 * indexed by value; shown, when not NULL, lists the same names in the order an error gives them.
 */
static bool man_read_enum_or_number(const struct cfg_node *n, const char *const *names,
				    const char *const *shown, size_t count, unsigned *out,
				    struct diag *err)
{
	const char *s = cfg_scalar(n);
	uint64_t v = 0;

	for (size_t i = 0; s != NULL && i < count; i++) {
		if (strcmp(s, names[i]) == 0) { /* names first: "4K" is a name, not a number */
			*out = (unsigned)i;
			return true;
		}
	}
	if (!part_manifest_is_number(n))
		return cfg_read_enum(n, shown != NULL ? shown : names, count, out, err);
	if (!cfg_read_u64(n, &v, err))
		return false;
	if (v >= count) {
		char list[160];
		size_t o = 0;

		for (size_t i = 0; i < count && o < sizeof(list); i++)
			o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%zu (%s)",
					      i == 0           ? ""
					      : i + 1 == count ? " or "
							       : ", ",
					      i, names[i]);
		return cfg_error(n, err, "%" PRIu64 " is not %s", v, list);
	}
	*out = (unsigned)v;
	return true;
}

/* Reads flags: a number (bits), one name, or a list of names. */
static bool man_read_flags(const struct cfg_node *n, const struct man_flags *f, uint32_t *out,
			   struct diag *err)
{
	const char *names[8];
	uint32_t bits = 0;
	size_t i, count;

	for (i = 0; i < f->count; i++)
		names[i] = f->flags[i].name;
	if (part_manifest_is_number(n)) {
		if (!cfg_read_u32(n, &bits, err))
			return false;
		if ((bits & ~f->mask) != 0)
			return cfg_error(n, err, "0x%" PRIx32 " sets bits other than %s", bits,
					 f->bits);
		*out = bits;
		return true;
	}
	if (cfg_is_scalar(n)) {
		unsigned k = 0;

		if (!cfg_read_enum(n, names, f->count, &k, err))
			return false;
		*out = f->flags[k].bit;
		return true;
	}
	if (!cfg_is_seq(n)) {
		char buf[64];

		return cfg_error(n, err, "expected a name, a list of names or a number, found %s",
				 part_manifest_describe(n, buf, sizeof(buf)));
	}
	count = cfg_seq_count(n);
	for (i = 0; i < count; i++) {
		struct cfg_node item;
		unsigned k = 0;

		cfg_seq_item(n, i, &item);
		if (!cfg_read_enum(&item, names, f->count, &k, err))
			return false;
		if ((bits & f->flags[k].bit) != 0)
			return cfg_error(&item, err, "\"%s\" is listed twice", names[k]);
		bits |= f->flags[k].bit;
	}
	*out = bits;
	return true;
}

/* The name of the lowest bit of bits in f. */
static const char *man_flag_name(const struct man_flags *f, uint32_t bits)
{
	for (size_t i = 0; i < f->count; i++) {
		if ((bits & f->flags[i].bit) != 0)
			return f->flags[i].name;
	}
	return "?";
}

bool part_manifest_read_version(const struct cfg_node *n, uint32_t *out, struct diag *err)
{
	const char *s = cfg_scalar(n);
	uint32_t v = 0;
	char buf[64];

	if (part_manifest_is_number(n) && strchr(s, '.') == NULL) {
		if (!cfg_read_u32(n, &v, err))
			return false;
	} else if (s == NULL || s[0] == '\0') {
		return cfg_error(n, err, "expected an FF-A version (1.0 to 1.3), found %s",
				 part_manifest_describe(n, buf, sizeof(buf)));
	} else if (!part_manifest_is_number(n) || !ffa_version_parse(s, &v)) {
		return cfg_error(n, err,
				 "\"" MAN_QUOTE "\" is not an FF-A version (MAJOR.MINOR as in 1.2, "
				 "or its encoding as in 0x10002)",
				 s);
	}
	if (v < FFA_VERSION_1_0 || v > FFA_VERSION_1_3)
		return cfg_error(n, err, "FF-A %s is not supported (1.0 to 1.3)",
				 ffa_version_format(v, buf, sizeof(buf)));
	*out = v;
	return true;
}

/* Reads a UUID in its text form; the Nil UUID is refused (calls use it for "every UUID"). */
static bool man_read_uuid(const struct cfg_node *n, uint8_t uuid[FFA_UUID_SIZE], struct diag *err)
{
	char text[128];
	enum ffa_uuid_err e;

	if (!cfg_read_str(n, text, sizeof(text), err))
		return false;
	e = ffa_uuid_parse(text, uuid);
	if (e != FFA_UUID_OK)
		return cfg_error(n, err, "\"" MAN_QUOTE "\" is not a UUID: %s", text,
				 ffa_uuid_strerror(e));
	if (ffa_uuid_is_null(uuid))
		return cfg_error(n, err,
				 "the Nil UUID cannot name a partition: FFA_PARTITION_INFO_GET "
				 "reads it as \"every partition\"");
	return true;
}

/* Formats a version for messages ("1.1"). */
static const char *man_version(const struct part_manifest *m, char *buf, size_t size)
{
	return ffa_version_format(m->ffa_version, buf, size);
}

/* DIRECT_REQ2 and DIRECT_RESP2 are new in FF-A v1.2: a partition at an older version cannot
 * receive or send them (Hafnium refuses such a manifest too). */
static bool man_check_messaging(struct man_load *l, const struct cfg_node *n, uint32_t bits)
{
	char v[16];

	if ((bits & MAN_REQ2_BITS) != 0 && l->m->ffa_version < FFA_VERSION_1_2)
		return cfg_error(n, l->err, "%s needs FF-A 1.2 or later (ffa-version is %s)",
				 man_flag_name(&man_messaging_flags, bits & MAN_REQ2_BITS),
				 man_version(l->m, v, sizeof(v)));
	return true;
}

/* Reads one item of services. */
static bool man_read_service(struct man_load *l, const struct cfg_node *item, bool have_default,
			     struct part_service *s)
{
	struct cfg_node n;

	if (!cfg_expect_map(item, l->err) ||
	    !cfg_map_check_keys(item, man_service_keys, MAN_COUNT(man_service_keys), l->err) ||
	    !cfg_map_require(item, "uuid", &n, l->err) || !man_read_uuid(&n, s->uuid, l->err))
		return false;
	if (!cfg_map_get(item, "messaging-method", &n)) {
		if (!have_default)
			return cfg_error(item, l->err,
					 "missing key \"messaging-method\" (the partition gives "
					 "none for its services to inherit)");
		s->messaging = l->m->messaging;
		return true;
	}
	if (!man_read_flags(&n, &man_messaging_flags, &s->messaging, l->err) ||
	    !man_check_messaging(l, &n, s->messaging))
		return false;
	if (have_default && (s->messaging & ~l->m->messaging) != 0)
		return cfg_error(
			&n, l->err, "%s is not in the partition's messaging-method",
			man_flag_name(&man_messaging_flags, s->messaging & ~l->m->messaging));
	return true;
}

/* Reads uuid or services (one of them), and the partition's messaging-method. */
static bool man_read_services(struct man_load *l)
{
	struct part_manifest *m = l->m;
	struct cfg_node uuid, list, msg;
	bool has_uuid = cfg_map_get(&l->root, "uuid", &uuid);
	bool has_list = cfg_map_get(&l->root, "services", &list);
	bool has_msg = cfg_map_get(&l->root, "messaging-method", &msg);
	size_t count, i, j;
	char v[16];

	if (has_msg && (!man_read_flags(&msg, &man_messaging_flags, &m->messaging, l->err) ||
			!man_check_messaging(l, &msg, m->messaging)))
		return false;
	if (has_uuid && has_list)
		return cfg_error(&list, l->err,
				 "uuid and services exclude each other (services lists each UUID "
				 "with its messaging-method)");
	if (has_uuid) {
		if (!has_msg)
			return cfg_error(&l->root, l->err, "missing key \"messaging-method\"");
		m->service_count = 1;
		m->services[0].messaging = m->messaging;
		return man_read_uuid(&uuid, m->services[0].uuid, l->err);
	}
	if (!has_list)
		return cfg_error(&l->root, l->err, "missing key \"uuid\" (or \"services\")");
	if (!cfg_expect_seq(&list, l->err))
		return false;
	count = cfg_seq_count(&list);
	if (count == 0)
		return cfg_error(&list, l->err, "a partition has at least one service");
	for (i = 0; i < count; i++) {
		struct part_service *s = &m->services[i];
		struct cfg_node item;

		cfg_seq_item(&list, i, &item);
		if (i == PART_MAX_SERVICES)
			return cfg_error(&item, l->err, "too many services (at most %d)",
					 PART_MAX_SERVICES);
		if (!man_read_service(l, &item, has_msg, s))
			return false;
		for (j = 0; j < i; j++) {
			if (ffa_uuid_equal(m->services[j].uuid, s->uuid)) {
				cfg_map_get(&item, "uuid", &item);
				return cfg_error(&item, l->err,
						 "the UUID is already the one of services[%zu]", j);
			}
		}
		m->service_count++;
	}
	/* One partition with several UUIDs is new in FF-A v1.1 (its partition information
	 * descriptor carries the UUID; v1.0's did not). */
	if (count > 1 && m->ffa_version < FFA_VERSION_1_1)
		return cfg_error(&list, l->err,
				 "%zu services need FF-A 1.1 or later (ffa-version is %s)", count,
				 man_version(m, v, sizeof(v)));
	if (!has_msg) {
		for (i = 0; i < count; i++)
			m->messaging |= m->services[i].messaging;
	}
	return true;
}

/* Reads the identity: name, description, id, ffa-version. */
static bool man_read_identity(struct man_load *l)
{
	struct part_manifest *m = l->m;
	struct cfg_node n;
	uint64_t id = 0;

	if (!cfg_map_require(&l->root, "name", &n, l->err) ||
	    !part_manifest_read_name(&n, m->name, l->err))
		return false;
	if (cfg_map_get(&l->root, "description", &n) &&
	    !cfg_read_str(&n, m->description, sizeof(m->description), l->err))
		return false;
	if (!cfg_map_require(&l->root, "id", &n, l->err) ||
	    !cfg_read_u64_max(&n, UINT16_MAX, &id, l->err))
		return false;
	/* Secure endpoints have bit 15 set (FF-A v1.2 (DEN0077A) §6.1); 0xffff is the SPMD's. */
	if (!ffa_id_is_secure((uint16_t)id))
		return cfg_error(
			&n, l->err,
			"0x%04" PRIx64 " is not a secure partition ID (bit 15 must be set)", id);
	if (id == FFA_ID_SPMD)
		return cfg_error(&n, l->err, "0xffff is the SPMD's ID");
	m->id = (uint16_t)id;
	return cfg_map_require(&l->root, "ffa-version", &n, l->err) &&
	       part_manifest_read_version(&n, &m->ffa_version, l->err);
}

/* Reads how the partition runs: exception level, state, contexts, granule, boot. */
static bool man_read_execution(struct man_load *l)
{
	struct part_manifest *m = l->m;
	struct cfg_node n = l->root, el_at = l->root;
	unsigned v = 0;
	uint64_t u = 0;

	if (cfg_map_get(&l->root, "exception-level", &el_at)) {
		if (!man_read_enum_or_number(&el_at, man_el_names, man_el_shown,
					     MAN_COUNT(man_el_names), &v, l->err))
			return false;
		m->exception_level = (enum part_exception_level)v;
	}
	if (cfg_map_get(&l->root, "execution-state", &n)) {
		if (!man_read_enum_or_number(&n, man_state_names, NULL, MAN_COUNT(man_state_names),
					     &v, l->err))
			return false;
		if (v != 0)
			return cfg_error(&n, l->err, "AArch32 partitions are not supported");
	}
	if (cfg_map_get(&l->root, "execution-ctx-count", &n)) {
		if (!cfg_read_u64_max(&n, UINT16_MAX, &u, l->err))
			return false;
		if (u == 0)
			return cfg_error(&n, l->err,
					 "a partition has at least one execution context");
		m->exec_ctx_count = (uint16_t)u;
		m->exec_ctx_line = cfg_line(&n);
		m->exec_ctx_column = cfg_column(&n);
	}
	/* An S-EL0 partition has one context (Hafnium refuses more). */
	if (m->exception_level == PART_S_EL0 && m->exec_ctx_count != 1)
		return cfg_error(&n, l->err, "an S-EL0 partition has one execution context, not %u",
				 m->exec_ctx_count);
	if (cfg_map_get(&l->root, "xlat-granule", &n)) {
		if (!man_read_enum_or_number(&n, man_granule_names, NULL,
					     MAN_COUNT(man_granule_names), &v, l->err))
			return false;
		if (v != 0)
			return cfg_error(&n, l->err,
					 "only the 4K translation granule is supported");
	}
	if (cfg_map_get(&l->root, "boot-order", &n)) {
		if (!cfg_read_u64_max(&n, MAN_BOOT_ORDER_MAX, &u, l->err))
			return false;
		m->boot_order = (int)u;
	}
	if (cfg_map_get(&l->root, "gp-register-num", &n)) {
		if (!cfg_read_u64_max(&n, MAN_GP_REGISTER_MAX, &u, l->err))
			return false;
		m->gp_register_num = (uint32_t)u;
	}
	return true;
}

/* Reads the interrupt and power settings: ns-interrupts-action, managed-exit, messages. */
static bool man_read_events(struct man_load *l)
{
	struct part_manifest *m = l->m;
	struct cfg_node n, me, action;
	bool has_me = cfg_map_get(&l->root, "managed-exit", &me);
	bool has_action = cfg_map_get(&l->root, "ns-interrupts-action", &action);
	unsigned v = 0;
	char ver[16];

	if (has_action) {
		if (!man_read_enum_or_number(&action, man_ns_action_names, NULL,
					     MAN_COUNT(man_ns_action_names), &v, l->err))
			return false;
		m->ns_action = (enum part_ns_action)v;
	}
	if (has_me) {
		bool on = false;

		if (!cfg_read_bool(&me, &on, l->err))
			return false;
		/* managed-exit is the v1.0 form of ns-interrupts-action: managed-exit. */
		if (has_action && on != (m->ns_action == PART_NS_MANAGED_EXIT))
			return cfg_error(&me, l->err, "%s contradicts ns-interrupts-action: %s",
					 on ? "true" : "false", man_ns_action_names[m->ns_action]);
		if (on)
			m->ns_action = PART_NS_MANAGED_EXIT;
	}
	m->managed_exit = m->ns_action == PART_NS_MANAGED_EXIT;
	/* Managed exit is signalled to an S-EL1 partition only (Hafnium refuses it for others). */
	if (m->managed_exit && m->exception_level != PART_S_EL1)
		return cfg_error(has_me ? &me : &action, l->err,
				 "managed exit needs an S-EL1 partition (exception-level is %s)",
				 man_el_names[m->exception_level]);
	/* managed-exit-virq: the managed-exit interrupt is a vIRQ instead of a vFIQ (Hafnium reads
	 * it only for a managed-exit partition). */
	if (cfg_map_get(&l->root, "managed-exit-virq", &n)) {
		if (!cfg_read_bool(&n, &m->managed_exit_virq, l->err))
			return false;
		if (m->managed_exit_virq && !m->managed_exit)
			return cfg_error(&n, l->err,
					 "a managed-exit interrupt needs ns-interrupts-action: "
					 "managed-exit (it is %s)",
					 man_ns_action_names[m->ns_action]);
	}
	/*
	 * other-s-interrupts-action (FF-A v1.2 (DEN0077A) §8.3.2): what a secure interrupt of
	 * another partition does while this one runs; signaled unless given. Queued masks every
	 * interrupt while it runs, so Hafnium (manifest.c) refuses it unless non-secure ones are
	 * queued too.
	 */
	if (cfg_map_get(&l->root, "other-s-interrupts-action", &n)) {
		if (!man_read_enum_or_number(&n, man_other_s_names, NULL,
					     MAN_COUNT(man_other_s_names), &v, l->err))
			return false;
		m->other_s_queued = v == 0;
		if (m->other_s_queued && m->ns_action != PART_NS_QUEUED)
			return cfg_error(&n, l->err,
					 "queued needs ns-interrupts-action: queued (it is %s): a "
					 "partition that queues other secure interrupts queues "
					 "non-secure ones too",
					 man_ns_action_names[m->ns_action]);
	}
	if (cfg_map_get(&l->root, "vm-availability-messages", &n) &&
	    !man_read_flags(&n, &man_vm_flags, &m->vm_availability, l->err))
		return false;
	if (cfg_map_get(&l->root, "power-management-messages", &n)) {
		if (!man_read_flags(&n, &man_pm_flags, &m->power_messages, l->err))
			return false;
		m->power_management = m->power_messages != 0;
	}
	if (cfg_map_get(&l->root, "notification-support", &n)) {
		if (!cfg_read_bool(&n, &m->notification_support, l->err))
			return false;
		/* The notification calls are new in FF-A v1.1. */
		if (m->notification_support && m->ffa_version < FFA_VERSION_1_1)
			return cfg_error(&n, l->err,
					 "notifications need FF-A 1.1 or later (ffa-version is %s)",
					 man_version(m, ver, sizeof(ver)));
	}
	return true;
}

bool part_manifest_from_node(const struct cfg_node *node, struct part_manifest *m, struct diag *err)
{
	struct man_load l = {.m = m, .err = err, .root = *node};
	bool ok;

	man_defaults(m);
	snprintf(m->file, sizeof(m->file), "%s", node->doc->file);
	m->line = cfg_line(node);
	ok = cfg_expect_map(node, err) &&
	     cfg_map_check_keys(node, man_keys, MAN_COUNT(man_keys), err) &&
	     man_read_identity(&l) && man_read_execution(&l) && man_read_services(&l) &&
	     man_read_events(&l) && part_manifest_read_memory(&l) &&
	     part_manifest_read_region_list(&l, false) &&
	     part_manifest_read_region_list(&l, true) && part_manifest_check_regions(&l) &&
	     part_manifest_read_rxtx(&l) && part_manifest_read_runtime(&l);
	if (!ok) {
		man_defaults(m);
		return false;
	}
	return true;
}

bool part_manifest_load(const char *path, struct part_manifest *m, struct diag *err)
{
	struct cfg_doc doc;
	struct cfg_node root;
	bool ok;

	man_defaults(m);
	if (!cfg_doc_load(path, &doc, err))
		return false;
	ok = cfg_doc_root(&doc, &root, err) && part_manifest_from_node(&root, m, err);
	cfg_doc_free(&doc);
	return ok;
}
