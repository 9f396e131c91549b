/**
 * The {@code kv} secrets engine, versions 1 and 2, with Vault's paths, JSON shapes and messages.
 *
 * <p>The mount option {@code version} ({@code "1"} by default, or {@code "2"}) picks the flavour.
 * Each group of paths lives in its own small class ({@link dev.coffer.backend.local.kv.KvV1Paths},
 * {@link dev.coffer.backend.local.kv.KvConfigPaths}, {@link
 * dev.coffer.backend.local.kv.KvDataPaths}, {@link dev.coffer.backend.local.kv.KvMetadataPaths},
 * {@link dev.coffer.backend.local.kv.KvVersionOpsPaths}, {@link
 * dev.coffer.backend.local.kv.KvSubkeysPaths}), all reading and writing through {@link
 * dev.coffer.backend.local.kv.KvStore}.
 *
 * <h2>Storage layout (keys inside the mount's own storage view)</h2>
 *
 * <dl>
 *   <dt>version 1: {@code <path>}
 *   <dd>the secret's fields as a JSON object, stored under the secret's own path, so a {@code LIST}
 *       is a plain storage listing.
 *   <dt>version 2: {@code config}
 *   <dd>the mount's settings: {@code {"max_versions", "cas_required", "delete_version_after_ns"}}.
 *   <dt>version 2: {@code metadata/<path>}
 *   <dd>one secret's metadata: current and oldest version, settings, custom metadata, and per
 *       version its created and deletion time and whether it is destroyed; and the current
 *       version's data while it is not destroyed ({@code current_data}, {@code
 *       current_data_version}; never shown), so a new secret is one row and a read of the current
 *       version reads one. Listing {@code metadata/<folder>/} answers {@code LIST
 *       metadata/<folder>}.
 *   <dt>version 2: {@code versions/<sha256 hex of path>/<version>}
 *   <dd>the data of one version that is no longer current (or, for secrets last written before
 *       2026-12-03, of the current one too) as a JSON object. Hashing the path keeps arbitrary
 *       secret paths out of the version keys and gives every secret a flat folder, so deleting all
 *       versions of a secret never touches another secret's.
 *   <dt>version 2: {@code rotation-due/<epoch seconds>-<sha256 hex of path>}
 *   <dd>the due-index of scheduled rotations ({@link
 *       dev.coffer.backend.local.kv.RotationSchedule}), holding the secret's path; {@code
 *       rotation-defaults} records which mount options it was built for.
 * </dl>
 *
 * <p>Leased reads and rotators ({@link dev.coffer.backend.local.kv.RotationSettings}, from mount
 * options and a secret's {@code custom_metadata}) are described in {@code docs/rotation.md}.
 *
 * <p>Every write is one {@link dev.coffer.spi.Storage#transaction} (read metadata, check-and-set,
 * write the version, prune, write metadata), so concurrent writers cannot both win a {@code cas}.
 * Times are RFC 3339 with up to nine fraction digits in UTC, from the mount's clock.
 */
package dev.coffer.backend.local.kv;
