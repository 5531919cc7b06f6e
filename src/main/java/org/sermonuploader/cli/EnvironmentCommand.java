package org.sermonuploader.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command with the shared options that reads its settings from the environment it is given. */
abstract class EnvironmentCommand implements Callable<Integer>, Cli.NeedsEnvironment {
  @Mixin CommonOptions options = new CommonOptions();
  @Spec CommandSpec spec;
  Map<String, String> env = System.getenv();

  @Override
  public void environment(Map<String, String> env) {
    this.env = env;
  }
}
