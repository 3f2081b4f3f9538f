#include <sqlite3.h>

/// Turns off SQLite's memory statistics before the library is first used. With them on, every
/// allocation SQLite makes takes one process-wide mutex, which the store's writer and its
/// readers then contend for. sqlite3_config is variadic, so Swift reaches it through here.
static inline int supplyline_sqlite3_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
