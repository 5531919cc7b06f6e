package org.sermonuploader.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages stand in floors: the vocabulary (model: the plain states, snapshots and records the
 * faces show) under everything, then concurrent, config, media and memory, the engine above them,
 * the journal (the engine's job store) and the services around the engine (library, notify, status,
 * usb, watch) above it, app (which wires them) above those, and the two faces, window and command
 * line, at the top, started by {@code Main}. A package only uses the floors below it, so no two
 * packages need each other.
 */
class PackageStructureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.sermonuploader");

  @Test
  void noPackagesNeedEachOther() {
    slices().matching("org.sermonuploader.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theVocabularyUsesNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("org.sermonuploader.model..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("org.sermonuploader..")
                .and(not(resideInAPackage("org.sermonuploader.model.."))))
        .check(MAIN);
  }

  /**
   * The command line reaches the rest through the use cases in app: besides its own package, only
   * app, config and the model.
   */
  @Test
  void theCommandLineUsesOnlyTheUseCases() {
    noClasses()
        .that()
        .resideInAPackage("org.sermonuploader.cli..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("org.sermonuploader..")
                .and(
                    not(
                        resideInAnyPackage(
                            "org.sermonuploader.cli..",
                            "org.sermonuploader.app..",
                            "org.sermonuploader.config..",
                            "org.sermonuploader.model.."))))
        .check(MAIN);
  }

  /**
   * The window reaches the rest the same way: besides its own packages, only app, config and the
   * model.
   */
  @Test
  void theWindowUsesOnlyTheUseCases() {
    noClasses()
        .that()
        .resideInAPackage("org.sermonuploader.ui..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("org.sermonuploader..")
                .and(
                    not(
                        resideInAnyPackage(
                            "org.sermonuploader.ui..",
                            "org.sermonuploader.app..",
                            "org.sermonuploader.config..",
                            "org.sermonuploader.model.."))))
        .check(MAIN);
  }

  @Test
  void eachFloorUsesOnlyTheFloorsBelow() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Vocabulary")
        .definedBy("org.sermonuploader.model..")
        .layer("Foundation")
        .definedBy(
            "org.sermonuploader.bandwidth..",
            "org.sermonuploader.concurrent..",
            "org.sermonuploader.config..",
            "org.sermonuploader.media..",
            "org.sermonuploader.memory..")
        .layer("Engine")
        .definedBy("org.sermonuploader.engine..")
        .layer("Services")
        .definedBy(
            "org.sermonuploader.journal..",
            "org.sermonuploader.library..",
            "org.sermonuploader.notify..",
            "org.sermonuploader.status..",
            "org.sermonuploader.stations..",
            "org.sermonuploader.usb..",
            "org.sermonuploader.watch..")
        .layer("App")
        .definedBy("org.sermonuploader.app..")
        .layer("Window")
        .definedBy("org.sermonuploader.ui..")
        .layer("CommandLine")
        .definedBy("org.sermonuploader.cli..")
        .layer("Launcher")
        .definedBy("org.sermonuploader")
        .whereLayer("Vocabulary")
        .mayNotAccessAnyLayer()
        .whereLayer("Foundation")
        .mayOnlyAccessLayers("Vocabulary")
        .whereLayer("Engine")
        .mayOnlyAccessLayers("Vocabulary", "Foundation")
        .whereLayer("Services")
        .mayOnlyAccessLayers("Vocabulary", "Foundation", "Engine")
        .whereLayer("App")
        .mayOnlyAccessLayers("Vocabulary", "Foundation", "Engine", "Services")
        .whereLayer("Window")
        .mayOnlyAccessLayers("Vocabulary", "Foundation", "App")
        .whereLayer("CommandLine")
        .mayOnlyAccessLayers("Vocabulary", "Foundation", "App")
        .check(MAIN);
  }
}
