// A VFS over the process's default one that gathers a write-ahead log's writes.
//
// SQLite writes each frame of the log with two writes (its 24-byte header, then the page), so
// a transaction that changes a hundred pages makes two hundred write system calls before its
// one sync. Here a log's writes that follow on from one another are kept in memory and reach
// the file in one write:
//  - when the transaction's commit frame is complete (the frame header's "database size after
//    commit" is not zero), so that the frames are in the file before SQLite publishes them in
//    the wal-index, where other connections look, whatever the synchronous setting;
//  - before the log is synced, read, truncated, sized or closed, and before a write that does
//    not follow on from the gathered ones (SQLite rewrites an earlier frame in place when a
//    transaction changes a page again after it had to spill it);
//  - when the buffer is full.
// Between two syncs the operating system may write pages in any order anyway, so holding
// them a little longer changes nothing SQLite relies on. A failed write is reported by the
// call that flushed it (the commit frame's write or the sync), and SQLite then rolls back.
// Every other file, and every other call, passes straight through.
//
// Knowing where a commit ends relies on SQLite writing each frame as its header and then its
// page, as it has since the write-ahead log first appeared. The storage tests read each commit
// from another connection and copy the files as COMMIT leaves them (with no sync); both fail
// if a newer SQLite ever writes frames otherwise.

#include "CSQLiteVFS.h"

#include <sqlite3.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

enum {
    frameHeaderSize = 24,
    bufferCapacity = 1 << 20,
    /// The unix VFS writes at most 128 KiB - 1 bytes in one call (more than any one page and
    /// frame header), so gathered bytes go down in pieces no larger than this.
    largestWrite = 124 * 1024,
};

typedef struct {
    sqlite3_file base;
    /// The default VFS's file, in the memory just after this struct.
    sqlite3_file *real;
    int isLog;
    /// Gathered bytes, and where in the file the first of them goes.
    unsigned char *buffer;
    int length;
    sqlite3_int64 start;
    /// Set by a commit frame's header; the frame's page, written next at this offset, ends
    /// the transaction's frames.
    sqlite3_int64 commitPageOffset;
} GatheringFile;

static sqlite3_vfs *underlying;
static sqlite3_vfs vfs;
static _Atomic uint64_t gatheredWrites;
static _Atomic uint64_t fileWrites;

static int flush(GatheringFile *f) {
    int done = 0;
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK && done < f->length) {
        int piece = f->length - done < largestWrite ? f->length - done : largestWrite;
        atomic_fetch_add_explicit(&fileWrites, 1, memory_order_relaxed);
        rc = f->real->pMethods->xWrite(f->real, f->buffer + done, piece, f->start + done);
        done += piece;
    }
    f->length = 0;
    return rc;
}

static int fileClose(sqlite3_file *file) {
    GatheringFile *f = (GatheringFile *)file;
    int rc = flush(f);
    int closed = f->real->pMethods->xClose(f->real);
    sqlite3_free(f->buffer);
    f->buffer = NULL;
    return rc != SQLITE_OK ? rc : closed;
}

static int fileRead(sqlite3_file *file, void *out, int amount, sqlite3_int64 offset) {
    GatheringFile *f = (GatheringFile *)file;
    int rc = flush(f);
    if (rc != SQLITE_OK) return rc;
    return f->real->pMethods->xRead(f->real, out, amount, offset);
}

static uint32_t bigEndian32(const unsigned char *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static int fileWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset) {
    GatheringFile *f = (GatheringFile *)file;
    if (!f->isLog) return f->real->pMethods->xWrite(f->real, data, amount, offset);
    atomic_fetch_add_explicit(&gatheredWrites, 1, memory_order_relaxed);

    int endsCommit = f->commitPageOffset >= 0 && offset == f->commitPageOffset;
    f->commitPageOffset = -1;
    if (amount == frameHeaderSize && bigEndian32((const unsigned char *)data + 4) != 0) {
        f->commitPageOffset = offset + frameHeaderSize;
    }

    int followsOn = f->length > 0 && offset == f->start + f->length;
    if (f->length > 0 && (!followsOn || f->length + amount > bufferCapacity)) {
        int rc = flush(f);
        if (rc != SQLITE_OK) return rc;
    }
    if (amount > bufferCapacity) {
        atomic_fetch_add_explicit(&fileWrites, 1, memory_order_relaxed);
        return f->real->pMethods->xWrite(f->real, data, amount, offset);
    }
    if (f->buffer == NULL) {
        f->buffer = sqlite3_malloc(bufferCapacity);
        if (f->buffer == NULL) {
            atomic_fetch_add_explicit(&fileWrites, 1, memory_order_relaxed);
            return f->real->pMethods->xWrite(f->real, data, amount, offset);
        }
    }
    if (f->length == 0) f->start = offset;
    memcpy(f->buffer + f->length, data, (size_t)amount);
    f->length += amount;
    return endsCommit ? flush(f) : SQLITE_OK;
}

static int fileTruncate(sqlite3_file *file, sqlite3_int64 size) {
    GatheringFile *f = (GatheringFile *)file;
    int rc = flush(f);
    if (rc != SQLITE_OK) return rc;
    return f->real->pMethods->xTruncate(f->real, size);
}

static int fileSync(sqlite3_file *file, int flags) {
    GatheringFile *f = (GatheringFile *)file;
    int rc = flush(f);
    if (rc != SQLITE_OK) return rc;
    return f->real->pMethods->xSync(f->real, flags);
}

static int fileSize(sqlite3_file *file, sqlite3_int64 *size) {
    GatheringFile *f = (GatheringFile *)file;
    int rc = flush(f);
    if (rc != SQLITE_OK) return rc;
    return f->real->pMethods->xFileSize(f->real, size);
}

static int fileLock(sqlite3_file *file, int level) {
    GatheringFile *f = (GatheringFile *)file;
    return f->real->pMethods->xLock(f->real, level);
}

static int fileUnlock(sqlite3_file *file, int level) {
    GatheringFile *f = (GatheringFile *)file;
    return f->real->pMethods->xUnlock(f->real, level);
}

static int fileCheckReservedLock(sqlite3_file *file, int *out) {
    GatheringFile *f = (GatheringFile *)file;
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int fileControl(sqlite3_file *file, int op, void *argument) {
    GatheringFile *f = (GatheringFile *)file;
    if (op == SQLITE_FCNTL_VFSNAME) {
        // Names this VFS in front of the one below, as SQLite's own shims do.
        int rc = f->real->pMethods->xFileControl(f->real, op, argument);
        if (rc == SQLITE_OK) {
            char *below = *(char **)argument;
            *(char **)argument = sqlite3_mprintf("%s/%z", vfs.zName, below);
        }
        return rc;
    }
    return f->real->pMethods->xFileControl(f->real, op, argument);
}

static int fileSectorSize(sqlite3_file *file) {
    GatheringFile *f = (GatheringFile *)file;
    return f->real->pMethods->xSectorSize(f->real);
}

static int fileDeviceCharacteristics(sqlite3_file *file) {
    GatheringFile *f = (GatheringFile *)file;
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int fileShmMap(sqlite3_file *file, int page, int pageSize, int extend, void volatile **out) {
    GatheringFile *f = (GatheringFile *)file;
    if (f->real->pMethods->iVersion < 2) return SQLITE_IOERR_SHMMAP;
    return f->real->pMethods->xShmMap(f->real, page, pageSize, extend, out);
}

static int fileShmLock(sqlite3_file *file, int offset, int n, int flags) {
    GatheringFile *f = (GatheringFile *)file;
    if (f->real->pMethods->iVersion < 2) return SQLITE_IOERR_SHMLOCK;
    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void fileShmBarrier(sqlite3_file *file) {
    GatheringFile *f = (GatheringFile *)file;
    if (f->real->pMethods->iVersion >= 2) f->real->pMethods->xShmBarrier(f->real);
}

static int fileShmUnmap(sqlite3_file *file, int deleteFlag) {
    GatheringFile *f = (GatheringFile *)file;
    if (f->real->pMethods->iVersion < 2) return SQLITE_OK;
    return f->real->pMethods->xShmUnmap(f->real, deleteFlag);
}

static int fileFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out) {
    GatheringFile *f = (GatheringFile *)file;
    *out = NULL;
    if (f->real->pMethods->iVersion < 3) return SQLITE_OK;
    int rc = flush(f);
    if (rc != SQLITE_OK) return rc;
    return f->real->pMethods->xFetch(f->real, offset, amount, out);
}

static int fileUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page) {
    GatheringFile *f = (GatheringFile *)file;
    if (f->real->pMethods->iVersion < 3) return SQLITE_OK;
    return f->real->pMethods->xUnfetch(f->real, offset, page);
}

static const sqlite3_io_methods methods = {
    3,
    fileClose, fileRead, fileWrite, fileTruncate, fileSync, fileSize,
    fileLock, fileUnlock, fileCheckReservedLock, fileControl, fileSectorSize, fileDeviceCharacteristics,
    fileShmMap, fileShmLock, fileShmBarrier, fileShmUnmap,
    fileFetch, fileUnfetch,
};

static int vfsOpen(sqlite3_vfs *self, const char *name, sqlite3_file *file, int flags, int *outFlags) {
    (void)self;
    GatheringFile *f = (GatheringFile *)file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)(f + 1);
    f->isLog = (flags & SQLITE_OPEN_WAL) != 0;
    f->commitPageOffset = -1;
    int rc = underlying->xOpen(underlying, name, f->real, flags, outFlags);
    // SQLite closes a file whose methods are set, even when opening it failed.
    f->base.pMethods = f->real->pMethods != NULL ? &methods : NULL;
    return rc;
}

static int vfsDelete(sqlite3_vfs *self, const char *name, int syncDirectory) {
    (void)self;
    return underlying->xDelete(underlying, name, syncDirectory);
}

static int vfsAccess(sqlite3_vfs *self, const char *name, int flags, int *out) {
    (void)self;
    return underlying->xAccess(underlying, name, flags, out);
}

static int vfsFullPathname(sqlite3_vfs *self, const char *name, int size, char *out) {
    (void)self;
    return underlying->xFullPathname(underlying, name, size, out);
}

static void *vfsDlOpen(sqlite3_vfs *self, const char *path) {
    (void)self;
    return underlying->xDlOpen(underlying, path);
}

static void vfsDlError(sqlite3_vfs *self, int size, char *out) {
    (void)self;
    underlying->xDlError(underlying, size, out);
}

static void (*vfsDlSym(sqlite3_vfs *self, void *handle, const char *symbol))(void) {
    (void)self;
    return underlying->xDlSym(underlying, handle, symbol);
}

static void vfsDlClose(sqlite3_vfs *self, void *handle) {
    (void)self;
    underlying->xDlClose(underlying, handle);
}

static int vfsRandomness(sqlite3_vfs *self, int size, char *out) {
    (void)self;
    return underlying->xRandomness(underlying, size, out);
}

static int vfsSleep(sqlite3_vfs *self, int microseconds) {
    (void)self;
    return underlying->xSleep(underlying, microseconds);
}

static int vfsCurrentTime(sqlite3_vfs *self, double *out) {
    (void)self;
    return underlying->xCurrentTime(underlying, out);
}

static int vfsGetLastError(sqlite3_vfs *self, int size, char *out) {
    (void)self;
    return underlying->xGetLastError(underlying, size, out);
}

static int vfsCurrentTimeInt64(sqlite3_vfs *self, sqlite3_int64 *out) {
    (void)self;
    if (underlying->iVersion >= 2 && underlying->xCurrentTimeInt64 != NULL) {
        return underlying->xCurrentTimeInt64(underlying, out);
    }
    double days = 0;
    int rc = underlying->xCurrentTime(underlying, &days);
    *out = (sqlite3_int64)(days * 86400000.0);
    return rc;
}

static int registration = SQLITE_ERROR;

static void registerOnce(void) {
    registration = sqlite3_initialize();
    if (registration != SQLITE_OK) return;
    underlying = sqlite3_vfs_find(NULL);
    if (underlying == NULL) {
        registration = SQLITE_ERROR;
        return;
    }
    vfs.iVersion = 2;
    vfs.szOsFile = (int)sizeof(GatheringFile) + underlying->szOsFile;
    vfs.mxPathname = underlying->mxPathname;
    vfs.zName = SUPPLYLINE_VFS_NAME;
    vfs.xOpen = vfsOpen;
    vfs.xDelete = vfsDelete;
    vfs.xAccess = vfsAccess;
    vfs.xFullPathname = vfsFullPathname;
    vfs.xDlOpen = vfsDlOpen;
    vfs.xDlError = vfsDlError;
    vfs.xDlSym = vfsDlSym;
    vfs.xDlClose = vfsDlClose;
    vfs.xRandomness = vfsRandomness;
    vfs.xSleep = vfsSleep;
    vfs.xCurrentTime = vfsCurrentTime;
    vfs.xGetLastError = vfsGetLastError;
    vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    registration = sqlite3_vfs_register(&vfs, 0);
}

int supplyline_vfs_register(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, registerOnce);
    return registration;
}

supplyline_vfs_stats supplyline_vfs_statistics(void) {
    supplyline_vfs_stats stats;
    stats.gatheredWrites = atomic_load_explicit(&gatheredWrites, memory_order_relaxed);
    stats.fileWrites = atomic_load_explicit(&fileWrites, memory_order_relaxed);
    return stats;
}
