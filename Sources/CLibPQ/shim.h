#ifndef AIRWAVE_CLIBPQ_SHIM_H
#define AIRWAVE_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
