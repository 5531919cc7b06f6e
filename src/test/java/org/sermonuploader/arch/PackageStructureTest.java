package org.sermonuploader.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.sermonuploader.engine.JobState;
import org.sermonuploader.engine.SermonDetails;

/**
 * The packages stand in floors: bandwidth, concurrent, config, journal, media and memory at the
 * bottom, the engine above them, the services around the engine (notify, status, usb, watch), app
 * (which wires them) above those, and the two faces, window and command line, at the top, started
 * by {@code Main}. A package only uses the floors below it, so no two packages need each other.
 */
class PackageStructureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.sermonuploader");

  /**
   * The journal still stores the engine's own {@link JobState} and {@link SermonDetails}, while the
   * engine takes the concrete journal: the one loop left, until the engine keeps its jobs behind a
   * store interface that the journal implements. Only these two types are excused, so any other
   * journal-to-engine use, and every other loop, still fails.
   */
  private static final DescribedPredicate<JavaClass> JOURNAL =
      resideInAPackage("org.sermonuploader.journal..");

  private static final DescribedPredicate<JavaClass> ENGINE_TYPES_IN_THE_JOURNAL =
      belongToAnyOf(JobState.class, SermonDetails.class);

  @Test
  void noPackagesNeedEachOther() {
    slices()
        .matching("org.sermonuploader.(*)..")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(JOURNAL, ENGINE_TYPES_IN_THE_JOURNAL)
        .check(MAIN);
  }

  @Test
  void eachFloorUsesOnlyTheFloorsBelow() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Foundation")
        .definedBy(
            "org.sermonuploader.bandwidth..",
            "org.sermonuploader.concurrent..",
            "org.sermonuploader.config..",
            "org.sermonuploader.journal..",
            "org.sermonuploader.media..",
            "org.sermonuploader.memory..")
        .layer("Engine")
        .definedBy("org.sermonuploader.engine..")
        .layer("Services")
        .definedBy(
            "org.sermonuploader.notify..",
            "org.sermonuploader.status..",
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
        .whereLayer("Foundation")
        .mayNotAccessAnyLayer()
        .whereLayer("Engine")
        .mayOnlyAccessLayers("Foundation")
        .whereLayer("Services")
        .mayOnlyAccessLayers("Foundation", "Engine")
        .whereLayer("App")
        .mayOnlyAccessLayers("Foundation", "Engine", "Services")
        .whereLayer("Window")
        .mayOnlyAccessLayers("Foundation", "Engine", "Services", "App")
        .whereLayer("CommandLine")
        .mayOnlyAccessLayers("Foundation", "Engine", "Services", "App")
        .ignoreDependency(JOURNAL, ENGINE_TYPES_IN_THE_JOURNAL)
        .check(MAIN);
  }
}
