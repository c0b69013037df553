/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What runs a partition of a manifest (docs/manifest.md): an `image` (a file beside the manifest
 * or a built-in example), or a built-in `model` with its `params`: the error model's code, the
 * yield model's count, the scripted model's answers (register lists, or a function or error by
 * name).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "abi/ffa.h"
#include "abi/table.h"
#include "abi/uuid.h"
#include "partitions/builtin.h"
#include "common/yaml_cfg.h"
#include "manifest_internal.h"

#define MAN_YIELD_MAX 1000000u

static const char *const man_model_names[] = {"echo",   "error",    "yield", "scripted",
					      "memory", "indirect", "optee"};
static const char *const man_no_keys[] = {""};
static const char *const man_error_keys[] = {"code"};
static const char *const man_yield_keys[] = {"count"};
static const char *const man_scripted_keys[] = {"answers"};
static const char *const man_optee_keys[] = {"revision", "build-id", "capabilities", "devices"};
/* clang-format off */
static const char *const man_answer_keys[] = {
    "function", "error", "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
    "x12", "x13", "x14", "x15", "x16", "x17"};
/* clang-format on */

/* The example partitions ffa-sim carries (partitions/sp/), named as `image: builtin:NAME`. */
static const char *const part_builtin_images[] = {"sp_echo2",      "sp_forward",  "sp_logger",
						  "sp_memory",     "sp_memory_b", "sp_indirect",
						  "sp_indirect_b", "sp_loop",     "sp_notif"};

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
			if (strcmp(image + strlen(PART_BUILTIN_PREFIX), part_builtin_images[i]) ==
			    0) {
				snprintf(m->image, sizeof(m->image), "%s", image);
				return true;
			}
		}
		return cfg_error(n, l->err,
				 "\"%s\" is not a built-in image (builtin:sp_echo2, "
				 "builtin:sp_forward, builtin:sp_logger, builtin:sp_memory, "
				 "builtin:sp_memory_b, builtin:sp_indirect, builtin:sp_indirect_b, "
				 "builtin:sp_loop, builtin:sp_notif)",
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
			 part_manifest_describe(n, buf, sizeof(buf)));
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

/* Reads "MAJOR.MINOR" (each a 32-bit decimal number) of the optee model's revision. */
static bool man_read_revision(const struct cfg_node *n, struct part_model_params *p,
			      struct diag *err)
{
	const char *s = cfg_scalar(n);
	uint64_t v[2] = {0, 0};
	unsigned part = 0, digits = 0;
	char buf[64];

	for (const char *c = s != NULL ? s : ""; *c != '\0'; c++) {
		if (*c == '.' && part == 0 && digits > 0) {
			part = 1;
			digits = 0;
		} else if (*c >= '0' && *c <= '9' && v[part] <= UINT32_MAX / 10) {
			v[part] = v[part] * 10 + (uint64_t)(*c - '0');
			digits++;
		} else {
			digits = 0;
			break;
		}
	}
	if (s == NULL || part != 1 || digits == 0 || v[0] > UINT32_MAX || v[1] > UINT32_MAX)
		return cfg_error(n, err,
				 "expected an OS revision MAJOR.MINOR (as in 4.10), found %s",
				 part_manifest_describe(n, buf, sizeof(buf)));
	p->optee_revision_major = (uint32_t)v[0];
	p->optee_revision_minor = (uint32_t)v[1];
	return true;
}

/* Reads the optee model's devices: a list of UUIDs its enumeration pseudo TA lists. */
static bool man_read_devices(const struct cfg_node *list, struct part_model_params *p,
			     struct diag *err)
{
	char text[64];

	if (!cfg_expect_seq(list, err))
		return false;
	p->optee_device_count = 0;
	for (size_t i = 0; i < cfg_seq_count(list); i++) {
		struct cfg_node item;
		enum ffa_uuid_err ue;

		cfg_seq_item(list, i, &item);
		if (i == PART_MAX_OPTEE_DEVICES)
			return cfg_error(&item, err, "too many devices (at most %d)",
					 PART_MAX_OPTEE_DEVICES);
		if (!cfg_read_str(&item, text, sizeof(text), err))
			return false;
		ue = ffa_uuid_parse(text, p->optee_devices[i]);
		if (ue != FFA_UUID_OK)
			return cfg_error(&item, err, "\"%s\": %s", text, ffa_uuid_strerror(ue));
		p->optee_device_count++;
	}
	return true;
}

/* Reads the optee model's params: revision, build-id, capabilities, devices. */
static bool man_read_optee(struct man_load *l, const struct cfg_node *params)
{
	struct part_model_params *p = &l->m->params;
	struct cfg_node n;
	uint64_t v = 0;

	if (cfg_map_get(params, "revision", &n) && !man_read_revision(&n, p, l->err))
		return false;
	if (cfg_map_get(params, "build-id", &n)) {
		if (!cfg_read_u64_max(&n, UINT32_MAX, &v, l->err))
			return false;
		p->optee_build_id = (uint32_t)v;
	}
	if (cfg_map_get(params, "capabilities", &n)) {
		if (!cfg_read_u64_max(&n, UINT32_MAX, &v, l->err))
			return false;
		p->optee_caps = (uint32_t)v;
	}
	return !cfg_map_get(params, "devices", &n) || man_read_devices(&n, p, l->err);
}

/* Reads the params of model k (man_model_names[k]); params is NULL when there are none. */
static bool man_read_params(struct man_load *l, unsigned k, const struct cfg_node *params)
{
	static const char *const *const keys[] = {man_no_keys,       man_error_keys, man_yield_keys,
						  man_scripted_keys, man_no_keys,    man_no_keys,
						  man_optee_keys};
	static const size_t key_counts[] = {0,
					    MAN_COUNT(man_error_keys),
					    MAN_COUNT(man_yield_keys),
					    MAN_COUNT(man_scripted_keys),
					    0,
					    0,
					    MAN_COUNT(man_optee_keys)};
	struct part_model_params *p = &l->m->params;
	struct cfg_node n;
	uint64_t v = 0;

	p->yield_count = 1;
	if (k == 6)
		part_optee_defaults(p);
	/* memory, indirect, optee: buffers (and work) in memory of its own. */
	if ((k == 4 || k == 5 || k == 6) && (!l->m->load_address_set || l->m->memory_size < 0x2000))
		return cfg_error(&l->root, l->err,
				 "the %s model needs memory of its own: \"load-address\" and "
				 "a \"memory-size\" of at least two pages",
				 man_model_names[k]);
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
	case 6: /* optee */
		return man_read_optee(l, params);
	default: /* echo, memory, indirect: no parameters */
		return true;
	}
}

/* Reads what runs the partition: an image, or a built-in model with its params. */
bool part_manifest_read_runtime(struct man_load *l)
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
