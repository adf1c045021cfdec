package dev.descent.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependency rules of the code base; see ../shared/STYLE.md ("one direction of dependency"). */
@AnalyzeClasses(packages = "dev.descent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineImportsNoJavaFx = noClasses().that().resideInAPackage("dev.descent.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..", "org.jfree..")
            .because("the engine runs headless (CLI, tests, benchmarks) and must never wait on a window");

    @ArchTest
    static final ArchRule engineKnowsNothingAboveIt = noClasses().that().resideInAPackage("dev.descent.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.descent.experiment..", "dev.descent.cli..",
                    "dev.descent.ui..")
            .because("dependencies point one way: ui -> engine, cli -> engine, experiment -> engine");

    @ArchTest
    static final ArchRule experimentFilesKnowNoFrontEnd = noClasses().that().resideInAPackage("dev.descent.experiment..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.descent.cli..", "dev.descent.ui..", "javafx..")
            .because("the file format is shared by the command line and the window");

    @ArchTest
    static final ArchRule commandLineDoesNotUseTheWindow = noClasses().that().resideInAPackage("dev.descent.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.descent.ui..", "javafx..")
            .because("descent run must work on a machine without a display");

    @ArchTest
    static final ArchRule pyTorchExportKnowsNoFrontEnd = noClasses().that().resideInAPackage("dev.descent.export..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.descent.cli..", "dev.descent.ui..", "javafx..",
                    "org.controlsfx..", "atlantafx..", "org.jfree..")
            .because("descent export and the window's File > Export > PyTorch script share it, headless");

    @ArchTest
    static final ArchRule lessonsKnowNoFrontEnd = noClasses().that().resideInAPackage("dev.descent.lesson..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.descent.cli..", "dev.descent.ui..", "javafx..")
            .because("descent lesson check and the window's Check button judge a challenge with the same code");

    @ArchTest
    static final ArchRule viewModelsKnowNoNodes = noClasses().that().resideInAPackage("dev.descent.ui.model..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..",
                    "atlantafx..")
            .because("view-models expose properties, not nodes, and are tested without a stage (STYLE.md, JavaFX)");

    @ArchTest
    static final ArchRule enginePackagesHaveNoCycles = slices().matching("dev.descent.engine.(*)..").should()
            .beFreeOfCycles().because("each engine package builds on the ones below it");
}
