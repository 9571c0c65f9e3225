#ifndef CASA_CSODIUM_SHIM_H
#define CASA_CSODIUM_SHIM_H
#include <sodium.h>
#endif
