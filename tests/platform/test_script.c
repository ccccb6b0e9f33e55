/* platform.script_parser: the APB script format (vp/script.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "script.h"

static void parses_all_commands(void **state) {
    (void)state;
    const char *text = "# header comment\n"
                       "\n"
                       "write 0x3002_0008 0x4341_5053 pauser=0x21212121\n"
                       "  READ 0x14c6_0004 expect=0x1 mask=0xF   # trailing comment\n"
                       "poll 0x3003_003C 0x4000_0000 0x4000_0000 timeout=1_000\n"
                       "wait 25\n"
                       "read 0x30022000 slverr=1\n"
                       "poll 0x3002001c 0xF 0x1\n";
    script_t s;
    char err[256];
    assert_true(script_parse(text, "t.script", &s, err, sizeof(err)));
    assert_int_equal(s.n, 6);
    assert_int_equal(s.cmds[0].op, SCRIPT_WRITE);
    assert_int_equal(s.cmds[0].addr, 0x30020008u);
    assert_int_equal(s.cmds[0].data, 0x43415053u);
    assert_true(s.cmds[0].has_pauser);
    assert_int_equal(s.cmds[0].pauser, 0x21212121u);
    assert_int_equal(s.cmds[0].line, 3);
    assert_string_equal(s.cmds[0].text, "write 0x3002_0008 0x4341_5053 pauser=0x21212121");
    assert_int_equal(s.cmds[1].op, SCRIPT_READ);
    assert_int_equal(s.cmds[1].addr, 0x14c60004u);
    assert_true(s.cmds[1].has_expect);
    assert_int_equal(s.cmds[1].expect, 1);
    assert_int_equal(s.cmds[1].mask, 0xF);
    assert_false(s.cmds[1].has_pauser);
    assert_int_equal(s.cmds[1].line, 4);
    assert_int_equal(s.cmds[2].op, SCRIPT_POLL);
    assert_int_equal(s.cmds[2].mask, 0x40000000u);
    assert_int_equal(s.cmds[2].expect, 0x40000000u);
    assert_int_equal(s.cmds[2].cycles, 1000);
    assert_int_equal(s.cmds[3].op, SCRIPT_WAIT);
    assert_int_equal(s.cmds[3].cycles, 25);
    assert_true(s.cmds[4].slverr);
    assert_false(s.cmds[4].has_expect);
    assert_int_equal(s.cmds[4].mask, 0xFFFFFFFFu); /* default mask */
    assert_int_equal(s.cmds[5].cycles, SCRIPT_POLL_TIMEOUT);
    script_free(&s);
}

static void numbers(void **state) {
    (void)state;
    uint64_t v;
    assert_true(script_parse_u64("0x3002_0008", &v));
    assert_int_equal(v, 0x30020008u);
    assert_true(script_parse_u64("1_000_000", &v));
    assert_int_equal(v, 1000000);
    assert_true(script_parse_u64("0XABcd", &v));
    assert_int_equal(v, 0xabcd);
    assert_false(script_parse_u64("", &v));
    assert_false(script_parse_u64("0x", &v));
    assert_false(script_parse_u64("_1", &v));
    assert_false(script_parse_u64("1_", &v));
    assert_false(script_parse_u64("1__0", &v));
    assert_false(script_parse_u64("12a", &v));
    assert_false(script_parse_u64("0x1_0000_0000_0000_0000", &v)); /* overflow */
    assert_true(script_parse_u64("18446744073709551615", &v));
    assert_false(script_parse_u64("18446744073709551616", &v));
}

static void expect_error(const char *text, const char *needle) {
    script_t s;
    char err[256] = "";
    assert_false(script_parse(text, "bad.script", &s, err, sizeof(err)));
    if (!strstr(err, needle)) fail_msg("error '%s' does not contain '%s'", err, needle);
    assert_null(s.cmds);
}

static void errors_name_the_line(void **state) {
    (void)state;
    expect_error("wait 1\nfrobnicate 1 2\n", "bad.script:2: frobnicate 1 2: unknown command");
    expect_error("write 0x30020000\n", "bad.script:1: write 0x30020000: missing arguments");
    expect_error("# c\nread 0x1_0000_0000\n", "bad.script:2:");
    expect_error("read 0x30020000 expect=zz\n", "bad expect value");
    expect_error("read 0x30020000 timeout=5\n", "unknown option");
    expect_error("poll 0x30020000 0xF 1 slverr=1\n", "only allowed on read and write");
    expect_error("poll 0x30020000 0x1 0x2\n", "can never match");
    expect_error("write 1 2 3\n", "too many arguments");
    expect_error("read 0x30020000 slverr=2\n", "slverr must be 0 or 1");
    expect_error("read 0x30020000 pauser=0x1_0000_0000\n", "bad pauser");
    expect_error("wait\n", "missing arguments");
    expect_error("poll 0x30020000 1 1 timeout=0\n", "bad timeout");
    expect_error("write a b c d e f g h i j k\n", "too many fields");
}

static void check_semantics(void **state) {
    (void)state;
    script_t s;
    char err[256], msg[256];
    assert_true(script_parse("read 0x30020000 expect=0x12 mask=0xF0\n"
                             "read 0x30022000 slverr=1\n"
                             "write 0x30020008 5\n"
                             "write 0x30022000 5 slverr=1\n",
                             "c", &s, err, sizeof(err)));
    /* expectation under mask */
    assert_true(script_check(&s.cmds[0], 0x1F, false, msg, sizeof(msg)));
    assert_false(script_check(&s.cmds[0], 0x2F, false, msg, sizeof(msg)));
    assert_non_null(strstr(msg, "read 0x0000002f, expected 0x00000012"));
    /* PSLVERR without slverr=1 fails */
    assert_false(script_check(&s.cmds[0], 0x10, true, msg, sizeof(msg)));
    assert_string_equal(msg, "unexpected PSLVERR");
    assert_false(script_check(&s.cmds[2], 0, true, msg, sizeof(msg)));
    /* slverr=1 passes only with PSLVERR */
    assert_true(script_check(&s.cmds[1], 0, true, msg, sizeof(msg)));
    assert_false(script_check(&s.cmds[1], 0, false, msg, sizeof(msg)));
    assert_string_equal(msg, "expected PSLVERR, got none");
    assert_true(script_check(&s.cmds[3], 0, true, msg, sizeof(msg)));
    assert_false(script_check(&s.cmds[3], 0, false, msg, sizeof(msg)));
    /* failure location */
    script_where(&s, &s.cmds[1], msg, sizeof(msg));
    assert_string_equal(msg, "c:2: read 0x30022000 slverr=1");
    script_free(&s);
}

static void poll_condition(void **state) {
    (void)state;
    script_t s;
    char err[256];
    assert_true(script_parse("poll 0x3002001C 0xF 0x1\n", "p", &s, err, sizeof(err)));
    assert_true(script_poll_done(&s.cmds[0], 0x41));
    assert_false(script_poll_done(&s.cmds[0], 0x40));
    script_free(&s);
}

static void hostile_input(void **state) {
    (void)state;
    script_t s;
    char err[256];
    /* binary garbage / very long line: clean error, no crash */
    char big[5000];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = 0;
    assert_false(script_parse(big, "big", &s, err, sizeof(err)));
    assert_false(script_parse("\x01\x02\x03\n", "bin", &s, err, sizeof(err)));
    assert_false(script_load("/nonexistent/file.script", &s, err, sizeof(err)));
    assert_non_null(strstr(err, "cannot open"));
    /* empty script is valid and has no commands */
    assert_true(script_parse("", "empty", &s, err, sizeof(err)));
    assert_int_equal(s.n, 0);
    script_free(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_all_commands),  cmocka_unit_test(numbers),
        cmocka_unit_test(errors_name_the_line), cmocka_unit_test(check_semantics),
        cmocka_unit_test(poll_condition),       cmocka_unit_test(hostile_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
