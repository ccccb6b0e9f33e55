/* Minimal check macros for the SystemC tests (cmocka's longjmp does not mix with coroutines). */
#ifndef SC_CHECK_H
#define SC_CHECK_H

#include <cinttypes>
#include <cstdio>

static int g_failures = 0;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
            g_failures++;                                                                          \
        }                                                                                          \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        unsigned long long _a = (unsigned long long)(a), _b = (unsigned long long)(b);             \
        if (_a != _b) {                                                                            \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s = %llu (0x%llx), %s = %llu (0x%llx)\n",    \
                    __FILE__, __LINE__, #a, _a, _a, #b, _b, _b);                                   \
            g_failures++;                                                                          \
        }                                                                                          \
    } while (0)

#endif
