/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Partition manifests in YAML (docs/manifest.md): the properties of the FF-A partition manifest
 * binding (TF-A docs/components/ffa-manifest-binding.rst) as kebab-case keys, plus the
 * simulator's own `image`, `model`, `params` and `memory-size`. Each value is read with its
 * position; the checks that span several keys (versions against messaging methods, regions
 * against each other) run once the values are in, and point at the key that breaks them.
 */
#include "partitions/manifest.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "abi/ffa.h"
#include "abi/table.h"
#include "abi/uuid.h"
#include "common/yaml_cfg.h"

#define MAN_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The CPU model's physical address space: 48 bits, as for platforms. */
#define MAN_PA_LIMIT (UINT64_C(1) << 48)
/* Hafnium passes boot information in x0-x3 only (its manifest checks gp-register-num <= 3). */
#define MAN_GP_REGISTER_MAX 3u
/* SGIs, PPIs and SPIs are INTIDs 0 to 1019 (GICv3 (IHI0069) §2.2). */
#define MAN_INTID_MAX 1019u
#define MAN_BOOT_ORDER_MAX 0xffffu
#define MAN_YIELD_MAX 1000000u
#define MAN_REQ2_BITS (FFA_PROP_DIRECT_REQ2_RECV | FFA_PROP_DIRECT_REQ2_SEND)
/* How much of a value a message quotes. */
#define MAN_QUOTE "%.48s"

/* clang-format off */
static const char *const man_keys[] = {
    "name", "description", "id", "ffa-version", "uuid", "services", "execution-ctx-count",
    "exception-level", "execution-state", "load-address", "entrypoint-offset", "xlat-granule",
    "boot-order", "messaging-method", "ns-interrupts-action", "managed-exit",
    "vm-availability-messages", "power-management-messages", "notification-support",
    "gp-register-num", "memory-regions", "device-regions", "rx-tx-buffer", "memory-size", "image",
    "model", "params"};
/* clang-format on */
static const char *const man_service_keys[] = {"uuid", "messaging-method"};
static const char *const man_region_keys[] = {
    "name", "base-address", "load-address-relative-offset", "pages-count", "attributes"};
static const char *const man_device_keys[] = {"name", "base-address", "pages-count", "attributes",
					      "interrupts"};
static const char *const man_interrupt_keys[] = {"id", "attributes"};
static const char *const man_rxtx_keys[] = {"rx-buffer", "tx-buffer"};
/* Indexed by enum part_exception_level: the binding's values 0, 1, 2. */
static const char *const man_el_names[] = {"EL1", "S-EL0", "S-EL1"};
/* The same, in the order an error lists them: a typo of S-EL2 is most likely meant as S-EL1. */
static const char *const man_el_shown[] = {"S-EL1", "S-EL0", "EL1"};
static const char *const man_state_names[] = {"aarch64", "aarch32"};
static const char *const man_granule_names[] = {"4K", "16K", "64K"};
/* Indexed by enum part_ns_action. */
static const char *const man_ns_action_names[] = {"queued", "managed-exit", "signaled"};
static const char *const man_model_names[] = {"echo", "error", "yield", "scripted"};
static const char *const man_no_keys[] = {""};
static const char *const man_error_keys[] = {"code"};
static const char *const man_yield_keys[] = {"count"};
static const char *const man_scripted_keys[] = {"answers"};
/* clang-format off */
static const char *const man_answer_keys[] = {
    "function", "error", "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
    "x12", "x13", "x14", "x15", "x16", "x17"};
/* clang-format on */

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

/* One address window of the partition, for the overlap check. */
struct man_window {
	const char *name;
	uint64_t base;
	uint64_t size;
	const struct cfg_node *at;
};

/* Everything a load needs besides the manifest itself; positions for the late checks. */
struct man_load {
	struct part_manifest *m;
	struct diag *err;
	struct cfg_node root;
	struct cfg_node region_at[PART_MAX_REGIONS];
	struct cfg_node device_at[PART_MAX_REGIONS];
};

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
static bool man_is_number(const struct cfg_node *n)
{
	const char *s = cfg_scalar(n);

	return s != NULL && s[0] >= '0' && s[0] <= '9';
}

/* "a mapping", "a list", "nothing" or the quoted value, for "expected X, found Y". */
static const char *man_describe(const struct cfg_node *n, char *buf, size_t size)
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
static bool man_read_name(const struct cfg_node *n, char *out, struct diag *err)
{
	const char *c;

	if (!cfg_read_str(n, out, EMU_NAME_MAX, err))
		return false;
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
	if (!man_is_number(n))
		return cfg_read_enum(n, shown != NULL ? shown : names, count, out, err);
	if (!cfg_read_u64(n, &v, err))
		return false;
	if (v >= count) {
		char list[160];
		size_t o = 0;

		for (size_t i = 0; i < count && o < sizeof(list); i++)
			o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%zu (%s)",
					      i == 0	       ? ""
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
	if (man_is_number(n)) {
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
				 man_describe(n, buf, sizeof(buf)));
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

	if (man_is_number(n) && strchr(s, '.') == NULL) {
		if (!cfg_read_u32(n, &v, err))
			return false;
	} else if (s == NULL || s[0] == '\0') {
		return cfg_error(n, err, "expected an FF-A version (1.0, 1.1 or 1.2), found %s",
				 man_describe(n, buf, sizeof(buf)));
	} else if (!man_is_number(n) || !ffa_version_parse(s, &v)) {
		return cfg_error(n, err,
				 "\"" MAN_QUOTE "\" is not an FF-A version (MAJOR.MINOR as in 1.2, "
				 "or its encoding as in 0x10002)",
				 s);
	}
	if (v != FFA_VERSION_1_0 && v != FFA_VERSION_1_1 && v != FFA_VERSION_1_2)
		return cfg_error(n, err, "FF-A %s is not supported (1.0, 1.1 or 1.2)",
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

	if (!cfg_map_require(&l->root, "name", &n, l->err) || !man_read_name(&n, m->name, l->err))
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
		    &n, l->err, "0x%04" PRIx64 " is not a secure partition ID (bit 15 must be set)",
		    id);
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

/* Reads a number that must be 4 KiB aligned. */
static bool man_read_aligned(const struct cfg_node *n, uint64_t *out, struct diag *err)
{
	if (!cfg_read_u64(n, out, err))
		return false;
	if (*out % PART_PAGE_SIZE != 0)
		return cfg_error(n, err, "0x%" PRIx64 " is not 4 KiB aligned", *out);
	return true;
}

/* Checks that [base, base + size) lies inside the physical address space. */
static bool man_check_end(const struct cfg_node *n, const char *what, uint64_t base, uint64_t size,
			  struct diag *err)
{
	if (base >= MAN_PA_LIMIT || size > MAN_PA_LIMIT - base)
		return cfg_error(n, err,
				 "%s [0x%" PRIx64 ", +0x%" PRIx64 ") ends above the 48-bit "
				 "physical address space",
				 what, base, size);
	return true;
}

/* Reads the memory the partition occupies: load-address, memory-size, entrypoint-offset. */
static bool man_read_memory(struct man_load *l)
{
	struct part_manifest *m = l->m;
	struct cfg_node n, at;

	if (cfg_map_get(&l->root, "memory-size", &n)) {
		if (!cfg_read_size(&n, &m->memory_size, l->err))
			return false;
		if (m->memory_size == 0)
			return cfg_error(&n, l->err, "the size must not be zero");
		if (m->memory_size % PART_PAGE_SIZE != 0)
			return cfg_error(&n, l->err, "0x%" PRIx64 " is not a multiple of 4 KiB",
					 m->memory_size);
	}
	if (cfg_map_get(&l->root, "load-address", &at)) {
		if (!man_read_aligned(&at, &m->load_address, l->err) ||
		    !man_check_end(&at, "the partition's memory", m->load_address, m->memory_size,
				   l->err))
			return false;
		m->load_address_set = true;
	}
	if (cfg_map_get(&l->root, "entrypoint-offset", &n)) {
		if (!cfg_read_u64(&n, &m->entrypoint_offset, l->err))
			return false;
		if (m->entrypoint_offset % 4 != 0)
			return cfg_error(&n, l->err,
					 "0x%" PRIx64
					 " is not 4-byte aligned (A64 instructions are)",
					 m->entrypoint_offset);
		if (m->entrypoint_offset >= m->memory_size)
			return cfg_error(&n, l->err,
					 "0x%" PRIx64 " is past the end of the partition's memory "
					 "(memory-size 0x%" PRIx64 ")",
					 m->entrypoint_offset, m->memory_size);
	}
	return true;
}

/* Formats region attributes as letters ("rw", "rx-ns", "none"). */
static const char *man_format_attributes(uint32_t a, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s%s%s", (a & PART_ATTR_READ) ? "r" : "",
		 (a & PART_ATTR_WRITE) ? "w" : "", (a & PART_ATTR_EXEC) ? "x" : "",
		 (a & 7u) == 0 ? "none" : "", (a & PART_ATTR_NS) ? "-ns" : "");
	return buf;
}

/* Parses "r", "rw", "rx", "rw-ns" ... into attribute bits. False if it is not that form. */
static bool man_parse_attributes(const char *s, uint32_t *out)
{
	uint32_t a = 0;

	for (; *s != '\0' && *s != '-'; s++) {
		uint32_t bit = *s == 'r'   ? PART_ATTR_READ
			       : *s == 'w' ? PART_ATTR_WRITE
			       : *s == 'x' ? PART_ATTR_EXEC
					   : 0;

		if (bit == 0 || (a & bit) != 0)
			return false;
		a |= bit;
	}
	if (*s == '-') {
		if (strcmp(s, "-ns") != 0)
			return false;
		a |= PART_ATTR_NS;
	}
	*out = a;
	return a != 0;
}

/*
 * Reads region attributes: letters or a number (R=1 W=2 X=4 NS=8). Memory is r, rw or rx,
 * devices r or rw, as Hafnium accepts them (never writable and executable).
 */
static bool man_read_attributes(const struct cfg_node *n, bool device, uint32_t *out,
				struct diag *err)
{
	const char *allowed = device ? "r or rw" : "r, rw or rx";
	const char *s = cfg_scalar(n);
	uint32_t a = 0, perm;
	uint64_t v = 0;
	char buf[64];

	if (man_is_number(n)) {
		if (!cfg_read_u64_max(n, 0xf, &v, err))
			return false;
		a = (uint32_t)v;
	} else if (s == NULL || s[0] == '\0') {
		return cfg_error(n, err, "expected attributes (%s, -ns for non-secure), found %s",
				 allowed, man_describe(n, buf, sizeof(buf)));
	} else if (!man_parse_attributes(s, &a)) {
		return cfg_error(n, err,
				 "\"" MAN_QUOTE "\" is not a set of attributes (%s, -ns for "
				 "non-secure memory; or a number: r=1 w=2 x=4 ns=8)",
				 s, allowed);
	}
	perm = a & (PART_ATTR_READ | PART_ATTR_WRITE | PART_ATTR_EXEC);
	if (perm != PART_ATTR_READ && perm != (PART_ATTR_READ | PART_ATTR_WRITE) &&
	    (device || perm != (PART_ATTR_READ | PART_ATTR_EXEC)))
		return cfg_error(n, err, "%s is not allowed: %s regions are %s",
				 man_format_attributes(a, buf, sizeof(buf)),
				 device ? "device" : "memory", allowed);
	*out = a;
	return true;
}

/* Reads a pages-count: at least one page. */
static bool man_read_pages(const struct cfg_node *item, uint32_t *out, struct diag *err)
{
	struct cfg_node n;

	if (!cfg_map_require(item, "pages-count", &n, err) || !cfg_read_u32(&n, out, err))
		return false;
	if (*out == 0)
		return cfg_error(&n, err, "a region has at least one page");
	return true;
}

/* Reads one item of memory-regions. */
static bool man_read_region(struct man_load *l, const struct cfg_node *item, struct part_region *r)
{
	struct cfg_node n, base, rel;
	bool has_base, has_rel;
	uint64_t offset = 0;

	if (!cfg_expect_map(item, l->err) ||
	    !cfg_map_check_keys(item, man_region_keys, MAN_COUNT(man_region_keys), l->err) ||
	    !cfg_map_require(item, "name", &n, l->err) || !man_read_name(&n, r->name, l->err))
		return false;
	has_base = cfg_map_get(item, "base-address", &base);
	has_rel = cfg_map_get(item, "load-address-relative-offset", &rel);
	if (has_base && has_rel)
		return cfg_error(
		    &rel, l->err,
		    "base-address and load-address-relative-offset exclude each other");
	if (has_base) {
		if (!man_read_aligned(&base, &r->base, l->err))
			return false;
	} else if (has_rel) {
		if (!man_read_aligned(&rel, &offset, l->err))
			return false;
		if (!l->m->load_address_set)
			return cfg_error(&rel, l->err,
					 "the partition has no load-address to be relative to");
		if (offset >= MAN_PA_LIMIT - l->m->load_address)
			return cfg_error(&rel, l->err,
					 "load-address + 0x%" PRIx64
					 " is above the 48-bit physical "
					 "address space",
					 offset);
		r->base = l->m->load_address + offset;
	} else {
		return cfg_error(
		    item, l->err,
		    "missing key \"base-address\" (or \"load-address-relative-offset\")");
	}
	if (!man_read_pages(item, &r->pages, l->err) ||
	    !man_check_end(item, "the region", r->base, (uint64_t)r->pages * PART_PAGE_SIZE,
			   l->err))
		return false;
	return cfg_map_require(item, "attributes", &n, l->err) &&
	       man_read_attributes(&n, false, &r->attributes, l->err);
}

/* Reads one interrupt of a device region: an ID, or {id, attributes}. */
static bool man_read_interrupt(struct man_load *l, const struct cfg_node *item, uint32_t *id,
			       uint32_t *attributes)
{
	struct cfg_node n = *item, a;
	uint64_t v = 0;

	*attributes = 0;
	if (cfg_is_map(item)) {
		if (!cfg_map_check_keys(item, man_interrupt_keys, MAN_COUNT(man_interrupt_keys),
					l->err) ||
		    !cfg_map_require(item, "id", &n, l->err))
			return false;
		if (cfg_map_get(item, "attributes", &a) && !cfg_read_u32(&a, attributes, l->err))
			return false;
	}
	if (!cfg_read_u64_max(&n, MAN_INTID_MAX, &v, l->err))
		return false;
	*id = (uint32_t)v;
	return true;
}

/* Reads one item of device-regions. */
static bool man_read_device(struct man_load *l, const struct cfg_node *item, struct part_device *d)
{
	struct cfg_node n, list;
	size_t count, i;

	if (!cfg_expect_map(item, l->err) ||
	    !cfg_map_check_keys(item, man_device_keys, MAN_COUNT(man_device_keys), l->err) ||
	    !cfg_map_require(item, "name", &n, l->err) || !man_read_name(&n, d->name, l->err) ||
	    !cfg_map_require(item, "base-address", &n, l->err) ||
	    !man_read_aligned(&n, &d->base, l->err) || !man_read_pages(item, &d->pages, l->err) ||
	    !man_check_end(item, "the region", d->base, (uint64_t)d->pages * PART_PAGE_SIZE,
			   l->err) ||
	    !cfg_map_require(item, "attributes", &n, l->err) ||
	    !man_read_attributes(&n, true, &d->attributes, l->err))
		return false;
	if (!cfg_map_get(item, "interrupts", &list))
		return true;
	if (!cfg_expect_seq(&list, l->err))
		return false;
	count = cfg_seq_count(&list);
	for (i = 0; i < count; i++) {
		struct cfg_node irq;

		cfg_seq_item(&list, i, &irq);
		if (i == PART_MAX_INTERRUPTS)
			return cfg_error(&irq, l->err, "too many interrupts (at most %d)",
					 PART_MAX_INTERRUPTS);
		if (!man_read_interrupt(l, &irq, &d->interrupts[i], &d->interrupt_attributes[i]))
			return false;
		d->interrupt_count++;
	}
	return true;
}

/* Reads memory-regions or device-regions (both optional lists). */
static bool man_read_region_list(struct man_load *l, bool devices)
{
	struct part_manifest *m = l->m;
	const char *key = devices ? "device-regions" : "memory-regions";
	struct cfg_node list;
	size_t count, i;

	if (!cfg_map_get(&l->root, key, &list))
		return true;
	if (!cfg_expect_seq(&list, l->err))
		return false;
	count = cfg_seq_count(&list);
	for (i = 0; i < count; i++) {
		struct cfg_node *at = devices ? &l->device_at[i] : &l->region_at[i];

		if (i == PART_MAX_REGIONS) {
			struct cfg_node extra;

			cfg_seq_item(&list, i, &extra);
			return cfg_error(&extra, l->err, "too many regions (at most %d)",
					 PART_MAX_REGIONS);
		}
		cfg_seq_item(&list, i, at);
		if (devices) {
			if (!man_read_device(l, at, &m->devices[i]))
				return false;
			m->device_count++;
		} else {
			if (!man_read_region(l, at, &m->regions[i]))
				return false;
			m->region_count++;
		}
	}
	return true;
}

/* Regions and devices share one namespace and one address space; interrupts have one owner. */
static bool man_check_regions(struct man_load *l)
{
	const struct part_manifest *m = l->m;
	struct man_window w[2 * PART_MAX_REGIONS];
	unsigned count = 0, i, j, a, b;

	for (i = 0; i < m->region_count; i++)
		w[count++] = (struct man_window){m->regions[i].name, m->regions[i].base,
						 (uint64_t)m->regions[i].pages * PART_PAGE_SIZE,
						 &l->region_at[i]};
	for (i = 0; i < m->device_count; i++)
		w[count++] = (struct man_window){m->devices[i].name, m->devices[i].base,
						 (uint64_t)m->devices[i].pages * PART_PAGE_SIZE,
						 &l->device_at[i]};
	for (i = 0; i < count; i++) {
		for (j = 0; j < i; j++) {
			struct cfg_node name;

			if (strcmp(w[i].name, w[j].name) == 0) {
				cfg_map_get(w[i].at, "name", &name);
				return cfg_error(&name, l->err, "\"%s\" is already the name of %s",
						 w[i].name, w[j].at->path);
			}
			if (w[i].base >= w[j].base + w[j].size ||
			    w[j].base >= w[i].base + w[i].size)
				continue;
			return cfg_error(w[i].at, l->err,
					 "\"%s\" [0x%08" PRIx64 ", 0x%08" PRIx64 ") overlaps %s "
					 "\"%s\" [0x%08" PRIx64 ", 0x%08" PRIx64 ")",
					 w[i].name, w[i].base, w[i].base + w[i].size, w[j].at->path,
					 w[j].name, w[j].base, w[j].base + w[j].size);
		}
	}
	for (i = 0; i < m->device_count; i++) {
		for (a = 0; a < m->devices[i].interrupt_count; a++) {
			for (j = 0; j <= i; j++) {
				for (b = 0; b < (j == i ? a : m->devices[j].interrupt_count); b++) {
					struct cfg_node list, irq;

					if (m->devices[j].interrupts[b] !=
					    m->devices[i].interrupts[a])
						continue;
					cfg_map_get(&l->device_at[i], "interrupts", &list);
					cfg_seq_item(&list, a, &irq);
					return cfg_error(&irq, l->err,
							 "interrupt %" PRIu32 " already belongs to "
							 "%s",
							 m->devices[i].interrupts[a],
							 l->device_at[j].path);
				}
			}
		}
	}
	return true;
}

/* The index of the memory region named by n, or -1 with *err. */
static int man_find_region(struct man_load *l, const struct cfg_node *n)
{
	char name[EMU_NAME_MAX];

	if (!cfg_read_str(n, name, sizeof(name), l->err))
		return -1;
	for (unsigned i = 0; i < l->m->region_count; i++) {
		if (strcmp(l->m->regions[i].name, name) == 0)
			return (int)i;
	}
	cfg_error(n, l->err, "no memory region is named \"%s\"", name);
	return -1;
}

/*
 * Reads rx-tx-buffer: the memory regions the partition uses as its RX and TX buffers, as the
 * binding's rx_tx-info node names them. Both have the same size (Hafnium refuses a mismatch,
 * as FFA_RXTX_MAP takes one page count for both).
 */
static bool man_read_rxtx(struct man_load *l)
{
	struct part_manifest *m = l->m;
	struct cfg_node node, rx, tx;
	int r, t;

	if (!cfg_map_get(&l->root, "rx-tx-buffer", &node))
		return true;
	if (!cfg_expect_map(&node, l->err) ||
	    !cfg_map_check_keys(&node, man_rxtx_keys, MAN_COUNT(man_rxtx_keys), l->err) ||
	    !cfg_map_require(&node, "rx-buffer", &rx, l->err) ||
	    !cfg_map_require(&node, "tx-buffer", &tx, l->err))
		return false;
	r = man_find_region(l, &rx);
	if (r < 0)
		return false;
	t = man_find_region(l, &tx);
	if (t < 0)
		return false;
	if (r == t)
		return cfg_error(&tx, l->err, "the RX and TX buffers are one region");
	if (m->regions[r].pages != m->regions[t].pages)
		return cfg_error(&tx, l->err,
				 "\"%s\" has %" PRIu32 " pages and \"%s\" %" PRIu32
				 "; the buffers are the same size",
				 m->regions[t].name, m->regions[t].pages, m->regions[r].name,
				 m->regions[r].pages);
	m->rxtx_buffer = true;
	m->rx_region = (unsigned)r;
	m->tx_region = (unsigned)t;
	return true;
}

/* The example partitions ffa-sim carries (partitions/sp/), named as `image: builtin:NAME`. */
static const char *const part_builtin_images[] = {"sp_echo2", "sp_forward", "sp_logger"};

/* Resolves the image path against the manifest's folder and checks it is a file. */
static bool man_read_image(struct man_load *l, const struct cfg_node *n)
{
	struct part_manifest *m = l->m;
	char image[EMU_PATH_MAX];
	const char *file = n->doc->file;
	const char *slash = strrchr(file, '/');
	struct stat st;
	int len;

	if (!cfg_read_str(n, image, sizeof(image), l->err))
		return false;
	/* builtin:NAME: an example partition built into ffa-sim (PART_BUILTIN_IMAGES). */
	if (strncmp(image, PART_BUILTIN_PREFIX, strlen(PART_BUILTIN_PREFIX)) == 0) {
		for (size_t i = 0; i < sizeof(part_builtin_images) / sizeof(part_builtin_images[0]);
		     i++) {
			if (strcmp(image + strlen(PART_BUILTIN_PREFIX), part_builtin_images[i]) == 0) {
				snprintf(m->image, sizeof(m->image), "%s", image);
				return true;
			}
		}
		return cfg_error(n, l->err,
				 "\"%s\" is not a built-in image (builtin:sp_echo2, "
				 "builtin:sp_forward, builtin:sp_logger)",
				 image);
	}
	if (image[0] == '/' || slash == NULL)
		len = snprintf(m->image, sizeof(m->image), "%s", image);
	else
		len = snprintf(m->image, sizeof(m->image), "%.*s/%s", (int)(slash - file), file,
			       image);
	if (len < 0 || (size_t)len >= sizeof(m->image))
		return cfg_error(n, l->err, "the image path is longer than %d characters",
				 EMU_PATH_MAX - 1);
	if (stat(m->image, &st) != 0)
		return cfg_error(n, l->err, "cannot open \"%s\": %s", m->image, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return cfg_error(n, l->err, "\"%s\" is not a regular file", m->image);
	return true;
}

/* Reads an FFA_ERROR code: a name (BUSY, FFA_BUSY) or a negative decimal number (-4). */
static bool man_read_error_code(const struct cfg_node *n, int32_t *out, struct diag *err)
{
	const char *s = cfg_scalar(n);
	char buf[64];

	if (s != NULL && s[0] == '-' && s[1] >= '0' && s[1] <= '9') {
		int64_t v = 0;
		const char *c;

		for (c = s + 1; *c >= '0' && *c <= '9' && v <= (int64_t)INT32_MAX + 1; c++)
			v = v * 10 + (*c - '0');
		if (*c == '\0' && v > 0 && v <= (int64_t)INT32_MAX + 1) {
			*out = (int32_t)-v;
			return true;
		}
	} else if (s != NULL && s[0] != '\0' && ffa_error_parse(s, out)) {
		return true;
	}
	return cfg_error(n, err,
			 "expected an FF-A error code (a name as in BUSY or FFA_BUSY, or a "
			 "negative number), found %s",
			 man_describe(n, buf, sizeof(buf)));
}

/* Reads one answer of the scripted model: a list of registers, or the named form. */
static bool man_read_answer(const struct cfg_node *item, struct ffa_value *v, struct diag *err)
{
	struct cfg_node n;
	size_t count, i;

	memset(v, 0, sizeof(*v));
	if (cfg_is_seq(item)) {
		count = cfg_seq_count(item);
		if (count == 0 || count > FFA_REG_COUNT)
			return cfg_error(item, err, "an answer lists 1 to %d registers (x0 first)",
					 FFA_REG_COUNT);
		for (i = 0; i < count; i++) {
			cfg_seq_item(item, i, &n);
			if (!cfg_read_u64(&n, &v->x[i], err))
				return false;
		}
		return true;
	}
	if (!cfg_expect_map(item, err) ||
	    !cfg_map_check_keys(item, man_answer_keys, MAN_COUNT(man_answer_keys), err))
		return false;
	for (i = 0; i < FFA_REG_COUNT; i++) {
		if (cfg_map_get(item, man_answer_keys[2 + i], &n) &&
		    !cfg_read_u64(&n, &v->x[i], err))
			return false;
	}
	if (cfg_map_get(item, "error", &n)) {
		int32_t code = 0;
		struct cfg_node other;

		if (cfg_map_get(item, "function", &other) || cfg_map_get(item, "x0", &other) ||
		    cfg_map_get(item, "x2", &other))
			return cfg_error(&other, err, "error sets x0 and x2 already");
		if (!man_read_error_code(&n, &code, err))
			return false;
		v->x[0] = FFA_ERROR_32;
		v->x[2] = (uint32_t)code;
		return true;
	}
	if (cfg_map_get(item, "function", &n)) {
		char name[64];
		const struct ffa_func *f;
		struct cfg_node other;

		if (cfg_map_get(item, "x0", &other))
			return cfg_error(&other, err, "function sets x0 already");
		if (!cfg_read_str(&n, name, sizeof(name), err))
			return false;
		f = ffa_func_by_name(name);
		if (f == NULL)
			return cfg_error(&n, err,
					 "\"%s\" is not an FF-A function (a name as in "
					 "FFA_MSG_SEND_DIRECT_RESP_64)",
					 name);
		v->x[0] = f->fid;
		return true;
	}
	if (!cfg_map_get(item, "x0", &n))
		return cfg_error(item, err, "missing key \"function\" (or \"x0\", or \"error\")");
	return true;
}

/* Reads the script of the scripted model. */
static bool man_read_script(struct man_load *l, const struct cfg_node *params)
{
	struct part_model_params *p = &l->m->params;
	struct cfg_node list;
	size_t count, i;

	if (!cfg_map_require(params, "answers", &list, l->err) || !cfg_expect_seq(&list, l->err))
		return false;
	count = cfg_seq_count(&list);
	if (count == 0)
		return cfg_error(&list, l->err, "the script has no answers");
	for (i = 0; i < count; i++) {
		struct cfg_node item;

		cfg_seq_item(&list, i, &item);
		if (i == PART_MAX_SCRIPT)
			return cfg_error(&item, l->err, "too many answers (at most %d)",
					 PART_MAX_SCRIPT);
		if (!man_read_answer(&item, &p->script[i], l->err))
			return false;
		p->script_count++;
	}
	return true;
}

/* Reads the params of model k (man_model_names[k]); params is NULL when there are none. */
static bool man_read_params(struct man_load *l, unsigned k, const struct cfg_node *params)
{
	static const char *const *const keys[] = {man_no_keys, man_error_keys, man_yield_keys,
						  man_scripted_keys};
	static const size_t key_counts[] = {0, MAN_COUNT(man_error_keys), MAN_COUNT(man_yield_keys),
					    MAN_COUNT(man_scripted_keys)};
	struct part_model_params *p = &l->m->params;
	struct cfg_node n;
	uint64_t v = 0;

	p->yield_count = 1;
	if (params == NULL) {
		if (k == 1 || k == 3)
			return cfg_error(&l->root, l->err,
					 "missing key \"params\" (the %s model needs %s)",
					 man_model_names[k], k == 1 ? "a code" : "answers");
		return true;
	}
	if (!cfg_expect_map(params, l->err) ||
	    !cfg_map_check_keys(params, keys[k], key_counts[k], l->err))
		return false;
	switch (k) {
	case 1: /* error */
		return cfg_map_require(params, "code", &n, l->err) &&
		       man_read_error_code(&n, &p->error_code, l->err);
	case 2: /* yield */
		if (cfg_map_get(params, "count", &n)) {
			if (!cfg_read_u64_max(&n, MAN_YIELD_MAX, &v, l->err))
				return false;
			p->yield_count = (unsigned)v;
		}
		return true;
	case 3: /* scripted */
		return man_read_script(l, params);
	default: /* echo: no parameters */
		return true;
	}
}

/* Reads what runs the partition: an image, or a built-in model with its params. */
static bool man_read_runtime(struct man_load *l)
{
	struct part_manifest *m = l->m;
	struct cfg_node image, model, params;
	bool has_image = cfg_map_get(&l->root, "image", &image);
	bool has_model = cfg_map_get(&l->root, "model", &model);
	bool has_params = cfg_map_get(&l->root, "params", &params);
	unsigned k = 0;

	if (has_image && has_model)
		return cfg_error(&model, l->err,
				 "image and model exclude each other: a partition is a binary "
				 "or a built-in model");
	if (has_image) {
		if (has_params)
			return cfg_error(&params, l->err, "only a model takes params");
		if (!m->load_address_set)
			return cfg_error(
			    &l->root, l->err,
			    "missing key \"load-address\" (a partition image is loaded "
			    "there)");
		return man_read_image(l, &image);
	}
	if (!has_model)
		return cfg_error(&l->root, l->err, "missing key \"image\" (or \"model\")");
	if (!cfg_read_enum(&model, man_model_names, MAN_COUNT(man_model_names), &k, l->err))
		return false;
	snprintf(m->model, sizeof(m->model), "%s", man_model_names[k]);
	return man_read_params(l, k, has_params ? &params : NULL);
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
	     man_read_events(&l) && man_read_memory(&l) && man_read_region_list(&l, false) &&
	     man_read_region_list(&l, true) && man_check_regions(&l) && man_read_rxtx(&l) &&
	     man_read_runtime(&l);
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
