/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The instruction trace (`--trace insn[=ENDPOINT][:RANGE]`, docs/observability.md): every
 * instruction the chosen engines execute in the chosen range, one line each with the engine,
 * the virtual time, the address, the disassembly and the registers it changed. An instruction's
 * line is written when the next one starts (or the trace ends): only then are its results known.
 */
#include "sim/insn_trace.h"

#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "emu/loader.h"
#include "partitions/manifest.h"
#include "sim/sim.h"

static const char *const insn_reg_names[EMU_GPR_COUNT] = {
	"x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",  "x7",  "x8",  "x9",  "x10",
	"x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21",
	"x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp",  "nzcv",
};

/* The text after "insn": "", "=ENDPOINT", "=ENDPOINT:LO-HI" or ":LO-HI". */
bool sim_insn_filter_parse(const char *text, struct sim_insn_filter *f, struct diag *err)
{
	const char *range;
	char *end;

	memset(f, 0, sizeof(*f));
	f->lo = 0;
	f->hi = UINT64_MAX;
	if (*text == '=') {
		unsigned long long id = strtoull(text + 1, &end, 0);

		if (end == text + 1 || (*end != '\0' && *end != ':') || id > 0xffff) {
			diag_set(err, NULL, 0, 0,
				 "insn%s: the endpoint is an ID from 0 to 0xffff (0: the normal "
				 "world)",
				 text);
			return false;
		}
		f->endpoint_set = true;
		f->endpoint = (uint16_t)id;
		text = end;
	}
	if (*text == '\0')
		return true;
	range = text + 1;
	if (*text != ':' || (f->lo = strtoull(range, &end, 0), end == range || *end != '-') ||
	    (f->hi = strtoull(end + 1, &end, 0), *end != '\0') || f->hi < f->lo) {
		diag_set(err, NULL, 0, 0,
			 "insn...%s: the range is :LOW-HIGH (addresses, LOW <= HIGH, both in it)",
			 text);
		return false;
	}
	return true;
}

/* Writes the line of the instruction an engine executed last, with what it changed. */
static void insn_flush(struct sim_insn_trace *t, struct sim_insn_engine *e)
{
	uint64_t regs[EMU_GPR_COUNT], off;
	const char *sym;
	char dis[160];

	if (!e->pending)
		return;
	e->pending = false;
	emu_insn_format((size_t)t->cs, e->pc, e->word, dis, sizeof(dis));
	fprintf(t->out, "%s %10" PRIu64 " 0x%016" PRIx64, e->name, e->time, e->pc);
	if ((sym = emu_symbols_find(&e->syms, e->pc, &off)) != NULL)
		fprintf(t->out, " <%s+0x%" PRIx64 ">", sym, off);
	fprintf(t->out, ": %-40s", dis);
	if (emu_cpu_read_gprs(e->hook.cpu, regs)) {
		for (unsigned i = 0; i < EMU_GPR_COUNT; i++) {
			if (regs[i] != e->regs[i])
				fprintf(t->out, " %s=0x%" PRIx64, insn_reg_names[i], regs[i]);
		}
		memcpy(e->regs, regs, sizeof(regs));
	}
	fputc('\n', t->out);
}

static void insn_step(void *ctx, struct emu_cpu *cpu, uint64_t pc)
{
	struct sim_insn_engine *e = ctx;
	struct sim_insn_trace *t = e->trace;

	insn_flush(t, e);
	/* Outside the range: not written, and the registers it changes are not the next
	 * written instruction's. */
	if (pc < t->filter.lo || pc > t->filter.hi) {
		e->have_regs = false;
		return;
	}
	if (!e->have_regs)
		e->have_regs = emu_cpu_read_gprs(cpu, e->regs);
	e->pc = pc;
	e->time = emu_cpu_insn_time(cpu, pc);
	e->pending = emu_cpu_insn_word(cpu, pc, &e->word);
}

/* The symbols of an image: bytes in memory, a built-in image (`builtin:NAME`) or a file. */
static void insn_symbols(const struct sim *sim, const char *path, const void *data, size_t size,
			 struct emu_symbols *out)
{
	uint8_t *file = NULL;
	struct diag err = {0};

	if (data == NULL && path != NULL &&
	    strncmp(path, PART_BUILTIN_PREFIX, strlen(PART_BUILTIN_PREFIX)) == 0) {
		for (unsigned i = 0; i < sim->cfg.builtin_image_count; i++) {
			const struct sim_builtin_image *b = &sim->cfg.builtin_images[i];

			if (strcmp(b->name, path + strlen(PART_BUILTIN_PREFIX)) == 0) {
				data = b->data;
				size = b->size;
			}
		}
	} else if (data == NULL && path != NULL && emu_read_file(path, &file, &size, &err)) {
		data = file;
	}
	if (data == NULL || !emu_symbols_read(data, size, out))
		memset(out, 0, sizeof(*out));
	free(file);
}

/* Traces one engine. */
static void insn_add(struct sim_insn_trace *t, struct emu_cpu *cpu, const char *name,
		     struct emu_symbols *syms)
{
	struct sim_insn_engine *e;
	struct diag err = {0};

	if (t->count == SIM_INSN_MAX_ENGINES)
		return;
	e = &t->engines[t->count];
	memset(e, 0, sizeof(*e));
	e->trace = t;
	snprintf(e->name, sizeof(e->name), "%s", name);
	e->hook.fn = insn_step;
	e->hook.ctx = e;
	e->syms = *syms;
	memset(syms, 0, sizeof(*syms));
	/* Every instruction is seen, so that the last one in the range is written with exactly
	 * what it changed when the next one, in the range or not, starts. */
	if (!emu_cpu_insn_hook(cpu, &e->hook, 1, 0, &err)) {
		fprintf(t->out, "# %s\n", err.msg);
		emu_symbols_free(&e->syms);
		return;
	}
	t->count++;
}

bool sim_insn_trace_start(struct sim_insn_trace *t, struct sim *sim,
			  const struct sim_insn_filter *filter, FILE *out)
{
	const struct sim_insn_filter *f = filter;
	csh cs;

	memset(t, 0, sizeof(*t));
	t->out = out;
	t->filter = *filter;
	if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &cs) != CS_ERR_OK)
		return false;
	t->cs = cs;
	t->cs_open = true;
	t->started = true;
	for (unsigned i = 0; i < sim->part_count; i++) {
		const struct sim_partition *p = &sim->parts[i];
		struct emu_symbols syms;
		char name[48];

		if (!p->binary || !p->bin.open || p->ep == NULL ||
		    (f->endpoint_set && f->endpoint != p->ep->id))
			continue;
		snprintf(name, sizeof(name), "%s", p->ep->name);
		insn_symbols(sim, p->manifest->image, NULL, 0, &syms);
		insn_add(t, (struct emu_cpu *)&p->bin.cpu, name, &syms);
	}
	return true;
}

bool sim_insn_trace_attach(struct sim_insn_trace *t, struct sim *sim,
			   const struct sim_insn_filter *filter, FILE *out)
{
	const struct sim_insn_filter *f = filter;

	if (!t->started && !sim_insn_trace_start(t, sim, filter, out))
		return false;
	t->nw_first = t->count;
	/* The normal world's CPUs: endpoint 0. */
	for (unsigned k = 0; k < sim->smp.count; k++) {
		struct emu_symbols syms;

		if (sim->smp.cpus[k].cpu == NULL || (f->endpoint_set && f->endpoint != 0))
			continue;
		insn_symbols(sim, sim->cfg.guest_path, sim->cfg.guest_data, sim->cfg.guest_size,
			     &syms);
		insn_add(t, sim->smp.cpus[k].cpu, sim->smp.cpus[k].cpu->name, &syms);
	}
	return true;
}

void sim_insn_trace_detach(struct sim_insn_trace *t)
{
	/* The normal world's last instructions first, then the partitions'. */
	for (unsigned k = 0; k < t->count; k++) {
		unsigned i = (t->nw_first + k) % t->count;

		insn_flush(t, &t->engines[i]);
	}
	for (unsigned i = 0; i < t->count; i++) {
		emu_cpu_insn_unhook(&t->engines[i].hook);
		emu_symbols_free(&t->engines[i].syms);
	}
	t->count = 0;
	if (t->cs_open) {
		csh cs = t->cs;

		cs_close(&cs);
	}
	t->cs_open = false;
	if (t->out != NULL)
		fflush(t->out);
}
