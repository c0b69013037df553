/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The platform file's `costs` (docs/observability.md): the cycle model's fixed costs of calls,
 * world switches, the proxy's and the SPMC's handling by class of call, and interrupts.
 */
#include <inttypes.h>

#include "common/yaml_cfg.h"
#include "emu/internal.h"
#include "emu/platform.h"

/* No single event costs more than a virtual second: a typo, not a model. */
#define COSTS_MAX_EVENT UINT64_C(1000000000)

static const char *const costs_keys[] = {
	"smc-entry", "eret", "world-switch", "proxy", "spmc", "interrupt",
};
static const char *const costs_class_names[EMU_COST_CLASS_COUNT] = {
	[EMU_COST_SETUP] = "setup",   [EMU_COST_MESSAGING] = "messaging",
	[EMU_COST_MEMORY] = "memory", [EMU_COST_NOTIFICATION] = "notification",
	[EMU_COST_OTHER] = "other",
};

const char *emu_cost_class_name(enum emu_cost_class c)
{
	return (unsigned)c < EMU_COST_CLASS_COUNT ? costs_class_names[c] : "?";
}

/* One cost of `costs` when the key is there. */
static bool costs_event(const struct cfg_node *map, const char *key, uint64_t *out,
			struct diag *err)
{
	struct cfg_node n;

	return !cfg_map_get(map, key, &n) || cfg_read_u64_max(&n, COSTS_MAX_EVENT, out, err);
}

/* `proxy` or `spmc`: one number for every class, or a mapping by class name. */
static bool costs_classes(const struct cfg_node *map, const char *key,
			  uint64_t out[EMU_COST_CLASS_COUNT], struct diag *err)
{
	struct cfg_node n, v;
	uint64_t all;

	if (!cfg_map_get(map, key, &n))
		return true;
	if (cfg_is_scalar(&n)) {
		if (!cfg_read_u64_max(&n, COSTS_MAX_EVENT, &all, err))
			return false;
		for (unsigned c = 0; c < EMU_COST_CLASS_COUNT; c++)
			out[c] = all;
		return true;
	}
	if (!cfg_expect_map(&n, err) ||
	    !cfg_map_check_keys(&n, costs_class_names, EMU_COST_CLASS_COUNT, err))
		return false;
	for (unsigned c = 0; c < EMU_COST_CLASS_COUNT; c++) {
		if (cfg_map_get(&n, costs_class_names[c], &v) &&
		    !cfg_read_u64_max(&v, COSTS_MAX_EVENT, &out[c], err))
			return false;
	}
	return true;
}

bool emu_costs_read(const struct cfg_node *root, struct emu_costs *out, struct diag *err)
{
	struct cfg_node map;

	if (!cfg_map_get(root, "costs", &map))
		return true;
	if (!cfg_expect_map(&map, err) ||
	    !cfg_map_check_keys(&map, costs_keys, sizeof(costs_keys) / sizeof(costs_keys[0]), err))
		return false;
	return costs_event(&map, "smc-entry", &out->smc_entry, err) &&
	       costs_event(&map, "eret", &out->eret, err) &&
	       costs_event(&map, "world-switch", &out->world_switch, err) &&
	       costs_event(&map, "interrupt", &out->interrupt, err) &&
	       costs_classes(&map, "proxy", out->proxy, err) &&
	       costs_classes(&map, "spmc", out->spmc, err);
}
