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
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.List;

/**
 * The log: a rolling file in the data directory (10 MB a file, 14 days, 100 MB in all); the console
 * belongs to the CLI's own output. Set up in code rather than logback.xml: parsing the XML loaded
 * some 500 classes and took a tenth of a second of every start.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  private static final List<String> QUIET = List.of("org.gaul", "org.eclipse.jetty", "okhttp3");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    String dir =
        System.getProperty(
            "sermon.logdir",
            Path.of(System.getProperty("java.io.tmpdir"), "sermon-uploader-logs").toString());

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
    encoder.start();

    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(context);
    file.setName("FILE");
    file.setFile(Path.of(dir, "sermon-uploader.log").toString());
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

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(file);
    for (String name : QUIET) context.getLogger(name).setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
