#include "CPaceTLS.h"

// SHA256() is deprecated in OpenSSL 3 in favour of EVP, but one call serves pace.
#define OPENSSL_SUPPRESS_DEPRECATED

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

_Static_assert(PACE_SSL_ERROR_SYSCALL == SSL_ERROR_SYSCALL, "SSL_ERROR_SYSCALL");
_Static_assert(PACE_SSL_ERROR_ZERO_RETURN == SSL_ERROR_ZERO_RETURN, "SSL_ERROR_ZERO_RETURN");
_Static_assert(PACE_X509_V_OK == X509_V_OK, "X509_V_OK");

#define PACE_STR2(x) #x
#define PACE_STR(x) PACE_STR2(x)
// The soname of the libssl whose headers this was built with: libssl.so.3 on Debian 12.
#define PACE_LIBSSL "libssl.so." PACE_STR(OPENSSL_VERSION_MAJOR)

// Every OpenSSL function pace calls, each kept as a pointer of the function's own type.
#define PACE_OPENSSL_FUNCTIONS(X) \
    X(TLS_client_method) X(SSL_CTX_new) X(SSL_CTX_free) X(SSL_CTX_ctrl) \
    X(SSL_CTX_load_verify_locations) X(SSL_CTX_set_default_verify_paths) X(SSL_CTX_set_verify) \
    X(SSL_new) X(SSL_free) X(SSL_set_verify) X(SSL_get0_param) X(X509_VERIFY_PARAM_set1_ip_asc) \
    X(SSL_set1_host) X(SSL_ctrl) X(SSL_set_fd) X(SSL_connect) X(SSL_shutdown) X(SSL_read) \
    X(SSL_write) X(SSL_get_error) X(SSL_get_verify_result) X(X509_verify_cert_error_string) \
    X(ERR_get_error) X(ERR_error_string_n) X(SHA256)

#define PACE_DECLARE(name) static __typeof__(&name) p_##name;
PACE_OPENSSL_FUNCTIONS(PACE_DECLARE)

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[256];

static void load(void) {
    void *ssl = dlopen(PACE_LIBSSL, RTLD_NOW | RTLD_LOCAL);
    if (!ssl) {
        snprintf(load_error, sizeof load_error, "%s", dlerror());
        return;
    }
    // dlsym on libssl's handle also finds libcrypto's functions: libcrypto is its dependency.
#define PACE_RESOLVE(name) \
    p_##name = (__typeof__(p_##name))dlsym(ssl, #name); \
    if (!p_##name) { snprintf(load_error, sizeof load_error, "%s has no %s", PACE_LIBSSL, #name); return; }
    PACE_OPENSSL_FUNCTIONS(PACE_RESOLVE)
}

int pace_openssl_load(char *error, size_t size) {
    pthread_once(&load_once, load);
    if (load_error[0] == 0) return 0;
    if (error && size) snprintf(error, size, "%s", load_error);
    return -1;
}

pace_ssl_ctx *pace_ssl_ctx_new_client(void) {
    SSL_CTX *ctx = p_SSL_CTX_new(p_TLS_client_method());
    if (!ctx) return NULL;
    // SSL_CTX_set_min_proto_version is a macro over SSL_CTX_ctrl.
    if (p_SSL_CTX_ctrl(ctx, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION, NULL) != 1) {
        p_SSL_CTX_free(ctx);
        return NULL;
    }
    p_SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return (pace_ssl_ctx *)ctx;
}

void pace_ssl_ctx_free(pace_ssl_ctx *ctx) { p_SSL_CTX_free((SSL_CTX *)ctx); }

int pace_ssl_ctx_load_ca_file(pace_ssl_ctx *ctx, const char *path) {
    return p_SSL_CTX_load_verify_locations((SSL_CTX *)ctx, path, NULL);
}

int pace_ssl_ctx_use_system_cas(pace_ssl_ctx *ctx) {
    return p_SSL_CTX_set_default_verify_paths((SSL_CTX *)ctx);
}

pace_ssl *pace_ssl_new(pace_ssl_ctx *ctx) {
    SSL *ssl = p_SSL_new((SSL_CTX *)ctx);
    if (ssl) p_SSL_set_verify(ssl, SSL_VERIFY_PEER, NULL);
    return (pace_ssl *)ssl;
}

void pace_ssl_free(pace_ssl *ssl) { p_SSL_free((SSL *)ssl); }

int pace_ssl_expect_ip(pace_ssl *ssl, const char *ip) {
    return p_X509_VERIFY_PARAM_set1_ip_asc(p_SSL_get0_param((SSL *)ssl), ip);
}

int pace_ssl_expect_host(pace_ssl *ssl, const char *host) {
    if (p_SSL_set1_host((SSL *)ssl, host) != 1) return 0;
    // SSL_set_tlsext_host_name is a macro over SSL_ctrl.
    return (int)p_SSL_ctrl((SSL *)ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, (void *)host);
}

int pace_ssl_set_fd(pace_ssl *ssl, int fd) { return p_SSL_set_fd((SSL *)ssl, fd); }
int pace_ssl_connect(pace_ssl *ssl) { return p_SSL_connect((SSL *)ssl); }
int pace_ssl_shutdown(pace_ssl *ssl) { return p_SSL_shutdown((SSL *)ssl); }
int pace_ssl_read(pace_ssl *ssl, void *buffer, int count) { return p_SSL_read((SSL *)ssl, buffer, count); }
int pace_ssl_write(pace_ssl *ssl, const void *bytes, int count) { return p_SSL_write((SSL *)ssl, bytes, count); }
int pace_ssl_get_error(const pace_ssl *ssl, int ret) { return p_SSL_get_error((const SSL *)ssl, ret); }
long pace_ssl_get_verify_result(const pace_ssl *ssl) { return p_SSL_get_verify_result((const SSL *)ssl); }
const char *pace_x509_verify_error_string(long code) { return p_X509_verify_cert_error_string(code); }
unsigned long pace_err_get_error(void) { return p_ERR_get_error(); }
void pace_err_error_string_n(unsigned long code, char *buffer, size_t size) { p_ERR_error_string_n(code, buffer, size); }
void pace_sha256(const void *bytes, size_t count, uint8_t *digest) { p_SHA256(bytes, count, digest); }
