/*
 * fuzz.h — the entry points every harness under tests/fuzz/ defines.
 *
 * A harness (fuzz-<name>.c) defines LLVMFuzzerTestOneInput, which feeds one
 * input to the code under test and aborts (g_assert / g_error) when an
 * invariant of that code breaks; the sanitizers catch memory and undefined
 * behaviour. The same file is linked two ways: with libFuzzer
 * (-fsanitize=fuzzer, clang only) to search for new inputs, and with
 * replay.c, an ordinary main() that replays the committed corpus and every
 * past crash under `meson test` with any compiler.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Runs the code under test on one input. Returns 0; a failure aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Optional one-time setup, called before the first input (libFuzzer calls
 * it when defined; replay.c always calls it, so every harness defines it). */
int LLVMFuzzerInitialize(int *argc, char ***argv);
