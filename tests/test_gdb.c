/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GDB stub: its packet layer (sim/gdb_packets.c: framing, checksums, escapes, hex, register
 * encoding, the target description, qXfer), the reader fed garbage, oversize packets and bad
 * checksums, the stub itself over a socket (an in-process simulation), and the command line's
 * usage errors. The session with a real gdb is tests/gdb/run_session.py.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emu/debug.h"
#include "helpers.h"
#include "sim/gdb.h"
#include "sim/gdb_packets.h"
#include "sim/sim.h"

/* Feeds a string; returns the last event other than NONE. */
static enum sim_gdb_event feed(struct sim_gdb_reader *r, const char *s, size_t n)
{
	enum sim_gdb_event last = SIM_GDB_NONE;

	for (size_t i = 0; i < n; i++) {
		enum sim_gdb_event e = sim_gdb_reader_feed(r, (uint8_t)s[i]);

		if (e != SIM_GDB_NONE)
			last = e;
	}
	return last;
}

/* The checksum is the byte sum modulo 256 (GDB's manual, "Overview"). */
Test(gdb_packets, checksum)
{
	cr_assert_eq(sim_gdb_checksum("", 0), 0);
	cr_assert_eq(sim_gdb_checksum("OK", 2), 0x9a);
	cr_assert_eq(sim_gdb_checksum("qSupported", 10), 0x37);
}

/* A frame escapes $ # } * with '}' and XOR 0x20, and its checksum covers the escapes. */
Test(gdb_packets, frame_escapes)
{
	char out[64];
	const char want[] = "$a}\x04"
			    "b}\x03"
			    "c}]d}\x0a#";
	size_t n = sim_gdb_frame("a$b#c}d*", 8, out, sizeof(out));
	char sum[4];

	cr_assert_eq(n, sizeof(want) - 1 + 2);
	cr_assert_eq(memcmp(out, want, sizeof(want) - 1), 0);
	snprintf(sum, sizeof(sum), "%02x", sim_gdb_checksum(out + 1, sizeof(want) - 3));
	cr_assert_str_eq(out + sizeof(want) - 1, sum);
}

/* A framed packet read back gives the same body, escapes undone. */
Test(gdb_packets, frame_round_trip)
{
	struct sim_gdb_reader r = {0};
	const char *body = "X40,4:$#}*";
	char out[64];
	size_t n = sim_gdb_frame(body, strlen(body), out, sizeof(out));

	cr_assert_gt(n, 0);
	cr_assert_eq(feed(&r, out, n), SIM_GDB_PACKET);
	cr_assert_eq(r.len, strlen(body));
	cr_assert_eq(memcmp(r.buf, body, r.len), 0);
}

/* A frame that does not fit is refused, not cut. */
Test(gdb_packets, frame_too_small)
{
	char out[6];

	cr_assert_eq(sim_gdb_frame("abcdef", 6, out, sizeof(out)), 0);
}

/* Acks, Ctrl-C and noise between packets. */
Test(gdb_packets, reader_control_bytes)
{
	struct sim_gdb_reader r = {0};

	cr_assert_eq(sim_gdb_reader_feed(&r, '+'), SIM_GDB_ACK);
	cr_assert_eq(sim_gdb_reader_feed(&r, '-'), SIM_GDB_NACK);
	cr_assert_eq(sim_gdb_reader_feed(&r, 0x03), SIM_GDB_INTERRUPT);
	cr_assert_eq(feed(&r, "garbage\xff\x00", 9), SIM_GDB_NONE);
	cr_assert_eq(feed(&r, "$g#67", 5), SIM_GDB_PACKET);
	cr_assert_str_eq(r.buf, "g");
}

/* A wrong checksum, or digits that are not hex, is a bad packet (answered '-'). */
Test(gdb_packets, reader_bad_checksum)
{
	struct sim_gdb_reader r = {0};

	cr_assert_eq(feed(&r, "$g#00", 5), SIM_GDB_BAD_CHECKSUM);
	cr_assert_eq(feed(&r, "$g#zz", 5), SIM_GDB_BAD_CHECKSUM);
	cr_assert_eq(feed(&r, "$g#6", 4), SIM_GDB_NONE);
	cr_assert_eq(feed(&r, "q", 1), SIM_GDB_BAD_CHECKSUM);
	/* The reader is fine afterwards. */
	cr_assert_eq(feed(&r, "$?#3f", 5), SIM_GDB_PACKET);
}

/* A packet longer than the buffer is dropped as a whole, and the next one reads. */
Test(gdb_packets, reader_oversize)
{
	struct sim_gdb_reader r = {0};
	size_t n = SIM_GDB_PACKET_MAX + 100;
	char *big = malloc(n + 4);
	char sum[4];

	cr_assert_not_null(big);
	big[0] = '$';
	memset(big + 1, 'a', n - 1);
	snprintf(sum, sizeof(sum), "#%02x", sim_gdb_checksum(big + 1, n - 1));
	memcpy(big + n, sum, 3);
	cr_assert_eq(feed(&r, big, n + 3), SIM_GDB_OVERSIZE);
	cr_assert_eq(feed(&r, "$g#67", 5), SIM_GDB_PACKET);
	free(big);
}

/* Random bytes never crash the reader nor overrun its buffer. */
Test(gdb_packets, reader_random_bytes)
{
	struct sim_gdb_reader r = {0};
	uint32_t x = 12345;

	for (unsigned i = 0; i < 200000; i++) {
		x = x * 1103515245u + 12345u;
		sim_gdb_reader_feed(&r, (uint8_t)(x >> 16));
		cr_assert_leq(r.len, SIM_GDB_PACKET_MAX);
	}
}

/* Hex both ways, and numbers with their limits. */
Test(gdb_packets, hex)
{
	uint8_t bytes[3] = {0x00, 0xab, 0xff}, back[3];
	char text[8];
	const char *p = "1f,x", *q = "12345678901234567", *e = ",";
	uint64_t v;

	sim_gdb_hex_encode(bytes, 3, text);
	cr_assert_str_eq(text, "00abff");
	cr_assert(sim_gdb_hex_decode("00ABff", 3, back));
	cr_assert_eq(memcmp(bytes, back, 3), 0);
	cr_assert_not(sim_gdb_hex_decode("0g", 1, back));
	cr_assert(sim_gdb_parse_hex(&p, &v));
	cr_assert_eq(v, 0x1f);
	cr_assert_str_eq(p, ",x");
	cr_assert_not(sim_gdb_parse_hex(&q, &v));
	cr_assert_not(sim_gdb_parse_hex(&e, &v));
}

/* Registers go as little-endian bytes: cpsr 4 bytes, the others 8. */
Test(gdb_packets, registers)
{
	char text[20];
	uint64_t v;

	sim_gdb_reg_encode(0x1122334455667788ull, 8, text);
	cr_assert_str_eq(text, "8877665544332211");
	cr_assert(sim_gdb_reg_decode(text, 8, &v));
	cr_assert_eq(v, 0x1122334455667788ull);
	sim_gdb_reg_encode(0x3c5, 4, text);
	cr_assert_str_eq(text, "c5030000");
	cr_assert_eq(sim_gdb_reg_size(0), 8);
	cr_assert_eq(sim_gdb_reg_size(EMU_DEBUG_REG_CPSR), 4);
	cr_assert_eq(sim_gdb_reg_size(EMU_DEBUG_REG_COUNT), 16); /* v0 */
	cr_assert_eq(sim_gdb_reg_size(EMU_DEBUG_REG_ALL), 0);
	cr_assert_not(sim_gdb_reg_decode("zz", 1, &v));
}

/* The description names gdb's aarch64 core registers and each system register shown, in the
 * numbering the stub reads them in. */
Test(gdb_packets, target_description)
{
	const char *xml = sim_gdb_target_xml();
	const char *core = strstr(xml, "org.gnu.gdb.aarch64.core");
	const char *prev = core;
	char want[64];

	cr_assert_not_null(core);
	cr_assert_not_null(strstr(xml, "<architecture>aarch64</architecture>"));
	cr_assert_not_null(strstr(xml, "<reg name=\"x30\" bitsize=\"64\"/>"));
	cr_assert_not_null(strstr(xml, "<reg name=\"cpsr\" bitsize=\"32\"/>"));
	cr_assert_not_null(strstr(xml, "regnum=\"34\""));
	for (unsigned i = 0; i < EMU_DEBUG_SYSREG_COUNT; i++) {
		const char *at;

		snprintf(want, sizeof(want), "<reg name=\"%s\"", emu_debug_sysreg_name(i));
		at = strstr(xml, want);
		cr_assert_not_null(at, "%s missing", want);
		cr_assert_gt(at, prev, "%s out of order", want);
		prev = at;
	}
	cr_assert_null(emu_debug_sysreg_name(EMU_DEBUG_SYSREG_COUNT));
	/* v0-v31 follow the system registers, then fpsr and fpcr. */
	cr_assert_not_null(strstr(xml, "org.gnu.gdb.aarch64.fpu"));
	cr_assert_not_null(
		strstr(xml, "<reg name=\"v0\" bitsize=\"128\" type=\"aarch64v\" regnum=\"46\"/>"));
	cr_assert_gt(strstr(xml, "<reg name=\"fpcr\""), strstr(xml, "<reg name=\"v31\""));
	cr_assert_not_null(strstr(xml, "</target>\n"));
}

/* qXfer parts: 'm' while more follows, 'l' for the last part and past the end. */
Test(gdb_packets, xfer)
{
	char out[16];

	cr_assert_eq(sim_gdb_xfer("abcdef", 6, 0, 4, out, sizeof(out)), 5);
	cr_assert_str_eq(out, "mabcd");
	cr_assert_eq(sim_gdb_xfer("abcdef", 6, 4, 4, out, sizeof(out)), 3);
	cr_assert_str_eq(out, "lef");
	cr_assert_eq(sim_gdb_xfer("abcdef", 6, 9, 4, out, sizeof(out)), 1);
	cr_assert_str_eq(out, "l");
}

/* A client of the stub in this process: connect, send packets, read answers. */
struct client {
	int fd;
};

static void client_send_raw(struct client *c, const char *raw, size_t n)
{
	cr_assert_eq(send(c->fd, raw, n, 0), (ssize_t)n);
}

/* Reads one framed answer's body (acks skipped). */
static void client_read(struct client *c, char *body, size_t size)
{
	struct sim_gdb_reader r = {0};
	uint8_t byte;

	for (;;) {
		cr_assert_eq(recv(c->fd, &byte, 1, 0), 1, "the stub closed the connection");
		if (sim_gdb_reader_feed(&r, byte) == SIM_GDB_PACKET)
			break;
	}
	/* Acknowledged as gdb does (the stub ignores it once acknowledgements are off). */
	cr_assert_eq(send(c->fd, "+", 1, 0), 1);
	snprintf(body, size, "%s", r.buf);
}

static void client_send(struct client *c, const char *body)
{
	char frame[256];
	size_t n = sim_gdb_frame(body, strlen(body), frame, sizeof(frame));

	client_send_raw(c, frame, n);
}

/* Sends body and checks the answer is want. */
static int client_expect(struct client *c, const char *body, const char *want)
{
	char got[SIM_GDB_PACKET_MAX + 1];

	client_send(c, body);
	client_read(c, got, sizeof(got));
	return strcmp(got, want) == 0;
}

/*
 * Runs hello.elf with the stub waiting for a client and forks the client: it connects and
 * talks as talk says (true: all answers were right), then the run must end with status 0.
 */
static void serve_client(bool (*talk)(struct client *c))
{
	struct sim_config cfg = {.quiet = true};
	struct sim sim;
	struct diag err = {0};
	struct sim_gdb *gdb;
	char notes_buf[256];
	FILE *notes = fmemopen(notes_buf, sizeof(notes_buf), "w");
	struct sim_gdb_config gcfg = {.port = 0, .wait = true, .notes = notes};
	unsigned port;
	pid_t child;
	int status;

	cfg.guest_path = guest_path("hello.elf");
	cfg.notes = notes;
	cfg.console_out = fopen("/dev/null", "w");
	cr_assert(sim_open(&sim, &cfg, &err), "%s", err.msg);
	gdb = sim_gdb_open(&sim, &gcfg, &err);
	cr_assert_not_null(gdb, "%s", err.msg);
	fflush(notes);
	cr_assert_eq(sscanf(strstr(notes_buf, "127.0.0.1:"), "127.0.0.1:%u", &port), 1);
	child = fork();
	cr_assert_geq(child, 0);
	if (child == 0) {
		struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
		struct client c;
		bool ok;

		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		c.fd = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(c.fd, (struct sockaddr *)&a, sizeof(a)) != 0)
			_exit(10);
		ok = talk(&c);
		close(c.fd);
		_exit(ok ? 0 : 11);
	}
	cr_assert(sim_gdb_start(gdb));
	status = sim_run(&sim);
	cr_assert_eq(status, 0);
	cr_assert_eq(waitpid(child, &status, 0), child);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "client status %d", status);
	sim_gdb_close(gdb);
	sim_close(&sim);
	fclose(notes);
	fclose(cfg.console_out);
}

static bool talk_garbage_then_detach(struct client *c)
{
	char *big = malloc(SIM_GDB_PACKET_MAX + 64);
	bool ok = big != NULL;

	/* Noise, a bad checksum (answered '-'), an oversize packet. */
	client_send_raw(c, "\xff\xfe junk", 7);
	client_send_raw(c, "$g#00", 5);
	if (ok) {
		memset(big, 'q', SIM_GDB_PACKET_MAX + 60);
		big[0] = '$';
		memcpy(big + SIM_GDB_PACKET_MAX + 57, "#00", 3);
		client_send_raw(c, big, SIM_GDB_PACKET_MAX + 60);
	}
	free(big);
	ok &= client_expect(c, "QStartNoAckMode", "OK");
	ok &= client_expect(c, "Zz", "E01");
	ok &= client_expect(c, "m40000000,zz", "E01");
	ok &= client_expect(c, "vBogus", "");
	ok &= client_expect(c, "Hg99", "E01");
	/* CPU 0 alone: the built-in echo model is no thread. */
	ok &= client_expect(c, "qfThreadInfo", "m1");
	client_send(c, "p20");
	{
		char body[SIM_GDB_PACKET_MAX + 1];

		client_read(c, body, sizeof(body));
		ok &= strlen(body) == 16;
	}
	ok &= client_expect(c, "D", "OK");
	return ok;
}

/* The stub answers bad packets and unknown ones without dying, then serves good ones; a
 * detach lets the run go on to its end. Forked: the simulation serves, the child is gdb. */
Test(gdb_server, garbage_then_detach)
{
	serve_client(talk_garbage_then_detach);
}

static bool talk_registers(struct client *c)
{
	bool ok = client_expect(c, "QStartNoAckMode", "OK");

	ok &= client_expect(c, "P31=00112233445566778899aabbccddeeff", "OK");
	ok &= client_expect(c, "p31", "00112233445566778899aabbccddeeff");
	ok &= client_expect(c, "p2e", "00000000000000000000000000000000");
	ok &= client_expect(c, "P4f=00004003", "OK");
	ok &= client_expect(c, "p4f", "00004003");
	ok &= client_expect(c, "P27=0010004000000000", "OK");
	ok &= client_expect(c, "p27", "0010004000000000");
	ok &= client_expect(c, "P2a=0000084000000000", "OK");
	ok &= client_expect(c, "p2a", "0000084000000000");
	ok &= client_expect(c, "P2a=0000000000000000", "OK");
	ok &= client_expect(c, "P22=0400000000000000", "E01");
	ok &= client_expect(c, "P31=0011", "E01");
	ok &= client_expect(c, "P50=00000000", "E01");
	ok &= client_expect(c, "p50", "E01");
	ok &= client_expect(c, "D", "OK");
	return ok;
}

/*
 * The floating-point registers and the system registers through p and P: v3 (regnum 0x31)
 * takes 16 bytes and gives them back, FPCR (0x4f) 4; VBAR_EL1 (0x27) and TTBR0_EL1 (0x2a) are
 * written as a guest's MSR writes them; CurrentEL (0x22), a wrong length and a register past
 * FPCR are refused. The run then goes on to its end.
 */
Test(gdb_server, registers_fp_and_system)
{
	cr_assert_eq(EMU_DEBUG_REG_V0 + 3, 0x31);
	cr_assert_eq(EMU_DEBUG_REG_FPCR, 0x4f);
	cr_assert_eq(sim_gdb_reg_size(EMU_DEBUG_REG_V0 + 3), 16);
	cr_assert_eq(sim_gdb_reg_size(EMU_DEBUG_REG_FPSR), 4);
	cr_assert_eq(sim_gdb_reg_size(EMU_DEBUG_REG_ALL), 0);
	serve_client(talk_registers);
}

/* Usage errors exit 2 and say what is wrong. */
Test(gdb_cli, usage_errors)
{
	struct run_result r;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof(a);
	char port[16];

	run_cli(&r, "run", "--gdb", "70000", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "--gdb: \"70000\" is not a TCP port"), "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--gdb-wait", NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "--gdb-wait needs --gdb PORT"), "%s", r.notes);
	run_result_free(&r);
	/* A port somebody listens on already. */
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	cr_assert_eq(listen(fd, 1), 0);
	getsockname(fd, (struct sockaddr *)&a, &len);
	snprintf(port, sizeof(port), "%u", ntohs(a.sin_port));
	run_cli(&r, "run", "--gdb", port, NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_not_null(strstr(r.notes, "the port is in use"), "%s", r.notes);
	run_result_free(&r);
	close(fd);
}

/* Without a client the run goes on as without --gdb. */
Test(gdb_cli, runs_without_client)
{
	struct run_result r;

	run_cli(&r, "run", "--gdb", "0", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_not_null(strstr(r.notes, "ffa-sim: note: gdb: listening on 127.0.0.1:"));
	run_result_free(&r);
}
