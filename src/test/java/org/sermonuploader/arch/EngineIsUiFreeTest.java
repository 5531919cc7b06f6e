package org.sermonuploader.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine runs headless (CLI, status endpoint, tests): nothing outside ui/ may need JavaFX. */
class EngineIsUiFreeTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.sermonuploader");

  @Test
  void nothingButTheUiDependsOnJavafx() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.sermonuploader.ui..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("javafx..")
        .check(MAIN);
  }

  @Test
  void theEngineDoesNotReachIntoTheUiOrTheCli() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.sermonuploader.engine..",
            "org.sermonuploader.journal..",
            "org.sermonuploader.memory..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.sermonuploader.ui..", "org.sermonuploader.cli..")
        .check(MAIN);
  }
}
