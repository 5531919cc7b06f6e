package org.sermonuploader.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine keeps its jobs through {@code engine.JobStore}; the journal implements it. So the
 * journal depends on the engine and never the other way round.
 */
class EngineAndJournalTest {
  private static final JavaClasses LOWER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(
              "org.sermonuploader.config",
              "org.sermonuploader.memory",
              "org.sermonuploader.journal",
              "org.sermonuploader.engine");

  @Test
  void theLowerPackagesAreFreeOfCycles() {
    slices().matching("org.sermonuploader.(*)..").should().beFreeOfCycles().check(LOWER);
  }

  @Test
  void theEngineKnowsNoJournal() {
    noClasses()
        .that()
        .resideInAPackage("org.sermonuploader.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.sermonuploader.journal..")
        .check(LOWER);
  }
}
