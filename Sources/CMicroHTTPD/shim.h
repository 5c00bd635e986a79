#ifndef AIRWAVE_CMICROHTTPD_SHIM_H
#define AIRWAVE_CMICROHTTPD_SHIM_H
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

/// MHD_start_daemon is variadic, which Swift cannot call; pass every option through MHD_OPTION_ARRAY.
static inline struct MHD_Daemon *airwave_mhd_start(unsigned int flags, uint16_t port,
                                                   MHD_AccessHandlerCallback handler, void *handler_cls,
                                                   struct MHD_OptionItem *options) {
    return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_cls,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

/// MHD_get_daemon_info is variadic: the port the daemon actually bound (useful with port 0), or 0.
static inline uint16_t airwave_mhd_bind_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// The number of connections the daemon currently holds, or 0 when unknown.
static inline unsigned int airwave_mhd_current_connections(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info == NULL ? 0 : info->num_connections;
}

/// Writes the client's numeric address ("127.0.0.1", "::1") into `out`; returns 1 on success, 0 otherwise.
static inline int airwave_mhd_client_address(struct MHD_Connection *connection, char *out, size_t out_size) {
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL || out == NULL || out_size == 0) return 0;
    const struct sockaddr *sa = info->client_addr;
    const void *src = NULL;
    if (sa->sa_family == AF_INET) src = &((const struct sockaddr_in *)sa)->sin_addr;
    else if (sa->sa_family == AF_INET6) src = &((const struct sockaddr_in6 *)sa)->sin6_addr;
    else return 0;
    return inet_ntop(sa->sa_family, src, out, (socklen_t)out_size) == NULL ? 0 : 1;
}

/// Formats one of MHD's log messages (printf-style with a va_list) into `out`; Swift cannot walk a va_list itself.
static inline int airwave_format_log(char *out, size_t out_size, const char *fmt, va_list ap) {
    if (out == NULL || out_size == 0 || fmt == NULL) return 0;
    return vsnprintf(out, out_size, fmt, ap);
}
#endif
