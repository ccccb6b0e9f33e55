/* cptra-imgtool internals shared by the subcommand files. */
#ifndef IMGTOOL_H
#define IMGTOOL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "cptra_authman.h"
#include "cptra_bundle.h"

#define IMGTOOL_MAX_INPUT (64u << 20) /* refuse input files larger than 64 MiB */

/* Print "cptra-imgtool: error: ..." on stderr; returns 1 (the exit code for errors). */
int imgtool_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int imgtool_verr(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void imgtool_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* malloc'd file contents (NUL-terminated, not counted). NULL + message printed on error. */
uint8_t *imgtool_read(const char *path, size_t max, size_t *len);
/* Exactly n bytes, else error. 0 ok. */
int imgtool_read_exact(const char *path, uint8_t *buf, size_t n);
/* Create parent directories, write atomically (temp + rename). 0 ok. */
int imgtool_write(const char *path, const uint8_t *buf, size_t len);
char *imgtool_join(const char *dir, const char *name);        /* malloc'd dir/name */
int imgtool_parse_u32(const char *s, uint32_t *out);          /* decimal or 0x hex; 0 ok */
int imgtool_parse_hex(const char *s, uint8_t *out, size_t n); /* exactly n bytes; 0 ok */
void imgtool_hex(const uint8_t *p, size_t n, char *out);      /* out: 2n+1 chars */
int imgtool_is_help(const char *a);

/* Option parsing helper: argv[*i] is "--name"; returns its value (next arg) or NULL + error. */
const char *imgtool_optval(int argc, char **argv, int *i);

/* ---- keys ---- */
/* LMS signer: a 48-B private key file. Sparse caliptra-tool keys (only leaf 5 usable, images.md
 * §1.1) are recognised by comparing with pub_path; full keys keep the next leaf in
 * "<priv>.state" and refuse to sign when it is missing or exhausted. */
int imgtool_lms_sign(const char *priv_path, const char *pub_path, const uint8_t digest[48],
                     uint8_t sig[1620], uint8_t pub_out[48]);
/* Full tree of a private key: loaded from "<priv>.tree" when valid, else computed (a few
 * seconds) and cached there (only public values). Caller frees. */
struct cptra_lms_tree;
struct cptra_lms_tree *imgtool_lms_tree(const char *priv_path, const uint8_t priv[48]);
/* 48-byte raw LMS public key file. */
int imgtool_lms_read_pub(const char *path, uint8_t pub[48]);
/* Run an external sign helper (images.md §2.4): digest -> ECC r||s or LMS signature.
 * by_file: the helper gets "<cmd> <in> <out>"; else hex digest on stdin, signature on stdout.
 * ECC output: DER (or 192 hex chars r||s); LMS: raw 1620 bytes (or 3240 hex chars). */
int imgtool_sign_helper(const char *cmd, int by_file, int is_lms, const uint8_t digest[48],
                        uint8_t *sig);
void imgtool_keys_cleanup(void);

/* ---- ELF ---- */
/* If buf is an ELF file, replace it with the PT_LOAD image (from the lowest physical address,
 * gaps zero-filled); *load and *entry get the base address and the ELF entry. Returns 1 if it
 * was an ELF, 0 if not. strict: a malformed ELF is an error (-1, message printed); otherwise
 * it is used as raw bytes with a warning. */
int imgtool_elf_flatten(uint8_t **buf, size_t *len, uint32_t *load, uint32_t *entry,
                        const char *name, int strict);

/* ---- subcommands ---- */
int cmd_bundle(int argc, char **argv);
int cmd_create_auth_man(int argc, char **argv);
int cmd_create_auth_flash(int argc, char **argv);
int cmd_verify_flash(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_check_config(int argc, char **argv);

#endif
