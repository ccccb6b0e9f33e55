/* WFI with every interrupt disabled: nothing can wake the core (runner status 125). */
#include "test.h"
    TEST_BEGIN
    csrw mie, zero
    wfi
    j pass
    TEST_END
