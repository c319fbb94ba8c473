#ifndef FLOWSIM_CGSL_SHIM_H
#define FLOWSIM_CGSL_SHIM_H
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sf_gamma.h>

/* GSL's generator types are mutable C globals, which Swift 6 strict
   concurrency refuses to read; these accessors return the constant pointer. */
static inline const gsl_qrng_type *flowsim_qrng_sobol(void) { return gsl_qrng_sobol; }
#endif
