package cn.courtmediation.hub.registry;

/** Bulk registry administration on the embedded defaults (H2 file database), on the hub all H2 tests share. */
class RegistryBulkH2IT extends RegistryBulkContract {
}
