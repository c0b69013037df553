/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Behaviour switches as data. A switch is a name, two or more named values and a default; a
 * set of switches, with its named profiles (each a delta from the defaults), is a constant
 * table owned by the component it configures (hyp/config.c, spmc/behaviour.c). A
 * configuration is an array of value indexes, one per switch, in the set's order. This module
 * parses "switch=value" settings (errors list the choices and suggest the nearest name),
 * applies profiles, formats what differs from a base and lists every setting.
 */
#ifndef COMMON_SWITCH_H
#define COMMON_SWITCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/diag.h"

/* The longest switch name or value a message quotes whole. */
#define CFG_SWITCH_QUOTE_MAX 64

/* One value of a switch. */
struct cfg_switch_value {
	const char *name;    /* "not-supported" */
	const char *summary; /* one line for people */
};

/* One switch. */
struct cfg_switch {
	const char *name;                      /* "renegotiation" */
	const struct cfg_switch_value *values; /* in the order of the owner's enum */
	uint8_t value_count;                   /* two or more */
	uint8_t default_value;                 /* the value a configuration starts with */
	const char *change;                    /* the real change that moved it, or NULL */
	const char *summary;                   /* one line for people */
};

/* One switch a profile sets to something other than its default. */
struct cfg_switch_delta {
	uint8_t sw;    /* index of the switch */
	uint8_t value; /* index of its value */
};

/* A named profile: the defaults with a few switches changed. */
struct cfg_switch_profile {
	const char *name;
	const struct cfg_switch_delta *delta;
	size_t delta_count;
};

/* A set of switches and its profiles. */
struct cfg_switch_set {
	const char *owner; /* "pKVM", "SPMC": how messages name the set's switches */
	const struct cfg_switch *switches;
	size_t count;
	const struct cfg_switch_profile *profiles; /* the default first; NULL when none */
	size_t profile_count;
};

/* Switch i of a set, or NULL past the end. */
const struct cfg_switch *cfg_switch_at(const struct cfg_switch_set *set, size_t i);

/* The index of the switch whose name is the len characters at name, or set->count. */
size_t cfg_switch_find(const struct cfg_switch_set *set, const char *name, size_t len);

/* The name of the value values[i] names for switch i, or "?" when there is no such value. */
const char *cfg_switch_value_name(const struct cfg_switch_set *set, const uint8_t *values,
				  size_t i);

/* Sets every switch of values (set->count entries) to its default. */
void cfg_switch_defaults(const struct cfg_switch_set *set, uint8_t *values);

/* The profile called name, or NULL. */
const struct cfg_switch_profile *cfg_switch_profile_find(const struct cfg_switch_set *set,
							 const char *name);

/* Fills values with the defaults, then the profile's changes. */
void cfg_switch_profile_apply(const struct cfg_switch_set *set,
			      const struct cfg_switch_profile *profile, uint8_t *values);

/*
 * Applies one "switch=value" setting to values. False with *err, values untouched, when the
 * switch or the value is unknown or the value is missing; the message lists the choices and
 * suggests the nearest one when a name looks like a typo.
 */
bool cfg_switch_apply(const struct cfg_switch_set *set, uint8_t *values, const char *setting,
		      struct diag *err);

/*
 * Appends "SWITCH=VALUE, ..." to buf for every switch whose value differs from base[i] (a
 * value past a switch's last one in base lists every switch). Returns buf.
 */
const char *cfg_switch_describe(const struct cfg_switch_set *set, const uint8_t *values,
				const uint8_t *base, char *buf, size_t size);

/* Prints SWITCH=VALUE for every value of every switch, one a line. */
void cfg_switch_print_all(const struct cfg_switch_set *set, FILE *out);

/*
 * Appends items[0..count-1] to buf as "a, b or c" (last is the separator before the last
 * item: " or ", ", "). Returns buf.
 */
const char *cfg_join_choices(const char *const *items, size_t count, const char *last, char *buf,
			     size_t size);

#endif
