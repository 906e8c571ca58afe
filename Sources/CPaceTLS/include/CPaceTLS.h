// pace's HTTPS client and SHA-256, through the system's OpenSSL 3 (libssl3), loaded with
// dlopen at the first call of pace_openssl_load rather than linked. Loading and
// relocating libssl and libcrypto costs every `pace` run about 0.7 ms, and only remote
// use and `pace import` need them. Build needs libssl-dev for the headers only.
//
// Every function except pace_openssl_load requires a successful pace_openssl_load first.
// The wrappers keep OpenSSL's return conventions; the SSL_ERROR_* and X509_V_OK values
// are OpenSSL's own (checked at compile time in pace_tls.c).
#ifndef CPACETLS_H
#define CPACETLS_H

#include <stddef.h>
#include <stdint.h>

typedef struct pace_ssl_ctx pace_ssl_ctx;
typedef struct pace_ssl pace_ssl;

#define PACE_SSL_ERROR_SYSCALL 5
#define PACE_SSL_ERROR_ZERO_RETURN 6
#define PACE_X509_V_OK 0

/// Loads libssl.so.3 (and with it libcrypto.so.3) once per process; thread-safe.
/// Returns 0, or -1 with dlerror's text (NUL-terminated, cut to `size`) in `error`.
int pace_openssl_load(char *error, size_t size);

/// A client context: TLS 1.2 or later, the peer verified (SSL_VERIFY_PEER). NULL on failure.
pace_ssl_ctx *pace_ssl_ctx_new_client(void);
void pace_ssl_ctx_free(pace_ssl_ctx *ctx);
/// Trust the CA certificates of the PEM file `path`; 1 on success.
int pace_ssl_ctx_load_ca_file(pace_ssl_ctx *ctx, const char *path);
/// Trust the system's CA certificates; 1 on success.
int pace_ssl_ctx_use_system_cas(pace_ssl_ctx *ctx);

pace_ssl *pace_ssl_new(pace_ssl_ctx *ctx);
void pace_ssl_free(pace_ssl *ssl);
/// The peer's certificate must name the IP address `ip` (text form); 1 on success.
int pace_ssl_expect_ip(pace_ssl *ssl, const char *ip);
/// The peer's certificate must name the DNS name `host`, also sent as SNI; 1 on success.
int pace_ssl_expect_host(pace_ssl *ssl, const char *host);
int pace_ssl_set_fd(pace_ssl *ssl, int fd);
int pace_ssl_connect(pace_ssl *ssl);
int pace_ssl_shutdown(pace_ssl *ssl);
int pace_ssl_read(pace_ssl *ssl, void *buffer, int count);
int pace_ssl_write(pace_ssl *ssl, const void *bytes, int count);
int pace_ssl_get_error(const pace_ssl *ssl, int ret);
long pace_ssl_get_verify_result(const pace_ssl *ssl);
const char *pace_x509_verify_error_string(long code);
/// The oldest error on this thread's OpenSSL error queue, removed from it; 0 when none.
unsigned long pace_err_get_error(void);
void pace_err_error_string_n(unsigned long code, char *buffer, size_t size);
/// SHA-256 of `count` bytes into `digest` (32 bytes).
void pace_sha256(const void *bytes, size_t count, uint8_t *digest);

#endif
