/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The words a direct-request benchmark guest shares with the benchmark, which patches the
 * first two in guest memory before a run (found through the ELF symbol table) and reads the
 * third back: the number of requests, the partition they go to, and how many answers were
 * wrong. Included by exactly one file of each guest.
 */
#ifndef BENCH_GUESTS_BENCH_WORDS_H
#define BENCH_GUESTS_BENCH_WORDS_H

#include <stdint.h>

volatile uint64_t bench_iterations = 100000;
volatile uint64_t bench_target = 0x8001;
volatile uint64_t bench_result;

#endif
