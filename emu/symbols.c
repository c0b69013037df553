/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An ELF image's symbol table, for traces that name addresses (include/emu/symbols.h): the
 * function and untyped symbols of its SHT_SYMTAB sections, sorted by address. Every offset and
 * size is checked against the file before it is read; a file without a symbol table (stripped,
 * or a raw binary) gives an empty table.
 */
#include "emu/symbols.h"

#include <elf.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "emu/internal.h"
#include "emu/loader.h"

#define SYM_LE16(p, type, field) emu_le16((p) + offsetof(type, field))
#define SYM_LE32(p, type, field) emu_le32((p) + offsetof(type, field))
#define SYM_LE64(p, type, field) emu_le64((p) + offsetof(type, field))

/* Section i's offset, size, type and link, when its header lies inside the file. */
static bool sym_section(const uint8_t *d, size_t size, unsigned i, uint64_t *off, uint64_t *len,
			uint32_t *type, uint32_t *link)
{
	uint64_t shoff = SYM_LE64(d, Elf64_Ehdr, e_shoff);
	unsigned shnum = SYM_LE16(d, Elf64_Ehdr, e_shnum);
	const uint8_t *sh;

	if (SYM_LE16(d, Elf64_Ehdr, e_shentsize) != sizeof(Elf64_Shdr) || i >= shnum ||
	    shoff > size || (uint64_t)shnum * sizeof(Elf64_Shdr) > size - shoff)
		return false;
	sh = d + shoff + (uint64_t)i * sizeof(Elf64_Shdr);
	*off = SYM_LE64(sh, Elf64_Shdr, sh_offset);
	*len = SYM_LE64(sh, Elf64_Shdr, sh_size);
	*type = SYM_LE32(sh, Elf64_Shdr, sh_type);
	*link = SYM_LE32(sh, Elf64_Shdr, sh_link);
	return *off <= size && *len <= size - *off;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct emu_symbol *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Adds the symbols of the symbol table at [off, off + len) with its strings at [soff, +slen). */
static bool sym_add_table(struct emu_symbols *t, const uint8_t *d, uint64_t off, uint64_t len,
			  uint64_t soff, uint64_t slen)
{
	for (uint64_t k = 0; k + sizeof(Elf64_Sym) <= len; k += sizeof(Elf64_Sym)) {
		const uint8_t *s = d + off + k;
		uint32_t name = SYM_LE32(s, Elf64_Sym, st_name);
		unsigned kind = ELF64_ST_TYPE(s[offsetof(Elf64_Sym, st_info)]);
		uint64_t value = SYM_LE64(s, Elf64_Sym, st_value);
		const char *text = (const char *)d + soff + name;
		struct emu_symbol *more;

		if ((kind != STT_FUNC && kind != STT_NOTYPE) || name == 0 || name >= slen ||
		    value == 0 || strnlen(text, slen - name) == slen - name || text[0] == '$')
			continue;
		if (t->count == t->cap) {
			t->cap = t->cap != 0 ? t->cap * 2 : 64;
			more = realloc(t->syms, t->cap * sizeof(*more));
			if (more == NULL)
				return false;
			t->syms = more;
		}
		t->syms[t->count].addr = value;
		t->syms[t->count].name = strdup(text);
		if (t->syms[t->count].name == NULL)
			return false;
		t->count++;
	}
	return true;
}

bool emu_symbols_read(const void *data, size_t size, struct emu_symbols *t)
{
	const uint8_t *d = data;
	unsigned shnum;

	memset(t, 0, sizeof(*t));
	if (!emu_is_elf(data, size) || size < sizeof(Elf64_Ehdr))
		return true;
	shnum = SYM_LE16(d, Elf64_Ehdr, e_shnum);
	for (unsigned i = 0; i < shnum; i++) {
		uint64_t off, len, soff, slen;
		uint32_t type, link, stype, slink;

		if (!sym_section(d, size, i, &off, &len, &type, &link) || type != SHT_SYMTAB ||
		    !sym_section(d, size, link, &soff, &slen, &stype, &slink) ||
		    stype != SHT_STRTAB)
			continue;
		if (!sym_add_table(t, d, off, len, soff, slen)) {
			emu_symbols_free(t);
			return false;
		}
	}
	if (t->count > 0)
		qsort(t->syms, t->count, sizeof(*t->syms), sym_cmp);
	return true;
}

const char *emu_symbols_find(const struct emu_symbols *t, uint64_t addr, uint64_t *offset)
{
	unsigned lo = 0, hi = t->count;

	/* The last symbol at or below addr. */
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (t->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	*offset = addr - t->syms[lo - 1].addr;
	return t->syms[lo - 1].name;
}

void emu_symbols_free(struct emu_symbols *t)
{
	for (unsigned i = 0; i < t->count; i++)
		free(t->syms[i].name);
	free(t->syms);
	memset(t, 0, sizeof(*t));
}
