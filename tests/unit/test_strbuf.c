/*
 * test_strbuf.c - the byte buffer's fast paths against the slow, obvious way.
 *
 * sb_json_string copies runs of bytes that need no escape eight at a time, so it is
 * checked against a byte-at-a-time escaper on every length and alignment around a
 * word, with the bytes that need an escape at every position. sb_put_uint and
 * sb_put_fixed3 skip printf, so they are checked against printf, including the values
 * sb_put_fixed3 must hand to printf (negative zero, half thousandths, NaN, huge).
 */
#include "harness.h"

#include "strbuf.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* JSON escaping, one byte at a time: what RFC 8259 requires and no more. */
static void slow_json(char *out, const char *s, size_t n)
{
    char *o = out;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
        } else if (c == '\n') {
            o += sprintf(o, "\\n");
        } else if (c == '\r') {
            o += sprintf(o, "\\r");
        } else if (c == '\t') {
            o += sprintf(o, "\\t");
        } else if (c < 0x20) {
            o += sprintf(o, "\\u%04x", c);
        } else {
            *o++ = (char)c;
        }
    }
    *o++ = '"';
    *o = '\0';
}

static void check_json(const char *s, size_t n)
{
    char want[6 * 64 + 3];
    assert_true(n <= 64);
    slow_json(want, s, n);
    strbuf sb = {0};
    sb_puts(&sb, "x"); /* not at the buffer's start */
    sb_json_string(&sb, s, n);
    size_t len;
    char *got = sb_detach(&sb, &len);
    assert_non_null(got);
    assert_int_equal(len, 1 + strlen(want));
    assert_memory_equal(got + 1, want, len - 1);
    free(got);
}

static void json_escapes_like_the_slow_way(void **state)
{
    (void)state;
    /* Bytes that must be escaped, bytes next to them in value, and UTF-8. */
    static const unsigned char special[] = {0x00, 0x01, 0x08, 0x09, 0x0a, 0x0d, 0x1f, 0x20,
                                            '"', '!', '#', '\\', '[', ']', 0x7f, 0x80,
                                            0xa2, 0xd0, 0xff};
    char buf[64];
    for (size_t n = 0; n <= 40; n++) {
        for (size_t off = 0; off < 8; off++) { /* source alignment */
            char *s = buf + off;
            memset(s, 'a', n);
            check_json(s, n); /* no escapes at all */
            for (size_t p = 0; p < n; p++)
                for (size_t k = 0; k < sizeof special; k++) {
                    memset(s, 'a' + (int)(p % 7), n);
                    s[p] = (char)special[k];
                    if (p + 3 < n) /* and a second one further on */
                        s[p + 3] = (char)special[(k + 5) % sizeof special];
                    check_json(s, n);
                }
        }
    }
    /* Pseudo-random bytes: escapes at random places, several per word. */
    uint32_t x = 12345;
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)(round % 64);
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            unsigned char c = (unsigned char)(x >> 16);
            buf[i] = (char)((x >> 8) % 5 ? (c | 0x20) & 0x7e : c);
        }
        check_json(buf, n);
    }
}

static void json_strings_append_to_a_growing_buffer(void **state)
{
    (void)state;
    strbuf sb = {0};
    char want[64];
    size_t total = 0;
    for (int i = 0; i < 5000; i++) {
        const char *s = i % 3 ? "Kyiv \"центр\"\n" : "ok";
        sb_json_string(&sb, s, strlen(s));
        slow_json(want, s, strlen(s));
        assert_memory_equal(sb.v + total, want, strlen(want));
        total += strlen(want);
        assert_int_equal(sb.n, total);
    }
    assert_false(sb.failed);
    sb_free(&sb);
}

static void check_uint(size_t v)
{
    char want[32];
    snprintf(want, sizeof want, "%zu", v);
    strbuf sb = {0};
    sb_put_uint(&sb, v);
    char *got = sb_detach(&sb, NULL);
    assert_string_equal(got, want);
    free(got);
}

static void uint_prints_like_printf(void **state)
{
    (void)state;
    size_t p = 1;
    for (int d = 0; d < 20; d++, p *= 10) {
        check_uint(p);
        check_uint(p - 1);
        check_uint(p + 1);
        check_uint(p * 7 + 3);
    }
    check_uint(0);
    check_uint(SIZE_MAX);
    for (size_t v = 0; v < 100000; v += 7)
        check_uint(v);
}

/* sb_uint_at straight into a buffer: printf's digits, the end it returns, and no
 * byte stored past the SB_UINT_MAX it may use. */
static void check_uint_at(uint64_t v)
{
    char want[32], got[SB_UINT_MAX + 8];
    int n = snprintf(want, sizeof want, "%llu", (unsigned long long)v);
    memset(got, '#', sizeof got);
    char *end = sb_uint_at(got, v);
    assert_int_equal(end - got, n);
    assert_memory_equal(got, want, (size_t)n);
    for (size_t i = SB_UINT_MAX; i < sizeof got; i++)
        assert_int_equal(got[i], '#');
}

static void uint_at_writes_every_digit_count(void **state)
{
    (void)state;
    for (uint64_t v = 0; v < 200000; v++) /* every value of up to five digits */
        check_uint_at(v);
    uint64_t p = 1;
    for (int d = 0; d < 20; d++, p *= 10) { /* both sides of every power of ten */
        for (uint64_t k = 0; k < 3; k++) {
            check_uint_at(p + k);
            check_uint_at(p - 1 - k);
        }
        check_uint_at(p * 3 + 7);
    }
    check_uint_at(99999999);
    check_uint_at(100000000);
    check_uint_at(UINT32_MAX);
    check_uint_at(UINT64_MAX);
    check_uint_at(UINT64_MAX - 1);
    /* Random values of every bit length. */
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        check_uint_at(x >> (i % 64));
    }
}

static void check_fixed3(double v)
{
    char want[400];
    snprintf(want, sizeof want, "%.3f", v);
    strbuf sb = {0};
    sb_put_fixed3(&sb, v);
    char *got = sb_detach(&sb, NULL);
    assert_string_equal(got, want);
    free(got);
}

static void fixed3_prints_like_printf(void **state)
{
    (void)state;
    /* What the scorer writes: round(score * 1000) / 1000 for scores in [0, 1]. */
    for (int k = 0; k <= 1000; k++) {
        check_fixed3(k / 1000.0);
        check_fixed3(round(k / 1000.0 * 1000) / 1000);
        check_fixed3(1.0 - exp(-k / 97.0));
        check_fixed3(round((1.0 - exp(-k / 97.0)) * 1000) / 1000);
    }
    for (double v = 0; v < 2e6; v = v * 1.7 + 0.001)
        check_fixed3(round(v * 1000) / 1000);
    /* Not the fast path: printf decides. */
    const double odd[] = {-0.0, -1.0, -0.25, 0.0005, 0.0015, 0.1235, 2.5e-4, 1e12, 3e15,
                          1e300, NAN, INFINITY, -INFINITY, 0.9995, 1e-9};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        check_fixed3(odd[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_escapes_like_the_slow_way),
        cmocka_unit_test(json_strings_append_to_a_growing_buffer),
        cmocka_unit_test(uint_prints_like_printf),
        cmocka_unit_test(uint_at_writes_every_digit_count),
        cmocka_unit_test(fixed3_prints_like_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
