package dev.conduit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The main classes of every module, imported once per test JVM for every rule (tests are not: a test may reach
 * anywhere).
 */
final class MainClasses {
    private static JavaClasses classes;

    private MainClasses() {}

    static synchronized JavaClasses get() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.conduit");
        }
        return classes;
    }
}
