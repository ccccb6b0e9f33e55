/* OTP fuse block: the platform's Caliptra fuse values as the bootmcu reads them from SPI flash
 * (VP format; the AST2700 OTP layout is not public). Shared by the firmware and the host tool
 * that builds flash images (models/bootmcu/mkflash.c).
 *
 *   flash offset BOOTMCU_OTP_FLASH_OFFSET:
 *   0  magic 0x4650544F (bytes "OTPF")  4 version = 1  8 nwords = 83  12 CRC-32 (zlib) of words
 *   16 words[83]: the Caliptra fuse registers 0x200..0x348 in register order
 *      (caliptra-1x.md §2 fuse table: UDS seed .. SOC_STEPPING_ID). */
#ifndef BOOTMCU_OTP_H
#define BOOTMCU_OTP_H

#define BOOTMCU_OTP_FLASH_OFFSET 0x000FF000u /* 4 KiB below the FLSH image at 0x100000 */
#define BOOTMCU_OTP_MAGIC        0x4650544Fu
#define BOOTMCU_OTP_VERSION      1u
#define BOOTMCU_OTP_NWORDS       83u    /* (0x348 - 0x200) / 4 + 1 */
#define BOOTMCU_OTP_FUSE_FIRST   0x200u /* soc_ifc offset of FUSE_UDS_SEED[0] */
#define BOOTMCU_OTP_HDR          16u
#define BOOTMCU_OTP_SIZE         (BOOTMCU_OTP_HDR + 4u * BOOTMCU_OTP_NWORDS)

#endif
