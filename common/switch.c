/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The behaviour-switch machinery shared by the hypervisor proxy and the SPMC (see
 * include/common/switch.h): settings, profiles, descriptions and listings over a constant
 * struct cfg_switch_set.
 */
#include <string.h>

#include "common/switch.h"
#include "common/yaml_cfg.h"

/* Appends item i of count to buf with the separator it takes ("", ", " or last). */
static void cfg_join_item(char *buf, size_t size, const char *item, size_t i, size_t count,
			  const char *last)
{
	size_t len = strlen(buf);
	const char *sep = i == 0 ? "" : i + 1 == count ? last : ", ";

	if (len + 1 < size)
		snprintf(buf + len, size - len, "%s%s", sep, item);
}

const char *cfg_join_choices(const char *const *items, size_t count, const char *last, char *buf,
			     size_t size)
{
	for (size_t i = 0; i < count; i++)
		cfg_join_item(buf, size, items[i], i, count, last);
	return buf;
}

/* Appends the value names of switch sw as "a, b or c". */
static void cfg_switch_join_values(const struct cfg_switch *sw, char *buf, size_t size)
{
	for (size_t v = 0; v < sw->value_count; v++)
		cfg_join_item(buf, size, sw->values[v].name, v, sw->value_count, " or ");
}

/*
 * The name among names nearest to word when it is close enough to be a typo and no other name
 * is as near ("smccc-1.3" is as near to smccc-1.1 as to smccc-1.2: no suggestion), or NULL.
 */
static const char *cfg_switch_nearest(const char *word, const char *const *names, size_t count)
{
	const char *rest[UINT8_MAX + 1];
	const char *best = cfg_suggest(word, names, count), *second;
	size_t n = 0;

	if (best == NULL)
		return NULL;
	for (size_t i = 0; i < count && n < UINT8_MAX + 1; i++) {
		if (names[i] != best)
			rest[n++] = names[i];
	}
	second = cfg_suggest(word, rest, n);
	/* cfg_suggest() keeps the first of equally near names: a tie answers both orders. */
	if (second != NULL && cfg_suggest(word, (const char *const[]){second, best}, 2) == second)
		return NULL;
	return best;
}

/* Appends `; did you mean "NEAR"?` when the len characters at word are near one of names. */
static void cfg_switch_suggest(const char *word, size_t len, const char *const *names, size_t count,
			       char *buf, size_t size)
{
	char copy[CFG_SWITCH_QUOTE_MAX + 1];
	const char *near;
	size_t used = strlen(buf);

	if (len > CFG_SWITCH_QUOTE_MAX || len == 0)
		return;
	memcpy(copy, word, len);
	copy[len] = '\0';
	near = cfg_switch_nearest(copy, names, count);
	if (near != NULL && used + 1 < size)
		snprintf(buf + used, size - used, "; did you mean \"%s\"?", near);
}

const struct cfg_switch *cfg_switch_at(const struct cfg_switch_set *set, size_t i)
{
	return i < set->count ? &set->switches[i] : NULL;
}

size_t cfg_switch_find(const struct cfg_switch_set *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->count; i++) {
		if (strlen(set->switches[i].name) == len &&
		    strncmp(set->switches[i].name, name, len) == 0)
			return i;
	}
	return set->count;
}

const char *cfg_switch_value_name(const struct cfg_switch_set *set, const uint8_t *values, size_t i)
{
	if (i >= set->count || values[i] >= set->switches[i].value_count)
		return "?";
	return set->switches[i].values[values[i]].name;
}

void cfg_switch_defaults(const struct cfg_switch_set *set, uint8_t *values)
{
	for (size_t i = 0; i < set->count; i++)
		values[i] = set->switches[i].default_value;
}

const struct cfg_switch_profile *cfg_switch_profile_find(const struct cfg_switch_set *set,
							 const char *name)
{
	for (size_t i = 0; name != NULL && i < set->profile_count; i++) {
		if (strcmp(set->profiles[i].name, name) == 0)
			return &set->profiles[i];
	}
	return NULL;
}

void cfg_switch_profile_apply(const struct cfg_switch_set *set,
			      const struct cfg_switch_profile *profile, uint8_t *values)
{
	cfg_switch_defaults(set, values);
	for (size_t i = 0; i < profile->delta_count; i++) {
		if (profile->delta[i].sw < set->count)
			values[profile->delta[i].sw] = profile->delta[i].value;
	}
}

/* The error for a setting whose switch is not in the set. */
static bool cfg_switch_unknown(const struct cfg_switch_set *set, const char *name, size_t len,
			       struct diag *err)
{
	const char *names[UINT8_MAX + 1];
	size_t count = set->count <= UINT8_MAX + 1 ? set->count : UINT8_MAX + 1;
	char msg[DIAG_MSG_MAX];

	for (size_t i = 0; i < count; i++)
		names[i] = set->switches[i].name;
	snprintf(msg, sizeof(msg), "unknown %s switch \"%.*s\" (choose ", set->owner,
		 (int)(len < CFG_SWITCH_QUOTE_MAX ? len : CFG_SWITCH_QUOTE_MAX), name);
	cfg_join_choices(names, count, " or ", msg, sizeof(msg));
	if (strlen(msg) + 1 < sizeof(msg))
		strcat(msg, ")");
	cfg_switch_suggest(name, len, names, count, msg, sizeof(msg));
	diag_set(err, NULL, 0, 0, "%s", msg);
	return false;
}

bool cfg_switch_apply(const struct cfg_switch_set *set, uint8_t *values, const char *setting,
		      struct diag *err)
{
	const char *eq = strchr(setting, '=');
	size_t len = eq != NULL ? (size_t)(eq - setting) : strlen(setting);
	size_t i = cfg_switch_find(set, setting, len);
	const char *names[UINT8_MAX + 1];
	const struct cfg_switch *sw;
	char msg[DIAG_MSG_MAX];

	if (i == set->count)
		return cfg_switch_unknown(set, setting, len, err);
	sw = &set->switches[i];
	if (eq == NULL) {
		snprintf(msg, sizeof(msg), "%s switch %s needs a value: %s=", set->owner, sw->name,
			 sw->name);
		cfg_switch_join_values(sw, msg, sizeof(msg));
		diag_set(err, NULL, 0, 0, "%s", msg);
		return false;
	}
	for (uint8_t v = 0; v < sw->value_count; v++) {
		names[v] = sw->values[v].name;
		if (strcmp(sw->values[v].name, eq + 1) == 0) {
			values[i] = v;
			return true;
		}
	}
	snprintf(msg, sizeof(msg), "%s switch %s: \"%.*s\" is not a value (choose ", set->owner,
		 sw->name, CFG_SWITCH_QUOTE_MAX, eq + 1);
	cfg_switch_join_values(sw, msg, sizeof(msg));
	if (strlen(msg) + 1 < sizeof(msg))
		strcat(msg, ")");
	cfg_switch_suggest(eq + 1, strlen(eq + 1), names, sw->value_count, msg, sizeof(msg));
	diag_set(err, NULL, 0, 0, "%s", msg);
	return false;
}

const char *cfg_switch_describe(const struct cfg_switch_set *set, const uint8_t *values,
				const uint8_t *base, char *buf, size_t size)
{
	size_t start = strlen(buf), len;

	for (size_t i = 0; i < set->count; i++) {
		if (values[i] == base[i] && base[i] < set->switches[i].value_count)
			continue;
		len = strlen(buf);
		if (len + 1 >= size)
			break;
		snprintf(buf + len, size - len, "%s%s=%s", len == start ? "" : ", ",
			 set->switches[i].name, cfg_switch_value_name(set, values, i));
	}
	return buf;
}

void cfg_switch_print_all(const struct cfg_switch_set *set, FILE *out)
{
	for (size_t i = 0; i < set->count; i++) {
		const struct cfg_switch *sw = &set->switches[i];

		for (size_t v = 0; v < sw->value_count; v++)
			fprintf(out, "%s=%s\n", sw->name, sw->values[v].name);
	}
}
