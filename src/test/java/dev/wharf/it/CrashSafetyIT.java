package dev.wharf.it;

import dev.wharf.it.CrashHarness.Crash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;

import static dev.wharf.it.CrashHarness.SEED;

/**
 * {@code kill -9} at any moment leaves no torn blob, link or manifest, on filesystem storage and the packaged jar.
 * Rounds with seeded, randomised timing kill the JVM in the middle of a 256 MiB monolithic upload, of a chunked
 * {@code PATCH}, of a burst of manifest {@code PUT}s moving tags, and of a burst of {@code DELETE}s; after each, Wharf
 * restarts on the same root and the test checks
 * <ul>
 * <li>the tree on disk: every blob's {@code data} hashes to its name, every {@code link} is exactly
 * {@code sha256:<64 hex>} and names an existing blob (a revision's is a JSON manifest), every tag's
 * {@code current/link} names a revision of its repository; {@code .tmp-} leftovers are allowed, only counted;</li>
 * <li>the API: catalog and tag lists answer without {@code .tmp-} names, everything acknowledged before the kill is
 * served byte-identical, an acknowledged delete stays deleted, a tag names its last acknowledged manifest or the one
 * in flight;</li>
 * <li>an upload killed mid-{@code PATCH} reports a size between what was acknowledged and what was sent (the partial
 * chunk is kept) and completes to the right digest with the remaining bytes.</li>
 * </ul>
 * The rounds are in {@link UploadCrashes}, {@link ManifestCrashes} and {@link DeleteCrashes}, the checks in
 * {@link CrashChecks}, and what they share (Wharf, its clients, the ledger) in {@link CrashHarness}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashSafetyIT {
    private static final int ROUNDS = 12;

    private CrashHarness harness;
    private CrashChecks checks;
    private UploadCrashes uploads;
    private ManifestCrashes manifests;
    private DeleteCrashes deletes;

    @BeforeAll
    void start() throws IOException {
        harness = new CrashHarness();
        harness.launch();
        checks = new CrashChecks(harness);
        uploads = new UploadCrashes(harness);
        manifests = new ManifestCrashes(harness);
        deletes = new DeleteCrashes(harness);
    }

    @AfterAll
    void stop() throws IOException {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void killNineAtAnyMomentLeavesTheOldStateOrTheNew() throws Exception {
        harness.pushImageBlobs("crash/tags", "crash/deletes");
        for (int round = 0; round < ROUNDS; round++) {
            Crash crash = switch (round % 4) {
                case 0 -> uploads.monolithicUpload(round);
                case 1 -> uploads.chunkedUpload(round);
                case 2 -> manifests.manifestBurst(round);
                default -> deletes.deleteBurst(round);
            };
            String label = "round " + round + " (seed " + SEED + ")";
            long started = System.nanoTime();
            harness.launch();
            int temporaries = checks.assertStorageConsistent(label);
            checks.assertAcknowledgedServed(label);
            crash.afterRestart().run();
            System.out.printf("CrashSafetyIT %s: %s; consistent, %d .tmp- files on disk; %d ms%n", label, crash.note(),
                    temporaries, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
