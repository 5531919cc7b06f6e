package org.sermonuploader.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.sermonuploader.config.OwnerOnly;

/**
 * The log: a rolling file in the data directory (10 MB a file, 14 days, 100 MB in all); the console
 * belongs to the CLI's own output. Set up in code rather than logback.xml: parsing the XML loaded
 * some 500 classes and took a tenth of a second of every start.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  private static final List<String> QUIET = List.of("org.gaul", "org.eclipse.jetty", "okhttp3");
  private static final String FILE_NAME = "sermon-uploader.log";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    // logback prints its own problems, stack traces and all, on the console unless told otherwise
    context.getStatusManager().add(new NopStatusListener());
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    for (String name : QUIET) context.getLogger(name).setLevel(Level.WARN);
    Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "sermon-uploader-logs");
    // a data folder that can't be written (owned by root after a sudo run) is the CLI's to report
    String dir =
        List.of(Path.of(System.getProperty("sermon.logdir", fallback.toString())), fallback)
            .stream()
            .filter(LogSetup::usable)
            .findFirst()
            .map(Path::toString)
            .orElse(null);
    if (dir == null) return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
    encoder.start();

    RollingFileAppender<ILoggingEvent> file = new OwnerOnlyFileAppender();
    file.setContext(context);
    file.setName("FILE");
    file.setFile(Path.of(dir, FILE_NAME).toString());
    file.setEncoder(encoder);

    SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
    rolling.setContext(context);
    rolling.setParent(file);
    rolling.setFileNamePattern(Path.of(dir, "sermon-uploader.%d{yyyy-MM-dd}.%i.log.gz").toString());
    rolling.setMaxFileSize(FileSize.valueOf("10MB"));
    rolling.setMaxHistory(14);
    rolling.setTotalSizeCap(FileSize.valueOf("100MB"));
    rolling.start();
    file.setRollingPolicy(rolling);
    file.start();

    root.addAppender(file);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Makes the folder (0700), keeps the logs in it to their owner, and says whether it can write.
   */
  private static boolean usable(Path dir) {
    try {
      OwnerOnly.folder(dir);
      try (Stream<Path> logs = Files.list(dir)) {
        logs.forEach(OwnerOnly::tighten);
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    Path current = dir.resolve(FILE_NAME);
    return Files.isWritable(dir) && (!Files.exists(current) || Files.isWritable(current));
  }

  /** Each log file it opens, the current one and each after a roll, is 0600 like the journal. */
  private static final class OwnerOnlyFileAppender extends RollingFileAppender<ILoggingEvent> {
    @Override
    public void openFile(String fileName) throws IOException {
      super.openFile(fileName);
      OwnerOnly.tighten(Path.of(fileName));
    }
  }
}
