/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GDB stub's server (include/sim/gdb.h): the socket on 127.0.0.1, one client, and the
 * packets of the GDB remote serial protocol that it answers while the system is stopped. The
 * packet layer is sim/gdb_packets.c; threads, hooks and stops are sim/gdb_target.c; monitor
 * commands sim/gdb_monitor.c. Packets are as GDB's manual ("Remote Protocol") defines them.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sim/gdb.h"

#include "emu/debug.h"
#include "sim/gdb_internal.h"
#include "sim/sim.h"

#define GDB_OUT_MAX (2 * SIM_GDB_PACKET_MAX + 8)

static FILE *gdb_notes(const struct sim_gdb *gdb)
{
	return gdb->cfg.notes != NULL ? gdb->cfg.notes : stderr;
}

/* Writes all of buf to the client. False when it is gone. */
static bool gdb_write(struct sim_gdb *gdb, const char *buf, size_t len)
{
	while (len > 0 && gdb->fd >= 0) {
		ssize_t n = send(gdb->fd, buf, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			gdb_drop_client(gdb);
			return false;
		}
		buf += n;
		len -= (size_t)n;
	}
	return gdb->fd >= 0;
}

/* The next byte from the client: -1 when it is gone, -2 when none is there (!block). */
static int gdb_read_byte(struct sim_gdb *gdb, bool block)
{
	if (gdb->in_pos == gdb->in_len) {
		ssize_t n;

		if (gdb->fd < 0)
			return -1;
		if (!block) {
			struct pollfd p = {.fd = gdb->fd, .events = POLLIN};

			if (poll(&p, 1, 0) <= 0)
				return -2;
		}
		do
			n = recv(gdb->fd, gdb->inbuf, sizeof(gdb->inbuf), 0);
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			gdb_drop_client(gdb);
			return -1;
		}
		gdb->in_len = (size_t)n;
		gdb->in_pos = 0;
	}
	return gdb->inbuf[gdb->in_pos++];
}

bool gdb_send(struct sim_gdb *gdb, const char *body, size_t len)
{
	size_t n = sim_gdb_frame(body, len, gdb->out, GDB_OUT_MAX);

	if (n == 0)
		n = sim_gdb_frame("E01", 3, gdb->out, GDB_OUT_MAX);
	for (unsigned tries = 0; tries < 8; tries++) {
		if (!gdb_write(gdb, gdb->out, n))
			return false;
		if (gdb->noack)
			return true;
		/* Ack mode: '+' accepts, '-' asks again; anything else waits. */
		for (;;) {
			int c = gdb_read_byte(gdb, true);

			if (c < 0)
				return false;
			if (c == '+')
				return true;
			if (c == '-')
				break;
		}
	}
	return true;
}

bool gdb_send_str(struct sim_gdb *gdb, const char *body)
{
	return gdb_send(gdb, body, strlen(body));
}

void gdb_console(struct sim_gdb *gdb, const char *text)
{
	size_t len = strlen(text);

	/* In pieces that fit a packet: "O" + two hex digits a byte. */
	while (len > 0 && gdb->fd >= 0) {
		size_t n = len < SIM_GDB_PACKET_MAX / 2 - 2 ? len : SIM_GDB_PACKET_MAX / 2 - 2;

		gdb->reply[0] = 'O';
		sim_gdb_hex_encode(text, n, gdb->reply + 1);
		gdb_send(gdb, gdb->reply, 1 + 2 * n);
		text += n;
		len -= n;
	}
}

void gdb_drop_client(struct sim_gdb *gdb)
{
	if (gdb->fd >= 0)
		close(gdb->fd);
	gdb->fd = -1;
	gdb->in_len = gdb->in_pos = 0;
	gdb->noack = false;
	memset(&gdb->reader, 0, sizeof(gdb->reader));
	/* The run goes on to its end without the client's breakpoints and steps. */
	memset(gdb->breaks, 0, sizeof(gdb->breaks));
	memset(gdb->watches, 0, sizeof(gdb->watches));
	gdb->watch_count = 0;
	gdb->stepping = false;
	gdb->break_on = 0;
	gdb->hooks_dirty = true;
	gdb->resume = true;
}

/* Accepts a waiting client (block: wait for one). */
static bool gdb_accept(struct sim_gdb *gdb, bool block)
{
	int fd, one = 1;

	if (!block) {
		struct pollfd p = {.fd = gdb->listen_fd, .events = POLLIN};

		if (poll(&p, 1, 0) <= 0)
			return false;
	}
	do
		fd = accept(gdb->listen_fd, NULL, NULL);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		return false;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	gdb->fd = fd;
	gdb->noack = false;
	gdb->in_len = gdb->in_pos = 0;
	memset(&gdb->reader, 0, sizeof(gdb->reader));
	return true;
}

bool gdb_poll_socket(struct sim_gdb *gdb, bool *attach)
{
	*attach = false;
	if (gdb->fd < 0) {
		*attach = gdb_accept(gdb, false);
		return *attach;
	}
	for (;;) {
		int c = gdb_read_byte(gdb, false);

		if (c < 0)
			return false;
		/* While running only Ctrl-C means something; other bytes are dropped. */
		if (sim_gdb_reader_feed(&gdb->reader, (uint8_t)c) == SIM_GDB_INTERRUPT)
			return true;
	}
}

/* "T05thread:N;reason;" for the current stop. */
void gdb_stop_reply_text(const struct sim_gdb *gdb, char *buf, size_t size)
{
	const struct gdb_stop *st = &gdb->stop;
	int sig = st->reason == GDB_REASON_INTERRUPT ? 2 : 5;
	int n = snprintf(buf, size, "T%02xthread:%x;", sig, st->thread + 1);

	switch (st->reason) {
	case GDB_REASON_SWBREAK:
		snprintf(buf + n, size - (size_t)n, "swbreak:;");
		break;
	case GDB_REASON_HWBREAK:
		snprintf(buf + n, size - (size_t)n, "hwbreak:;");
		break;
	case GDB_REASON_WATCH:
		snprintf(buf + n, size - (size_t)n, "%s:%llx;",
			 st->watch_type == 2   ? "watch"
			 : st->watch_type == 3 ? "rwatch"
					       : "awatch",
			 (unsigned long long)st->watch_addr);
		break;
	default:
		break;
	}
}

static void gdb_report_stop(struct sim_gdb *gdb)
{
	char buf[96];

	gdb_stop_reply_text(gdb, buf, sizeof(buf));
	gdb_send_str(gdb, buf);
}

/* A thread ID of a packet: -1 all, 0 any, else index + 1. False when malformed. */
static bool gdb_parse_thread(const char *s, long *tid)
{
	uint64_t v;

	if (strcmp(s, "-1") == 0) {
		*tid = -1;
		return true;
	}
	if (!sim_gdb_parse_hex(&s, &v) || *s != '\0' || v > 0x7fffffff)
		return false;
	*tid = (long)v;
	return true;
}

/* The thread index a packet's ID selects (any/all: the stopped one). -1 when none. */
static int gdb_thread_index(const struct sim_gdb *gdb, long tid)
{
	if (tid <= 0)
		return (int)gdb->stop.thread;
	return tid <= (long)gdb->thread_count ? (int)(tid - 1) : -1;
}

static struct emu_cpu *gdb_g_cpu(struct sim_gdb *gdb)
{
	return gdb->threads[gdb->g_thread].cpu;
}

static void gdb_read_regs(struct sim_gdb *gdb)
{
	char *p = gdb->reply;

	for (unsigned n = 0; n < EMU_DEBUG_REG_COUNT; n++) {
		uint64_t v = 0;
		unsigned size = sim_gdb_reg_size(n);

		if (!emu_debug_read_reg(gdb_g_cpu(gdb), n, &v)) {
			memset(p, 'x', 2 * size); /* unavailable */
			p[2 * size] = '\0';
		} else
			sim_gdb_reg_encode(v, size, p);
		p += 2 * size;
	}
	gdb_send(gdb, gdb->reply, (size_t)(p - gdb->reply));
}

static void gdb_write_regs(struct sim_gdb *gdb, const char *hex)
{
	size_t len = strlen(hex);

	for (unsigned n = 0; n < EMU_DEBUG_REG_SYS; n++) {
		unsigned size = sim_gdb_reg_size(n);
		uint64_t v;

		if (len < 2 * size)
			break;
		if (!sim_gdb_reg_decode(hex, size, &v) ||
		    !emu_debug_write_reg(gdb_g_cpu(gdb), n, v)) {
			gdb_send_str(gdb, "E01");
			return;
		}
		hex += 2 * size;
		len -= 2 * size;
	}
	gdb_send_str(gdb, "OK");
}

/* Encodes register n (emu_debug_read_reg's numbering) into out; false when unavailable. */
static bool gdb_encode_reg(struct sim_gdb *gdb, unsigned n, char *out)
{
	uint64_t v;

	if (n >= EMU_DEBUG_REG_V0 && n < EMU_DEBUG_REG_FPSR) {
		uint8_t bytes[16];

		if (!emu_debug_read_vreg(gdb_g_cpu(gdb), n - EMU_DEBUG_REG_V0, bytes))
			return false;
		sim_gdb_hex_encode(bytes, sizeof(bytes), out);
		return true;
	}
	if (!emu_debug_read_reg(gdb_g_cpu(gdb), n, &v))
		return false;
	sim_gdb_reg_encode(v, sim_gdb_reg_size(n), out);
	return true;
}

static void gdb_read_reg(struct sim_gdb *gdb, const char *args)
{
	uint64_t n;

	if (!sim_gdb_parse_hex(&args, &n) || *args != '\0' || n >= EMU_DEBUG_REG_ALL ||
	    !gdb_encode_reg(gdb, (unsigned)n, gdb->reply)) {
		gdb_send_str(gdb, "E01");
		return;
	}
	gdb_send_str(gdb, gdb->reply);
}

/* P n=VALUE: any register but CurrentEL (a v register takes 16 bytes). */
static void gdb_write_reg(struct sim_gdb *gdb, const char *args)
{
	uint64_t n, v;
	unsigned size;
	bool ok;

	if (!sim_gdb_parse_hex(&args, &n) || *args++ != '=' || n >= EMU_DEBUG_REG_ALL ||
	    n == EMU_DEBUG_REG_SYS || strlen(args) != 2 * (size = sim_gdb_reg_size((unsigned)n))) {
		gdb_send_str(gdb, "E01");
		return;
	}
	if (size == 16) {
		uint8_t bytes[16];

		ok = sim_gdb_hex_decode(args, size, bytes) &&
		     emu_debug_write_vreg(gdb_g_cpu(gdb), (unsigned)n - EMU_DEBUG_REG_V0, bytes);
	} else {
		ok = sim_gdb_reg_decode(args, size, &v) &&
		     emu_debug_write_reg(gdb_g_cpu(gdb), (unsigned)n, v);
	}
	gdb_send_str(gdb, ok ? "OK" : "E01");
}

/* "ADDR,LEN" then what follows (*rest). */
static bool gdb_parse_range(const char **p, uint64_t *addr, uint64_t *len)
{
	return sim_gdb_parse_hex(p, addr) && *(*p)++ == ',' && sim_gdb_parse_hex(p, len);
}

static void gdb_read_mem(struct sim_gdb *gdb, const char *args)
{
	uint64_t addr, len;
	uint8_t *buf;

	if (!gdb_parse_range(&args, &addr, &len) || *args != '\0') {
		gdb_send_str(gdb, "E01");
		return;
	}
	if (len > SIM_GDB_PACKET_MAX / 2)
		len = SIM_GDB_PACKET_MAX / 2;
	buf = (uint8_t *)gdb->out; /* free until the reply is framed */
	if (!emu_debug_read_mem(gdb_g_cpu(gdb), addr, buf, len)) {
		gdb_send_str(gdb, "E0e"); /* EFAULT, as gdbserver answers */
		return;
	}
	sim_gdb_hex_encode(buf, len, gdb->reply);
	gdb_send(gdb, gdb->reply, 2 * len);
}

/* Drops every engine's translations: code may have changed under them. */
static void gdb_memory_changed(struct sim_gdb *gdb)
{
	for (unsigned i = 0; i < gdb->thread_count; i++)
		gdb->threads[i].cpu->debug_flush = true;
	gdb->hooks_dirty = true;
}

/* M (hex) and X (binary) writes; body is the packet after its letter, len its length. */
static void gdb_write_mem(struct sim_gdb *gdb, const char *body, size_t len, bool binary)
{
	const char *p = body;
	uint64_t addr, size;
	size_t data_len;
	uint8_t *buf = (uint8_t *)gdb->out;

	if (!gdb_parse_range(&p, &addr, &size) || *p++ != ':' || size > SIM_GDB_PACKET_MAX) {
		gdb_send_str(gdb, "E01");
		return;
	}
	data_len = len - (size_t)(p - body);
	if (binary ? data_len != size : data_len != 2 * size || !sim_gdb_hex_decode(p, size, buf)) {
		gdb_send_str(gdb, "E01");
		return;
	}
	if (binary)
		memcpy(buf, p, size);
	if (size > 0 && !emu_debug_write_mem(gdb_g_cpu(gdb), addr, buf, size)) {
		gdb_send_str(gdb, "E0e");
		return;
	}
	gdb_memory_changed(gdb);
	gdb_send_str(gdb, "OK");
}

/* Z/z TYPE,ADDR,KIND. */
static void gdb_breakpoint(struct sim_gdb *gdb, const char *args, bool insert)
{
	uint64_t type, addr, kind;
	const char *p = args;

	if (!sim_gdb_parse_hex(&p, &type) || *p++ != ',' || !gdb_parse_range(&p, &addr, &kind) ||
	    (*p != '\0' && *p != ';')) {
		gdb_send_str(gdb, "E01");
		return;
	}
	if (type <= 1) {
		struct gdb_break *free_slot = NULL;

		for (unsigned i = 0; i < GDB_MAX_BREAKS; i++) {
			struct gdb_break *b = &gdb->breaks[i];

			if (b->used && b->addr == addr && b->hw == (type == 1)) {
				if (!insert) {
					b->used = false;
					gdb->hooks_dirty = true;
				}
				gdb_send_str(gdb, "OK");
				return;
			}
			if (!b->used && free_slot == NULL)
				free_slot = b;
		}
		if (insert && free_slot == NULL) {
			gdb_send_str(gdb, "E0c"); /* ENOMEM: no slot */
			return;
		}
		if (insert) {
			*free_slot =
				(struct gdb_break){.used = true, .hw = type == 1, .addr = addr};
			gdb->hooks_dirty = true;
		}
		gdb_send_str(gdb, "OK");
		return;
	}
	if (type <= 4) {
		struct gdb_watch *free_slot = NULL;

		for (unsigned i = 0; i < GDB_MAX_WATCHES; i++) {
			struct gdb_watch *w = &gdb->watches[i];

			if (w->used && w->addr == addr && w->len == kind && w->type == (int)type) {
				if (!insert) {
					w->used = false;
					gdb->watch_count--;
					gdb->hooks_dirty = true;
				}
				gdb_send_str(gdb, "OK");
				return;
			}
			if (!w->used && free_slot == NULL)
				free_slot = w;
		}
		if (insert && (free_slot == NULL || kind == 0)) {
			gdb_send_str(gdb, "E0c");
			return;
		}
		if (insert) {
			*free_slot = (struct gdb_watch){
				.used = true, .type = (int)type, .addr = addr, .len = kind};
			gdb->watch_count++;
			gdb->hooks_dirty = true;
		}
		gdb_send_str(gdb, "OK");
		return;
	}
	gdb_send_str(gdb, ""); /* an unknown type: not supported */
}

/* Resumes: step the thread with index step (-1: continue every thread). */
static void gdb_resume(struct sim_gdb *gdb, int step)
{
	gdb->stepping = step >= 0;
	if (gdb->stepping)
		gdb->step_pe = emu_cpu_pe(gdb->threads[step].cpu);
	gdb->hooks_dirty = true;
	gdb->resume = true;
}

/* vCont;ACTION[:TID]...: a step of one thread steps it; the others continue. */
static void gdb_vcont(struct sim_gdb *gdb, const char *args)
{
	int step = -1;
	bool any = false;

	while (*args == ';') {
		char action = args[1];
		long tid = -1;
		const char *end;
		char tbuf[24];

		args += 2;
		if (action == 'C' || action == 'S') {
			while (*args != '\0' && *args != ':' && *args != ';')
				args++; /* the signal is not delivered: there are none */
		}
		end = args;
		if (*args == ':') {
			size_t n;

			end = strchr(args, ';');
			if (end == NULL)
				end = args + strlen(args);
			n = (size_t)(end - args - 1);
			if (n >= sizeof(tbuf) || (memcpy(tbuf, args + 1, n), tbuf[n] = '\0',
						  !gdb_parse_thread(tbuf, &tid))) {
				gdb_send_str(gdb, "E01");
				return;
			}
		}
		args = end;
		if (action == 's' || action == 'S') {
			int idx = gdb_thread_index(gdb, tid);

			if (idx < 0) {
				gdb_send_str(gdb, "E01");
				return;
			}
			if (step < 0)
				step = idx;
			any = true;
		} else if (action == 'c' || action == 'C') {
			any = true;
		} else if (action != 't') {
			gdb_send_str(gdb, "E01");
			return;
		}
	}
	if (*args != '\0' || !any) {
		gdb_send_str(gdb, "E01");
		return;
	}
	gdb_resume(gdb, step);
}

static void gdb_thread_list(struct sim_gdb *gdb)
{
	char *p = gdb->reply;

	*p++ = 'm';
	for (unsigned i = 0; i < gdb->thread_count; i++)
		p += sprintf(p, "%s%x", i == 0 ? "" : ",", i + 1);
	gdb_send(gdb, gdb->reply, (size_t)(p - gdb->reply));
}

static void gdb_query(struct sim_gdb *gdb, const char *q)
{
	long tid;
	int idx;

	if (strncmp(q, "qSupported", 10) == 0) {
		snprintf(gdb->reply, SIM_GDB_PACKET_MAX,
			 "PacketSize=%x;qXfer:features:read+;vContSupported+;swbreak+;hwbreak+;"
			 "QStartNoAckMode+",
			 SIM_GDB_PACKET_MAX);
		gdb_send_str(gdb, gdb->reply);
	} else if (strcmp(q, "qfThreadInfo") == 0) {
		gdb_thread_list(gdb);
	} else if (strcmp(q, "qsThreadInfo") == 0) {
		gdb_send_str(gdb, "l");
	} else if (strcmp(q, "qC") == 0) {
		snprintf(gdb->reply, 32, "QC%x", gdb->stop.thread + 1);
		gdb_send_str(gdb, gdb->reply);
	} else if (strcmp(q, "qAttached") == 0 || strncmp(q, "qAttached:", 10) == 0) {
		gdb_send_str(gdb, "1"); /* the run was there before gdb: detach, not kill */
	} else if (strncmp(q, "qThreadExtraInfo,", 17) == 0) {
		if (!gdb_parse_thread(q + 17, &tid) || (idx = gdb_thread_index(gdb, tid)) < 0) {
			gdb_send_str(gdb, "E01");
			return;
		}
		sim_gdb_hex_encode(gdb->threads[idx].name, strlen(gdb->threads[idx].name),
				   gdb->reply);
		gdb_send_str(gdb, gdb->reply);
	} else if (strncmp(q, "qXfer:features:read:", 20) == 0) {
		const char *p = q + 20, *doc = sim_gdb_target_xml();
		uint64_t off, len;

		if (strncmp(p, "target.xml:", 11) != 0) {
			gdb_send_str(gdb, "E00");
			return;
		}
		p += 11;
		if (!gdb_parse_range(&p, &off, &len) || *p != '\0') {
			gdb_send_str(gdb, "E01");
			return;
		}
		gdb_send(gdb, gdb->reply,
			 sim_gdb_xfer(doc, strlen(doc), off, len, gdb->reply, SIM_GDB_PACKET_MAX));
	} else if (strncmp(q, "qRcmd,", 6) == 0) {
		size_t n = strlen(q + 6) / 2;
		char *cmd = gdb->reply + SIM_GDB_PACKET_MAX / 2;

		if (strlen(q + 6) % 2 != 0 || n >= SIM_GDB_PACKET_MAX / 2 ||
		    !sim_gdb_hex_decode(q + 6, n, cmd)) {
			gdb_send_str(gdb, "E01");
			return;
		}
		cmd[n] = '\0';
		gdb_monitor(gdb, cmd);
	} else {
		gdb_send_str(gdb, ""); /* not supported */
	}
}

/* One packet, the system stopped. */
static void gdb_packet(struct sim_gdb *gdb, char *pkt, size_t len)
{
	long tid;
	int idx;

	switch (pkt[0]) {
	case '?':
		gdb_report_stop(gdb);
		return;
	case 'g':
		gdb_read_regs(gdb);
		return;
	case 'G':
		gdb_write_regs(gdb, pkt + 1);
		return;
	case 'p':
		gdb_read_reg(gdb, pkt + 1);
		return;
	case 'P':
		gdb_write_reg(gdb, pkt + 1);
		return;
	case 'm':
		gdb_read_mem(gdb, pkt + 1);
		return;
	case 'M':
		gdb_write_mem(gdb, pkt + 1, len - 1, false);
		return;
	case 'X':
		gdb_write_mem(gdb, pkt + 1, len - 1, true);
		return;
	case 'c':
	case 'C':
		gdb_resume(gdb, -1);
		return;
	case 's':
	case 'S':
		gdb_resume(gdb, (int)gdb->c_thread);
		return;
	case 'Z':
	case 'z':
		gdb_breakpoint(gdb, pkt + 1, pkt[0] == 'Z');
		return;
	case 'H':
		if ((pkt[1] != 'g' && pkt[1] != 'c') || !gdb_parse_thread(pkt + 2, &tid) ||
		    (idx = gdb_thread_index(gdb, tid)) < 0) {
			gdb_send_str(gdb, "E01");
			return;
		}
		if (pkt[1] == 'g')
			gdb->g_thread = (unsigned)idx;
		else
			gdb->c_thread = (unsigned)idx;
		gdb_send_str(gdb, "OK");
		return;
	case 'T':
		gdb_send_str(gdb, gdb_parse_thread(pkt + 1, &tid) && tid > 0 &&
						  tid <= (long)gdb->thread_count
					  ? "OK"
					  : "E01");
		return;
	case 'D':
		gdb_send_str(gdb, "OK");
		gdb_drop_client(gdb);
		return;
	case 'k':
		gdb_kill(gdb);
		return;
	case 'q':
		gdb_query(gdb, pkt);
		return;
	case 'Q':
		if (strcmp(pkt, "QStartNoAckMode") == 0) {
			gdb_send_str(gdb, "OK");
			gdb->noack = true;
			return;
		}
		gdb_send_str(gdb, "");
		return;
	case 'v':
		if (strcmp(pkt, "vCont?") == 0)
			gdb_send_str(gdb, "vCont;c;C;s;S;t");
		else if (strncmp(pkt, "vCont;", 6) == 0)
			gdb_vcont(gdb, pkt + 5);
		else if (strncmp(pkt, "vKill", 5) == 0) {
			gdb_send_str(gdb, "OK");
			gdb_kill(gdb);
		} else
			gdb_send_str(gdb, "");
		return;
	default:
		gdb_send_str(gdb, ""); /* not supported */
		return;
	}
}

void gdb_serve(struct sim_gdb *gdb)
{
	gdb->resume = false;
	while (!gdb->resume && gdb->fd >= 0) {
		int c = gdb_read_byte(gdb, true);

		if (c < 0)
			break;
		switch (sim_gdb_reader_feed(&gdb->reader, (uint8_t)c)) {
		case SIM_GDB_PACKET:
			if (!gdb->noack && !gdb_write(gdb, "+", 1))
				break;
			gdb_packet(gdb, gdb->reader.buf, gdb->reader.len);
			break;
		case SIM_GDB_BAD_CHECKSUM:
		case SIM_GDB_OVERSIZE:
			/* Ack mode asks again; without acks a bad packet is ignored. */
			if (!gdb->noack)
				gdb_write(gdb, "-", 1);
			break;
		case SIM_GDB_INTERRUPT: /* stopped already: report where */
			gdb_report_stop(gdb);
			break;
		default:
			break;
		}
	}
}

struct sim_gdb *sim_gdb_open(struct sim *sim, const struct sim_gdb_config *cfg, struct diag *err)
{
	struct sim_gdb *gdb;
	struct sockaddr_in addr = {.sin_family = AF_INET};
	socklen_t alen = sizeof(addr);
	int one = 1;

	if (cfg->port > 65535) {
		diag_set(err, NULL, 0, 0, "--gdb: port %u is not a TCP port (0-65535)", cfg->port);
		return NULL;
	}
	gdb = calloc(1, sizeof(*gdb));
	if (gdb != NULL)
		gdb->listen_fd = gdb->fd = -1;
	if (gdb == NULL || (gdb->out = malloc(GDB_OUT_MAX)) == NULL ||
	    (gdb->reply = malloc(SIM_GDB_PACKET_MAX + 1)) == NULL) {
		diag_set(err, NULL, 0, 0, "--gdb: out of memory");
		goto fail;
	}
	gdb->sim = sim;
	gdb->cfg = *cfg;
	gdb->fd = -1;
	gdb->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (gdb->listen_fd < 0) {
		diag_set(err, NULL, 0, 0, "--gdb: cannot open a socket: %s", strerror(errno));
		goto fail;
	}
	setsockopt(gdb->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = htons((uint16_t)cfg->port);
	if (bind(gdb->listen_fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 ||
	    listen(gdb->listen_fd, 1) != 0) {
		diag_set(err, NULL, 0, 0, "--gdb: cannot listen on 127.0.0.1:%u: %s", cfg->port,
			 errno == EADDRINUSE ? "the port is in use" : strerror(errno));
		goto fail;
	}
	getsockname(gdb->listen_fd, (struct sockaddr *)&addr, &alen);
	gdb->port = ntohs(addr.sin_port);
	if (!gdb_threads_open(gdb)) {
		diag_set(err, NULL, 0, 0, "--gdb: cannot attach to the engines");
		goto fail;
	}
	fprintf(gdb_notes(gdb), "ffa-sim: note: gdb: listening on 127.0.0.1:%u%s\n", gdb->port,
		cfg->wait ? ", waiting for the debugger before the first instruction" : "");
	fflush(gdb_notes(gdb));
	return gdb;
fail:
	sim_gdb_close(gdb);
	return NULL;
}

bool sim_gdb_start(struct sim_gdb *gdb)
{
	struct gdb_stop st = {.where = GDB_AT_START, .reason = GDB_REASON_ATTACH};

	if (!gdb->cfg.wait)
		return true;
	if (!gdb_accept(gdb, true))
		return true;
	gdb_stop_here(gdb, &st);
	return !gdb->killed;
}

void sim_gdb_finish(struct sim_gdb *gdb, int status)
{
	char buf[8];

	if (gdb == NULL || gdb->fd < 0)
		return;
	if (!gdb->killed) {
		snprintf(buf, sizeof(buf), "W%02x", status & 0xff);
		gdb_send_str(gdb, buf);
	}
	gdb_drop_client(gdb);
}

bool sim_gdb_killed(const struct sim_gdb *gdb)
{
	return gdb != NULL && gdb->killed;
}

void sim_gdb_close(struct sim_gdb *gdb)
{
	if (gdb == NULL)
		return;
	gdb_threads_close(gdb);
	if (gdb->fd >= 0)
		close(gdb->fd);
	if (gdb->listen_fd >= 0)
		close(gdb->listen_fd);
	free(gdb->out);
	free(gdb->reply);
	free(gdb);
}
