#ifndef CASA_CSECP256K1_SHIM_H
#define CASA_CSECP256K1_SHIM_H
#include <secp256k1.h>
#include <secp256k1_ecdh.h>
#endif
