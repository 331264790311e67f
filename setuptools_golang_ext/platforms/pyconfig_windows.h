/* pyconfig.h for building extension modules for 64-bit Windows CPython (x86_64, ARM64)
 * with MinGW-w64 or zig from another OS. Written for setuptools-golang-ext: the
 * Python headers of the build machine describe its own OS, and only this file
 * differs per platform. It sets what the public headers read: the Windows and
 * DLL-import switches and the LLP64 type sizes (long is 32 bits). */
#ifndef Py_CONFIG_H
#define Py_CONFIG_H

#define MS_WIN64
#define MS_WIN32
#define MS_WINDOWS
#define NT_THREADS
#define WITH_THREAD
#define PLATFORM "win32"

/* Extensions link against python3.dll / pythonXY.dll: PyAPI_FUNC is dllimport. */
#define Py_ENABLE_SHARED 1
#define HAVE_DECLSPEC_DLL

#define SIZEOF_SHORT 2
#define SIZEOF_INT 4
#define SIZEOF_LONG 4
#define SIZEOF_LONG_LONG 8
#define SIZEOF_FLOAT 4
#define SIZEOF_DOUBLE 8
#define SIZEOF_VOID_P 8
#define SIZEOF_SIZE_T 8
#define SIZEOF_TIME_T 8
#define SIZEOF_OFF_T 4
#define SIZEOF_FPOS_T 8
#define SIZEOF_WCHAR_T 2
#define SIZEOF__BOOL 1
#define ALIGNOF_SIZE_T 8
#define ALIGNOF_LONG 4
#define LONG_BIT 32
#define WORD_BIT 32

#define HAVE_SSIZE_T 1
#define HAVE_WCHAR_H 1
#define HAVE_STDDEF_H 1
#define HAVE_STDLIB_H 1
#define HAVE_LIMITS_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_FCNTL_H 1
#define HAVE_PROCESS_H 1
#define HAVE_SIGNAL_H 1
#define HAVE_IO_H 1
#define HAVE_DYNAMIC_LOADING
#define HAVE_COPYSIGN 1
#define HAVE_ROUND 1
#define HAVE_HYPOT 1
#define HAVE_ERF 1
#define HAVE_ERFC 1
#define HAVE_LARGEFILE_SUPPORT 1
#define DONT_HAVE_SIG_ALARM
#define DONT_HAVE_SIG_PAUSE

#include <io.h>
#include <basetsd.h>

#endif /* Py_CONFIG_H */
