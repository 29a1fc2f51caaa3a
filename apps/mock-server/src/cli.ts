// The `fmauth-mock` bin: the command line itself lives in @fmauth/mock, which @fmauth/cli's
// `fmauth mock` runs too.
import '@fmauth/mock/cli';
