/* handshake_capi: a C ABI around hs::Engine, for foreign-function callers (Python ctypes).
 *
 *   hs_engine* e = hs_engine_create(0);
 *   char* body = NULL; size_t len = 0;
 *   int status = hs_engine_handle(e, "111111111111", 12, "AWSOrganizationsV20161128.DescribeOrganization", 46,
 *                                 "{}", 2, &body, &len);
 *   ... body[0..len) is the JSON response body (also NUL-terminated) ...
 *   hs_free(body);
 *   hs_engine_destroy(e);
 *
 * Strings go in as (pointer, length): they need not be NUL-terminated and may hold any bytes (the engine
 * answers a body it cannot read with a 400, as over the wire). No C++ exception crosses this interface.
 * One engine is one world; it is not safe to call one engine from two threads at once (callers lock).
 */
#ifndef HANDSHAKE_CAPI_H
#define HANDSHAKE_CAPI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped when a signature below changes; callers check it before anything else. */
#define HS_CAPI_ABI_VERSION 1

/* Returned by hs_engine_handle instead of an HTTP status. */
#define HS_CAPI_BAD_ARGUMENT (-1) /* a NULL engine or output pointer, or a NULL string with a length */
#define HS_CAPI_NO_MEMORY (-2)    /* the response could not be copied out; *out_body is NULL */

typedef struct hs_engine hs_engine;

int hs_capi_abi_version(void);

/* A new engine (an empty world, clock at 2026-01-01T00:00:00Z, ids from `seed`); NULL if it cannot be made. */
hs_engine* hs_engine_create(uint64_t seed);

/* Frees the engine and its world. NULL is ignored. */
void hs_engine_destroy(hs_engine* engine);

/* hs::Engine::handle(caller, target, body). Returns the HTTP status (200, 400, 413, or 500 with an
 * InternalFailure body if the engine failed) and sets *out_body / *out_len to a NUL-terminated copy of the
 * response body that the caller frees with hs_free. On a negative return nothing is allocated. */
int hs_engine_handle(hs_engine* engine, const char* caller, size_t caller_len, const char* target, size_t target_len,
                     const char* body, size_t body_len, char** out_body, size_t* out_len);

/* Frees a body returned by hs_engine_handle. NULL is ignored. */
void hs_free(char* body);

#ifdef __cplusplus
}
#endif

#endif /* HANDSHAKE_CAPI_H */
