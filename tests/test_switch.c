/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The shared behaviour-switch machinery (common/switch.c) over a small set of its own:
 * defaults, profiles as deltas, "switch=value" settings and their errors, descriptions and
 * the listing, and the list joiner the personality and profile messages use.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/switch.h"

static const struct cfg_switch_value colour_values[] = {
	{"red", "the first"}, {"green", "the second"}, {"blue", "the third"}};
static const struct cfg_switch_value size_values[] = {{"small", "little"}, {"large", "big"}};
static const struct cfg_switch_value level_values[] = {{"v-1.1", "older"}, {"v-1.2", "newer"}};

static const struct cfg_switch test_switches[] = {
	{"colour", colour_values, 3, 1, NULL, "a colour"},
	{"size", size_values, 2, 0, "a change", "a size"},
	{"level", level_values, 2, 1, NULL, "a level"},
};

static const struct cfg_switch_delta test_big[] = {{1, 1}};
static const struct cfg_switch_profile test_profiles[] = {
	{"plain", NULL, 0},
	{"big", test_big, 1},
};

static const struct cfg_switch_set test_set = {"Test", test_switches, 3, test_profiles, 2};

/* Defaults come from each switch; a profile is the defaults plus its delta. */
Test(switch, defaults_and_profiles)
{
	uint8_t v[3] = {9, 9};

	cfg_switch_defaults(&test_set, v);
	cr_expect_eq(v[0], 1);
	cr_expect_eq(v[1], 0);
	cr_expect_eq(v[2], 1);
	cr_assert_not_null(cfg_switch_profile_find(&test_set, "big"));
	cr_expect_null(cfg_switch_profile_find(&test_set, "huge"));
	cr_expect_null(cfg_switch_profile_find(&test_set, NULL));
	memset(v, 9, sizeof(v));
	cfg_switch_profile_apply(&test_set, cfg_switch_profile_find(&test_set, "big"), v);
	cr_expect_str_eq(cfg_switch_value_name(&test_set, v, 0), "green");
	cr_expect_str_eq(cfg_switch_value_name(&test_set, v, 1), "large");
	v[0] = 3;
	cr_expect_str_eq(cfg_switch_value_name(&test_set, v, 0), "?");
	cr_expect_str_eq(cfg_switch_value_name(&test_set, v, 3), "?");
	cr_expect_null(cfg_switch_at(&test_set, 3));
	cr_expect_eq(cfg_switch_find(&test_set, "sizes", 4), 1);
	cr_expect_eq(cfg_switch_find(&test_set, "siz", 3), 3);
}

/* A setting changes one switch; errors list the choices and suggest a near name. */
Test(switch, settings_and_errors)
{
	uint8_t v[3] = {1, 0, 1};
	struct diag err;

	cr_assert(cfg_switch_apply(&test_set, v, "colour=blue", &err), "%s", err.msg);
	cr_expect_eq(v[0], 2);
	cr_assert_not(cfg_switch_apply(&test_set, v, "colur=red", &err));
	cr_expect_str_eq(err.msg,
			 "unknown Test switch \"colur\" (choose colour, size or level); did you "
			 "mean \"colour\"?");
	cr_assert_not(cfg_switch_apply(&test_set, v, "weight=1", &err));
	cr_expect_str_eq(err.msg, "unknown Test switch \"weight\" (choose colour, size or level)");
	cr_assert_not(cfg_switch_apply(&test_set, v, "colour=gren", &err));
	cr_expect_str_eq(err.msg, "Test switch colour: \"gren\" is not a value (choose red, green "
				  "or blue); did you mean \"green\"?");
	cr_assert_not(cfg_switch_apply(&test_set, v, "size=smal", &err));
	cr_expect(strstr(err.msg, "; did you mean \"small\"?") != NULL, "%s", err.msg);
	/* Equally near to two values: no guess. */
	cr_assert_not(cfg_switch_apply(&test_set, v, "level=v-1.3", &err));
	cr_expect_str_eq(err.msg, "Test switch level: \"v-1.3\" is not a value (choose v-1.1 or "
				  "v-1.2)");
	cr_assert_not(cfg_switch_apply(&test_set, v, "colour", &err));
	cr_expect_str_eq(err.msg, "Test switch colour needs a value: colour=red, green or blue");
	cr_assert_not(cfg_switch_apply(&test_set, v, "=red", &err));
	cr_expect_str_eq(err.msg, "unknown Test switch \"\" (choose colour, size or level)");
	cr_expect_eq(v[0], 2, "failed settings leave the values alone");
	cr_expect_eq(v[1], 0);
}

/* Long names and values are quoted cut short, never past the message. */
Test(switch, long_inputs)
{
	char setting[600];
	uint8_t v[3] = {1, 0, 1};
	struct diag err;

	memset(setting, 'x', sizeof(setting) - 1);
	setting[sizeof(setting) - 1] = '\0';
	cr_assert_not(cfg_switch_apply(&test_set, v, setting, &err));
	cr_expect(strlen(err.msg) < 200, "%s", err.msg);
	memcpy(setting, "size=", 5);
	cr_assert_not(cfg_switch_apply(&test_set, v, setting, &err));
	cr_expect(strstr(err.msg, "(choose small or large)") != NULL, "%s", err.msg);
}

/* The description lists the switches that differ from the base, appended to buf. */
Test(switch, describe)
{
	uint8_t base[3] = {1, 0, 1}, v[3] = {1, 0, 1}, all[3] = {0xff, 0xff, 0xff};
	char buf[64] = "";

	cr_expect_str_eq(cfg_switch_describe(&test_set, v, base, buf, sizeof(buf)), "");
	v[1] = 1;
	cr_expect_str_eq(cfg_switch_describe(&test_set, v, base, buf, sizeof(buf)), "size=large");
	snprintf(buf, sizeof(buf), "x: ");
	cr_expect_str_eq(cfg_switch_describe(&test_set, v, all, buf, sizeof(buf)),
			 "x: colour=green, size=large, level=v-1.2");
}

/* The listing prints every value of every switch, one a line. */
Test(switch, print_all)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cr_assert_not_null(f);
	cfg_switch_print_all(&test_set, f);
	fclose(f);
	cr_expect_str_eq(
		text, "colour=red\ncolour=green\ncolour=blue\nsize=small\nsize=large\nlevel=v-1.1\n"
		      "level=v-1.2\n");
	free(text);
}

/* Choices join as "a, b or c", or with another last separator, after what buf holds. */
Test(switch, join_choices)
{
	static const char *const items[] = {"a", "b", "c"};
	char buf[32] = "";
	char tiny[4] = "";

	cr_expect_str_eq(cfg_join_choices(items, 3, " or ", buf, sizeof(buf)), "a, b or c");
	buf[0] = '\0';
	cr_expect_str_eq(cfg_join_choices(items, 3, ", ", buf, sizeof(buf)), "a, b, c");
	buf[0] = '\0';
	cr_expect_str_eq(cfg_join_choices(items, 1, " or ", buf, sizeof(buf)), "a");
	cr_expect_str_eq(cfg_join_choices(items, 3, " or ", tiny, sizeof(tiny)), "a, ");
}
