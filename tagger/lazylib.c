/*
 * lazylib.c - libxml2, libmicrohttpd and hiredis, loaded on their first call.
 *
 * Why: most runs of the program (`tagger --jsonl`, files) never parse HTML, serve
 * HTTP or talk to Redis, yet a library linked as usual is loaded, relocated and
 * initialised at every start, with all it depends on: libxml2 brings ICU (and its
 * 30 MB data library, libstdc++), libmicrohttpd brings GnuTLS (p11-kit, nettle, gmp,
 * idn2 ...). Together they were about 2.5 ms of a 3.5 ms start, more than the
 * compiled model's own checks (measured with an empty program linked each way).
 *
 * How: this file defines each function the program calls from those libraries, with
 * the prototype of the library's own header (so a mismatch does not compile). The
 * first call dlopen()s the library by its soname and looks the function up there;
 * later calls jump through the cached pointer. The program is linked with
 * --as-needed, so with every symbol defined here the libraries drop out of its
 * DT_NEEDED list; a build without the sonames (TG_SONAME_*, from CMakeLists.txt; the
 * fuzz target that reuses the program's sources) compiles none of this and links the
 * libraries as usual. A function of these libraries newly called by the program
 * needs its line here, or the link keeps that library: the program still works, the
 * saving is lost, and the test lazy_libs (tests/e2e/lazy_libs.sh) fails naming the
 * function. libtagger itself links libxml2 as usual.
 *
 * A library that cannot be loaded when it is needed is a message and exit status 2:
 * the program cannot go on without it, and the functions have no error return that
 * every caller checks.
 */
#if defined(TG_SONAME_XML2) && defined(TG_SONAME_MHD) && defined(TG_SONAME_HIREDIS)

#include <dlfcn.h>
#include <hiredis/hiredis.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct lazy_lib {
    const char *soname;
    pthread_once_t once;
    void *handle;
} lazy_lib;

static lazy_lib xml2 = {TG_SONAME_XML2, PTHREAD_ONCE_INIT, NULL};
static lazy_lib mhd = {TG_SONAME_MHD, PTHREAD_ONCE_INIT, NULL};
static lazy_lib hiredis = {TG_SONAME_HIREDIS, PTHREAD_ONCE_INIT, NULL};

#define LAZY_OPEN(lib)                                                                        \
    static void open_##lib(void) { lib.handle = dlopen(lib.soname, RTLD_NOW | RTLD_LOCAL); }

LAZY_OPEN(xml2)
LAZY_OPEN(mhd)
LAZY_OPEN(hiredis)

static void *lazy_sym(lazy_lib *lib, void (*open)(void), const char *name)
{
    pthread_once(&lib->once, open);
    void *sym = lib->handle ? dlsym(lib->handle, name) : NULL;
    if (!sym) {
        fprintf(stderr, "tagger: cannot load %s from %s: %s\n", name, lib->soname, dlerror());
        exit(2);
    }
    return sym;
}

/* fn: a pointer of the function's own type, set once (threads may race to set the
 * same value, hence the atomics). */
#define LAZY_FN(lib, name)                                                                    \
    static __typeof__(&name) fn_;                                                             \
    __typeof__(&name) fn = __atomic_load_n(&fn_, __ATOMIC_ACQUIRE);                           \
    if (!fn) {                                                                                \
        fn = (__typeof__(&name))lazy_sym(&lib, open_##lib, #name);                            \
        __atomic_store_n(&fn_, fn, __ATOMIC_RELEASE);                                         \
    }

/* A function returning a value, and one returning nothing. */
#define LAZY(lib, ret, name, params, args)                                                    \
    ret name params                                                                           \
    {                                                                                         \
        LAZY_FN(lib, name)                                                                    \
        return fn args;                                                                       \
    }
#define LAZY_VOID(lib, name, params, args)                                                    \
    void name params                                                                          \
    {                                                                                         \
        LAZY_FN(lib, name)                                                                    \
        fn args;                                                                              \
    }

/* ---- libxml2 (src/html.c) ---- */

LAZY_VOID(xml2, xmlInitParser, (void), ())
LAZY(xml2, htmlDocPtr, htmlReadMemory,
     (const char *buffer, int size, const char *URL, const char *encoding, int options),
     (buffer, size, URL, encoding, options))
LAZY(xml2, xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *doc), (doc))
LAZY_VOID(xml2, xmlFreeDoc, (xmlDocPtr cur), (cur))
LAZY(xml2, const htmlEntityDesc *, htmlEntityLookup, (const xmlChar *name), (name))

/* ---- libmicrohttpd (tagger/serve*.c) ---- */

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port,
                                    MHD_AcceptPolicyCallback apc, void *apc_cls,
                                    MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    LAZY_FN(mhd, MHD_start_daemon_va)
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = fn(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}
LAZY_VOID(mhd, MHD_stop_daemon, (struct MHD_Daemon * daemon), (daemon))
LAZY(mhd, MHD_socket, MHD_quiesce_daemon, (struct MHD_Daemon * daemon), (daemon))
/* Variadic in its prototype, but no information type takes an argument after the
 * type, and the library reads none. */
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *daemon,
                                                enum MHD_DaemonInfoType info_type, ...)
{
    LAZY_FN(mhd, MHD_get_daemon_info)
    return fn(daemon, info_type);
}
LAZY(mhd, const char *, MHD_lookup_connection_value,
     (struct MHD_Connection * connection, enum MHD_ValueKind kind, const char *key),
     (connection, kind, key))
LAZY(mhd, enum MHD_Result, MHD_queue_response,
     (struct MHD_Connection * connection, unsigned int status_code,
      struct MHD_Response *response),
     (connection, status_code, response))
LAZY_VOID(mhd, MHD_suspend_connection, (struct MHD_Connection * connection), (connection))
LAZY_VOID(mhd, MHD_resume_connection, (struct MHD_Connection * connection), (connection))
LAZY(mhd, struct MHD_Response *, MHD_create_response_from_buffer,
     (size_t size, void *buffer, enum MHD_ResponseMemoryMode mode), (size, buffer, mode))
LAZY_VOID(mhd, MHD_destroy_response, (struct MHD_Response * response), (response))
LAZY(mhd, enum MHD_Result, MHD_add_response_header,
     (struct MHD_Response * response, const char *header, const char *content),
     (response, header, content))

/* ---- hiredis (tagger/worker*.c) ---- */

LAZY(hiredis, redisContext *, redisConnectWithTimeout,
     (const char *ip, int port, const struct timeval tv), (ip, port, tv))
LAZY(hiredis, int, redisSetTimeout, (redisContext * c, const struct timeval tv), (c, tv))
LAZY(hiredis, int, redisEnableKeepAlive, (redisContext * c), (c))
LAZY_VOID(hiredis, redisFree, (redisContext * c), (c))
LAZY(hiredis, int, redisBufferWrite, (redisContext * c, int *done), (c, done))
LAZY(hiredis, int, redisGetReply, (redisContext * c, void **reply), (c, reply))
LAZY(hiredis, int, redisAppendCommandArgv,
     (redisContext * c, int argc, const char **argv, const size_t *argvlen),
     (c, argc, argv, argvlen))
LAZY_VOID(hiredis, freeReplyObject, (void *reply), (reply))
void *redisCommand(redisContext *c, const char *format, ...)
{
    LAZY_FN(hiredis, redisvCommand)
    va_list ap;
    va_start(ap, format);
    void *reply = fn(c, format, ap);
    va_end(ap);
    return reply;
}
int redisAppendCommand(redisContext *c, const char *format, ...)
{
    LAZY_FN(hiredis, redisvAppendCommand)
    va_list ap;
    va_start(ap, format);
    int rc = fn(c, format, ap);
    va_end(ap);
    return rc;
}

#else
typedef int tg_lazylib_unused; /* ISO C wants a declaration in every file */
#endif
