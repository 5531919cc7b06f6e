package org.sermonuploader.usb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The window uses these through plain listener interfaces; JavaFX stays in ui. */
class NoJavaFxTest {
  @Test
  void usbAndWatchFolderDoNotDependOnJavaFx() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sermonuploader.usb", "org.sermonuploader.watch");
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("javafx..")
        .allowEmptyShould(false)
        .check(classes);
  }
}
