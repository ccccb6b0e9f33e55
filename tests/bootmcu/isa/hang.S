/* Never exits: used with --max-cycles (runner must stop with status 124). */
#include "test.h"
    TEST_BEGIN
1:  j 1b
    TEST_END
