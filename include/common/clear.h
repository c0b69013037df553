/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Clearing a large structure but for one member: the tables sized for the most a simulation can
 * have (SIM_MAX_PARTITIONS manifests, SPMC_MAX_ENDPOINTS endpoints, SIM_MAX_SETS overrides),
 * whose entries are cleared one by one as they are filled and never read past their count.
 * A replay sets up one simulation a file; clearing those tables whole touched, and faulted in,
 * most of the memory it used (docs/performance.md).
 */
#ifndef COMMON_CLEAR_H
#define COMMON_CLEAR_H

#include <stddef.h>
#include <string.h>

/*
 * Zeroes the size bytes at obj except [keep_at, keep_at + keep_size), the member left as it is:
 * called as clear_except(p, sizeof(*p), offsetof(struct s, table), sizeof(p->table)).
 */
static inline void clear_except(void *obj, size_t size, size_t keep_at, size_t keep_size)
{
	char *bytes = obj;

	memset(bytes, 0, keep_at);
	memset(bytes + keep_at + keep_size, 0, size - keep_at - keep_size);
}

#endif
