#ifndef CASA_CCRYPTO_SHIM_H
#define CASA_CCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for its SHA-256 only: it uses the CPU's SHA instructions (x86 SHA-NI,
   ARMv8 crypto extensions) where libsodium has portable C. libcurl already loads libcrypto. */
#include <openssl/sha.h>
#endif
