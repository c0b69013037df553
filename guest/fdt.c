/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Read-only flattened device tree walker (Devicetree Specification v0.4, chapter 5). All
 * reads are byte-wise and bounds-checked: the blob may sit at any address, and guests run
 * with the MMU off where an unaligned access to Device memory faults.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sdk/fdt.h>
#include <sdk/string.h>

/* Structure block tokens (DT spec v0.4 §5.4.1). */
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u

/* Header fields, as byte offsets (DT spec v0.4 §5.2). */
#define FDT_HDR_MAGIC 0
#define FDT_HDR_TOTALSIZE 4
#define FDT_HDR_OFF_STRUCT 8
#define FDT_HDR_OFF_STRINGS 12
#define FDT_HDR_VERSION 20
#define FDT_HDR_LAST_COMP 24
#define FDT_HDR_SIZE_STRINGS 32
#define FDT_HDR_SIZE_STRUCT 36
#define FDT_HDR_LEN 40

/* Deepest nesting sdk_fdt_parent follows. */
#define FDT_MAX_DEPTH 32

/* The blocks of a checked tree. */
struct view {
	const uint8_t *st; /* structure block */
	uint32_t st_size;
	const char *str; /* strings block */
	uint32_t str_size;
};

uint32_t sdk_fdt_cell(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint32_t hdr(const void *fdt, unsigned field)
{
	return sdk_fdt_cell((const uint8_t *)fdt + field);
}

bool sdk_fdt_check(const void *fdt)
{
	uint32_t total, off_st, off_str, size_st, size_str;

	if (!fdt || hdr(fdt, FDT_HDR_MAGIC) != SDK_FDT_MAGIC)
		return false;
	/* Version 17 is current; 16 lacks size_dt_struct. Refuse trees we cannot read. */
	if (hdr(fdt, FDT_HDR_VERSION) < 16 || hdr(fdt, FDT_HDR_LAST_COMP) > 17)
		return false;
	total = hdr(fdt, FDT_HDR_TOTALSIZE);
	off_st = hdr(fdt, FDT_HDR_OFF_STRUCT);
	off_str = hdr(fdt, FDT_HDR_OFF_STRINGS);
	size_str = hdr(fdt, FDT_HDR_SIZE_STRINGS);
	size_st = hdr(fdt, FDT_HDR_VERSION) >= 17 ? hdr(fdt, FDT_HDR_SIZE_STRUCT) : total - off_st;
	if (total < FDT_HDR_LEN || off_st < FDT_HDR_LEN || off_str < FDT_HDR_LEN)
		return false;
	if (off_st > total || size_st > total - off_st || (off_st & 3u) != 0)
		return false;
	if (off_str > total || size_str > total - off_str)
		return false;
	return true;
}

uint32_t sdk_fdt_total_size(const void *fdt)
{
	return hdr(fdt, FDT_HDR_TOTALSIZE);
}

static bool view_of(const void *fdt, struct view *v)
{
	if (!sdk_fdt_check(fdt))
		return false;
	v->st = (const uint8_t *)fdt + hdr(fdt, FDT_HDR_OFF_STRUCT);
	v->st_size = hdr(fdt, FDT_HDR_VERSION) >= 17
			     ? hdr(fdt, FDT_HDR_SIZE_STRUCT)
			     : hdr(fdt, FDT_HDR_TOTALSIZE) - hdr(fdt, FDT_HDR_OFF_STRUCT);
	v->str = (const char *)fdt + hdr(fdt, FDT_HDR_OFF_STRINGS);
	v->str_size = hdr(fdt, FDT_HDR_SIZE_STRINGS);
	return true;
}

static uint32_t align4(uint32_t x)
{
	return (x + 3u) & ~3u;
}

/*
 * Reads the token at off: its tag, and the offset of the token after it. Returns false when
 * the token or what it covers runs past the structure block.
 */
static bool token(const struct view *v, int off, uint32_t *tag, int *next)
{
	uint32_t o = (uint32_t)off;
	uint32_t end;

	if (off < 0 || o + 4 > v->st_size)
		return false;
	*tag = sdk_fdt_cell(v->st + o);
	switch (*tag) {
	case FDT_BEGIN_NODE:
		end = o + 4;
		while (end < v->st_size && v->st[end])
			end++;
		if (end >= v->st_size)
			return false;
		end = align4(end + 1);
		break;
	case FDT_PROP:
		if (o + 12 > v->st_size)
			return false;
		end = o + 12 + sdk_fdt_cell(v->st + o + 4);
		if (end < o + 12 || end > v->st_size)
			return false;
		end = align4(end);
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		end = o + 4;
		break;
	default:
		return false;
	}
	*next = (int)end;
	return true;
}

/*
 * The node after node in document order, or -1. *depth is node's depth on entry and the
 * returned node's on return (children of node are one deeper).
 */
static int next_node(const struct view *v, int node, int *depth)
{
	uint32_t tag;
	int off, next;

	if (!token(v, node, &tag, &off) || tag != FDT_BEGIN_NODE)
		return -1;
	for (;;) {
		if (!token(v, off, &tag, &next))
			return -1;
		switch (tag) {
		case FDT_BEGIN_NODE:
			*depth += 1;
			return off;
		case FDT_END_NODE:
			*depth -= 1;
			break;
		case FDT_PROP:
		case FDT_NOP:
			break;
		default:
			return -1;
		}
		off = next;
	}
}

static int root_of(const struct view *v)
{
	uint32_t tag;
	int off = 0, next;

	while (token(v, off, &tag, &next)) {
		if (tag == FDT_BEGIN_NODE)
			return off;
		if (tag != FDT_NOP)
			return -1;
		off = next;
	}
	return -1;
}

int sdk_fdt_root(const void *fdt)
{
	struct view v;

	return view_of(fdt, &v) ? root_of(&v) : -1;
}

const char *sdk_fdt_node_name(const void *fdt, int node)
{
	struct view v;
	uint32_t tag;
	int next;

	if (!view_of(fdt, &v) || !token(&v, node, &tag, &next) || tag != FDT_BEGIN_NODE)
		return "";
	return (const char *)v.st + node + 4;
}

/* True if the path component comp[0..len) contains a unit address ('@'). */
static bool has_unit_address(const char *comp, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (comp[i] == '@')
			return true;
	}
	return false;
}

/* True if name (a node name) matches the path component comp[0..len). */
static bool name_matches(const char *name, const char *comp, size_t len)
{
	if (strncmp(name, comp, len) != 0)
		return false;
	if (name[len] == '\0')
		return true;
	/* "memory" matches "memory@40000000" unless the component gives a unit address. */
	return name[len] == '@' && !has_unit_address(comp, len);
}

int sdk_fdt_path_offset(const void *fdt, const char *path)
{
	struct view v;
	int node;

	if (!view_of(fdt, &v) || !path || path[0] != '/')
		return -1;
	node = root_of(&v);
	while (node >= 0) {
		const char *comp;
		size_t len = 0;
		int depth = 0;
		int child;

		while (*path == '/')
			path++;
		if (*path == '\0')
			return node;
		comp = path;
		while (comp[len] && comp[len] != '/')
			len++;
		path += len;

		/* Search node's direct children (depth 1); depth 0 means we left node. */
		child = next_node(&v, node, &depth);
		while (child >= 0 && depth > 0) {
			if (depth == 1 && name_matches((const char *)v.st + child + 4, comp, len))
				break;
			child = next_node(&v, child, &depth);
		}
		node = (child >= 0 && depth > 0) ? child : -1;
	}
	return -1;
}

/* Finds prop in node's own properties; returns the PROP token's offset or -1. */
static int find_prop(const struct view *v, int node, const char *name)
{
	uint32_t tag;
	int off, next;

	if (!token(v, node, &tag, &off) || tag != FDT_BEGIN_NODE)
		return -1;
	while (token(v, off, &tag, &next)) {
		if (tag == FDT_PROP) {
			uint32_t nameoff = sdk_fdt_cell(v->st + off + 8);

			if (nameoff < v->str_size &&
			    strncmp(v->str + nameoff, name, v->str_size - nameoff) == 0)
				return off;
		} else if (tag != FDT_NOP) {
			return -1; /* the first child or the node's end: no more properties */
		}
		off = next;
	}
	return -1;
}

const void *sdk_fdt_getprop(const void *fdt, int node, const char *name, uint32_t *len)
{
	struct view v;
	int off;

	if (!view_of(fdt, &v))
		return NULL;
	off = find_prop(&v, node, name);
	if (off < 0)
		return NULL;
	if (len)
		*len = sdk_fdt_cell(v.st + off + 4);
	return v.st + off + 12;
}

/* True if the string list val[0..len) contains str. */
static bool stringlist_contains(const char *val, uint32_t len, const char *str)
{
	size_t want = strlen(str) + 1;
	uint32_t pos = 0;

	while (pos < len) {
		uint32_t end = pos;

		while (end < len && val[end])
			end++;
		if (end == len)
			return false; /* not NUL-terminated */
		if (end - pos + 1 == want && memcmp(val + pos, str, want) == 0)
			return true;
		pos = end + 1;
	}
	return false;
}

int sdk_fdt_find_prop_string(const void *fdt, int start, const char *prop, const char *value)
{
	struct view v;
	int node, depth = 0;

	if (!view_of(fdt, &v))
		return -1;
	node = start < 0 ? root_of(&v) : next_node(&v, start, &depth);
	for (; node >= 0; node = next_node(&v, node, &depth)) {
		int off = find_prop(&v, node, prop);

		if (off >= 0 && stringlist_contains((const char *)v.st + off + 12,
						    sdk_fdt_cell(v.st + off + 4), value))
			return node;
	}
	return -1;
}

int sdk_fdt_find_compatible(const void *fdt, int start, const char *compat)
{
	return sdk_fdt_find_prop_string(fdt, start, "compatible", compat);
}

int sdk_fdt_parent(const void *fdt, int node)
{
	struct view v;
	int stack[FDT_MAX_DEPTH];
	int cur, depth = 0;

	if (!view_of(fdt, &v))
		return -1;
	cur = root_of(&v);
	while (cur >= 0 && depth >= 0 && depth < FDT_MAX_DEPTH) {
		stack[depth] = cur;
		if (cur == node)
			return depth > 0 ? stack[depth - 1] : -1;
		cur = next_node(&v, cur, &depth);
	}
	return -1;
}

/* A #address-cells or #size-cells value of node, or def if absent. */
static uint32_t cells_of(const void *fdt, int node, const char *name, uint32_t def)
{
	uint32_t len;
	const void *p = sdk_fdt_getprop(fdt, node, name, &len);

	return (p && len == 4) ? sdk_fdt_cell(p) : def;
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	uint64_t value = 0;

	for (uint32_t i = 0; i < cells; i++)
		value = value << 32 | sdk_fdt_cell(p + 4 * i);
	return value;
}

bool sdk_fdt_read_reg(const void *fdt, int node, unsigned index, uint64_t *addr, uint64_t *size)
{
	int parent = sdk_fdt_parent(fdt, node);
	uint32_t ac, sc, len, entry;
	const uint8_t *reg;

	if (parent < 0)
		return false;
	/* Defaults from DT spec v0.4 §2.3.5. */
	ac = cells_of(fdt, parent, "#address-cells", 2);
	sc = cells_of(fdt, parent, "#size-cells", 1);
	if (ac == 0 || ac > 2 || sc > 2)
		return false;
	reg = sdk_fdt_getprop(fdt, node, "reg", &len);
	entry = 4 * (ac + sc);
	if (!reg || len / entry <= index)
		return false;
	reg += entry * index;
	if (addr)
		*addr = read_cells(reg, ac);
	if (size)
		*size = read_cells(reg + 4 * ac, sc);
	return true;
}
