package dev.wharf.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Imports flow one way: api → store → storage ← storage.{backends}; model, error and config are leaves. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf");

    @Test
    void nothingImportsTheApi() {
        noClasses().that().resideOutsideOfPackage("dev.wharf.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.wharf.api..")
                .check(CLASSES);
    }

    @Test
    void storeDoesNotKnowHttp() {
        noClasses().that().resideInAPackage("dev.wharf.store..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.vertx..")
                .check(CLASSES);
    }

    @Test
    void storageKnowsNothingOfTheRegistry() {
        noClasses().that().resideInAPackage("dev.wharf.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wharf.store..", "dev.wharf.model..")
                .check(CLASSES);
    }

    @Test
    void onlyTheProducerKnowsTheBackends() {
        noClasses().that().resideOutsideOfPackages("dev.wharf.storage", "dev.wharf.storage.filesystem")
                .should().dependOnClassesThat().resideInAPackage("dev.wharf.storage.filesystem")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackages("dev.wharf.storage", "dev.wharf.storage.inmemory")
                .should().dependOnClassesThat().resideInAPackage("dev.wharf.storage.inmemory")
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackages("dev.wharf.storage", "dev.wharf.storage.s3")
                .should().dependOnClassesThat().resideInAPackage("dev.wharf.storage.s3")
                .check(CLASSES);
    }

    @Test
    void onlyTheS3DriverKnowsTheAwsSdk() {
        noClasses().that().resideOutsideOfPackage("dev.wharf.storage.s3")
                .should().dependOnClassesThat().resideInAPackage("software.amazon..")
                .check(CLASSES);
    }

    @Test
    void notificationsKnowNoRequestsNorStorage() {
        noClasses().that().resideInAPackage("dev.wharf.notifications..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wharf.api..", "dev.wharf.store..",
                        "dev.wharf.storage..", "dev.wharf.auth..", "jakarta.ws.rs..", "io.vertx..")
                .check(CLASSES);
    }

    @Test
    void leavesImportNoOtherLayer() {
        noClasses().that().resideInAnyPackage("dev.wharf.model..", "dev.wharf.error..", "dev.wharf.config..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.store..", "dev.wharf.storage..", "dev.wharf.api..",
                        "dev.wharf.notifications..")
                .check(CLASSES);
    }
}
