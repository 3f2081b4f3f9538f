#ifndef SUPPLYLINE_SQLITE_VFS_H
#define SUPPLYLINE_SQLITE_VFS_H

#include <stdint.h>

/// The name of the VFS that `supplyline_vfs_register` registers.
#define SUPPLYLINE_VFS_NAME "supplyline"

/// Registers (once; later calls do nothing) a VFS named "supplyline" over the process's
/// default VFS. It passes every call through, except that a write-ahead log's writes are
/// gathered while a transaction writes its frames and reach the file in one write: when the
/// transaction's commit frame is complete, or sooner if the log is synced, read, truncated,
/// sized or closed, or a write does not follow on from the gathered ones. Returns an SQLite
/// result code.
int supplyline_vfs_register(void);

/// Since the process started: frames' bytes gathered, and writes made to logs (gathered or not).
typedef struct {
    uint64_t gatheredWrites;
    uint64_t fileWrites;
} supplyline_vfs_stats;

supplyline_vfs_stats supplyline_vfs_statistics(void);

#endif
