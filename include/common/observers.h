/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Whether the observers' call sites are compiled in: the trap path's call observer (the
 * conformance checker, traces, the scenario recorder), the SPMC's call observer (the
 * observability recorder) and its memory observer. Every build has them; the benchmark builds
 * a second copy of the files that hold them with FFA_SIM_NO_OBSERVERS defined, to measure what
 * they cost when no observer is installed (docs/performance.md, "Tracing off").
 */
#ifndef COMMON_OBSERVERS_H
#define COMMON_OBSERVERS_H

#ifdef FFA_SIM_NO_OBSERVERS
#define COMMON_OBSERVERS_BUILT 0
#else
#define COMMON_OBSERVERS_BUILT 1
#endif

#endif
