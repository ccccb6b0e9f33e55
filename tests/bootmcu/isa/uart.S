/* Console output through the 16550 UART (THR at offset 0, LSR.THRE polled). */
#include "test.h"
    TEST_BEGIN
    li s0, UART_BASE
    la s1, msg
1:  lbu t1, 0(s1)
    beqz t1, 3f
2:  lw t2, 0x14(s0)
    andi t2, t2, 0x20
    beqz t2, 2b
    sw t1, 0(s0)
    addi s1, s1, 1
    j 1b
3:  j pass
    TEST_END
    .section .rodata
msg: .asciz "hello from bootmcu\n"
