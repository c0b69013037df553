/* SPDX-License-Identifier: BSD-3-Clause */
#include "sim/trace.h"

#include <inttypes.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "abi/memdesc.h"
#include "abi/memtext.h"
#include "abi/notiftext.h"
#include "abi/msgtext.h"
#include "abi/table.h"
#include "emu/memory.h"

bool sim_endpoint_buffers(struct sim *sim, uint16_t id, struct sim_buffers *b)
{
	struct spmc_endpoint *ep = sim->spmc_enabled ? spmc_find_endpoint(&sim->spmc, id) : NULL;

	memset(b, 0, sizeof(*b));
	b->version = sim->spmc_enabled ? sim->spmc.cfg.version : FFA_VERSION_1_2;
	if (ep != NULL && ep->version_set)
		b->version = ep->version;
	if (id == FFA_ID_NS_PHYS && sim->hyp_enabled) {
		/* Behind the proxy the host negotiates and maps its buffers with the proxy. */
		if (sim->hyp.version != 0)
			b->version = sim->hyp.version;
		if (!sim->hyp.host_buffers.mapped)
			return false;
		b->tx = sim->hyp.host_buffers.tx;
		b->rx = sim->hyp.host_buffers.rx;
		b->size = FFA_MEM_PAGE_SIZE;
		return true;
	}
	if (ep == NULL || !ep->rxtx.mapped)
		return false;
	b->tx = ep->rxtx.tx;
	b->rx = ep->rxtx.rx;
	b->size = (uint64_t)ep->rxtx.page_count * FFA_MEM_PAGE_SIZE;
	b->secure = ep->secure;
	return true;
}

/* One descriptor line: `len` bytes at addr read as a transaction or a relinquish descriptor. */
static void sim_trace_desc(struct sim *sim, const char *what, uint64_t addr, uint64_t len,
			   const struct sim_buffers *b, bool relinquish, FILE *out)
{
	const void *p;
	char text[512];

	if (len > b->size)
		len = b->size;
	p = emu_memory_ptr(&sim->memory, addr, len, b->secure);
	if (p == NULL || len == 0)
		return;
	if (relinquish)
		ffa_memdesc_describe_relinquish(p, (uint32_t)len, text, sizeof(text));
	else
		ffa_memdesc_describe(p, (uint32_t)len, b->version, text, sizeof(text));
	fprintf(out, "    %s: %s\n", what, text);
}

/* The descriptors a memory call of the host reads from its TX buffer or gets in its RX. */
static void sim_trace_mem(struct sim *sim, const struct ffa_value *before,
			  const struct ffa_value *after, FILE *out)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)before->x[0]);
	const struct ffa_func *f = ffa_func_find(fid);
	struct sim_buffers b;

	if (!sim_endpoint_buffers(sim, FFA_ID_NS_PHYS, &b))
		return;
	/* SHARE, LEND, DONATE, RETRIEVE_REQ with buffer address 0: the TX buffer (§10.2.2). */
	if (f != NULL && f->fields.length != 0 && before->x[f->fields.buffer] == 0)
		sim_trace_desc(sim, "tx", b.tx, (uint32_t)before->x[f->fields.frag_length], &b,
			       false, out);
	if (fid == FFA_MEM_RELINQUISH)
		sim_trace_desc(sim, "tx", b.tx, b.size, &b, true, out);
	if (after != NULL && (uint32_t)after->x[0] == FFA_MEM_RETRIEVE_RESP)
		sim_trace_desc(sim, "rx", b.rx, (uint32_t)after->x[2], &b, false, out);
}

/* The message an FFA_MSG_SEND2 of the host sends, from its TX buffer (FF-A v1.2 (DEN0077A)
 * §7.2): its header and first payload bytes. */
static void sim_trace_msg(struct sim *sim, FILE *out)
{
	struct sim_buffers b;
	const uint8_t *p;
	char text[256];

	if (!sim_endpoint_buffers(sim, FFA_ID_NS_PHYS, &b) || b.size == 0)
		return;
	p = emu_memory_ptr(&sim->memory, b.tx, b.size, b.secure);
	if (p == NULL)
		return;
	fprintf(out, "    tx: message %s\n",
		ffa_msg_describe(p, b.size > UINT32_MAX ? UINT32_MAX : (uint32_t)b.size, text,
				 sizeof(text)));
}

void sim_trace_write(struct sim *sim, unsigned n, enum ffa_conduit conduit,
		     const struct ffa_value *before, const struct ffa_value *after, FILE *out)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)before->x[0]);
	char name[48], answer[48], notif[256];
	const char *err;
	uint64_t handle;

	fprintf(out, "#%u %s %s x1=0x%" PRIx64 " x2=0x%" PRIx64 " x3=0x%" PRIx64 " x4=0x%" PRIx64,
		n, conduit == FFA_CONDUIT_SMC ? "SMC" : "HVC",
		ffa_fid_describe(fid, name, sizeof(name)), before->x[1], before->x[2], before->x[3],
		before->x[4]);
	if (after == NULL)
		fprintf(out, " -> (no answer)");
	else
		fprintf(out, " -> %s x1=0x%" PRIx64 " x2=0x%" PRIx64 " x3=0x%" PRIx64,
			ffa_fid_describe((uint32_t)after->x[0], answer, sizeof(answer)),
			after->x[1], after->x[2], after->x[3]);
	if (after != NULL && (uint32_t)after->x[0] == FFA_ERROR_32 &&
	    (err = ffa_error_name((int32_t)(uint32_t)after->x[2])) != NULL)
		fprintf(out, " %s", err);
	if (ffa_mem_call_handle(before, after, &handle))
		fprintf(out, " handle 0x%016" PRIx64, handle);
	fputc('\n', out);
	if (ffa_fid_is_mem(fid))
		sim_trace_mem(sim, before, after, out);
	if (*ffa_notif_describe(before, after, notif, sizeof(notif)) != '\0')
		fprintf(out, "    %s\n", notif);
	if (fid == FFA_MSG_SEND2)
		sim_trace_msg(sim, out);
}

/* Sees one answered call of the host: writes it, then hands it to the previous observer. */
static void sim_trace_call(void *ctx, struct emu_cpu *cpu, const struct emu_call *before,
			   const struct ffa_value *after, struct ffa_result_rule rule)
{
	struct sim_trace *t = ctx;

	sim_trace_write(t->sim, ++t->count, before->conduit, &before->args, after, t->out);
	if (t->previous.fn != NULL)
		t->previous.fn(t->previous.ctx, cpu, before, after, rule);
}

void sim_trace_attach(struct sim_trace *t, struct sim *sim, FILE *out)
{
	memset(t, 0, sizeof(*t));
	t->sim = sim;
	t->out = out;
	t->previous = sim->host.observer;
	emu_cpu_observe(&sim->host,
			(struct emu_call_observer){sim_trace_call, t, t->previous.all_regs});
}

void sim_trace_detach(struct sim_trace *t)
{
	if (t->sim != NULL && t->sim->host.observer.ctx == t)
		emu_cpu_observe(&t->sim->host, t->previous);
	t->sim = NULL;
}
