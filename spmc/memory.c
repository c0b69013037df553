/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guest memory by owner (include/spmc/memory.h): the one place where spmc/ and hyp/ reach guest
 * memory (through struct spmc_guest_mem), always after checking that the endpoint they act for
 * owns every byte.
 */
#include "spmc/memory.h"

#include <string.h>

const char *spmc_mem_strerror(enum spmc_mem_status status)
{
	switch (status) {
	case SPMC_MEM_OK:
		return "ok";
	case SPMC_MEM_NOT_OWNED:
		return "not owned by the endpoint";
	case SPMC_MEM_NO_ACCESS:
		return "owned without the access needed";
	case SPMC_MEM_NOT_BACKED:
		return "not backed by RAM";
	case SPMC_MEM_FULL:
		return "too many owned ranges";
	}
	return "?";
}

/* The end of [base, base + size), false when it is empty or wraps. */
static bool mem_end(uint64_t base, uint64_t size, uint64_t *end)
{
	*end = base + size;
	return size != 0 && *end > base;
}

enum spmc_mem_status spmc_mem_owner_add(struct spmc_mem_owner *owner, uint64_t base, uint64_t size,
					uint32_t access)
{
	uint64_t end;

	if (!mem_end(base, size, &end))
		return SPMC_MEM_NOT_OWNED;
	if (owner->count == SPMC_MEM_MAX_RANGES)
		return SPMC_MEM_FULL;
	owner->ranges[owner->count++] = (struct spmc_mem_range){base, size, access};
	return SPMC_MEM_OK;
}

/* True when the memory has ops: a NULL or empty one backs nothing. */
static bool mem_present(const struct spmc_guest_mem *mem)
{
	return mem != NULL && mem->ops != NULL;
}

enum spmc_mem_status spmc_mem_owner_add_ram(struct spmc_mem_owner *owner,
					    const struct spmc_guest_mem *mem, bool secure)
{
	uint64_t base, size;
	enum spmc_mem_status st;

	for (unsigned i = 0; mem_present(mem) && mem->ops->ram(mem->ctx, secure, i, &base, &size);
	     i++) {
		st = spmc_mem_owner_add(owner, base, size, SPMC_MEM_RW);
		if (st != SPMC_MEM_OK)
			return st;
	}
	return SPMC_MEM_OK;
}

bool spmc_mem_first_ram(const struct spmc_guest_mem *mem, bool secure, uint64_t *base,
			uint64_t *size)
{
	return mem_present(mem) && mem->ops->ram(mem->ctx, secure, 0, base, size);
}

enum spmc_mem_status spmc_mem_owner_remove(struct spmc_mem_owner *owner, uint64_t base,
					   uint64_t size)
{
	uint64_t end;

	if (!mem_end(base, size, &end))
		return SPMC_MEM_OK;
	for (unsigned i = 0; i < owner->count; i++) {
		struct spmc_mem_range *r = &owner->ranges[i];
		uint64_t r_end = r->base + r->size;

		if (end <= r->base || r_end <= base)
			continue;
		if (base > r->base && end < r_end) {
			/* The hole is inside: the range keeps its head, its tail becomes a range.
			 */
			if (owner->count == SPMC_MEM_MAX_RANGES)
				return SPMC_MEM_FULL;
			owner->ranges[owner->count++] =
				(struct spmc_mem_range){end, r_end - end, r->access};
			r->size = base - r->base;
		} else if (base > r->base) {
			r->size = base - r->base;
		} else if (end < r_end) {
			r->size = r_end - end;
			r->base = end;
		} else {
			/* Wholly inside the hole: the last range takes its slot. */
			*r = owner->ranges[--owner->count];
			i--;
		}
	}
	return SPMC_MEM_OK;
}

/* The range holding addr with the access, or NULL. */
static const struct spmc_mem_range *mem_range_at(const struct spmc_mem_owner *owner, uint64_t addr,
						 uint32_t access)
{
	for (unsigned i = 0; i < owner->count; i++) {
		const struct spmc_mem_range *r = &owner->ranges[i];

		if (addr >= r->base && addr - r->base < r->size && (r->access & access) == access)
			return r;
	}
	return NULL;
}

/* Ownership of [addr, addr + size): ranges may adjoin (a partition's memory and the region
 * after it), so the bytes are covered range by range. */
static enum spmc_mem_status mem_owned(const struct spmc_mem_owner *owner, uint64_t addr,
				      uint64_t size, uint32_t access)
{
	uint64_t end, cur = addr;

	if (!mem_end(addr, size, &end))
		return SPMC_MEM_NOT_OWNED;
	while (cur < end) {
		const struct spmc_mem_range *r = mem_range_at(owner, cur, access);

		if (r == NULL)
			return mem_range_at(owner, cur, 0) != NULL ? SPMC_MEM_NO_ACCESS
								   : SPMC_MEM_NOT_OWNED;
		cur = r->base + r->size;
	}
	return SPMC_MEM_OK;
}

bool spmc_mem_owns(const struct spmc_mem_owner *owner, uint64_t addr, uint64_t size,
		   uint32_t access)
{
	return mem_owned(owner, addr, size, access) == SPMC_MEM_OK;
}

bool spmc_mem_backed(const struct spmc_guest_mem *mem, uint64_t addr, uint64_t size, bool write)
{
	return mem_present(mem) && mem->ops->backed(mem->ctx, addr, size, write);
}

/* Checks [addr, addr + size) for an access on the owner's behalf: owned, then backed. */
static enum spmc_mem_status mem_access(const struct spmc_guest_mem *mem,
				       const struct spmc_mem_owner *owner, uint64_t addr,
				       uint64_t size, uint32_t access)
{
	enum spmc_mem_status st = mem_owned(owner, addr, size, access);

	if (st == SPMC_MEM_OK && !spmc_mem_backed(mem, addr, size, (access & SPMC_MEM_WRITE) != 0))
		st = SPMC_MEM_NOT_BACKED;
	return st;
}

enum spmc_mem_status spmc_mem_check(const struct spmc_guest_mem *mem,
				    const struct spmc_mem_owner *owner, uint64_t addr,
				    uint64_t size, uint32_t access)
{
	return mem_access(mem, owner, addr, size, access);
}

enum spmc_mem_status spmc_mem_read(const struct spmc_guest_mem *mem,
				   const struct spmc_mem_owner *owner, uint64_t addr, void *dst,
				   uint64_t size)
{
	enum spmc_mem_status st = mem_access(mem, owner, addr, size, SPMC_MEM_READ);

	if (st == SPMC_MEM_OK)
		mem->ops->read(mem->ctx, addr, dst, size);
	return st;
}

enum spmc_mem_status spmc_mem_write(const struct spmc_guest_mem *mem,
				    const struct spmc_mem_owner *owner, uint64_t addr,
				    const void *src, uint64_t size)
{
	enum spmc_mem_status st = mem_access(mem, owner, addr, size, SPMC_MEM_WRITE);

	if (st == SPMC_MEM_OK)
		mem->ops->write(mem->ctx, addr, src, size);
	return st;
}

void spmc_mem_owner_coalesce(struct spmc_mem_owner *owned)
{
	for (unsigned i = 0; i < owned->count; i++) {
		for (unsigned k = 0; k < owned->count; k++) {
			struct spmc_mem_range *a = &owned->ranges[i];
			struct spmc_mem_range *b = &owned->ranges[k];

			if (k == i || a->access != b->access || a->base + a->size != b->base)
				continue;
			a->size += b->size;
			*b = owned->ranges[--owned->count];
			if (i == owned->count)
				i = k;
			k = (unsigned)-1; /* a grew: look again from the start */
		}
	}
}
