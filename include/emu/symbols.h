/* SPDX-License-Identifier: BSD-3-Clause */
/* An ELF image's symbol table, to name addresses in traces (emu/symbols.c). */
#ifndef EMU_SYMBOLS_H
#define EMU_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct emu_symbol {
	uint64_t addr;
	char *name;
};

/* Function and untyped symbols, sorted by address. */
struct emu_symbols {
	struct emu_symbol *syms;
	unsigned count, cap;
};

/*
 * Reads the symbols of the ELF image in data (size bytes). A file that is not ELF or has no
 * symbol table gives an empty table. False only when memory runs out (t is then empty).
 */
bool emu_symbols_read(const void *data, size_t size, struct emu_symbols *t);

/* The symbol addr lies in (the last one at or below it), *offset from its start; NULL: none. */
const char *emu_symbols_find(const struct emu_symbols *t, uint64_t addr, uint64_t *offset);

/* Frees the table (zeroed tables too). */
void emu_symbols_free(struct emu_symbols *t);

#endif
